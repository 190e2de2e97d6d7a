//! Core benchmarks, compared in BENCHMARKS.md with TensorFlow Playground's
//! own JavaScript:
//!
//! - `epoch_2_8_8_1_tanh_250pts_batch10`: one epoch of a 2-8-8-1 tanh network
//!   (MSE, SGD, learning rate 0.03) on the 250 training points of a 500-point
//!   circle dataset, batch size 10: 25 `Trainer::step` calls on consecutive
//!   10-row slices.
//! - `grid_100x100_2_8_8_1_tanh`: the forward pass of that network over a
//!   100×100 grid of the input square [−6, 6]², keeping every neuron's output
//!   (a `Trace` of 10,000 rows).
//! - `grid_100x100_7f_8x16_tanh`: the same grid through the largest page
//!   network, all 7 features and 8 hidden layers of 16 tanh neurons.
//! - `maps_100x100_*`: the same two grids as the page computes them for its
//!   pictures, `Maps::compute` in f32 (`Session::grid`).
//!
//! - `digits_epoch_64_32_10_tanh_sgd_batch10`: one epoch of the digits
//!   defaults (`digits::training`): 64-32-10, tanh then softmax,
//!   cross-entropy, SGD at 0.2, over the 1,347 training images in batches
//!   of 10 (135 `Trainer::step` calls), shuffled as `EpochRunner::run` does.
//! - `digits_evaluate_450_test_images`: `digits::evaluate` of that network
//!   on the 450 test images (accuracy, confusion matrix, misclassified).
//! - `digits_reduce_drawing_280x280`: `digits::reduce_drawing` of a
//!   280 × 280 canvas holding a drawn ring.
//!
//! The grid benchmarks time the feature transform, loading the trace and the
//! forward pass; the grid points themselves are made once.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use lightbulb_core::dataset::{encode_inputs, encode_targets, EXTENT};
use lightbulb_core::digits::{evaluate, reduce_drawing, training, Digits, EpochRunner};
use lightbulb_core::maps::Maps;
use lightbulb_core::{
    generate, Activation, DatasetKind, DatasetParams, FeatureSet, HiddenSpec, Loss, Network,
    NetworkSpec, OptimizerKind, Point, Session, SessionConfig, TargetEncoding, Trace, Trainer,
    TrainingConfig,
};
use ndarray::{s, Array2};

const GRID: usize = 100;
const BATCH: usize = 10;

fn network(features: &FeatureSet, hidden: &[usize]) -> Network {
    let spec = NetworkSpec::new(
        features.len(),
        hidden,
        Activation::Tanh,
        1,
        Activation::Tanh,
    )
    .seed(1);
    Network::new(&spec).expect("a valid benchmark network")
}

fn epoch(c: &mut Criterion) {
    let params = DatasetParams::new(DatasetKind::Circle)
        .with_points(500)
        .expect("500 points");
    let data = generate(&params);
    assert_eq!(data.train.len(), 250);
    let features = FeatureSet::default();
    let mut x = Array2::zeros((0, 0));
    let mut y = Array2::zeros((0, 0));
    encode_inputs(&data.train, &features, &mut x);
    encode_targets(&data.train, TargetEncoding::PlusMinusOne, &mut y).expect("circle labels");
    let config = TrainingConfig {
        loss: Loss::Mse,
        optimizer: OptimizerKind::Sgd,
        learning_rate: 0.03,
        batch_size: BATCH,
        ..TrainingConfig::default()
    };
    let mut trainer = Trainer::new(network(&features, &[8, 8]), config).expect("a valid trainer");
    let updates = data.train.len() / BATCH;
    c.bench_function("epoch_2_8_8_1_tanh_250pts_batch10", |b| {
        b.iter(|| {
            for k in 0..updates {
                let rows = s![k * BATCH..(k + 1) * BATCH, ..];
                let outcome = trainer.step(x.slice(rows), y.slice(rows));
                black_box(outcome.expect("shapes fit"));
            }
        })
    });
}

/// The centres of a `GRID`×`GRID` grid of cells over [−6, 6]².
fn grid_points() -> Vec<Point> {
    let cell = 2.0 * EXTENT / GRID as f64;
    (0..GRID * GRID)
        .map(|k| {
            let (i, j) = (k / GRID, k % GRID);
            let x1 = -EXTENT + (j as f64 + 0.5) * cell;
            let x2 = EXTENT - (i as f64 + 0.5) * cell;
            Point::new(x1, x2, 0.0)
        })
        .collect()
}

fn grid(c: &mut Criterion, name: &str, features: FeatureSet, hidden: &[usize]) {
    let net = network(&features, hidden);
    let points = grid_points();
    let mut inputs = Array2::zeros((points.len(), features.len()));
    let mut trace = Trace::new(&net, points.len());
    c.bench_function(name, |b| {
        b.iter(|| {
            encode_inputs(&points, &features, &mut inputs);
            trace.load(inputs.view(), None).expect("shapes fit");
            net.forward(&mut trace);
            black_box(trace.output().map(|o| o[[0, 0]]));
        })
    });
}

/// The page's f32 maps of the same grid (`Session::grid`).
fn maps(c: &mut Criterion, name: &str, features: FeatureSet, hidden: &[usize]) {
    let net = network(&features, hidden);
    let mut maps = Maps::default();
    c.bench_function(name, |b| {
        b.iter(|| {
            maps.compute(&net, &features, GRID);
            black_box(maps.output().map(|o| o[[0, 0]]));
        })
    });
}

fn grids(c: &mut Criterion) {
    grid(
        c,
        "grid_100x100_2_8_8_1_tanh",
        FeatureSet::default(),
        &[8, 8],
    );
    grid(c, "grid_100x100_7f_8x16_tanh", FeatureSet::all(), &[16; 8]);
    maps(
        c,
        "maps_100x100_2_8_8_1_tanh",
        FeatureSet::default(),
        &[8, 8],
    );
    maps(c, "maps_100x100_7f_8x16_tanh", FeatureSet::all(), &[16; 8]);
}

/// The session-level calls the page makes: one step, one epoch, a probe of
/// one point (the input sliders) and the 100×100 grid (every frame).
fn session(c: &mut Criterion) {
    let config = SessionConfig {
        dataset: DatasetParams::new(DatasetKind::Circle),
        hidden: vec![
            HiddenSpec {
                neurons: 8,
                activation: Activation::Tanh
            };
            2
        ],
        ..SessionConfig::default()
    };
    let mut s = Session::new(config).expect("a valid session");
    c.bench_function("session_step_2_8_8_1", |b| {
        b.iter(|| black_box(s.step().expect("trains")))
    });
    c.bench_function("session_epoch_2_8_8_1", |b| {
        b.iter(|| black_box(s.epoch_run().expect("trains")))
    });
    let mut x = 0.0;
    c.bench_function("session_probe_2_8_8_1", |b| {
        b.iter(|| {
            x = if x > 5.0 { -5.0 } else { x + 0.01 };
            black_box(s.probe(x, -x).expect("finite").output().map(|o| o[[0, 0]]))
        })
    });
    c.bench_function("session_grid_100_2_8_8_1", |b| {
        b.iter(|| {
            black_box(
                s.grid(100)
                    .expect("valid resolution")
                    .output()
                    .map(|o| o[[0, 0]]),
            )
        })
    });
}

fn digits(c: &mut Criterion) {
    let data = Digits::embedded().expect("the embedded digits");
    let network = Network::new(&training::network_spec(training::SEED)).expect("64-32-10");
    let mut trainer =
        Trainer::new(network, training::training_config()).expect("the default settings");
    let mut runner = EpochRunner::new(data.train(), training::SEED).expect("training images");
    c.bench_function("digits_epoch_64_32_10_tanh_sgd_batch10", |b| {
        b.iter(|| black_box(runner.run(&mut trainer).expect("shapes fit")))
    });
    c.bench_function("digits_evaluate_450_test_images", |b| {
        b.iter(|| black_box(evaluate(trainer.network(), data.test()).expect("64-32-10")))
    });
    const SIDE: usize = 280;
    let canvas: Vec<f64> = (0..SIDE * SIDE)
        .map(|k| {
            let (y, x) = ((k / SIDE) as f64 - 140.0, (k % SIDE) as f64 - 140.0);
            let r = (x * x / 0.4 + y * y).sqrt();
            if (80.0..105.0).contains(&r) {
                1.0
            } else {
                0.0
            }
        })
        .collect();
    c.bench_function("digits_reduce_drawing_280x280", |b| {
        b.iter(|| black_box(reduce_drawing(black_box(&canvas), SIDE).expect("a ring")))
    });
}

criterion_group!(benches, epoch, grids, session, digits);
criterion_main!(benches);
