//! Behaviour of the dataset generators, CSV import and feature transforms.

use lightbulb_core::dataset::{
    encode_inputs, encode_targets, generate, parse_csv, Dataset, DatasetKind, DatasetParams, Point,
    Problem, TargetEncoding,
};
use lightbulb_core::features::{Feature, FeatureSet};
use ndarray::Array2;

fn params(kind: DatasetKind, seed: u64, noise: f64) -> DatasetParams {
    DatasetParams::new(kind)
        .with_seed(seed)
        .with_noise(noise)
        .unwrap()
}

fn std_dev(values: &[f64]) -> f64 {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt()
}

#[test]
fn same_seed_same_points_different_seed_different_points() {
    for kind in DatasetKind::ALL {
        let a = generate(&params(kind, 7, 20.0));
        let b = generate(&params(kind, 7, 20.0));
        let c = generate(&params(kind, 8, 20.0));
        assert_eq!(a, b, "{kind}: same seed must give identical datasets");
        assert_ne!(a.train, c.train, "{kind}: different seeds must differ");
    }
}

#[test]
fn every_point_is_inside_the_square_with_a_valid_label() {
    for kind in DatasetKind::ALL {
        for noise in [0.0, 25.0, 50.0] {
            for classes in [2, 7, 10] {
                let p = params(kind, 3, noise).with_classes(classes).unwrap();
                let d = generate(&p);
                assert_eq!(d.problem, p.problem());
                assert_eq!(d.len(), 500);
                // Re-validating every point through the public checks.
                let again = Dataset::from_points(d.problem, d.train.clone(), d.test.clone());
                assert!(again.is_ok(), "{kind} noise {noise}: {again:?}");
                for q in d.points() {
                    assert!((-6.0..=6.0).contains(&q.x1) && (-6.0..=6.0).contains(&q.x2));
                }
            }
        }
    }
}

#[test]
fn train_share_sets_the_split_sizes() {
    for (n, share, train) in [
        (500, 50.0, 250),
        (500, 10.0, 50),
        (500, 90.0, 450),
        (33, 30.0, 10),
        (2, 50.0, 1),
    ] {
        for kind in [DatasetKind::Circle, DatasetKind::Blobs, DatasetKind::Plane] {
            let p = DatasetParams::new(kind)
                .with_points(n)
                .unwrap()
                .with_train_percent(share)
                .unwrap();
            let d = generate(&p);
            assert_eq!(d.train.len(), train, "{kind} n={n} share={share}");
            assert_eq!(d.test.len(), n - train, "{kind} n={n} share={share}");
        }
    }
}

#[test]
fn split_is_shuffled_not_by_class() {
    // Points are generated class by class; after shuffling both splits hold
    // both classes in roughly equal measure.
    let d = generate(&params(DatasetKind::Gauss, 11, 0.0));
    for split in [&d.train, &d.test] {
        let ones = split.iter().filter(|p| p.label == 1.0).count();
        assert!((100..=150).contains(&ones), "{ones} of {}", split.len());
    }
}

#[test]
fn circle_without_noise_is_separable_by_radius_three() {
    let d = generate(&params(DatasetKind::Circle, 5, 0.0));
    for p in d.points() {
        let inside = p.x1.hypot(p.x2) < 0.6 * 5.0;
        assert_eq!(p.label, if inside { 1.0 } else { 0.0 }, "{p:?}");
    }
    // With noise, some labels disagree with the radius rule.
    let noisy = generate(&params(DatasetKind::Circle, 5, 50.0));
    let wrong = noisy
        .points()
        .filter(|p| (p.x1.hypot(p.x2) < 3.0) != (p.label == 1.0))
        .count();
    assert!(wrong > 10, "only {wrong} flipped labels at 50% noise");
}

#[test]
fn xor_without_noise_labels_by_sign_and_keeps_off_the_axes() {
    let d = generate(&params(DatasetKind::Xor, 9, 0.0));
    let mut counts = [0; 2];
    for p in d.points() {
        assert!(p.x1.abs() >= 0.3 && p.x2.abs() >= 0.3, "{p:?}");
        assert_eq!(p.label, if p.x1 * p.x2 > 0.0 { 1.0 } else { 0.0 }, "{p:?}");
        counts[p.class()] += 1;
    }
    assert!(counts[0] > 150 && counts[1] > 150, "{counts:?}");
}

#[test]
fn gauss_spread_grows_with_noise() {
    let spread = |noise| {
        let d = generate(
            &params(DatasetKind::Gauss, 1, noise)
                .with_points(2000)
                .unwrap(),
        );
        let xs: Vec<f64> = d
            .points()
            .filter(|p| p.label == 1.0)
            .map(|p| p.x1)
            .collect();
        std_dev(&xs)
    };
    let (quiet, mid, loud) = (spread(0.0), spread(25.0), spread(50.0));
    // Expected std: sqrt(0.5) ≈ 0.71, sqrt(2.25) = 1.5, sqrt(4) = 2 (a little
    // less at 50 % because points are clamped to the square).
    assert!((quiet - 0.707).abs() < 0.07, "{quiet}");
    assert!((mid - 1.5).abs() < 0.12, "{mid}");
    assert!(quiet < mid && mid < loud, "{quiet} {mid} {loud}");
    let d = generate(&params(DatasetKind::Gauss, 1, 0.0));
    let class1: Vec<Point> = d.points().filter(|p| p.label == 1.0).copied().collect();
    let mean = class1.iter().map(|p| p.x2).sum::<f64>() / class1.len() as f64;
    assert!(
        (mean - 2.0).abs() < 0.15,
        "class 1 centred at (2, 2), got x2 mean {mean}"
    );
}

#[test]
fn blobs_and_spiral_are_balanced_over_k_classes() {
    for kind in [DatasetKind::Blobs, DatasetKind::Spiral] {
        for k in 2..=10 {
            let p = params(kind, 4, 10.0)
                .with_classes(k)
                .unwrap()
                .with_points(503)
                .unwrap();
            let d = generate(&p);
            assert_eq!(d.problem, Problem::Classification { classes: k });
            let mut counts = vec![0usize; k];
            for q in d.points() {
                assert_eq!(q.label.fract(), 0.0);
                assert!(
                    q.label >= 0.0 && (q.label as usize) < k,
                    "{kind} k={k}: {q:?}"
                );
                counts[q.class()] += 1;
            }
            let (lo, hi) = (counts.iter().min().unwrap(), counts.iter().max().unwrap());
            assert!(hi - lo <= 1, "{kind} k={k}: {counts:?}");
        }
    }
}

#[test]
fn blob_spread_grows_with_noise_and_centres_sit_on_radius_four() {
    let radial_spread = |noise| {
        let p = params(DatasetKind::Blobs, 2, noise)
            .with_classes(4)
            .unwrap();
        let d = generate(&p.with_points(2000).unwrap());
        let c0: Vec<f64> = d
            .points()
            .filter(|q| q.label == 0.0)
            .map(|q| q.x1)
            .collect();
        let mean_r = d
            .points()
            .filter(|q| q.label == 0.0)
            .map(|q| q.x2)
            .sum::<f64>()
            / c0.len() as f64;
        (std_dev(&c0), mean_r)
    };
    let (s0, centre_y) = radial_spread(0.0);
    let (s50, _) = radial_spread(50.0);
    assert!(
        (centre_y - 4.0).abs() < 0.1,
        "class 0 centred at (0, 4), got y {centre_y}"
    );
    assert!((s0 - 0.4).abs() < 0.05, "{s0}");
    assert!(s50 > 3.0 * s0, "{s0} → {s50}");
}

#[test]
fn two_class_spiral_arms_are_half_a_turn_apart() {
    // Without noise, the point i of each arm has radius 5·i/m; arm 1 starts
    // at angle 0 (straight up: x = r·sin t, y = r·cos t), arm 0 at angle π.
    let d = generate(
        &params(DatasetKind::Spiral, 0, 0.0)
            .with_points(400)
            .unwrap(),
    );
    for p in d.points() {
        let r = p.x1.hypot(p.x2);
        assert!(r <= 5.0 + 1e-9, "{p:?}");
    }
    let near_start: Vec<&Point> = d
        .points()
        .filter(|p| p.x1.hypot(p.x2) > 0.1 && p.x1.hypot(p.x2) < 0.3)
        .collect();
    assert!(!near_start.is_empty());
    for p in near_start {
        // Close to the centre the arms still point up (class 1) and down (class 0).
        assert_eq!(p.label, if p.x2 > 0.0 { 1.0 } else { 0.0 }, "{p:?}");
    }
}

#[test]
fn moons_and_checkerboard_have_their_shapes() {
    let d = generate(&params(DatasetKind::Moons, 6, 0.0));
    for p in d.points() {
        assert!(
            p.x1.abs() <= 5.0 + 1e-9 && p.x2.abs() <= 2.5 + 1e-9,
            "{p:?}"
        );
        // Upper moon (class 0) is a half circle of radius 10/3 around (−5/3, −5/6).
        if p.label == 0.0 {
            let r = (p.x1 + 5.0 / 3.0).hypot(p.x2 + 5.0 / 6.0);
            assert!((r - 10.0 / 3.0).abs() < 1e-9, "{p:?}");
        }
    }
    let board = generate(&params(DatasetKind::Checkerboard, 6, 0.0));
    let mut counts = [0; 2];
    for p in board.points() {
        let cell = ((p.x1 + 6.0) / 3.0).floor() as i64 + ((p.x2 + 6.0) / 3.0).floor() as i64;
        assert_eq!(p.label, (cell % 2) as f64, "{p:?}");
        counts[p.class()] += 1;
    }
    assert_eq!(counts, [250, 250]);
}

#[test]
fn regression_labels_follow_their_formulas() {
    let d = generate(&params(DatasetKind::Plane, 3, 0.0));
    assert_eq!(d.problem, Problem::Regression);
    for p in d.points() {
        assert!((p.label - (p.x1 + p.x2) / 12.0).abs() < 1e-12, "{p:?}");
    }
    let g = generate(&params(DatasetKind::MultiGauss, 3, 30.0));
    let labels: Vec<f64> = g.points().map(|p| p.label).collect();
    assert!(labels.iter().all(|l| (-1.0..=1.0).contains(l)));
    assert!(labels.iter().any(|&l| l > 0.5) && labels.iter().any(|&l| l < -0.5));
}

#[test]
fn csv_good_rows_parse_with_optional_header_and_blank_lines() {
    let text = "x1,x2,label\n\n1,2,0\r\n-3.5, 4e0 ,1\n\n";
    let pts = parse_csv(text, Problem::Classification { classes: 2 }).unwrap();
    assert_eq!(
        pts,
        vec![Point::new(1.0, 2.0, 0.0), Point::new(-3.5, 4.0, 1.0)]
    );
    let reg = parse_csv("0,0,-0.5\n6,-6,1", Problem::Regression).unwrap();
    assert_eq!(reg[1], Point::new(6.0, -6.0, 1.0));
}

#[test]
fn csv_reports_exactly_the_bad_lines() {
    let text = "x1,x2,label\n1,2,0\ncat,2,1\n1,2,1\n";
    let err = parse_csv(text, Problem::Classification { classes: 2 }).unwrap_err();
    assert_eq!(err.errors.len(), 1);
    assert_eq!(err.errors[0].line, Some(3));
    assert_eq!(err.to_string(), "line 3: x1 \"cat\" is not a number");

    let text = "1,2,0\n1,2,dog\n\n9,0,1\n1,2\n0,0,0.5\n1,2,3,4\n0,0,\n";
    let err = parse_csv(text, Problem::Classification { classes: 3 }).unwrap_err();
    let lines: Vec<Option<usize>> = err.errors.iter().map(|e| e.line).collect();
    assert_eq!(
        lines,
        vec![Some(2), Some(4), Some(5), Some(6), Some(7), Some(8)]
    );
    assert_eq!(
        err.to_string(),
        "line 2: label \"dog\" is not a number\n\
         line 4: x1 must be between -6 and 6, got 9\n\
         line 5: expected 3 fields x1,x2,label, found 2\n\
         line 6: label 0.5 is not a class index; expected a whole number from 0 to 2\n\
         line 7: expected 3 fields x1,x2,label, found 4\n\
         line 8: label is empty"
    );
}

#[test]
fn csv_weird_inputs_never_panic() {
    let two = Problem::Classification { classes: 2 };
    let long_line = "9".repeat(10_000) + ",1,1";
    let long_text = "é".repeat(10_000);
    let commas = ",".repeat(10_000);
    let inputs: Vec<&str> = vec![
        "",
        "\n\n  \n",
        "x1,x2,label",
        "\u{feff}x1,x2,label\n",
        "NaN,0,0",
        "inf,0,0",
        "0,-infinity,0",
        "1e309,0,0",
        "0,0,1e400",
        "0,0,-0",
        "日本,語,🙂",
        "\"\",\"\",\"\"",
        "\"",
        "\r\r\r",
        "\0,\0,\0",
        &long_line,
        &long_text,
        &commas,
    ];
    for text in inputs {
        for problem in [
            two,
            Problem::Regression,
            Problem::Classification { classes: 0 },
        ] {
            let result = parse_csv(text, problem);
            if let Err(e) = &result {
                assert!(!e.errors.is_empty());
                // Messages stay short even for 10k-character lines.
                assert!(e.to_string().len() < 500, "{}", e.to_string().len());
            }
        }
    }
    assert_eq!(parse_csv("", two).unwrap_err().errors[0].line, None);
    assert!(parse_csv("x1,x2,label\n", two).is_err());
    let nan = parse_csv("NaN,0,0", two).unwrap_err().to_string();
    assert_eq!(nan, "line 1: x1 must be a finite number, got NaN");
    let inf = parse_csv("0,0,inf", Problem::Regression)
        .unwrap_err()
        .to_string();
    assert_eq!(inf, "line 1: label must be a finite number, got inf");
    // "-0" is a valid class 0.
    assert_eq!(parse_csv("0,0,-0", two).unwrap()[0].label, 0.0);
}

#[test]
fn csv_is_linear_on_big_inputs() {
    // 200k rows (half bad) must parse quickly; a quadratic parser would not.
    let mut text = String::new();
    for i in 0..200_000 {
        if i % 2 == 0 {
            text.push_str("1.25,-2.5,1\n");
        } else {
            text.push_str("x,y,z\n");
        }
    }
    let start = std::time::Instant::now();
    let err = parse_csv(&text, Problem::Classification { classes: 2 }).unwrap_err();
    assert_eq!(err.errors.len(), 100_000);
    assert_eq!(err.errors[0].line, Some(2));
    assert!(start.elapsed().as_secs_f64() < 5.0, "{:?}", start.elapsed());
}

#[test]
fn inputs_and_targets_from_a_generated_dataset() {
    let d = generate(&params(DatasetKind::Blobs, 1, 0.0).with_classes(4).unwrap());
    let features = FeatureSet::new(&[Feature::X2Sq, Feature::X1]).unwrap();
    let mut x = Array2::zeros((0, 0));
    encode_inputs(&d.train, &features, &mut x);
    assert_eq!(x.dim(), (d.train.len(), 2));
    for (p, row) in d.train.iter().zip(x.rows()) {
        assert_eq!(row.to_vec(), vec![p.x1, p.x2 * p.x2]);
    }
    let mut y = Array2::zeros((0, 0));
    encode_targets(&d.train, TargetEncoding::OneHot { classes: 4 }, &mut y).unwrap();
    for (p, row) in d.train.iter().zip(y.rows()) {
        assert_eq!(row.sum(), 1.0);
        assert_eq!(row[p.class()], 1.0);
    }
    // Four classes do not fit a single ±1 output.
    assert!(encode_targets(&d.train, TargetEncoding::PlusMinusOne, &mut y).is_err());
}

/// Counts heap allocations made by the current thread, so the hot-path test
/// below is not disturbed by other tests running in parallel.
mod alloc_count {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;

    thread_local! {
        static COUNT: Cell<usize> = const { Cell::new(0) };
    }

    pub struct Counting;

    // SAFETY: defers every operation to `System`; only adds a counter.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let _ = COUNT.try_with(|c| c.set(c.get() + 1));
            // SAFETY: same contract as the caller's.
            unsafe { System.alloc(layout) }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            // SAFETY: same contract as the caller's.
            unsafe { System.dealloc(ptr, layout) }
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            let _ = COUNT.try_with(|c| c.set(c.get() + 1));
            // SAFETY: same contract as the caller's.
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }

    pub fn allocations() -> usize {
        COUNT.with(Cell::get)
    }
}

#[global_allocator]
static ALLOCATOR: alloc_count::Counting = alloc_count::Counting;

#[test]
fn hot_paths_do_not_allocate() {
    let d = generate(&params(DatasetKind::Circle, 2, 10.0));
    let features = FeatureSet::all();
    let mut x = Array2::zeros((d.train.len(), features.len()));
    let mut y = Array2::zeros((d.train.len(), 1));
    let mut row = [0.0; 7];
    let before = alloc_count::allocations();
    // A 100×100 heatmap grid, then a whole-dataset encode.
    let mut sum = 0.0;
    for i in 0..100 {
        for j in 0..100 {
            let (x1, x2) = (-6.0 + 0.12 * i as f64, -6.0 + 0.12 * j as f64);
            features.transform_into(x1, x2, &mut row);
            sum += row[4];
        }
    }
    encode_inputs(&d.train, &features, &mut x);
    let encoded = encode_targets(&d.train, TargetEncoding::PlusMinusOne, &mut y);
    let after = alloc_count::allocations();
    assert!(encoded.is_ok());
    assert_eq!(after - before, 0, "transform/encode allocated");
    assert!(sum.is_finite());
    // The counter does see allocations.
    let v: Vec<f64> = Vec::with_capacity(3);
    assert!(alloc_count::allocations() > after && v.capacity() >= 3);
}
