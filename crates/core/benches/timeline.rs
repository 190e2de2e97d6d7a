//! Restoring a past step of the page's largest network (7 features, 8
//! hidden layers of 16 tanh neurons, 10 softmax outputs, Adam, batch 10 of
//! 250 training points) from its full history of 10,000+ steps:
//!
//! - `timeline_seek_random_largest`: `Session::seek` to a random step of the
//!   history each time (a keyframe restored and up to `interval` steps
//!   replayed) — the cost of a jump while scrubbing backwards. The page
//!   needs 30 a second, at most 33 ms each.
//! - `timeline_seek_next_largest`: one step forward from a restored step
//!   (replayed from the current state, no keyframe) — scrubbing forwards
//!   or the `.` key.
//! - `timeline_seek_back_largest`: one step back from a restored step (from
//!   a state the scrub cache kept while restoring it) — scrubbing
//!   backwards or the `,` key.

use criterion::{criterion_group, criterion_main, Criterion};
use lightbulb_core::session::HISTORY_STEPS;
use lightbulb_core::{
    Activation, DatasetKind, DatasetParams, FeatureSet, HiddenSpec, Loss, OptimizerKind, Session,
    SessionConfig, TrainingConfig,
};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::time::{Duration, Instant};

fn largest() -> Session {
    let config = SessionConfig {
        dataset: DatasetParams::new(DatasetKind::Blobs)
            .with_classes(10)
            .expect("10 classes")
            .with_points(500)
            .expect("500 points"),
        features: FeatureSet::all(),
        hidden: vec![
            HiddenSpec {
                neurons: 16,
                activation: Activation::Tanh,
            };
            8
        ],
        training: TrainingConfig {
            loss: Loss::SoftmaxCe,
            optimizer: OptimizerKind::Adam,
            learning_rate: 0.003,
            batch_size: 10,
            ..TrainingConfig::default()
        },
        ..SessionConfig::default()
    };
    let mut s = Session::new(config).expect("a valid session");
    let steps = HISTORY_STEPS + 2 * s.timeline().interval();
    for _ in 0..steps {
        s.step().expect("training points");
    }
    s
}

fn seek(c: &mut Criterion) {
    let mut s = largest();
    let (first, last) = (s.timeline().first_step(), s.timeline().last_step());
    eprintln!(
        "history: steps {first}–{last}, interval {}, {} bytes held",
        s.timeline().interval(),
        s.timeline().bytes_held()
    );
    let mut rng = StdRng::seed_from_u64(1);
    c.bench_function("timeline_seek_random_largest", |b| {
        b.iter(|| {
            let k = rng.random_range(last - HISTORY_STEPS..=last);
            s.seek(k).expect("a step of the history");
        })
    });
    c.bench_function("timeline_seek_next_largest", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                let k = rng.random_range(last - HISTORY_STEPS..last);
                s.seek(k).expect("a step of the history");
                let start = Instant::now();
                s.seek(k + 1).expect("the next step");
                total += start.elapsed();
            }
            total
        })
    });
    c.bench_function("timeline_seek_back_largest", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                let k = rng.random_range(last - HISTORY_STEPS + 1..=last);
                s.seek(k).expect("a step of the history");
                let start = Instant::now();
                s.seek(k - 1).expect("the step before");
                total += start.elapsed();
            }
            total
        })
    });
}

criterion_group!(benches, seek);
criterion_main!(benches);
