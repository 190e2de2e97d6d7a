//! One line of training history: keyframes every few steps, the changes
//! made between steps, and the epoch records, from its oldest keyframe to
//! its newest step (`head`). The live line grows as the session trains; a
//! kept branch is a frozen line.

use super::change::Recorded;
use super::history::{push_record, EpochRecord, MAX_HISTORY};
use super::keyframe::Keyframe;
use super::Diverged;
use std::collections::VecDeque;
use std::mem::size_of;
use std::sync::Arc;

/// An epoch record and the step that completed the epoch.
pub(crate) type TimedRecord = (u64, EpochRecord);

/// A stretch of training history. Keyframes are shared (`Arc`) between a
/// line and the branches kept from it.
#[derive(Clone, Debug)]
pub(crate) struct Line {
    pub(crate) name: String,
    /// Oldest first; the first is at or before every other entry.
    pub(crate) keyframes: VecDeque<Arc<Keyframe>>,
    /// Changes by `seq`, hence also by step.
    pub(crate) changes: VecDeque<Recorded>,
    /// Epoch records after the first keyframe, by step.
    pub(crate) records: VecDeque<TimedRecord>,
    /// The epoch history as it was at the first keyframe.
    pub(crate) base_history: Vec<EpochRecord>,
    /// The newest step.
    pub(crate) head: u64,
    /// Whether the step after `head` was refused, as the session said when
    /// it last left the head.
    pub(crate) head_diverged: Option<Diverged>,
    /// The `seq` of the next change.
    pub(crate) next_seq: u64,
}

impl Line {
    /// A line starting at `base`, with the epoch history then.
    pub(crate) fn new(name: String, base: Arc<Keyframe>, history: &[EpochRecord]) -> Line {
        // Grown to `MAX_HISTORY` records by the first eviction that needs it.
        let base_history = history.to_vec();
        Line {
            name,
            head: base.step,
            next_seq: base.seq,
            keyframes: VecDeque::from([base]),
            changes: VecDeque::new(),
            records: VecDeque::new(),
            base_history,
            head_diverged: None,
        }
    }

    /// The oldest step that can be restored.
    pub(crate) fn first(&self) -> u64 {
        self.keyframes.front().map_or(self.head, |k| k.step)
    }

    /// The keyframe to restore `step` from: the last one before it, so
    /// that at least one step is replayed and the trace shows that step;
    /// or one exactly at it if none is before.
    pub(crate) fn keyframe_for(&self, step: u64) -> Option<usize> {
        let before = self.keyframes.partition_point(|k| k.step < step);
        if before > 0 {
            Some(before - 1)
        } else {
            self.keyframes.front().filter(|k| k.step == step).map(|_| 0)
        }
    }

    /// Drops the oldest keyframe, folding what it alone explained into the
    /// base history. Returns it (for its buffer) unless it is the last.
    pub(crate) fn evict_front(&mut self) -> Option<Arc<Keyframe>> {
        if self.keyframes.len() < 2 {
            return None;
        }
        let old = self.keyframes.pop_front()?;
        let (step, seq) = self.keyframes.front().map_or((0, 0), |k| (k.step, k.seq));
        while let Some(&(s, record)) = self.records.front() {
            if s > step {
                break;
            }
            if self.base_history.capacity() < MAX_HISTORY {
                self.base_history
                    .reserve_exact(MAX_HISTORY - self.base_history.len());
            }
            push_record(&mut self.base_history, record);
            self.records.pop_front();
        }
        while self.changes.front().is_some_and(|c| c.seq < seq) {
            self.changes.pop_front();
        }
        Some(old)
    }

    /// Forgets everything after `step` (which the line holds). Returns a
    /// keyframe dropped, for its buffer.
    pub(crate) fn truncate(&mut self, step: u64) -> Option<Arc<Keyframe>> {
        let mut spare = None;
        while self.keyframes.len() > 1 && self.keyframes.back().is_some_and(|k| k.step > step) {
            spare = self.keyframes.pop_back();
        }
        while self.changes.back().is_some_and(|c| c.step > step) {
            self.changes.pop_back();
        }
        while self.records.back().is_some_and(|r| r.0 > step) {
            self.records.pop_back();
        }
        self.head = step;
        self.head_diverged = None;
        spare
    }

    /// The epoch history as it was after `step` (every record, for a step
    /// at or past `head`), into `out` (its buffer reused).
    pub(crate) fn history_until(&self, step: u64, out: &mut Vec<EpochRecord>) {
        out.clear();
        out.extend_from_slice(&self.base_history);
        for &(s, record) in &self.records {
            if s > step {
                break;
            }
            push_record(out, record);
        }
    }

    /// Appends an epoch record, growing the buffer to at most `max` records.
    pub(crate) fn push_record(&mut self, step: u64, record: EpochRecord, max: usize) {
        grow(&mut self.records, max);
        self.records.push_back((step, record));
    }

    /// Appends a change, growing the buffer to at most `max` changes.
    pub(crate) fn push_change(&mut self, change: Recorded, max: usize) {
        grow(&mut self.changes, max);
        self.changes.push_back(change);
    }

    /// Heap and inline bytes held, keyframes not included (they may be shared).
    pub(crate) fn bytes_without_keyframes(&self) -> usize {
        size_of::<Line>()
            + self.name.capacity()
            + self.keyframes.capacity() * size_of::<Arc<Keyframe>>()
            + self.changes.capacity() * size_of::<Recorded>()
            + self.records.capacity() * size_of::<TimedRecord>()
            + self.base_history.capacity() * size_of::<EpochRecord>()
    }
}

/// Makes room for one more item: doubling, but never past `max` items, so
/// that a full buffer is exactly as large as its bound.
fn grow<T>(buffer: &mut VecDeque<T>, max: usize) {
    let len = buffer.len();
    if len == buffer.capacity() {
        let room = len.max(16).min(max.saturating_sub(len)).max(1);
        buffer.reserve_exact(room);
    }
}
