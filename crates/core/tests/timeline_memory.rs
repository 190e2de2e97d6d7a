//! The timeline's memory bound, on the page's largest network (7 features,
//! 8 hidden layers of 16 tanh neurons, 10 softmax outputs, Adam): with the
//! live line and every kept branch full of distinct steps, the bytes it
//! reports and the heap the process really grew by (a counting global
//! allocator, this thread only) both stay under its bound, which is under
//! 32 MB; and the last 10,000 steps stay restorable, exactly.

#[path = "timeline/state.rs"]
mod shared;

use lightbulb_core::session::{HISTORY_BOUND, HISTORY_STEPS, MAX_BRANCHES};
use lightbulb_core::{
    Activation, DatasetKind, DatasetParams, FeatureSet, HiddenSpec, Loss, OptimizerKind, Session,
    SessionConfig, TrainingConfig,
};
use shared::{assert_same, state, State};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;
thread_local! {
    static IN_USE: Cell<isize> = const { Cell::new(0) };
}
// SAFETY: every call is passed on unchanged to the system allocator; the
// counter is a thread-local Cell, which never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = IN_USE.try_with(|b| b.set(b.get() + layout.size() as isize));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let _ = IN_USE.try_with(|b| b.set(b.get() - layout.size() as isize));
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = IN_USE.try_with(|b| b.set(b.get() + new_size as isize - layout.size() as isize));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}
#[global_allocator]
static GLOBAL: Counting = Counting;

fn in_use() -> isize {
    IN_USE.with(Cell::get)
}

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

/// Trains `steps` steps, noting the most bytes held and the state at step `keep`.
fn train(s: &mut Session, steps: u64, largest_held: &mut usize, keep: u64) -> Option<State> {
    let mut kept = None;
    for _ in 0..steps {
        s.step().unwrap();
        if s.steps().checked_rem(250) == Some(0) {
            *largest_held = (*largest_held).max(s.timeline().bytes_held());
        }
        if s.steps() == keep {
            kept = Some(state(s));
        }
    }
    kept
}

#[test]
fn the_history_of_the_largest_network_stays_under_its_bound() {
    let mut s = Session::new(largest()).unwrap();
    let params: usize = s
        .network()
        .layers()
        .iter()
        .map(|l| l.weights.len() + l.biases.len())
        .sum();
    assert_eq!(params, 2202);
    let interval = s.timeline().interval();
    let bound = s.timeline().bound();
    assert_eq!(interval, 91);
    assert!(bound <= HISTORY_BOUND, "bound {bound}");
    let start = in_use();
    let mut held = 0;
    let full = HISTORY_STEPS + 3 * interval;
    // The live line full, then kept, and trained full again, until every
    // branch is a full line of its own.
    let last = (MAX_BRANCHES as u64 + 1) * full;
    let oldest = last - HISTORY_STEPS;
    train(&mut s, full, &mut held, 0);
    let mut at_oldest = None;
    for b in 0..MAX_BRANCHES {
        s.keep_branch(&format!("branch {b}")).unwrap();
        at_oldest = train(&mut s, full, &mut held, oldest).or(at_oldest);
        let first = s.timeline().first_step();
        assert!(
            first + HISTORY_STEPS <= s.steps(),
            "holds {first}–{}",
            s.steps()
        );
    }
    assert_eq!(s.steps(), last);
    let grown = in_use() - start;
    held = held.max(s.timeline().bytes_held());
    eprintln!(
        "largest network: interval {interval}, bytes held {held}, heap grown {grown}, bound {bound}"
    );
    assert!(held <= bound, "held {held} > bound {bound}");
    assert!(
        grown >= 0 && grown as usize <= bound,
        "grew {grown} > bound {bound}"
    );
    // A full line and four of them: the bound is not loose by much.
    assert!(held > bound / 2, "held {held}, bound {bound}");

    // The oldest step that must be there is there, exactly.
    let want = at_oldest.expect("the run passed the oldest step");
    s.seek(oldest).unwrap();
    assert_same("the oldest step", &state(&s), &want);
    s.seek(last).unwrap();
    s.seek(oldest).unwrap();
    assert_same("the oldest step again", &state(&s), &want);
    // Scrubbing back fills the scrub cache, which the bound includes.
    for k in (last - 300..last).rev() {
        s.seek(k).unwrap();
    }
    let held = s.timeline().bytes_held();
    assert!(held <= bound, "held {held} > bound {bound} after scrubbing");
    let first = s.timeline().first_step();
    let msg = s.seek(first - 1).unwrap_err().to_string();
    assert!(msg.contains(&format!("step {}", first - 1)), "{msg}");
}
