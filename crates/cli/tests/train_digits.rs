//! `lightbulb train --dataset digits`, run as a binary.

mod common;
use common::{dir, fails, ok_json, run, write};
use lightbulb_core::digits::{Digits, CLASSES, PIXELS};
use lightbulb_core::{Model, Trace};
use serde_json::Value;

const TEST_IMAGES: u64 = 450;

fn test_images() -> &'static [lightbulb_core::DigitImage] {
    Digits::embedded().expect("the embedded digits").test()
}

/// The digit `model` answers for each test image, worked out here from the
/// model file: its forward pass on pixels / 16, then the most probable digit.
fn answers(model: &Model) -> Vec<usize> {
    let images = test_images();
    let mut trace = Trace::new(&model.network, images.len());
    let mut x = lightbulb_core::ndarray::Array2::zeros((images.len(), PIXELS));
    for (mut row, image) in x.rows_mut().into_iter().zip(images) {
        for (v, &p) in row.iter_mut().zip(&image.pixels) {
            *v = f64::from(p) / 16.0;
        }
    }
    trace.load(x.view(), None).expect("load");
    model.network.forward(&mut trace);
    let out = trace.output().expect("outputs");
    out.rows()
        .into_iter()
        .map(|r| (0..CLASSES).fold(0, |best, k| if r[k] > r[best] { k } else { best }))
        .collect()
}

fn counts(v: &Value) -> Vec<Vec<u64>> {
    v.as_array()
        .expect("a list of rows")
        .iter()
        .map(|row| {
            row.as_array()
                .expect("a row")
                .iter()
                .map(|c| c.as_u64().expect("a count"))
                .collect()
        })
        .collect()
}

#[test]
fn the_defaults_reach_95_percent_and_the_confusion_matrix_adds_up() {
    let doc = ok_json(&["train", "--dataset", "digits", "--json"]);
    assert_eq!(doc["dataset"], "digits");
    assert_eq!(doc["epochs"], 8);
    // 1,347 training images in batches of 10: 135 steps an epoch.
    assert_eq!(doc["steps"], 8 * 135);
    assert!(doc["diverged"].is_null());
    let history = doc["history"].as_array().expect("history");
    let epochs: Vec<u64> = history.iter().filter_map(|r| r["epoch"].as_u64()).collect();
    assert_eq!(epochs, (1..=8).collect::<Vec<u64>>());
    assert_eq!(history.last(), Some(&doc["final"]));

    let accuracy = doc["final"]["test_accuracy"].as_f64().expect("accuracy");
    assert!(accuracy >= 0.95, "test accuracy {accuracy}");

    let confusion = counts(&doc["confusion"]);
    assert_eq!(confusion.len(), CLASSES);
    assert!(confusion.iter().all(|row| row.len() == CLASSES));
    let total: u64 = confusion.iter().flatten().sum();
    assert_eq!(total, TEST_IMAGES);
    let diagonal: u64 = (0..CLASSES).map(|k| confusion[k][k]).sum();
    assert_eq!(diagonal as f64 / TEST_IMAGES as f64, accuracy);
    // 45 test images of each digit.
    assert!(confusion.iter().all(|row| row.iter().sum::<u64>() == 45));

    // The same counts, done here from the model the run printed.
    let model = Model::from_value(&doc["model"]).expect("a valid model");
    assert_eq!(model.network.sizes(), vec![64, 32, 10]);
    assert!(model.features.is_none());
    let answered = answers(&model);
    let mut by_hand = vec![vec![0u64; CLASSES]; CLASSES];
    let mut wrong = Vec::new();
    for (i, (image, &a)) in test_images().iter().zip(&answered).enumerate() {
        by_hand[usize::from(image.label)][a] += 1;
        if a != usize::from(image.label) {
            wrong.push(i as u64);
        }
    }
    assert_eq!(confusion, by_hand);
    let misclassified: Vec<u64> = doc["misclassified"]
        .as_array()
        .expect("misclassified")
        .iter()
        .map(|i| i.as_u64().expect("an index"))
        .collect();
    assert_eq!(misclassified, wrong);
    assert_eq!(misclassified.len() as u64, TEST_IMAGES - diagonal);
}

#[test]
fn the_model_file_is_read_by_eval_on_64_pixels() {
    let d = dir("train_digits_out");
    let out = d.join("m.json");
    let out_s = out.to_string_lossy().into_owned();
    let r = run(&[
        "train",
        "--dataset",
        "digits",
        "--epochs",
        "2",
        "--seed",
        "3",
        "--out",
        &out_s,
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.is_empty(), "the model goes to the file");
    let line = r.stderr.trim_end();
    assert!(
        line.starts_with("trained 2 epochs on the digits (270 steps in all): train loss "),
        "{line}"
    );
    assert!(line.ends_with(" of 450 test images right"), "{line}");
    assert!(line.contains("test accuracy "), "{line}");

    let model = Model::from_json(&std::fs::read_to_string(&out).expect("read")).expect("model");
    assert_eq!(model.network.sizes(), vec![64, 32, 10]);
    let images = &test_images()[..3];
    let rows: Vec<Vec<f64>> = images
        .iter()
        .map(|i| i.pixels.iter().map(|&p| f64::from(p) / 16.0).collect())
        .collect();
    let targets: Vec<Value> = images
        .iter()
        .map(|i| serde_json::json!({"class": i.label}))
        .collect();
    let batch = write(
        &d,
        "b.json",
        &serde_json::json!({"inputs": rows, "targets": targets}).to_string(),
    );
    let e = ok_json(&["eval", "--model", &out_s, "--batch", &batch]);
    let outputs = e["outputs"].as_array().expect("outputs");
    assert_eq!(outputs.len(), 3);
    for (row, &answer) in outputs.iter().zip(&answers(&model)) {
        let p: Vec<f64> = row
            .as_array()
            .expect("row")
            .iter()
            .filter_map(Value::as_f64)
            .collect();
        assert_eq!(p.len(), CLASSES);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-9, "{p:?}");
        let best = (0..CLASSES).fold(0, |b, k| if p[k] > p[b] { k } else { b });
        assert_eq!(best, answer);
    }
    assert!(e["loss"].as_f64().is_some_and(f64::is_finite));
}

#[test]
fn a_diverging_digits_run_exits_3_and_still_writes_the_model() {
    let d = dir("train_digits_diverge");
    let out = d.join("m.json");
    let out_s = out.to_string_lossy().into_owned();
    let r = run(&[
        "train",
        "--dataset",
        "digits",
        "--activation",
        "linear",
        "--lr",
        "1000000",
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
    let text = std::fs::read_to_string(&out).expect("model file written");
    let model = Model::from_json(&text).expect("a valid model file");
    assert_eq!(model.network.sizes(), vec![64, 32, 10]);
}

#[test]
fn flags_of_the_2d_datasets_and_other_losses_exit_2_naming_them() {
    let cases: [(&[&str], &str); 5] = [
        (
            &["--noise", "5"],
            "--noise cannot be used with --dataset digits",
        ),
        (
            &["--points", "300"],
            "--points cannot be used with --dataset digits",
        ),
        (
            &["--features", "x1,x2"],
            "--features cannot be used with --dataset digits",
        ),
        (
            &["--loss", "bce"],
            "--loss: the digits are 10 classes and need \"softmax_ce\", got \"bce\"",
        ),
        (&["--layers", "300"], "neurons in layer 1 must be between"),
    ];
    for (flags, needle) in cases {
        let mut args = vec!["train", "--dataset", "digits"];
        args.extend(flags);
        fails(&args, 2, needle);
    }
    fails(
        &["train", "--dataset", "digit"],
        2,
        "--dataset: unknown dataset \"digit\"",
    );
}
