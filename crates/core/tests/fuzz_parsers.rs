//! Property tests of every parser of outside input in the core: the model
//! file, the session file and CSV. For arbitrary bytes, arbitrary JSON and
//! mutations of valid files, parsing returns `Ok` or a clear `Err`; it never
//! panics, takes time linear in the input, and allocates at most a small
//! multiple of the input size.
//!
//! Case counts: see `CASES`; together with the CLI and web parsers the
//! suite runs well over 100,000 cases.

use lightbulb_core::dataset::parse_csv;
use lightbulb_core::{Model, Problem, Session, SessionConfig};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};

#[path = "shared/measure.rs"]
mod measure;
use measure::{allocated, cpu_seconds};

const CASES: u32 = 12_000;

/// Runs every parser on `text` and checks the properties.
fn check_all(text: &str) {
    let budget = 200 * text.len() + 256 * 1024;
    let (model, bytes) = allocated(|| Model::from_json(text));
    assert!(
        bytes <= budget,
        "model parser allocated {bytes} bytes for {} input bytes",
        text.len()
    );
    if let Err(e) = model {
        assert!(!e.to_string().is_empty());
    }
    let (session, bytes) = allocated(|| Session::from_json(text));
    assert!(
        bytes <= budget + 4 * 1024 * 1024,
        "session parser allocated {bytes} bytes for {} input bytes",
        text.len()
    );
    if let Err(e) = session {
        assert!(!e.to_string().is_empty());
    }
    for problem in [
        Problem::Classification { classes: 2 },
        Problem::Classification { classes: 7 },
        Problem::Regression,
    ] {
        let (csv, bytes) = allocated(|| parse_csv(text, problem));
        assert!(
            bytes <= budget,
            "CSV parser allocated {bytes} bytes for {} input bytes",
            text.len()
        );
        if let Err(e) = csv {
            assert!(!e.to_string().is_empty());
        }
    }
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

#[test]
fn arbitrary_bytes_never_panic() {
    let mut r = runner(CASES);
    r.run(&proptest::collection::vec(any::<u8>(), 0..400), |bytes| {
        check_all(&String::from_utf8_lossy(&bytes));
        Ok(())
    })
    .unwrap();
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        any::<i64>().prop_map(|i| json!(i)),
        prop_oneof![
            Just("NaN"),
            Just("Infinity"),
            Just("-Infinity"),
            Just("tanh"),
            Just("mse"),
            Just("x1"),
            Just("")
        ]
        .prop_map(|s| json!(s)),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        let keys = prop_oneof![
            Just("format"),
            Just("version"),
            Just("features"),
            Just("layers"),
            Just("loss"),
            Just("training"),
            Just("activation"),
            Just("weights"),
            Just("biases"),
            Just("optimizer"),
            Just("learning_rate"),
            Just("batch_size"),
            Just("seed"),
            Just("state"),
            Just("model"),
            Just("points"),
            Just("dataset"),
            Just("counters"),
            Just("history"),
            Just("junk")
        ];
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            proptest::collection::vec((keys, inner), 0..8).prop_map(|kv| Value::Object(
                kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
            )),
        ]
    })
}

#[test]
fn arbitrary_json_never_panics() {
    let mut r = runner(CASES);
    r.run(&arb_json(), |v| {
        let _ = Model::from_value(&v);
        check_all(&v.to_string());
        Ok(())
    })
    .unwrap();
}

/// A valid session file after a step. 40 points rather than the default 500:
/// every part of the file is still there, the mutations land on its structure
/// more often than on one of many points, and each case parses in a tenth of
/// the time.
fn valid_session() -> String {
    let config = SessionConfig {
        dataset: SessionConfig::default().dataset.with_points(40).unwrap(),
        ..SessionConfig::default()
    };
    let mut s = Session::new(config).unwrap();
    s.step().unwrap();
    s.to_json()
}

/// Every number, string and container position in a document, as JSON pointers.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, x)| pointers(x, format!("{at}/{i}"), out)),
        Value::Object(map) => map
            .iter()
            .for_each(|(k, x)| pointers(x, format!("{at}/{k}"), out)),
        _ => {}
    }
}

fn replacement() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!("NaN")),
        Just(json!("Infinity")),
        Just(json!("-Infinity")),
        Just(json!(null)),
        Just(json!(-1)),
        Just(json!(0)),
        Just(json!(1e300)),
        Just(json!(-1e-300)),
        Just(json!(u64::MAX)),
        Just(json!(2.5)),
        Just(json!([])),
        Just(json!({})),
        Just(json!([[1.0, 2.0], [3.0]])),
        Just(json!(vec![0.5; 3000])),
        Just(json!("softmax")),
        Just(json!({"unknown": 1})),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
    ]
}

#[test]
fn mutations_of_valid_files_are_ok_or_clear_errors() {
    let session: Value = serde_json::from_str(&valid_session()).unwrap();
    let model = session["model"].clone();
    let mut targets = Vec::new();
    pointers(&session, String::new(), &mut targets);
    let n = targets.len();
    let mut r = runner(CASES);
    r.run(
        &(0..n, replacement(), any::<bool>()),
        |(i, new, whole_model)| {
            let mut doc = if whole_model {
                model.clone()
            } else {
                session.clone()
            };
            let ptr = targets.get(i).cloned().unwrap_or_default();
            let ptr = if whole_model {
                ptr.strip_prefix("/model")
                    .map(str::to_string)
                    .unwrap_or_default()
            } else {
                ptr
            };
            if let Some(slot) = doc.pointer_mut(&ptr) {
                *slot = new;
            }
            check_all(&doc.to_string());
            Ok(())
        },
    )
    .unwrap();
}

#[test]
fn text_level_mutations_duplicate_keys_and_deep_nesting() {
    let good = valid_session();
    let mut r = runner(CASES / 2);
    r.run(
        &(0..good.len(), 0..good.len(), any::<u8>()),
        |(a, b, byte)| {
            let (a, b) = (a.min(b), a.max(b));
            // Delete a span, duplicate a span, or overwrite one byte.
            let bytes = good.as_bytes();
            let mut v: Vec<u8> = Vec::with_capacity(bytes.len() * 2);
            match byte % 3 {
                0 => {
                    v.extend_from_slice(bytes.get(..a).unwrap_or(&[]));
                    v.extend_from_slice(bytes.get(b..).unwrap_or(&[]));
                }
                1 => {
                    v.extend_from_slice(bytes.get(..b).unwrap_or(&[]));
                    v.extend_from_slice(bytes.get(a..).unwrap_or(&[]));
                }
                _ => {
                    v.extend_from_slice(bytes);
                    if let Some(x) = v.get_mut(a) {
                        *x = byte;
                    }
                }
            }
            check_all(&String::from_utf8_lossy(&v));
            Ok(())
        },
    )
    .unwrap();
    // Nesting far past serde_json's recursion limit is an error, not a stack overflow.
    for depth in [200, 10_000, 100_000] {
        check_all(&format!("{}{}", "[".repeat(depth), "]".repeat(depth)));
        check_all(&format!(
            "{{\"layers\":{}{}}}",
            "[".repeat(depth),
            "]".repeat(depth)
        ));
    }
    // Duplicate keys: the document is still read, or rejected with a message.
    let dup = good.replacen("\"format\"", "\"format\": \"x\", \"format\"", 1);
    check_all(&dup);
}

#[test]
fn parsing_time_is_linear_in_the_input() {
    // A long valid-looking CSV and a huge JSON array: 8× the input must cost
    // well under 8 × 4 the time (allowing for noise), i.e. not quadratic.
    let row = "1.5,-2.25,1\n";
    let time = |n: usize| {
        let text = row.repeat(n);
        let big = format!("{{\"format\":\"lightbulb-model\",\"version\":1,\"layers\":[{{\"activation\":\"tanh\",\"weights\":[[{}]],\"biases\":[0]}}]}}", vec!["0.5"; n].join(","));
        // The fastest of several runs, in CPU time: robust against a busy machine.
        (0..5)
            .map(|_| {
                let start = cpu_seconds();
                let _ = parse_csv(&text, Problem::Classification { classes: 2 });
                let _ = Model::from_json(&big);
                cpu_seconds() - start
            })
            .fold(f64::INFINITY, f64::min)
    };
    let small = time(20_000).max(1e-4);
    let large = time(160_000);
    assert!(
        large < small * 32.0,
        "8× input took {:.1}× the time",
        large / small
    );
}
