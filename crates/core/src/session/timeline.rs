//! The timeline: the session's training history, from which the exact
//! state after any recent step can be restored.
//!
//! # What it holds
//!
//! A *line* of history holds a keyframe (the whole training state: weights,
//! biases, the optimizer's rule, step count and moments, the settings, the
//! epoch and batch cursor) every [`Timeline::interval`] steps, every
//! [`Change`] made between steps (training settings and weights set by
//! hand), and the epoch records. The state after step k is the last
//! keyframe before k, replayed: the same batches (the shuffled order follows
//! from the seed and the epoch), the same changes at the same steps, so it
//! equals the original bit for bit.
//!
//! The live line keeps at least the last [`HISTORY_STEPS`] steps, dropping
//! older keyframes as it goes, provided fewer than [`MAX_CHANGES`] changes
//! were made in them (past that, the oldest steps go first, and if the
//! changes of one keyframe interval alone fill the buffer, the history
//! restarts at the current step). Up to [`MAX_BRANCHES`] other lines can be
//! kept as named branches; they share keyframes with the line they came from.
//!
//! A change to the points or a new network starts a new timeline (the
//! steps before it replayed on other data, so they cannot be restored), and
//! drops the branches. Session files do not carry the timeline: a reopened
//! session's history starts at its saved step.
//!
//! # Memory bound
//!
//! The keyframe interval is chosen per network so that one line's keyframes
//! fit in [`KEYFRAME_BUDGET`] bytes, but is at least [`MIN_INTERVAL`] (a
//! network too large for even four keyframes in the budget gets the interval
//! [`HISTORY_STEPS`], and four keyframes).
//! With the line's other buffers (at most `HISTORY_STEPS + interval` epoch
//! records, [`MAX_CHANGES`] changes and [`MAX_HISTORY`] base records) and
//! the scrub cache of [`CACHE_SLOTS`] states (see `scrub_cache.rs`), the
//! whole timeline holds at most [`Timeline::bound`] bytes, counted by
//! capacity. For the largest network of the page — 7 features, 8 hidden
//! layers of 16 neurons and 10 softmax outputs, 2,202 parameters, with Adam
//! — the interval is 91 steps and the bound is 29.1 MB on a 64-bit build
//! (less on wasm32, whose pointers are half as wide), under
//! [`HISTORY_BOUND`] (32 MB), branches included; [`Timeline::bytes_held`]
//! reports what is held now. `tests/timeline_memory.rs` fills the live
//! line and three branches with distinct steps of that network and checks
//! both the bytes held (27.0 MB) and the heap really grown (27.2 MB,
//! counted by a global allocator) against the bound. In wasm
//! (`crates/web/tests/history_soak.rs`, headless Chromium, 2026-12-07) the
//! same fill grew the wasm memory by 27,983,872 bytes, under 32 MB, for a
//! bound of 28,933,328 bytes on wasm32.

use super::change::{Change, Recorded};
use super::history::{EpochRecord, MAX_HISTORY};
use super::keyframe::{keyframe_bytes, Keyframe};
use super::line::{Line, TimedRecord};
use super::scrub_cache::{ScrubCache, CACHE_SLOTS};
use std::mem::size_of;
use std::sync::Arc;

/// Steps of the live line that can always be restored (once trained).
pub const HISTORY_STEPS: u64 = 10_000;
/// Most branches kept besides the live line.
pub const MAX_BRANCHES: usize = 3;
/// Most changes a line records.
pub const MAX_CHANGES: usize = 4096;
/// Bytes the keyframes of one line may take (see the module docs).
pub const KEYFRAME_BUDGET: usize = 6_000_000;
/// The stated bound of the whole timeline of the page's largest network.
pub const HISTORY_BOUND: usize = 32_000_000;
/// Longest branch name, in characters.
pub const MAX_BRANCH_NAME: usize = 40;
/// Fewest steps between keyframes: replaying this many steps of a small
/// network takes microseconds, and keyframes every step or two would hold
/// megabytes for nothing.
pub const MIN_INTERVAL: u64 = 16;

/// The training history of a session: see the module docs.
#[derive(Clone, Debug)]
pub struct Timeline {
    /// Steps between keyframes.
    interval: u64,
    /// Numbers per keyframe.
    keyframe_len: usize,
    pub(crate) live: Line,
    pub(crate) kept: Vec<Line>,
    /// A keyframe buffer evicted and not yet reused.
    pub(crate) spare: Option<Arc<Keyframe>>,
    /// States between keyframes, captured by restores.
    pub(crate) cache: ScrubCache,
}

/// A kept branch, as [`Timeline::branches`] lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BranchInfo<'a> {
    /// Its name.
    pub name: &'a str,
    /// Its oldest restorable step.
    pub first: u64,
    /// Its newest step.
    pub last: u64,
}

/// The keyframe interval for keyframes of `values` numbers.
pub(crate) fn interval_for(values: usize) -> u64 {
    let kf = keyframe_bytes(values) + size_of::<Arc<Keyframe>>();
    let slots = (KEYFRAME_BUDGET / kf) as u64;
    if slots <= 4 {
        return HISTORY_STEPS;
    }
    HISTORY_STEPS
        .div_ceil(slots - 3)
        .clamp(MIN_INTERVAL, HISTORY_STEPS)
}

/// Most keyframes one line holds at this interval: those after the oldest
/// step it must keep (`HISTORY_STEPS / interval`, rounded up), the one at
/// or before it, and an irregular first keyframe.
fn max_keyframes(interval: u64) -> usize {
    (HISTORY_STEPS / interval) as usize + 3
}

/// Most epoch records one line holds: one per step after its oldest keyframe.
pub(crate) fn max_records(interval: u64) -> usize {
    (HISTORY_STEPS + interval) as usize + 1
}

impl Timeline {
    /// A timeline of one line starting at `base`, for keyframes of
    /// `keyframe_len` numbers.
    pub(crate) fn new(keyframe_len: usize, base: Arc<Keyframe>, history: &[EpochRecord]) -> Self {
        Timeline {
            interval: interval_for(keyframe_len),
            keyframe_len,
            live: Line::new("main".into(), base, history),
            kept: Vec::new(),
            spare: None,
            cache: ScrubCache::default(),
        }
    }

    /// Steps between keyframes: the most a restore replays.
    pub fn interval(&self) -> u64 {
        self.interval
    }

    /// The oldest step that can be restored.
    pub fn first_step(&self) -> u64 {
        self.live.first()
    }

    /// The newest step.
    pub fn last_step(&self) -> u64 {
        self.live.head
    }

    /// The name of the live line ("main" unless a branch was switched to).
    pub fn name(&self) -> &str {
        &self.live.name
    }

    /// The kept branches.
    pub fn branches(&self) -> impl Iterator<Item = BranchInfo<'_>> + '_ {
        self.kept.iter().map(|l| BranchInfo {
            name: &l.name,
            first: l.first(),
            last: l.head,
        })
    }

    /// The changes the live line holds, oldest first, with the step each
    /// was made after.
    pub fn changes(&self) -> impl Iterator<Item = (u64, Change)> + '_ {
        self.live.changes.iter().map(|c| (c.step, c.change))
    }

    /// Steps of the live line at which an epoch ended, oldest first.
    pub fn epoch_steps(&self) -> impl Iterator<Item = u64> + '_ {
        self.live.records.iter().map(|r| r.0)
    }

    /// The live line's epoch records up to its newest step, into `out`
    /// (its buffer reused): the whole loss curve while a past step is shown
    /// (the session's own history ends at the step shown).
    pub fn history_to_head(&self, out: &mut Vec<EpochRecord>) {
        self.live.history_until(self.live.head, out);
    }

    /// Bytes held now, counted by capacity, each shared keyframe once.
    pub fn bytes_held(&self) -> usize {
        let lines = || std::iter::once(&self.live).chain(&self.kept);
        let mut frames: Vec<(*const Keyframe, usize)> = lines()
            .flat_map(|l| l.keyframes.iter())
            .chain(&self.spare)
            .map(|k| (Arc::as_ptr(k), k.bytes()))
            .collect();
        frames.sort_unstable_by_key(|f| f.0);
        frames.dedup_by_key(|f| f.0);
        size_of::<Timeline>()
            + self.kept.capacity() * size_of::<Line>()
            + self.cache.bytes()
            + frames.iter().map(|f| f.1).sum::<usize>()
            + lines()
                .map(|l| l.bytes_without_keyframes() - size_of::<Line>())
                .sum::<usize>()
    }

    /// The most bytes this timeline can hold, whatever is trained and
    /// changed: every line (the live one and [`MAX_BRANCHES`] kept ones)
    /// full and sharing nothing, and the scrub cache full.
    pub fn bound(&self) -> usize {
        let kf = keyframe_bytes(self.keyframe_len);
        let frames = max_keyframes(self.interval);
        // The deque of keyframe pointers may double past its length.
        let line = frames * kf
            + 2 * frames * size_of::<Arc<Keyframe>>()
            + max_records(self.interval) * size_of::<TimedRecord>()
            + MAX_CHANGES * size_of::<Recorded>()
            + MAX_HISTORY * size_of::<EpochRecord>()
            + size_of::<Line>()
            + 4 * MAX_BRANCH_NAME;
        let cache = CACHE_SLOTS * kf + CACHE_SLOTS;
        size_of::<Timeline>() + (1 + MAX_BRANCHES) * line + kf + cache
    }

    /// Index of the kept branch called `name`.
    pub(crate) fn kept_index(&self, name: &str) -> Option<usize> {
        self.kept.iter().position(|l| l.name == name)
    }

    /// Names of the lines, live first, for messages.
    pub(crate) fn names(&self) -> String {
        std::iter::once(&self.live)
            .chain(&self.kept)
            .map(|l| format!("\"{}\"", l.name))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Keeps a buffer for the next keyframe, if none is kept yet.
    pub(crate) fn recycle(&mut self, keyframe: Option<Arc<Keyframe>>) {
        if self.spare.is_none() {
            self.spare = keyframe.filter(|k| Arc::strong_count(k) == 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_interval_fits_the_keyframes_in_their_budget() {
        for values in [3 * 25, 3 * 2202, 3 * 20_000, 3 * 1_000_000] {
            let k = interval_for(values);
            assert!((1..=HISTORY_STEPS).contains(&k), "{values}: {k}");
            let bytes = max_keyframes(k) * (keyframe_bytes(values) + 8);
            assert!(
                bytes <= KEYFRAME_BUDGET || k == HISTORY_STEPS,
                "{values}: {bytes}"
            );
        }
        // The page's default 2-4-2-1 network keeps a keyframe every 16
        // steps (memory alone would allow every 2), its largest one every 91.
        assert_eq!(interval_for(3 * 25), MIN_INTERVAL);
        assert_eq!(interval_for(3 * 2202), 91);
        assert_eq!(interval_for(3 * 1_000_000), HISTORY_STEPS);
    }
}
