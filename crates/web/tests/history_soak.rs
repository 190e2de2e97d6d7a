//! The timeline's memory bound, measured in wasm: the page's largest network
//! (7 features, 8 hidden layers of 16 tanh neurons, 10 softmax outputs,
//! Adam) with its live line and every kept branch full of distinct steps,
//! then scrubbed back. The wasm memory may grow by at most 32 MB (the bound
//! the issue states), and the Rust heap in use (a counting allocator) by at
//! most the timeline's own bound.
//!
//! A file of its own, so that it runs in a fresh wasm instance: the memory
//! is a high-water mark that the soaks of `soak.rs` would have raised
//! already, hiding the growth measured here.
#![cfg(target_arch = "wasm32")]

use lightbulb_core::session::{HISTORY_BOUND, HISTORY_STEPS, MAX_BRANCHES};
use lightbulb_core::{
    Activation, DatasetKind, DatasetParams, FeatureSet, HiddenSpec, Loss, OptimizerKind, Session,
    SessionConfig, TrainingConfig,
};
use wasm_bindgen_test::*;

#[path = "support/memory.rs"]
mod memory;
use memory::{heap_in_use, memory_bytes, yield_now};

wasm_bindgen_test_configure!(run_in_browser);

/// The largest page network; 20 training points in one batch, so that
/// every step ends an epoch and the epoch records are as many as can be.
fn largest() -> SessionConfig {
    SessionConfig {
        dataset: DatasetParams::new(DatasetKind::Blobs)
            .with_classes(10)
            .unwrap()
            .with_points(40)
            .unwrap(),
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
            batch_size: 20,
            ..TrainingConfig::default()
        },
        ..SessionConfig::default()
    }
}

async fn train(s: &mut Session, steps: u64, held: &mut usize) {
    for i in 0..steps {
        s.step().unwrap();
        if i % 250 == 0 {
            *held = (*held).max(s.timeline().bytes_held());
        }
        if i % 2_000 == 0 {
            yield_now().await;
        }
    }
}

#[wasm_bindgen_test]
async fn the_history_of_the_largest_network_fits_in_32_mb_of_wasm_memory() {
    let (memory_before, heap_before) = (memory_bytes(), heap_in_use());
    let mut s = Session::new(largest()).unwrap();
    let heap_session = heap_in_use();
    let interval = s.timeline().interval();
    let bound = s.timeline().bound();
    assert!(bound <= HISTORY_BOUND, "bound {bound}");
    let full = HISTORY_STEPS + 3 * interval;
    let mut held = 0;
    train(&mut s, full, &mut held).await;
    for b in 0..MAX_BRANCHES {
        s.keep_branch(&format!("branch {b}")).unwrap();
        train(&mut s, full, &mut held).await;
    }
    // Scrubbing back fills the scrub cache, which the bound includes.
    let last = s.steps();
    for k in (last - 300..last).rev() {
        s.seek(k).unwrap();
    }
    held = held.max(s.timeline().bytes_held());
    let heap_grown = heap_in_use() - heap_session;
    let memory_grown = memory_bytes() - memory_before;
    web_sys::console::log_1(
        &format!(
            "history soak (wasm32): largest network, {} steps in 4 lines, interval {interval}; \
             timeline bytes held {held}, bound {bound}; Rust heap grown {heap_grown} \
             (session {} more); wasm memory grown {memory_grown} ({memory_before} → {})",
            (MAX_BRANCHES as u64 + 1) * full,
            heap_session - heap_before,
            memory_bytes()
        )
        .into(),
    );
    assert!(held <= bound, "held {held} > bound {bound}");
    assert!(
        heap_grown <= bound,
        "heap grew {heap_grown} > bound {bound}"
    );
    assert!(
        memory_grown <= HISTORY_BOUND,
        "wasm memory grew {memory_grown} bytes, more than {HISTORY_BOUND}"
    );
    // Full lines: the bound is not loose by much.
    assert!(held > bound / 2, "held {held}, bound {bound}");
}
