//! Session files round-trip exactly and continue bit for bit; bad ones are rejected.

use lightbulb_core::{DatasetKind, DatasetParams, OptimizerKind, Session, SessionConfig};
use serde_json::{json, Value};

type Edit = Box<dyn Fn(&mut Value)>;

fn trained() -> Session {
    let mut c = SessionConfig {
        dataset: DatasetParams::new(DatasetKind::Moons).with_seed(5),
        ..SessionConfig::default()
    };
    c.training.optimizer = OptimizerKind::Adam;
    c.training.learning_rate = 0.01;
    c.training.batch_size = 7;
    let mut s = Session::new(c).unwrap();
    s.epoch_run().unwrap();
    for _ in 0..5 {
        s.step().unwrap();
    }
    s.add_point(0.5, -0.5, 1.0, true).unwrap();
    s.step().unwrap();
    s
}

#[test]
fn a_saved_session_reopens_exactly_and_continues_identically() {
    let mut a = trained();
    let text = a.to_json();
    let mut b = Session::from_json(&text).unwrap();
    assert_eq!(b.to_json(), text);
    assert_eq!(b.epoch(), a.epoch());
    assert_eq!(b.steps(), a.steps());
    assert_eq!(b.cursor(), a.cursor());
    assert_eq!(b.history(), a.history());
    assert_eq!(b.data(), a.data());
    for _ in 0..40 {
        a.step().unwrap();
        b.step().unwrap();
    }
    assert_eq!(a.network(), b.network());
    assert_eq!(a.to_json(), b.to_json());
}

#[test]
fn bad_session_files_are_rejected_with_paths() {
    let good: Value = serde_json::from_str(&trained().to_json()).unwrap();
    let cases: Vec<(Edit, &str)> = vec![
        (
            Box::new(|d| d["format"] = json!("lightbulb-model")),
            "format",
        ),
        (Box::new(|d| d["version"] = json!(9)), "version"),
        (
            Box::new(|d| d["model"]["layers"][0]["weights"][0][0] = json!("Infinity")),
            "model.layers[0].weights[0][0]",
        ),
        (
            Box::new(|d| d["dataset"]["kind"] = json!("donut")),
            "dataset",
        ),
        (Box::new(|d| d["dataset"]["noise"] = json!(80)), "dataset"),
        (
            Box::new(|d| d["points"]["train"][0] = json!([1, 2])),
            "points.train[0]",
        ),
        (
            Box::new(|d| d["points"]["train"][0] = json!([99, 2, 1])),
            "points",
        ),
        (Box::new(|d| d["points"]["test"][0][2] = json!(7)), "points"),
        (
            Box::new(|d| d["counters"]["cursor"] = json!(100000)),
            "counters.cursor",
        ),
        (
            Box::new(|d| d["counters"]["epoch"] = json!(-3)),
            "counters.epoch",
        ),
        (Box::new(|d| d["history"] = json!("lots")), "history"),
        (
            Box::new(|d| d["model"]["loss"] = json!("softmax_ce")),
            "model.loss",
        ),
        (Box::new(|d| d["init"] = json!("glorot")), "init"),
        (
            Box::new(|d| {
                d["model"].as_object_mut().unwrap().remove("features");
            }),
            "features",
        ),
        (Box::new(|d| d["surprise"] = json!(true)), "surprise"),
    ];
    for (edit, needle) in cases {
        let mut doc = good.clone();
        edit(&mut doc);
        let err = Session::from_json(&doc.to_string())
            .expect_err(needle)
            .to_string();
        assert!(err.contains(needle), "{err:?} should mention {needle:?}");
    }
}
