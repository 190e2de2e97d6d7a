//! In steady state a training step allocates nothing: a counting global
//! allocator (counting this thread only) proves it.

use lightbulb_core::{
    Activation, Loss, Network, NetworkSpec, OptimizerKind, Regularization, Trainer, TrainingConfig,
};
use ndarray::Array2;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = COUNT.try_with(|c| c.set(c.get() + 1));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = COUNT.try_with(|c| c.set(c.get() + 1));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations() -> usize {
    COUNT.with(Cell::get)
}

#[test]
fn a_training_step_allocates_nothing_in_steady_state() {
    for (kind, reg, act, out, loss, outputs) in [
        (
            OptimizerKind::Sgd,
            Regularization::None,
            Activation::Tanh,
            Activation::Tanh,
            Loss::Mse,
            1,
        ),
        (
            OptimizerKind::Momentum,
            Regularization::L2,
            Activation::Relu,
            Activation::Sigmoid,
            Loss::Bce,
            1,
        ),
        (
            OptimizerKind::Adam,
            Regularization::L1,
            Activation::Sigmoid,
            Activation::Softmax,
            Loss::SoftmaxCe,
            3,
        ),
    ] {
        let net = Network::new(&NetworkSpec::new(2, &[8, 8], act, outputs, out)).unwrap();
        let config = TrainingConfig {
            loss,
            optimizer: kind,
            regularization: reg,
            regularization_rate: 0.001,
            batch_size: 10,
            ..TrainingConfig::default()
        };
        let mut t = Trainer::new(net, config).unwrap();
        let x = Array2::from_shape_fn((10, 2), |(r, c)| {
            (r as f64 - 4.5) * if c == 0 { 0.3 } else { -0.2 }
        });
        let y = Array2::from_shape_fn((10, outputs), |(r, c)| {
            if outputs == 1 {
                (r % 2) as f64
            } else {
                f64::from(r % outputs == c)
            }
        });
        let small = x.slice(ndarray::s![..7, ..]);
        let small_y = y.slice(ndarray::s![..7, ..]);
        t.step(x.view(), y.view()).unwrap();
        let before = allocations();
        for _ in 0..100 {
            t.step(x.view(), y.view()).unwrap();
            // A smaller last batch of an epoch fits in the same buffers.
            t.step(small, small_y).unwrap();
        }
        assert_eq!(allocations() - before, 0, "{kind:?} allocated during steps");
    }
}

#[test]
fn the_counter_does_count() {
    let before = allocations();
    let v: Vec<u8> = Vec::with_capacity(16);
    drop(v);
    assert!(allocations() > before);
}

/// A session records its timeline as it trains: once the history is full
/// (older keyframes are dropped and their buffers reused), a step
/// allocates nothing either, epoch ends and keyframes included.
#[test]
fn a_session_step_allocates_nothing_once_its_history_is_full() {
    use lightbulb_core::session::HISTORY_STEPS;
    use lightbulb_core::{DatasetKind, DatasetParams, Session, SessionConfig};
    let config = SessionConfig {
        dataset: DatasetParams::new(DatasetKind::Spiral)
            .with_points(50)
            .unwrap(),
        training: TrainingConfig {
            optimizer: OptimizerKind::Adam,
            batch_size: 2,
            ..TrainingConfig::default()
        },
        ..SessionConfig::default()
    };
    let mut s = Session::new(config).unwrap();
    let interval = s.timeline().interval();
    while s.steps() < 2 * (HISTORY_STEPS + interval) {
        s.step().unwrap();
    }
    let (epoch, before) = (s.epoch(), allocations());
    for _ in 0..1000 {
        s.step().unwrap();
    }
    assert!(s.epoch() > epoch + 50);
    assert_eq!(allocations() - before, 0, "allocations in 1000 steps");
}
