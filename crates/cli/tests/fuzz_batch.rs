//! Property tests of the CLI's batch-file parser ([`batch::parse_text`], what
//! `lightbulb step` and `lightbulb eval` run on the text of `--batch`). For
//! arbitrary bytes, arbitrary JSON and mutations of valid batch files,
//! parsing returns `Ok` with a batch of the model's shape and finite numbers,
//! or an `Err` of one short line that names the file; it never panics, takes
//! time linear in the input, and allocates at most a small multiple of the
//! input size. Valid files must parse, to exactly the expected rows.
//!
//! Case counts: see `CASES` (34,000 cases in all); with the core and web
//! parsers the workspace runs over 100,000.

use lightbulb_cli::batch::{parse_text, Batch, Fit, MAX_ROWS};
use lightbulb_cli::fail::EXIT_INPUT;
use lightbulb_core::FeatureSet;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};

#[path = "../../core/tests/shared/measure.rs"]
mod measure;
use measure::{allocated, cpu_seconds};

/// Cases per property test (the text-level one runs half).
const CASES: u32 = 8_500;

const FILE: &str = "batch.json";

/// The model shapes a batch is checked against: points through two features
/// into a 2-class softmax, raw rows of 3 into one output, and points through
/// all seven features into a 4-class softmax.
fn fits() -> [Fit; 3] {
    let two = FeatureSet::from_names(&["x1", "x2_sq"]).unwrap();
    [
        Fit {
            features: Some(two),
            inputs: two.len(),
            outputs: 2,
            classes: true,
        },
        Fit {
            features: None,
            inputs: 3,
            outputs: 1,
            classes: false,
        },
        Fit {
            features: Some(FeatureSet::all()),
            inputs: FeatureSet::all().len(),
            outputs: 4,
            classes: true,
        },
    ]
}

/// What a successful parse must look like for `fit`.
fn check_batch(batch: &Batch, fit: Fit) {
    let rows = batch.inputs.nrows();
    assert!((1..=MAX_ROWS).contains(&rows), "{rows} rows");
    assert_eq!(batch.inputs.ncols(), fit.inputs);
    assert!(batch.inputs.iter().all(|v| v.is_finite()));
    if let Some(t) = &batch.targets {
        assert_eq!(t.dim(), (rows, fit.outputs));
        assert!(t.iter().all(|v| v.is_finite()));
    }
}

/// Parses `text` for every fit and checks the properties; returns how many
/// fits accepted it.
fn check_all(text: &str) -> usize {
    let budget = 200 * text.len() + 256 * 1024;
    let mut accepted = 0;
    for fit in fits() {
        let (result, bytes) = allocated(|| parse_text(FILE, text, fit));
        assert!(
            bytes <= budget,
            "batch parser allocated {bytes} bytes for {} input bytes",
            text.len()
        );
        match result {
            Ok(batch) => {
                check_batch(&batch, fit);
                accepted += 1;
            }
            Err(e) => {
                assert_eq!(e.code, EXIT_INPUT, "{}", e.message);
                let reason = e.message.strip_prefix("batch.json: ");
                assert!(
                    reason.is_some_and(|r| !r.trim().is_empty()),
                    "{:?}",
                    e.message
                );
                assert!(!e.message.contains('\n'), "{:?}", e.message);
                assert!(
                    e.message.len() <= 400,
                    "a {}-byte message: {}…",
                    e.message.len(),
                    e.message.chars().take(80).collect::<String>()
                );
            }
        }
    }
    accepted
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
    r.run(&proptest::collection::vec(any::<u8>(), 0..300), |bytes| {
        check_all(&String::from_utf8_lossy(&bytes));
        Ok(())
    })
    .unwrap();
}

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        (-4.0..4.0f64).prop_map(|f| json!(f)),
        any::<i64>().prop_map(|i| json!(i)),
        any::<u64>().prop_map(|i| json!(i)),
        (0u64..6).prop_map(|i| json!(i)),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        3 => number(),
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        1 => prop_oneof![
            Just("NaN"),
            Just("Infinity"),
            Just("-Infinity"),
            Just("1e999"),
            Just("1"),
            Just("class"),
            Just("")
        ]
        .prop_map(|s| json!(s)),
    ]
}

fn arb_json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(6, 64, 8, |inner| {
        let keys = prop_oneof![
            3 => Just("inputs"),
            3 => Just("targets"),
            3 => Just("class"),
            1 => Just("Inputs"),
            1 => Just("junk"),
        ];
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            proptest::collection::vec((keys, inner), 0..4).prop_map(|kv| Value::Object(
                kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
            )),
        ]
    })
}

/// Documents shaped like batch files, with anything in the rows.
fn batch_like() -> impl Strategy<Value = Value> {
    let row = || proptest::collection::vec(leaf(), 0..9).prop_map(Value::Array);
    let target = prop_oneof![row(), leaf().prop_map(|k| json!({ "class": k })), leaf(),];
    (
        proptest::collection::vec(row(), 0..6),
        proptest::option::of(proptest::collection::vec(target, 0..6)),
    )
        .prop_map(|(inputs, targets)| match targets {
            Some(t) => json!({"inputs": inputs, "targets": t}),
            None => json!({ "inputs": inputs }),
        })
}

#[test]
fn arbitrary_json_never_panics() {
    let mut r = runner(CASES);
    r.run(&prop_oneof![arb_json(), batch_like()], |v| {
        check_all(&v.to_string());
        Ok(())
    })
    .unwrap();
}

/// A valid batch for `fit` (with `rows` points or raw rows), and the inputs
/// and targets it must parse to.
fn valid_batch(fit: Fit, values: &[f64], rows: usize, targets: bool) -> (Value, Batch) {
    let width = if fit.features.is_some() {
        2
    } else {
        fit.inputs
    };
    let at = |i: usize| values.get(i % values.len().max(1)).copied().unwrap_or(0.5);
    let mut inputs = Vec::new();
    let mut flat = Vec::new();
    let mut target_rows = Vec::new();
    let mut target_flat = Vec::new();
    for r in 0..rows {
        let row: Vec<f64> = (0..width).map(|j| at(r * width + j)).collect();
        match fit.features {
            Some(f) => flat.extend(f.transform(row[0], row[1])),
            None => flat.extend_from_slice(&row),
        }
        inputs.push(json!(row));
        if fit.classes && r % 2 == 0 {
            let k = r % fit.outputs;
            target_rows.push(json!({ "class": k }));
            target_flat.extend((0..fit.outputs).map(|j| f64::from(u8::from(j == k))));
        } else {
            let t: Vec<f64> = (0..fit.outputs).map(|j| at(r + j + 1)).collect();
            target_flat.extend_from_slice(&t);
            target_rows.push(json!(t));
        }
    }
    let doc = if targets {
        json!({"inputs": inputs, "targets": target_rows})
    } else {
        json!({ "inputs": inputs })
    };
    let expected = Batch {
        inputs: ndarray::Array2::from_shape_vec((rows, fit.inputs), flat).unwrap(),
        targets: targets
            .then(|| ndarray::Array2::from_shape_vec((rows, fit.outputs), target_flat).unwrap()),
    };
    (doc, expected)
}

fn valid_case() -> impl Strategy<Value = (usize, Vec<f64>, usize, bool)> {
    (
        0..fits().len(),
        proptest::collection::vec(-6.0..6.0f64, 1..16),
        1usize..12,
        any::<bool>(),
    )
}

#[test]
fn valid_batches_parse_to_exactly_their_rows() {
    let mut r = runner(CASES / 2);
    r.run(&valid_case(), |(f, values, rows, targets)| {
        let fit = fits()[f];
        let (doc, expected) = valid_batch(fit, &values, rows, targets);
        let text = doc.to_string();
        let parsed = parse_text(FILE, &text, fit).map_err(|e| e.message);
        prop_assert_eq!(parsed, Ok(expected));
        prop_assert!(check_all(&text) >= 1);
        Ok(())
    })
    .unwrap();
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
        Just(json!("1e999")),
        Just(json!("0.5")),
        Just(json!(null)),
        Just(json!(true)),
        Just(json!(-1)),
        Just(json!(0)),
        Just(json!(1e300)),
        Just(json!(-1e300)),
        Just(json!(1e200)),
        Just(json!(-1e-300)),
        Just(json!(u64::MAX)),
        Just(json!(i64::MIN)),
        Just(json!(2.5)),
        Just(json!([])),
        Just(json!({})),
        Just(json!([[]])),
        Just(json!([[1.0, 2.0], [3.0]])),
        Just(json!([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0])),
        Just(json!(vec![0.5; 3000])),
        Just(json!(vec![[0.5, -0.5]; 2000])),
        Just(json!([[[[[[1]]]]]])),
        Just(json!({"class": 1})),
        Just(json!({"class": -1})),
        Just(json!({"class": 3})),
        Just(json!({"class": 1e20})),
        Just(json!({"class": 1.5})),
        Just(json!({"class": "1"})),
        Just(json!({"class": 1, "junk": 0})),
        Just(json!({"unknown": 1})),
        number(),
    ]
}

/// Valid documents to mutate, one per fit, with and without targets.
fn valid_docs() -> Vec<(Value, Vec<String>)> {
    let values = [0.5, -1.25, 2.0, 1e-3, -5.5, 3.0, 0.0];
    let mut docs = Vec::new();
    for fit in fits() {
        for targets in [true, false] {
            let (doc, _) = valid_batch(fit, &values, 4, targets);
            let mut ptrs = Vec::new();
            pointers(&doc, String::new(), &mut ptrs);
            docs.push((doc, ptrs));
        }
    }
    docs
}

#[test]
fn mutations_of_valid_files_are_ok_or_clear_errors() {
    let docs = valid_docs();
    let mut r = runner(CASES);
    r.run(
        &(0..docs.len(), any::<prop::sample::Index>(), replacement()),
        |(d, i, new)| {
            let (doc, ptrs) = &docs[d];
            let mut doc = doc.clone();
            if let Some(slot) = doc.pointer_mut(&ptrs[i.index(ptrs.len())]) {
                *slot = new;
            }
            check_all(&doc.to_string());
            Ok(())
        },
    )
    .unwrap();
}

/// Tokens spliced into the text: numbers JSON cannot hold, non-numbers, and
/// structure.
const TOKENS: [&str; 16] = [
    "NaN",
    "-Infinity",
    "Infinity",
    "1e999",
    "-1e999",
    "1e-400",
    "-0",
    "18446744073709551616",
    "\"inputs\": [[1, 2]], \"inputs\"",
    "\"targets\": [], \"targets\"",
    "\"class\": 0, \"class\"",
    "{\"class\": 1}",
    "[[",
    "]]",
    ",",
    "\"\\ud800\"",
];

#[test]
fn text_level_mutations_duplicate_keys_and_hostile_numbers() {
    let docs: Vec<String> = valid_docs().iter().map(|(d, _)| d.to_string()).collect();
    let mut r = runner(CASES / 2);
    r.run(
        &(
            0..docs.len(),
            any::<prop::sample::Index>(),
            any::<prop::sample::Index>(),
            any::<u8>(),
        ),
        |(d, a, b, byte)| {
            let good = docs[d].as_bytes();
            let (a, b) = (a.index(good.len()), b.index(good.len()));
            let (a, b) = (a.min(b), a.max(b));
            // Delete a span, duplicate a span, overwrite a byte, or splice a token in.
            let mut v: Vec<u8> = Vec::with_capacity(good.len() * 2);
            match byte % 4 {
                0 => {
                    v.extend_from_slice(&good[..a]);
                    v.extend_from_slice(&good[b..]);
                }
                1 => {
                    v.extend_from_slice(&good[..b]);
                    v.extend_from_slice(&good[a..]);
                }
                2 => {
                    v.extend_from_slice(good);
                    v[a] = byte;
                }
                _ => {
                    v.extend_from_slice(&good[..a]);
                    v.extend_from_slice(TOKENS[usize::from(byte) % TOKENS.len()].as_bytes());
                    v.extend_from_slice(&good[b.min(a + 6)..]);
                }
            }
            check_all(&String::from_utf8_lossy(&v));
            Ok(())
        },
    )
    .unwrap();
}

#[test]
fn huge_batches_and_deep_nesting_are_clear_errors() {
    let [points, raw, _] = fits();
    // Exactly the row limit is read; one more row is refused with the limit named.
    let rows = |n: usize| format!("{{\"inputs\": [{}]}}", vec!["[0.5, 1]"; n].join(","));
    let at_limit = rows(MAX_ROWS);
    assert!(parse_text(FILE, &at_limit, points).is_ok());
    let over = rows(MAX_ROWS + 1);
    let e = parse_text(FILE, &over, points).unwrap_err();
    assert!(e.message.contains(&MAX_ROWS.to_string()), "{}", e.message);
    check_all(&over);
    // A huge row, and a huge number of targets.
    check_all(&format!(
        "{{\"inputs\": [[{}]]}}",
        vec!["1"; 200_000].join(",")
    ));
    check_all(&format!(
        "{{\"inputs\": [[1, 2, 3]], \"targets\": [{}]}}",
        vec!["[1]"; 200_000].join(",")
    ));
    // Nesting far past serde_json's recursion limit is an error, not a stack overflow.
    for depth in [200, 10_000, 100_000] {
        let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        check_all(&deep);
        check_all(&format!("{{\"inputs\": {deep}}}"));
        check_all(&format!("{{\"inputs\": [[1, 2, 3]], \"targets\": {deep}}}"));
    }
    // Duplicate keys: the last one counts, as in serde_json.
    let dup = r#"{"inputs": [[1, 2]], "inputs": [[1, 2, 3]]}"#;
    assert_eq!(check_all(dup), 1);
    assert!(parse_text(FILE, dup, raw).is_ok());
    // Unknown keys are named.
    let e = parse_text(FILE, r#"{"inputs": [[1, 2, 3]], "input": 1}"#, raw).unwrap_err();
    assert!(e.message.contains("unknown key \"input\""), "{}", e.message);
}

#[test]
fn parsing_time_is_linear_in_the_input() {
    // 8× the rows must cost well under 8 × 4 the time (allowing for noise),
    // i.e. not quadratic. Both sizes stay under the row limit.
    let [points, ..] = fits();
    let time = |n: usize| {
        let text = format!(
            "{{\"inputs\": [{}], \"targets\": [{}]}}",
            vec!["[0.5, -1.25]"; n].join(","),
            vec!["{\"class\": 1}"; n].join(",")
        );
        // The fastest of 3 runs, in CPU time: other processes share the cores.
        (0..3)
            .map(|_| {
                let start = cpu_seconds();
                assert!(parse_text(FILE, &text, points).is_ok());
                cpu_seconds() - start
            })
            .fold(f64::INFINITY, f64::min)
    };
    let small = time(10_000).max(1e-4);
    let large = time(80_000);
    assert!(
        large < small * 32.0,
        "8× input took {:.1}× the time",
        large / small
    );
}
