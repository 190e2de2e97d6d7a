//! `lightbulb train`, run as a binary.

mod common;
use common::{dir, fails, ok_json, run, write};
use lightbulb_core::Model;
use serde_json::Value;

fn model_at(path: &std::path::Path) -> Model {
    let text = std::fs::read_to_string(path).expect("model file written");
    Model::from_json(&text).expect("a valid model file")
}

#[test]
fn writes_a_model_file_that_eval_reads() {
    let d = dir("train_out");
    let out = d.join("m.json");
    let out_s = out.to_string_lossy().into_owned();
    let r = run(&[
        "train",
        "--dataset",
        "xor",
        "--epochs",
        "3",
        "--out",
        &out_s,
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout.is_empty(),
        "the model goes to the file: {}",
        r.stdout
    );
    assert!(
        r.stderr
            .starts_with("trained 3 epochs (75 steps in all): train loss "),
        "{}",
        r.stderr
    );
    let model = model_at(&out);
    assert_eq!(model.network.sizes(), vec![2, 4, 2, 1]);
    assert_eq!(model.features.map(|f| f.names()), Some(vec!["x1", "x2"]));
    let batch = write(
        &d,
        "b.json",
        r#"{"inputs": [[1, 1], [-1, 1]], "targets": [[1], [-1]]}"#,
    );
    let e = ok_json(&["eval", "--model", &out_s, "--batch", &batch]);
    assert_eq!(e["outputs"].as_array().map(Vec::len), Some(2));
    assert!(e["loss"].as_f64().is_some_and(f64::is_finite));
}

#[test]
fn the_example_command_line_builds_what_it_says() {
    let d = dir("train_example");
    let out = d.join("model.json");
    let out_s = out.to_string_lossy().into_owned();
    let r = run(&[
        "train",
        "--dataset",
        "spiral",
        "--layers",
        "8,8,8",
        "--activation",
        "tanh",
        "--loss",
        "bce",
        "--optimizer",
        "adam",
        "--lr",
        "0.01",
        "--epochs",
        "2",
        "--seed",
        "7",
        "--out",
        &out_s,
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let model = model_at(&out);
    assert_eq!(model.network.sizes(), vec![2, 8, 8, 8, 1]);
    assert_eq!(model.network.output_activation().name(), "sigmoid");
    assert!(model.network.layers()[..3]
        .iter()
        .all(|l| l.activation.name() == "tanh"));
    assert_eq!(model.training.loss.name(), "bce");
    assert_eq!(model.training.optimizer.name(), "adam");
    assert_eq!(model.training.learning_rate, 0.01);
    assert_eq!(model.seed, 7);
    assert_eq!(
        model.state.map(|s| s.steps),
        Some(50),
        "Adam state is saved"
    );
}

#[test]
fn json_summary_has_the_history_and_the_model() {
    let doc = ok_json(&[
        "train",
        "--dataset",
        "gauss",
        "--epochs",
        "20",
        "--layers",
        "3",
        "--json",
    ]);
    assert_eq!(doc["epochs"], 20);
    assert_eq!(doc["steps"], 500);
    assert!(doc["diverged"].is_null());
    let history = doc["history"].as_array().expect("history");
    let epochs: Vec<u64> = history.iter().filter_map(|r| r["epoch"].as_u64()).collect();
    assert_eq!(epochs, (1..=20).collect::<Vec<u64>>());
    // Two well separated clouds: twenty epochs learn them.
    let accuracy = doc["final"]["test_accuracy"].as_f64().expect("accuracy");
    assert!(accuracy >= 0.95, "test accuracy {accuracy}");
    let first = history[0]["train_loss"].as_f64().expect("loss");
    let last = doc["final"]["train_loss"].as_f64().expect("loss");
    assert!(last < first, "loss {first} → {last}");
    let model = Model::from_value(&doc["model"]).expect("a valid model");
    assert_eq!(model.network.sizes(), vec![2, 3, 1]);
}

#[test]
fn the_seed_decides_everything() {
    let args = |seed: &'static str| {
        [
            "train", "--epochs", "2", "--json", "--points", "100", "--seed", seed,
        ]
    };
    let a = ok_json(&args("5"));
    let b = ok_json(&args("5"));
    let c = ok_json(&args("6"));
    assert_eq!(a, b);
    assert_ne!(a["model"], c["model"]);
}

#[test]
fn a_resumed_session_continues_bit_for_bit() {
    let d = dir("train_resume");
    let path = |f: &str| d.join(f).to_string_lossy().into_owned();
    let (session, half, whole) = (path("s.json"), path("half.json"), path("whole.json"));
    let base = [
        "--dataset",
        "moons",
        "--optimizer",
        "momentum",
        "--points",
        "200",
    ];
    let mut first = vec![
        "train",
        "--epochs",
        "2",
        "--session",
        &session,
        "--out",
        &half,
    ];
    first.extend(base);
    assert_eq!(run(&first).code, Some(0));
    let resumed = ok_json(&["train", "--resume", &session, "--epochs", "2", "--json"]);
    assert_eq!(resumed["total_epochs"], 4);
    let mut straight = vec!["train", "--epochs", "4", "--out", &whole];
    straight.extend(base);
    assert_eq!(run(&straight).code, Some(0));
    let whole_model: Value =
        serde_json::from_str(&std::fs::read_to_string(&whole).expect("read")).expect("json");
    assert_eq!(resumed["model"], whole_model);
}

#[test]
fn a_diverging_run_exits_3_and_still_writes_the_model() {
    let d = dir("train_diverge");
    let out = d.join("m.json");
    let out_s = out.to_string_lossy().into_owned();
    let r = run(&[
        "train",
        "--dataset",
        "plane",
        "--activation",
        "relu",
        "--lr",
        "1000000",
        "--epochs",
        "5",
        "--out",
        &out_s,
    ]);
    assert_eq!(r.code, Some(3), "{}", r.stderr);
    let last = r.stderr.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("error: training diverged at step "),
        "{}",
        r.stderr
    );
    assert!(last.contains("the model written is the one from before that step"));
    model_at(&out);
}

#[test]
fn bad_flags_and_files_exit_2_with_one_line() {
    let d = dir("train_bad");
    let model = write(
        &d,
        "m.json",
        &lightbulb_core::Model::from_value(
            &ok_json(&["train", "--epochs", "1", "--json"])["model"],
        )
        .expect("model")
        .to_json(),
    );
    let broken = write(&d, "broken.json", "{\"format\": ");
    let missing = d.join("none.json").to_string_lossy().into_owned();
    let cases: [(&[&str], &str); 9] = [
        (
            &["train", "--dataset", "spirals"],
            "--dataset: unknown dataset \"spirals\"",
        ),
        (
            &["train", "--lr", "quick"],
            "--lr: expected a number, got \"quick\"",
        ),
        (
            &["train", "--epochs", "0"],
            "--epochs must be between 1 and 100000",
        ),
        (
            &["train", "--layers", "8,,8"],
            "--layers: expected neuron counts",
        ),
        (
            &["train", "--layers", "300"],
            "neurons in layer 1 must be between 1 and 256",
        ),
        (&["train", "--resume", &missing], "none.json: no such file"),
        (
            &["train", "--resume", &broken],
            "broken.json: not valid JSON",
        ),
        (
            &["train", "--resume", &model],
            "m.json: (root): unknown key",
        ),
        (&["train", "--out"], "--out needs a value (M.json)"),
    ];
    for (args, needle) in cases {
        fails(args, 2, needle);
    }
}
