//! Whatever the files hold, the binary answers with exit code 0, 2 or 3 and
//! never panics: every single-character corruption of a valid model file and
//! batch file is tried at a spread of positions.

mod common;
use common::{dir, run, write};

const MODEL: &str = r#"{"format": "lightbulb-model", "version": 1, "features": ["x1", "x2_sq"],
"layers": [{"activation": "tanh", "weights": [[0.5, -0.25], [1e-3, 2]], "biases": [0.1, 0]},
{"activation": "softmax", "weights": [[1, 2], [3, 4]], "biases": [0, 0]}],
"loss": "softmax_ce", "training": {"optimizer": "adam", "learning_rate": 0.1,
"regularization": "l2", "regularization_rate": 0.01, "batch_size": 2, "seed": 9}}"#;

const BATCH: &str = r#"{"inputs": [[1, 2], [-3, 0.5]], "targets": [{"class": 1}, [0.25, 0.75]]}"#;

const REPLACEMENTS: [&str; 8] = ["", "\"", "[", "}", "-", "9e999", "1e308", "null"];

fn corruptions(text: &str, stride: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for (i, _) in chars.iter().enumerate().step_by(stride) {
        let r = REPLACEMENTS[i % REPLACEMENTS.len()];
        let mut s: String = chars[..i].iter().collect();
        s.push_str(r);
        s.extend(&chars[i + 1..]);
        out.push(s);
    }
    out
}

fn check(args: &[&str]) {
    let r = run(args);
    match r.code {
        Some(0) => assert!(r.stderr.is_empty(), "{}", r.stderr),
        Some(2 | 3) => {
            assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
            assert!(r.stderr.starts_with("error: "), "{}", r.stderr);
        }
        other => panic!("{args:?}: exit {other:?}, stderr {}", r.stderr),
    }
}

#[test]
fn the_valid_pair_works() {
    let d = dir("robust_valid");
    let m = write(&d, "m.json", MODEL);
    let b = write(&d, "b.json", BATCH);
    for command in ["step", "eval"] {
        assert_eq!(run(&[command, "--model", &m, "--batch", &b]).code, Some(0));
    }
}

#[test]
fn corrupted_models_never_panic() {
    let d = dir("robust_model");
    let b = write(&d, "b.json", BATCH);
    for (k, text) in corruptions(MODEL, 7).iter().enumerate() {
        let m = write(&d, &format!("m{k}.json"), text);
        check(&["step", "--model", &m, "--batch", &b, "--trace"]);
    }
}

#[test]
fn corrupted_batches_never_panic() {
    let d = dir("robust_batch");
    let m = write(&d, "m.json", MODEL);
    for (k, text) in corruptions(BATCH, 2).iter().enumerate() {
        let b = write(&d, &format!("b{k}.json"), text);
        check(&["step", "--model", &m, "--batch", &b]);
        check(&["eval", "--model", &m, "--batch", &b]);
    }
}
