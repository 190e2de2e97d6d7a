//! The digits: the embedded file against the source data, the fixed split,
//! the reduction of drawings, the confusion matrix and the accuracy of the
//! default training settings.
//!
//! The expected figures were printed by `data/digits/extract.py` from
//! scikit-learn's `digits.csv.gz` and are written out here by hand.

use lightbulb_core::digits::{
    block_counts, classify, evaluate, reduce_drawing, training, ConfusionMatrix, DigitImage,
    Digits, EpochRunner, CLASSES, PIXELS,
};
use lightbulb_core::{Activation, Layer, Network, NetworkSpec, StepOutcome, Trainer};
use ndarray::{Array1, Array2};

fn digits() -> &'static Digits {
    Digits::embedded().expect("the embedded file decodes")
}

/// FNV-1a, 64 bits, as in the extraction script.
fn fnv1a64(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(0xCBF2_9CE4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
    })
}

fn class_counts(images: &[DigitImage]) -> [usize; CLASSES] {
    let mut counts = [0; CLASSES];
    for image in images {
        counts[usize::from(image.label)] += 1;
    }
    counts
}

#[test]
fn the_file_holds_the_source_images() {
    let d = digits();
    assert_eq!(d.len(), 1797);
    let all: Vec<DigitImage> = d.train().iter().chain(d.test()).copied().collect();
    let pixels = || all.iter().flat_map(|i| i.pixels);
    assert_eq!(pixels().min(), Some(0));
    assert_eq!(pixels().max(), Some(16));
    assert_eq!(pixels().map(u64::from).sum::<u64>(), 561_718);
    assert_eq!(
        class_counts(&all),
        [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    );

    // Back in the csv's order, every source row is there once and the bytes
    // (64 pixels, then the label) hash as the script's did.
    let mut by_row = all.clone();
    by_row.sort_by_key(|i| i.source_row);
    assert!(by_row
        .iter()
        .enumerate()
        .all(|(k, i)| usize::from(i.source_row) == k));
    let bytes = by_row
        .iter()
        .flat_map(|i| i.pixels.into_iter().chain([i.label]));
    assert_eq!(fnv1a64(bytes), 0x7768_69cc_e379_5967);

    // The first and last csv rows, copied from the file.
    let first: [u8; 64] = [
        0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0, 0, 3, 15, 2, 0, 11, 8, 0, 0, 4, 12, 0,
        0, 8, 8, 0, 0, 5, 8, 0, 0, 9, 8, 0, 0, 4, 11, 0, 1, 12, 7, 0, 0, 2, 14, 5, 10, 12, 0, 0, 0,
        0, 6, 13, 10, 0, 0, 0,
    ];
    assert_eq!((by_row[0].pixels, by_row[0].label), (first, 0));
    let last: [u8; 64] = [
        0, 0, 10, 14, 8, 1, 0, 0, 0, 2, 16, 14, 6, 1, 0, 0, 0, 0, 15, 15, 8, 15, 0, 0, 0, 0, 5, 16,
        16, 10, 0, 0, 0, 0, 12, 15, 15, 12, 0, 0, 0, 4, 16, 6, 4, 16, 6, 0, 0, 8, 16, 10, 8, 16, 8,
        0, 0, 1, 8, 12, 14, 12, 1, 0,
    ];
    assert_eq!((by_row[1796].pixels, by_row[1796].label), (last, 8));
    let x = by_row[0].inputs();
    assert_eq!((x[2], x[3], x[11]), (5.0 / 16.0, 13.0 / 16.0, 15.0 / 16.0));
}

#[test]
fn the_split_is_fixed() {
    let d = digits();
    assert_eq!((d.train().len(), d.test().len()), (1347, 450));
    assert_eq!(class_counts(d.test()), [45; 10]);
    assert_eq!(
        class_counts(d.train()),
        [133, 137, 132, 138, 136, 137, 136, 134, 129, 135]
    );
    let rows: Vec<u16> = d.test().iter().map(|i| i.source_row).collect();
    assert_eq!(rows[..5], [1368, 1180, 927, 783, 1421]);
    let hash = fnv1a64(rows.iter().flat_map(|r| r.to_le_bytes()));
    assert_eq!(hash, 0xc87f_b64d_d103_03f6);
}

#[test]
fn matrices_hold_scaled_pixels_and_one_hot_labels() {
    let images = &digits().test()[..3];
    let x = lightbulb_core::digits::inputs(images);
    let y = lightbulb_core::digits::one_hot(images);
    assert_eq!((x.dim(), y.dim()), ((3, 64), (3, 10)));
    for (k, image) in images.iter().enumerate() {
        for i in 0..PIXELS {
            assert_eq!(x[[k, i]], f64::from(image.pixels[i]) / 16.0);
        }
        let hot: Vec<usize> = (0..10).filter(|&c| y[[k, c]] == 1.0).collect();
        assert_eq!(hot, [usize::from(image.label)]);
        assert_eq!(y.row(k).sum(), 1.0);
    }
}

#[test]
fn the_confusion_matrix_matches_a_count_by_hand() {
    // actual:    0 0 1 2 2 2 1 0
    // predicted: 0 1 1 2 0 2 1 0
    // Row 0 (three 0s): answered 0 twice, 1 once. Row 1 (two 1s): 1 twice.
    // Row 2 (three 2s): 2 twice, 0 once. Correct: 2 + 2 + 2 = 6 of 8.
    let actual = [0, 0, 1, 2, 2, 2, 1, 0];
    let predicted = [0, 1, 1, 2, 0, 2, 1, 0];
    let m = ConfusionMatrix::from_pairs(3, actual.into_iter().zip(predicted)).unwrap();
    assert_eq!(m.row(0), [2, 1, 0]);
    assert_eq!(m.row(1), [0, 2, 0]);
    assert_eq!(m.row(2), [1, 0, 2]);
    assert_eq!((m.correct(), m.total()), (6, 8));
    assert_eq!(m.accuracy(), Some(0.75));
}

/// A 64-10 softmax network that ignores its inputs and always answers `digit`.
fn always(digit: usize) -> Network {
    let mut layer = Layer::zeros(PIXELS, CLASSES, Activation::Softmax);
    layer.biases = Array1::zeros(CLASSES);
    layer.biases[digit] = 5.0;
    layer.weights = Array2::zeros((CLASSES, PIXELS));
    Network::from_layers(vec![layer]).unwrap()
}

#[test]
fn evaluation_counts_a_constant_answer() {
    // Answering 3 to all 450 test images (45 of each digit): column 3 holds
    // 45 in every row, 45 are right, and the other 405 are misclassified.
    let test = digits().test();
    let e = evaluate(&always(3), test).unwrap();
    for actual in 0..10 {
        let mut row = [0; 10];
        row[3] = 45;
        assert_eq!(e.confusion.row(actual), row, "row {actual}");
    }
    assert_eq!(e.accuracy(), 0.1);
    assert_eq!(e.misclassified.len(), 405);
    assert!(e.misclassified.iter().all(|&k| test[k].label != 3));
    assert!(e.misclassified.windows(2).all(|w| w[0] < w[1]));
    assert!(e.predictions.iter().all(|&p| p == 3));

    let p = classify(&always(3), &test[0].pixels).unwrap();
    assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    assert!((0..10).all(|k| k == 3 || p[k] < p[3]));
}

#[test]
fn networks_of_the_wrong_shape_are_refused() {
    let test = digits().test();
    let two_in = Network::new(&NetworkSpec::new(
        2,
        &[4],
        Activation::Tanh,
        10,
        Activation::Softmax,
    ))
    .unwrap();
    let msg = evaluate(&two_in, test).unwrap_err().to_string();
    assert!(msg.contains("64 inputs") && msg.contains("has 2"), "{msg}");
    let three_out = Network::new(&NetworkSpec::new(
        64,
        &[4],
        Activation::Tanh,
        3,
        Activation::Softmax,
    ))
    .unwrap();
    let msg = classify(&three_out, &test[0].pixels)
        .unwrap_err()
        .to_string();
    assert!(msg.contains("10 outputs") && msg.contains("has 3"), "{msg}");
    let tanh_out = Network::new(&NetworkSpec::new(
        64,
        &[4],
        Activation::Tanh,
        10,
        Activation::Tanh,
    ))
    .unwrap();
    let msg = classify(&tanh_out, &test[0].pixels)
        .unwrap_err()
        .to_string();
    assert!(msg.contains("softmax") && msg.contains("tanh"), "{msg}");
    let mut bright = test[0].pixels;
    bright[7] = 17;
    let msg = classify(&always(0), &bright).unwrap_err().to_string();
    assert!(msg.contains("pixel 7") && msg.contains("17"), "{msg}");
    assert!(evaluate(&always(0), &[]).is_err());
    assert!(EpochRunner::new(&[], 1).is_err());
    let mut trainer = Trainer::new(two_in, training::training_config()).unwrap();
    let mut runner = EpochRunner::new(test, 1).unwrap();
    assert!(runner.run(&mut trainer).is_err());
    assert_eq!(runner.epoch(), 0);
}

/// The 8 × 8 result as rows, for comparing with a hand-written picture.
fn rows(p: [u8; 64]) -> [[u8; 8]; 8] {
    let mut out = [[0; 8]; 8];
    for (k, v) in p.into_iter().enumerate() {
        out[k / 8][k % 8] = v;
    }
    out
}

#[test]
fn a_two_pixel_bar_is_centred_and_fills_the_height() {
    // A 2 × 2 canvas with its left column inked: the box is 1 wide and 2
    // tall. Scaled to 32 tall it is 16 wide; centred, it covers bitmap
    // columns 8..24, which are the whole of blocks 2..6 in every block row.
    let out = reduce_drawing(&[1.0, 0.0, 1.0, 0.0], 2).unwrap();
    assert_eq!(rows(out), [[0, 0, 16, 16, 16, 16, 0, 0]; 8]);
    // The same bar drawn anywhere, at any size, and faintly outside the
    // ink threshold around it, reduces the same way.
    let mut big = vec![0.0; 50 * 50];
    for y in 10..30 {
        for x in 20..30 {
            big[y * 50 + x] = 0.9;
        }
        big[y * 50 + 19] = 0.3;
    }
    assert_eq!(reduce_drawing(&big, 50).unwrap(), out);
}

#[test]
fn two_corner_pixels_reduce_as_worked_by_hand() {
    // A 3 × 3 canvas inked at the top left and bottom right corners. The
    // box is the whole canvas; each bitmap cell spans 3/32 of a canvas
    // pixel. Along one axis, cells 0..=9 lie inside canvas pixel 0; cell 10
    // spans [0.9375, 1.03125), two thirds in pixel 0; cell 11 lies in
    // pixel 1. Likewise cell 21, [1.96875, 2.0625), is two thirds in pixel 2,
    // and cell 20 lies in pixel 1. A cell is on when at least half its area
    // is ink: cell (r, c) with r, c ≤ 10 is inked over 1, 2/3 or, for
    // (10, 10), 2/3 · 2/3 = 4/9 < 1/2 of its area, so all but (10, 10) are
    // on; the same at the other corner, all of (21..=31)² but (21, 21).
    // Blocks are 4 cells a side, so along an axis blocks 0, 1 hold 4 inked
    // cells, block 2 (cells 8..12) 3, block 5 (cells 20..24) 3, blocks 6, 7
    // 4: block (2, 2) counts 3 · 3 − 1 = 8, block (5, 5) likewise 8, and the
    // others the product of their row and column counts.
    let mut canvas = [0.0; 9];
    canvas[0] = 1.0;
    canvas[8] = 1.0;
    let out = reduce_drawing(&canvas, 3).unwrap();
    #[rustfmt::skip]
    let expected = [
        [16, 16, 12, 0, 0, 0, 0, 0],
        [16, 16, 12, 0, 0, 0, 0, 0],
        [12, 12,  8, 0, 0, 0, 0, 0],
        [ 0,  0,  0, 0, 0, 0, 0, 0],
        [ 0,  0,  0, 0, 0, 0, 0, 0],
        [ 0,  0,  0, 0, 0, 8, 12, 12],
        [ 0,  0,  0, 0, 0, 12, 16, 16],
        [ 0,  0,  0, 0, 0, 12, 16, 16],
    ];
    assert_eq!(rows(out), expected);
}

#[test]
fn a_normalised_32_by_32_drawing_is_only_block_counted() {
    // A "0" drawn as a box outline already as UCI bitmaps are: 32 tall,
    // centred (columns 8..24), strokes 4 cells thick. Reducing it leaves the
    // bitmap as it is, so the result is its block counts: full blocks on the
    // outline, empty inside and outside.
    let mut canvas = vec![0.0; 32 * 32];
    let mut bitmap = [false; 1024];
    for r in 0..32 {
        for c in 8..24 {
            if !(4..28).contains(&r) || !(12..20).contains(&c) {
                canvas[r * 32 + c] = 1.0;
                bitmap[r * 32 + c] = true;
            }
        }
    }
    let out = reduce_drawing(&canvas, 32).unwrap();
    assert_eq!(out, block_counts(&bitmap));
    let mut expected = [[0, 0, 16, 0, 0, 16, 0, 0]; 8];
    expected[0] = [0, 0, 16, 16, 16, 16, 0, 0];
    expected[7] = expected[0];
    assert_eq!(rows(out), expected);
}

#[test]
fn the_defaults_reach_95_percent_on_the_test_images() {
    let d = digits();
    let network = Network::new(&training::network_spec(training::SEED)).unwrap();
    assert_eq!(network.sizes(), [64, 32, 10]);
    let mut trainer = Trainer::new(network, training::training_config()).unwrap();
    let mut runner = EpochRunner::new(d.train(), training::SEED).unwrap();
    let before = evaluate(trainer.network(), d.test()).unwrap().accuracy();
    for _ in 0..training::EPOCHS {
        let outcome = runner.run(&mut trainer).unwrap();
        assert!(
            matches!(outcome, StepOutcome::Applied { .. }),
            "{outcome:?}"
        );
    }
    assert_eq!(runner.epoch(), training::EPOCHS);
    let e = evaluate(trainer.network(), d.test()).unwrap();
    let accuracy = e.accuracy();
    println!(
        "test accuracy {accuracy:.4} after {} epochs (untrained {before:.4}); {} misclassified",
        training::EPOCHS,
        e.misclassified.len()
    );
    assert!(before < 0.5, "untrained accuracy {before}");
    assert!(
        accuracy >= training::TARGET_ACCURACY,
        "test accuracy {accuracy} after {} epochs",
        training::EPOCHS
    );
    assert_eq!(e.confusion.total(), 450);
    assert_eq!(
        e.misclassified.len() as u32,
        e.confusion.total() - e.confusion.correct()
    );
    // A drawn digit is classified into 10 probabilities that sum to 1.
    let p = classify(trainer.network(), &d.test()[0].pixels).unwrap();
    assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
}

/// The embedded file's bytes, re-encoded from the decoded images exactly as
/// the script writes them (to mutate a real file in the test below).
fn encode(d: &Digits) -> Vec<u8> {
    let mut out = b"LBDIGITS\x01".to_vec();
    out.extend((d.len() as u16).to_le_bytes());
    out.extend((d.test().len() as u16).to_le_bytes());
    let (mut acc, mut n) = (0u64, 0u32);
    let mut put = |value: u64, width: u32, out: &mut Vec<u8>| {
        acc |= value << n;
        n += width;
        while n >= 8 {
            out.push(acc as u8);
            acc >>= 8;
            n -= 8;
        }
    };
    for image in d.train().iter().chain(d.test()) {
        put(u64::from(image.source_row), 11, &mut out);
        put(u64::from(image.label), 4, &mut out);
        for p in image.pixels {
            put(u64::from(p), 5, &mut out);
        }
    }
    put(0, 7, &mut out);
    out
}

#[test]
fn damaged_files_never_panic() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let good = encode(digits());
    assert_eq!(good.len(), 75_263);
    assert!(good == include_bytes!("../../../data/digits/digits.bin"));
    assert_eq!(&Digits::decode(&good).unwrap(), digits());
    let mut r = TestRunner::new(Config {
        cases: 64,
        ..Config::default()
    });
    // The magic, version and image count: any change is refused (a new
    // count no longer fits the length). The test count may change the split.
    for at in 0..11 {
        for flip in [0x01, 0x10, 0x80, 0xFF] {
            let mut bad = good.clone();
            bad[at] ^= flip;
            assert!(
                Digits::decode(&bad).is_err(),
                "byte {at} ^ {flip:#x} was accepted"
            );
        }
    }
    // One byte changed anywhere: refused, or decoded into other images;
    // never a panic.
    r.run(&(0..good.len(), 1..=255u8), |(at, flip)| {
        let mut bad = good.clone();
        bad[at] ^= flip;
        let decoded = Digits::decode(&bad);
        prop_assert_ne!(decoded.as_ref().ok(), Some(digits()));
        Ok(())
    })
    .unwrap();
    r.run(&proptest::collection::vec(any::<u8>(), 0..200), |bytes| {
        prop_assert!(Digits::decode(&bytes).is_err());
        Ok(())
    })
    .unwrap();
}

#[test]
fn any_canvas_reduces_to_pixels_0_to_16_or_a_clear_error() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let mut r = TestRunner::new(Config {
        cases: 128,
        ..Config::default()
    });
    let canvas = (1usize..40).prop_flat_map(|side| {
        (
            Just(side),
            proptest::collection::vec(prop_oneof![Just(0.0), Just(1.0), 0.0..=1.0f64], side * side),
        )
    });
    r.run(&canvas, |(side, canvas)| {
        match reduce_drawing(&canvas, side) {
            Ok(pixels) => {
                prop_assert!(canvas.iter().any(|&c| c >= 0.5));
                prop_assert!(pixels.iter().all(|&p| p <= 16));
            }
            Err(e) => {
                prop_assert!(canvas.iter().all(|&c| c < 0.5));
                prop_assert!(e.to_string().contains("empty"), "{e}");
            }
        }
        Ok(())
    })
    .unwrap();
}
