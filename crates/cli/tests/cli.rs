//! Runs the built `lightbulb` binary on temporary files.

use lightbulb_core::{Activation, FeatureSet, Model, Network, NetworkSpec, StepOutcome};
use ndarray::array;
use serde_json::{json, Value};

mod common;
use common::{dir, fails, ok_json, run, write};

fn num(v: &Value) -> f64 {
    v.as_f64()
        .unwrap_or_else(|| panic!("expected a number, got {v}"))
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-12, "{a} vs {b}");
}

/// One linear neuron, MSE, SGD with rate `lr`; `features` as a JSON list or absent.
fn linear_model(w: [f64; 2], b: f64, lr: f64, features: Option<Value>) -> String {
    let mut m = json!({
        "format": "lightbulb-model", "version": 1,
        "layers": [{"activation": "linear", "weights": [w], "biases": [b]}],
        "loss": "mse",
        "training": {"optimizer": "sgd", "learning_rate": lr, "regularization": "none",
                     "regularization_rate": 0.0, "batch_size": 1, "seed": 42}
    });
    if let Some(f) = features {
        m["features"] = f;
    }
    m.to_string()
}

#[test]
fn step_of_one_linear_neuron_matches_the_hand_computation() {
    let d = dir("step_linear");
    let model = write(&d, "m.json", &linear_model([0.5, -0.25], 0.1, 0.1, None));
    let batch = write(
        &d,
        "b.json",
        r#"{"inputs": [[1, 2], [3, -1]], "targets": [[1], [0]]}"#,
    );
    let out = ok_json(&["step", "--model", &model, "--batch", &batch]);
    // a = w·x + b: 0.5 − 0.5 + 0.1 = 0.1 and 1.5 + 0.25 + 0.1 = 1.85.
    // a − y = −0.9 and 1.85. Mean gradient over the two rows (one update):
    //   ∂w = (−0.9·(1, 2) + 1.85·(3, −1)) / 2 = (2.325, −1.825),  ∂b = 0.475.
    // w − η∂w = (0.5 − 0.2325, −0.25 + 0.1825), b − η∂b = 0.1 − 0.0475.
    let layer = &out["layers"][0];
    close(num(&layer["weights"][0][0]), 0.2675);
    close(num(&layer["weights"][0][1]), -0.0675);
    close(num(&layer["biases"][0]), 0.0525);
    // The rest of the model file is kept; batch_size 1 did not split the batch.
    assert_eq!(out["training"]["seed"], 42);
    assert_eq!(out["training"]["batch_size"], 1);
    assert_eq!(out["format"], "lightbulb-model");
    assert!(out.get("features").is_none());
    // And the output is a valid model file.
    assert!(Model::from_value(&out).is_ok());
}

#[test]
fn step_transforms_points_with_the_models_features() {
    let d = dir("step_features");
    let features = json!(["x1_sq", "x1_x2"]);
    let model = write(
        &d,
        "m.json",
        &linear_model([0.1, 0.2], 0.0, 0.5, Some(features.clone())),
    );
    let batch = write(&d, "b.json", r#"{"inputs": [[2, 3]], "targets": [[2]]}"#);
    let out = ok_json(&["step", "--model", &model, "--batch", &batch, "--trace"]);
    // (2, 3) → (x1², x1·x2) = (4, 6); a = 0.4 + 1.2 = 1.6; a − y = −0.4.
    // w − 0.5·(−0.4)·(4, 6) = (0.1 + 0.8, 0.2 + 1.2); b = 0 + 0.5·0.4.
    assert_eq!(out["trace"]["inputs"], json!([[4.0, 6.0]]));
    let layer = &out["model"]["layers"][0];
    close(num(&layer["weights"][0][0]), 0.9);
    close(num(&layer["weights"][0][1]), 1.4);
    close(num(&layer["biases"][0]), 0.2);
    assert_eq!(out["model"]["features"], features);
    close(num(&out["trace"]["loss"]), 0.5 * 0.4 * 0.4);
}

#[test]
fn eval_prints_outputs_and_the_loss_by_hand() {
    let d = dir("eval");
    let model = write(&d, "m.json", &linear_model([0.5, -0.25], 0.1, 0.1, None));
    let batch = write(
        &d,
        "b.json",
        r#"{"inputs": [[1, 2], [3, -1]], "targets": [[1], [0]]}"#,
    );
    let out = ok_json(&["eval", "--model", &model, "--batch", &batch]);
    close(num(&out["outputs"][0][0]), 0.1);
    close(num(&out["outputs"][1][0]), 1.85);
    // MSE is ½(a − y)² averaged: (½·0.81 + ½·3.4225) / 2.
    close(num(&out["loss"]), (0.5 * 0.81 + 0.5 * 3.4225) / 2.0);

    let no_targets = write(&d, "x.json", r#"{"inputs": [[0, 0]]}"#);
    let out = ok_json(&["eval", "--model", &model, "--batch", &no_targets]);
    assert_eq!(out, json!({"outputs": [[0.1]]}));
}

/// A 2-3-1 tanh network with features [x1, x2].
fn small_model(optimizer: &str) -> (Model, String) {
    let spec = NetworkSpec::new(2, &[3], Activation::Tanh, 1, Activation::Tanh).seed(5);
    let network = Network::new(&spec).expect("network");
    let config = lightbulb_core::TrainingConfig {
        learning_rate: 0.3,
        optimizer: optimizer.parse().expect("optimizer"),
        ..Default::default()
    };
    let trainer = lightbulb_core::Trainer::new(network, config).expect("trainer");
    let model = Model::from_trainer(&trainer, Some(FeatureSet::default()), 5);
    let json = model.to_json();
    (model, json)
}

#[test]
fn trace_holds_every_array_with_its_shape() {
    let d = dir("trace");
    let (_, text) = small_model("sgd");
    let model = write(&d, "m.json", &text);
    let batch = write(
        &d,
        "b.json",
        r#"{"inputs": [[1, 2], [-1, 0.5], [0, -3], [2, 2]], "targets": [[1], [-1], [1], [-1]]}"#,
    );
    let out = ok_json(&["step", "--model", &model, "--batch", &batch, "--trace"]);
    let plain = ok_json(&["step", "--model", &model, "--batch", &batch]);
    assert_eq!(out["model"], plain, "--trace must not change the model");
    let trace = &out["trace"];
    assert_eq!(trace["targets"], json!([[1.0], [-1.0], [1.0], [-1.0]]));
    assert!(num(&trace["loss"]) > 0.0);
    let layers = trace["layers"].as_array().expect("layers");
    assert_eq!(layers.len(), 2);
    let dims = |v: &Value| -> (usize, usize) {
        let rows = v.as_array().expect("rows");
        let cols = rows[0].as_array().map_or(0, Vec::len);
        assert!(rows
            .iter()
            .all(|r| r.as_array().map(Vec::len) == Some(cols)));
        (rows.len(), cols)
    };
    for (layer, (neurons, inputs)) in layers.iter().zip([(3, 2), (1, 3)]) {
        for key in ["z", "a", "delta"] {
            assert_eq!(dims(&layer[key]), (4, neurons), "{key}");
        }
        for key in ["grad_w", "delta_w"] {
            assert_eq!(dims(&layer[key]), (neurons, inputs), "{key}");
        }
        for key in ["grad_b", "delta_b"] {
            assert_eq!(layer[key].as_array().map(Vec::len), Some(neurons), "{key}");
        }
        // SGD: the applied change is −η times the gradient.
        for (g, dw) in layer["grad_w"][0]
            .as_array()
            .expect("grad_w row")
            .iter()
            .zip(layer["delta_w"][0].as_array().expect("delta_w row"))
        {
            close(num(dw), -0.3 * num(g));
        }
        // a = tanh(z).
        close(num(&layer["a"][1][0]), num(&layer["z"][1][0]).tanh());
    }
}

#[test]
fn cli_step_equals_the_core_trainer_step_with_adam_state() {
    let d = dir("adam");
    let (model, text) = small_model("adam");
    let path = write(&d, "m.json", &text);
    let batch = write(
        &d,
        "b.json",
        r#"{"inputs": [[1, 2], [-1, 0.5], [0, -3]], "targets": [[1], [-1], [1]]}"#,
    );
    let once = ok_json(&["step", "--model", &path, "--batch", &batch]);
    let path2 = write(&d, "m2.json", &once.to_string());
    let twice = ok_json(&["step", "--model", &path2, "--batch", &batch]);

    let mut trainer = model.trainer().expect("trainer");
    let x = array![[1.0, 2.0], [-1.0, 0.5], [0.0, -3.0]];
    let y = array![[1.0], [-1.0], [1.0]];
    for _ in 0..2 {
        let outcome = trainer.step(x.view(), y.view()).expect("step");
        assert!(matches!(outcome, StepOutcome::Applied { .. }));
    }
    let expected = Model::from_trainer(&trainer, model.features, model.seed).to_value();
    assert_eq!(
        twice, expected,
        "bit-exact, Adam state carried through the file"
    );
    assert_eq!(twice["training"]["state"]["steps"], 2);
}

#[test]
fn class_targets_are_one_hot() {
    let d = dir("classes");
    let model = json!({
        "format": "lightbulb-model", "version": 1,
        "layers": [{"activation": "softmax", "weights": [[0.0, 0.0], [0.0, 0.0], [0.0, 0.0]],
                    "biases": [0.0, 0.0, 0.0]}],
        "loss": "softmax_ce",
        "training": {"optimizer": "sgd", "learning_rate": 0.5, "regularization": "none",
                     "regularization_rate": 0.0, "batch_size": 10, "seed": 1}
    });
    let model = write(&d, "m.json", &model.to_string());
    let by_class = write(
        &d,
        "c.json",
        r#"{"inputs": [[1, 0], [0, 1]], "targets": [{"class": 2}, {"class": 0}]}"#,
    );
    let by_row = write(
        &d,
        "r.json",
        r#"{"inputs": [[1, 0], [0, 1]], "targets": [[0, 0, 1], [1, 0, 0]]}"#,
    );
    let a = ok_json(&["step", "--model", &model, "--batch", &by_class, "--trace"]);
    let b = ok_json(&["step", "--model", &model, "--batch", &by_row, "--trace"]);
    assert_eq!(
        a["trace"]["targets"],
        json!([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]])
    );
    assert_eq!(a, b);
    // Zero weights: every class has probability 1/3, so the loss is ln 3.
    let e = ok_json(&["eval", "--model", &model, "--batch", &by_class]);
    close(num(&e["loss"]), 3f64.ln());
    close(num(&e["outputs"][0][1]), 1.0 / 3.0);
}

#[test]
fn a_diverged_step_exits_3_and_prints_no_model() {
    let d = dir("diverged");
    let model = write(&d, "m.json", &linear_model([1e10, 0.0], 0.0, 0.1, None));
    let batch = write(
        &d,
        "b.json",
        r#"{"inputs": [[1e300, 0]], "targets": [[0]]}"#,
    );
    fails(
        &["step", "--model", &model, "--batch", &batch],
        3,
        "training diverged: layer 1's activations grew past floating-point range; the model is unchanged",
    );
}

#[test]
fn eval_with_overflowing_outputs_exits_3() {
    let d = dir("eval_overflow");
    let model = write(&d, "m.json", &linear_model([1e10, 0.0], 0.0, 0.1, None));
    let batch = write(&d, "b.json", r#"{"inputs": [[0, 0], [1e300, 0]]}"#);
    fails(
        &["eval", "--model", &model, "--batch", &batch],
        3,
        "outputs for inputs[1]",
    );
}

#[test]
fn bad_input_exits_2_with_one_line_naming_the_problem() {
    let d = dir("bad");
    let model = write(&d, "m.json", &linear_model([0.5, -0.25], 0.1, 0.1, None));
    let points = write(
        &d,
        "p.json",
        &linear_model([0.5, -0.25], 0.1, 0.1, Some(json!(["x1", "x2_sq"]))),
    );
    let batch = |name: &str, text: &str| write(&d, name, text);
    let good = batch("good.json", r#"{"inputs": [[1, 2]], "targets": [[1]]}"#);
    let many: Vec<String> = (0..100_001).map(|_| "[0,0]".to_string()).collect();
    let too_many = batch(
        "many.json",
        &format!("{{\"inputs\": [{}]}}", many.join(",")),
    );
    let softmax = write(
        &d,
        "s.json",
        &json!({
            "format": "lightbulb-model", "version": 1,
            "layers": [{"activation": "softmax", "weights": [[0.0, 0.0], [0.0, 0.0]],
                        "biases": [0.0, 0.0]}],
            "loss": "softmax_ce",
            "training": {"optimizer": "sgd", "learning_rate": 0.5, "regularization": "none",
                         "regularization_rate": 0.0, "batch_size": 10, "seed": 1}
        })
        .to_string(),
    );
    let bad_model = write(
        &d,
        "bad_model.json",
        &linear_model([0.5, -0.25], 0.1, 0.1, None).replace("\"sgd\"", "\"sgdd\""),
    );
    let missing = d.join("nope.json").to_string_lossy().into_owned();
    let dir_path = d.to_string_lossy().into_owned();

    let cases: Vec<(String, String, &str)> = vec![
        (
            model.clone(),
            batch("1.json", r#"{"inputs": [[1, 2]"#),
            "not valid JSON",
        ),
        (
            model.clone(),
            batch("2.json", r#"{"targets": [[1]]}"#),
            "inputs: is missing",
        ),
        (
            model.clone(),
            batch("3.json", r#"{"inputs": [[1, 2], [3, 4, 5]]}"#),
            "inputs[1]: has 3 values, but inputs[0] has 2; rows must all be the same length",
        ),
        (
            model.clone(),
            batch(
                "4.json",
                r#"{"inputs": [[1, 2], [3, 4], [5, 6], [7, "NaN"]]}"#,
            ),
            "inputs[3][1]: must be a finite number, got the string \"NaN\"",
        ),
        (
            model.clone(),
            batch("5.json", r#"{"inputs": [[1, 2, 3]]}"#),
            "inputs[0]: has 3 values, but the network has 2 inputs",
        ),
        (
            points.clone(),
            batch("6.json", r#"{"inputs": [[1, 2, 3]]}"#),
            "inputs[0]: has 3 values, but the model's features take points (x1, x2)",
        ),
        (
            softmax.clone(),
            batch(
                "7.json",
                r#"{"inputs": [[1, 2]], "targets": [{"class": 2}]}"#,
            ),
            "targets[0].class: class 2 is out of range",
        ),
        (
            model.clone(),
            batch(
                "8.json",
                r#"{"inputs": [[1, 2], [3, 4]], "targets": [[1]]}"#,
            ),
            "targets: has 1 row, but inputs has 2 rows",
        ),
        (missing.clone(), good.clone(), "nope.json: no such file"),
        (model.clone(), missing.clone(), "nope.json: no such file"),
        (
            bad_model,
            good.clone(),
            "training.optimizer: unknown optimizer \"sgdd\"",
        ),
        (
            model.clone(),
            batch("9.json", r#"{"inputs": []}"#),
            "inputs: is empty",
        ),
        (
            model.clone(),
            too_many,
            "inputs: has 100001 rows; at most 100000",
        ),
        (
            model.clone(),
            batch(
                "10.json",
                r#"{"inputs": [[1, 2]], "targets": [{"class": 0}]}"#,
            ),
            "targets[0]: {\"class\": k} targets need a softmax output layer",
        ),
        (
            model.clone(),
            batch("11.json", r#"{"inputs": [[1, 2]], "target": [[1]]}"#),
            "(root): unknown key \"target\"",
        ),
        (
            points.clone(),
            batch("12.json", r#"{"inputs": [[0, 1e200]], "targets": [[1]]}"#),
            "inputs[0]: feature x2_sq of this point is not a finite number",
        ),
        (
            model.clone(),
            batch("13.json", r#"{"inputs": [[1, 2]], "targets": [[1, 2]]}"#),
            "targets[0]: has 2 values, but the network has 1 output",
        ),
        (
            model.clone(),
            batch("14.json", "[1, 2]"),
            "(root): expected an object, got a list",
        ),
        (
            model.clone(),
            batch("15.json", r#"{"inputs": [[1, 1e999]]}"#),
            "not valid JSON",
        ),
        (model.clone(), dir_path, "cannot read"),
        (good.clone(), good.clone(), "unknown key \"inputs\""),
    ];
    for (m, b, needle) in &cases {
        for command in ["step", "eval"] {
            fails(&[command, "--model", m, "--batch", b], 2, needle);
        }
    }
    // Only `step` needs targets.
    let no_targets = batch("16.json", r#"{"inputs": [[1, 2]]}"#);
    fails(
        &["step", "--model", &model, "--batch", &no_targets],
        2,
        "targets: is missing; a training step needs targets",
    );
    // Not UTF-8.
    let binary = d.join("bin.json");
    std::fs::write(&binary, [b'{', 0xff, 0xfe, b'}']).expect("write");
    let binary = binary.to_string_lossy().into_owned();
    fails(
        &["eval", "--model", &model, "--batch", &binary],
        2,
        "not UTF-8",
    );
}

#[test]
fn bad_arguments_exit_2_with_a_usage_line() {
    let cases: [(&[&str], &str); 7] = [
        (
            &["step", "--model", "m", "--batch", "b", "--lr", "0.1"],
            "unknown flag \"--lr\"",
        ),
        (&["eval", "--model", "m"], "missing --batch B.json"),
        (
            &["step", "--batch", "b", "--model"],
            "--model needs a value",
        ),
        (
            &["eval", "--model", "m", "--batch", "b", "--trace"],
            "unknown flag \"--trace\"",
        ),
        (&["frobnicate"], "unknown command \"frobnicate\""),
        (&[], "no command given"),
        (
            &["eval", "--model", "m", "--batch", "b", "extra"],
            "unexpected argument \"extra\"",
        ),
    ];
    for (args, needle) in cases {
        fails(args, 2, needle);
        let r = run(args);
        assert!(r.stderr.contains("usage: lightbulb"), "{}", r.stderr);
    }
}

#[test]
fn every_command_has_help() {
    for args in [
        &["--help"][..],
        &["help"],
        &["step", "--help"],
        &["eval", "-h"],
        &["help", "step"],
        &["train", "--help"],
    ] {
        let r = run(args);
        assert_eq!(r.code, Some(0), "{args:?}: {}", r.stderr);
        assert!(r.stdout.starts_with("usage: lightbulb"), "{}", r.stdout);
    }
    let step = run(&["step", "--help"]).stdout;
    for key in [
        "\"model\"",
        "\"trace\"",
        "\"inputs\"",
        "\"targets\"",
        "\"loss\"",
        "\"layers\"",
        "\"z\"",
        "\"a\"",
        "\"delta\"",
        "\"grad_w\"",
        "\"grad_b\"",
        "\"delta_w\"",
        "\"delta_b\"",
        "training diverged",
        "exit code is 3",
        "{\"class\": k}",
    ] {
        assert!(step.contains(key), "step help should document {key}");
    }
    assert!(run(&["eval", "--help"]).stdout.contains("{\"outputs\""));
}

#[test]
fn eval_of_a_large_batch_runs_in_chunks_with_the_same_loss() {
    let d = dir("eval_large");
    let model = write(&d, "m.json", &linear_model([1.0, 0.0], 0.0, 0.1, None));
    // 2,500 rows (more than one chunk): a = x1 = k / 1000, target 0,
    // so the loss is the mean of ½(k/1000)².
    let n = 2500;
    let rows: Vec<String> = (0..n)
        .map(|k| format!("[{}, 0]", k as f64 / 1000.0))
        .collect();
    let targets = vec!["[0]"; n].join(",");
    let batch = write(
        &d,
        "b.json",
        &format!(
            "{{\"inputs\": [{}], \"targets\": [{targets}]}}",
            rows.join(",")
        ),
    );
    let out = ok_json(&["eval", "--model", &model, "--batch", &batch]);
    let outputs = out["outputs"].as_array().expect("outputs");
    assert_eq!(outputs.len(), n);
    close(num(&outputs[2499][0]), 2.499);
    close(num(&outputs[1024][0]), 1.024);
    let expected = (0..n)
        .map(|k| 0.5 * (k as f64 / 1000.0).powi(2))
        .sum::<f64>()
        / n as f64;
    close(num(&out["loss"]), expected);
}

#[test]
fn a_step_whose_trace_would_not_fit_in_memory_is_refused() {
    let d = dir("step_too_big");
    let spec = NetworkSpec::new(2, &[256, 256], Activation::Tanh, 1, Activation::Tanh);
    let trainer = lightbulb_core::Trainer::new(
        Network::new(&spec).expect("network"),
        lightbulb_core::TrainingConfig::default(),
    )
    .expect("trainer");
    let model = write(
        &d,
        "m.json",
        &Model::from_trainer(&trainer, None, 1).to_json(),
    );
    let rows = vec!["[0,0]"; 100_000].join(",");
    let targets = vec!["[0]"; 100_000].join(",");
    let batch = write(
        &d,
        "b.json",
        &format!("{{\"inputs\": [{rows}], \"targets\": [{targets}]}}"),
    );
    fails(
        &["step", "--model", &model, "--batch", &batch],
        2,
        "inputs: 100000 rows are too many for one step of this network",
    );
}

#[test]
fn completions_for_bash_zsh_and_fish_know_every_command() {
    for shell in ["bash", "zsh", "fish"] {
        let r = run(&["completions", shell]);
        assert_eq!(r.code, Some(0), "{shell}: {}", r.stderr);
        assert!(r.stderr.is_empty(), "{shell}: {}", r.stderr);
        assert!(r.stdout.len() > 500, "{shell}: {}", r.stdout);
        for word in [
            "lightbulb",
            "step",
            "eval",
            "train",
            "completions",
            "model",
            "reg-rate",
        ] {
            assert!(
                r.stdout.contains(word),
                "{shell} script should mention {word}"
            );
        }
    }
    fails(
        &["completions", "tcsh"],
        2,
        "unknown value \"tcsh\"; expected one of: bash, zsh, fish",
    );
    fails(&["completions"], 2, "missing SHELL");
}

/// The numbers of a JSON matrix, exactly as printed.
fn json_matrix(v: &Value) -> Vec<Vec<f64>> {
    v.as_array()
        .expect("rows")
        .iter()
        .map(|r| r.as_array().expect("row").iter().map(num).collect())
        .collect()
}

#[test]
fn a_traced_step_is_reproducible_bit_for_bit_and_is_the_update_applied() {
    let d = dir("trace_reproducible");
    let batch = write(
        &d,
        "b.json",
        r#"{"inputs": [[1, 2], [-1, 0.5], [0, -3], [0.3, 0.7]], "targets": [[1], [-1], [1], [-1]]}"#,
    );
    let x = array![[1.0, 2.0], [-1.0, 0.5], [0.0, -3.0], [0.3, 0.7]];
    let y = array![[1.0], [-1.0], [1.0], [-1.0]];
    for optimizer in ["sgd", "momentum", "adam"] {
        let (model, text) = small_model(optimizer);
        let path = write(&d, &format!("m_{optimizer}.json"), &text);
        let args = ["step", "--model", &path, "--batch", &batch, "--trace"];
        let first = run(&args);
        let second = run(&args);
        assert_eq!(first.code, Some(0), "{}", first.stderr);
        assert_eq!(
            first.stdout.as_bytes(),
            second.stdout.as_bytes(),
            "{optimizer}: two runs differ"
        );
        let out: Value = serde_json::from_str(&first.stdout).expect("JSON");

        // The same step in this process, through the core.
        let mut trainer = model.trainer().expect("trainer");
        let outcome = trainer.step(x.view(), y.view()).expect("step");
        let StepOutcome::Applied { loss } = outcome else {
            panic!("{optimizer}: diverged");
        };
        assert_eq!(num(&out["trace"]["loss"]).to_bits(), loss.to_bits());
        let core = trainer.trace();
        for (l, layer) in model.network.layers().iter().enumerate() {
            let traced = &out["trace"]["layers"][l];
            let grad_w = json_matrix(&traced["grad_w"]);
            let delta_w = json_matrix(&traced["delta_w"]);
            let new_w = json_matrix(&out["model"]["layers"][l]["weights"]);
            for ((j, i), &w) in layer.weights.indexed_iter() {
                let (g, dw) = (grad_w[j][i], delta_w[j][i]);
                // Printed numbers read back to the core's own bits…
                assert_eq!(
                    g.to_bits(),
                    core.grad_w(l).expect("grad_w")[[j, i]].to_bits()
                );
                assert_eq!(
                    dw.to_bits(),
                    core.delta_w(l).expect("delta_w")[[j, i]].to_bits()
                );
                // …the model's new weight is the old one plus the traced change…
                assert_eq!(
                    new_w[j][i].to_bits(),
                    (w + dw).to_bits(),
                    "{optimizer} {l} {j} {i}"
                );
                // …and with SGD that change is −η·∂L/∂w, to the bit.
                if optimizer == "sgd" {
                    assert_eq!(dw.to_bits(), (-0.3 * g).to_bits());
                }
            }
            let new_b = &out["model"]["layers"][l]["biases"];
            for (j, &b) in layer.biases.indexed_iter() {
                let db = num(&traced["delta_b"][j]);
                assert_eq!(
                    num(&new_b[j]).to_bits(),
                    (b + db).to_bits(),
                    "{optimizer} bias"
                );
                let g = num(&traced["grad_b"][j]);
                assert_eq!(g.to_bits(), core.grad_b(l).expect("grad_b")[j].to_bits());
            }
            for key in ["z", "a", "delta"] {
                let core_m = match key {
                    "z" => core.z(l),
                    "a" => core.a(l),
                    _ => core.delta(l),
                }
                .expect("array");
                let printed = json_matrix(&traced[key]);
                for ((n, k), &v) in core_m.indexed_iter() {
                    assert_eq!(printed[n][k].to_bits(), v.to_bits(), "{optimizer} {key}");
                }
            }
        }
    }
}
