//! The model file round-trips exactly, and every kind of invalid file is
//! rejected with its own message naming the offending path.

use lightbulb_core::{
    Activation, FeatureSet, Loss, Model, Network, NetworkSpec, OptimizerKind, Trainer,
    TrainingConfig,
};
use ndarray::Array2;
use serde_json::{json, Value};

const EXAMPLE: &str = r#"{
  "format": "lightbulb-model", "version": 1,
  "features": ["x1", "x2"],
  "layers": [
    {"activation": "tanh", "weights": [[0.1, -0.2], [0.3, 0.4]], "biases": [0.1, 0.1]},
    {"activation": "tanh", "weights": [[0.5, -0.6]], "biases": [0.1]}
  ],
  "loss": "mse",
  "training": {"optimizer": "sgd", "learning_rate": 0.03, "regularization": "none", "regularization_rate": 0.0, "batch_size": 10, "seed": 1}
}"#;

fn bits(m: &Model) -> Vec<u64> {
    m.network
        .layers()
        .iter()
        .flat_map(|l| l.weights.iter().chain(l.biases.iter()).map(|w| w.to_bits()))
        .collect()
}

#[test]
fn the_documented_example_reads() {
    let m = Model::from_json(EXAMPLE).unwrap();
    assert_eq!(m.network.sizes(), vec![2, 2, 1]);
    assert_eq!(m.network.layers()[0].weights[[0, 1]], -0.2);
    assert_eq!(m.training.learning_rate, 0.03);
    assert_eq!(m.features.unwrap().names(), vec!["x1", "x2"]);
}

#[test]
fn trained_models_round_trip_bit_for_bit() {
    for kind in OptimizerKind::ALL {
        let net = Network::new(
            &NetworkSpec::new(2, &[5, 3], Activation::Tanh, 1, Activation::Sigmoid).seed(4),
        )
        .unwrap();
        let config = TrainingConfig {
            loss: Loss::Bce,
            optimizer: kind,
            learning_rate: 0.1,
            ..TrainingConfig::default()
        };
        let mut t = Trainer::new(net, config).unwrap();
        let x = Array2::from_shape_fn((10, 2), |(r, c)| {
            (r as f64 / 3.0 - 1.1).sin() * (c as f64 + 0.7)
        });
        let y = Array2::from_shape_fn((10, 1), |(r, _)| (r % 2) as f64);
        for _ in 0..7 {
            t.step(x.view(), y.view()).unwrap();
        }
        let m = Model::from_trainer(&t, Some(FeatureSet::default()), 42);
        let text = m.to_json();
        let back = Model::from_json(&text).unwrap();
        assert_eq!(bits(&m), bits(&back));
        assert_eq!(m, back, "{kind:?}");
        assert_eq!(back.to_json(), text);
        // A trainer restored from the file continues exactly like the original.
        let mut restored = back.trainer().unwrap();
        t.step(x.view(), y.view()).unwrap();
        restored.step(x.view(), y.view()).unwrap();
        assert_eq!(
            t.network(),
            restored.network(),
            "{kind:?} continues identically"
        );
    }
}

fn example() -> Value {
    serde_json::from_str(EXAMPLE).unwrap()
}

fn reject(doc: &Value, needles: &[&str]) -> String {
    let err = Model::from_value(doc)
        .expect_err("must be rejected")
        .to_string();
    for n in needles {
        assert!(err.contains(n), "error {err:?} should contain {n:?}");
    }
    err
}

#[test]
fn invalid_files_are_rejected_with_specific_messages() {
    let mut messages = Vec::new();
    let mut case = |edit: &dyn Fn(&mut Value), needles: &[&str]| {
        let mut doc = example();
        edit(&mut doc);
        messages.push(reject(&doc, needles));
    };
    case(
        &|d| d["format"] = json!("something-else"),
        &["format", "lightbulb-model"],
    );
    case(&|d| d["version"] = json!(2), &["version", "2"]);
    case(&|d| d["version"] = json!(-1), &["version"]);
    case(
        &|d| {
            d.as_object_mut()
                .unwrap()
                .remove("layers")
                .map(|_| ())
                .unwrap()
        },
        &["layers", "missing"],
    );
    case(&|d| d["layers"] = json!([]), &["layers", "at least one"]);
    case(
        &|d| d["layers"][1]["activation"] = json!("swish"),
        &["layers[1].activation", "swish"],
    );
    case(
        &|d| d["layers"][0]["weights"][1] = json!([0.3]),
        &["layers[0].weights[1]", "1 entries"],
    );
    case(
        &|d| d["layers"][0]["weights"][0][1] = json!("NaN"),
        &["layers[0].weights[0][1]", "NaN"],
    );
    case(
        &|d| d["layers"][0]["weights"][0][0] = json!(null),
        &["layers[0].weights[0][0]", "null"],
    );
    case(
        &|d| d["layers"][1]["weights"] = json!([[0.5, -0.6, 0.7]]),
        &["layers[1].weights", "previous layer"],
    );
    case(
        &|d| d["layers"][0]["biases"] = json!([0.1]),
        &["layers[0].biases", "2 neurons"],
    );
    case(
        &|d| d["layers"][0]["activation"] = json!("softmax"),
        &["softmax", "output layer only"],
    );
    case(&|d| d["loss"] = json!("hinge"), &["loss", "hinge"]);
    case(&|d| d["loss"] = json!("bce"), &["loss", "sigmoid"]);
    case(
        &|d| d["training"]["optimizer"] = json!("rmsprop"),
        &["training.optimizer", "rmsprop"],
    );
    case(
        &|d| d["training"]["learning_rate"] = json!(-0.5),
        &["learning rate", "-0.5"],
    );
    case(
        &|d| d["training"]["batch_size"] = json!(0),
        &["batch size", "0"],
    );
    case(
        &|d| d["training"]["batch_size"] = json!(2.5),
        &["training.batch_size", "2.5"],
    );
    case(
        &|d| d["training"]["seed"] = json!("one"),
        &["training.seed"],
    );
    case(
        &|d| d["training"]["regularization"] = json!("l3"),
        &["training.regularization", "l3"],
    );
    case(
        &|d| d["features"] = json!(["x1", "cosine"]),
        &["features", "cosine"],
    );
    case(
        &|d| d["features"] = json!(["x1"]),
        &["layers[0].weights", "number of features is 1"],
    );
    case(
        &|d| d["features"] = json!(["x2", "x1"]),
        &["features", "order"],
    );
    case(&|d| d["extra"] = json!(1), &["unknown key", "extra"]);
    case(
        &|d| {
            d["layers"] = json!(vec![
                json!({"activation": "tanh", "weights": [[0.1, 0.1], [0.2, 0.2]], "biases": [0.0, 0.0]});
                18
            ])
        },
        &["hidden layers", "17"],
    );
    case(
        &|d| d["training"]["state"] = json!({"steps": 1, "layers": []}),
        &["training.state.layers", "2 layers"],
    );
    case(&|d| *d = json!([1, 2]), &["(root)", "object"]);
    messages.sort();
    messages.dedup();
    assert!(
        messages.len() >= 25,
        "messages should be distinct: {messages:#?}"
    );
}

#[test]
fn broken_json_and_huge_numbers_are_errors() {
    assert!(Model::from_json("{\"format\":")
        .unwrap_err()
        .to_string()
        .contains("not valid JSON"));
    assert!(Model::from_json("").is_err());
    let huge = EXAMPLE.replace("0.5, -0.6", "1e400, -0.6");
    assert!(Model::from_json(&huge).is_err());
}

#[test]
fn a_model_without_features_uses_raw_inputs() {
    let mut doc = example();
    doc.as_object_mut().unwrap().remove("features");
    doc["layers"][0]["weights"] = json!([[0.1, -0.2, 0.3], [0.3, 0.4, 0.5]]);
    let m = Model::from_value(&doc).unwrap();
    assert_eq!(m.network.inputs(), 3);
    assert!(m.features.is_none());
    assert!(!m.to_json().contains("features"));
}
