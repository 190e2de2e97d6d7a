//! Moving through the timeline: restoring a past step, dropping or keeping
//! the later steps as a branch, switching branches, and undoing hand edits.
//! (Replaying the phases of a past step is `Session::replay_phase`, in
//! `phase.rs`.)
//!
//! ```
//! use lightbulb_core::{Session, SessionConfig};
//!
//! let mut s = Session::new(SessionConfig::default())?;
//! for _ in 0..100 {
//!     s.step()?;
//! }
//! let at_100 = s.network().clone();
//! s.seek(40)?; // the state after step 40, exactly
//! assert!(s.in_the_past());
//! assert!(s.step().is_err()); // the later steps must go first…
//! s.keep_branch("first run")?; // …here kept as a branch
//! let mut slower = s.config().training;
//! slower.learning_rate /= 10.0;
//! s.set_training(slower)?; // applies from step 40 on
//! s.step()?;
//! s.set_weight(0, 0, 0, 0.5)?;
//! assert!(s.undo()?.is_some()); // hand edits undo
//! s.switch_branch("first run")?; // back at its step 100
//! assert_eq!(s.network(), &at_100);
//! # Ok::<(), lightbulb_core::Error>(())
//! ```
//!
//! A restore loads the last keyframe before the step and replays from it
//! (at most [`Timeline::interval`] steps), or starts from a state nearer
//! the step: the current one when the step is a little ahead (scrubbing
//! forwards costs a step per step), or one the scrub cache kept while
//! replaying (scrubbing backwards costs a few steps per step).
//!
//! For the page's largest network (batch 10) and a full history, medians
//! of `cargo bench -p lightbulb-core --bench timeline` on a 2-core machine
//! under a load of 3–5: a random step 2.6–5.7 ms over three runs, one step
//! forward 54–86 µs, one step back 0.58 ms; the page needs at most 33 ms.
//! A restore replays up to 91 steps, so its cost grows with the batch:
//! with batches of 4,500 points, where a live step of that network takes
//! 59 ms, a random restore took 0.2–3.8 s (before the scrub cache, which
//! shortens only the steps back).
//!
//! A restore always replays at least the step it restores (from the
//! keyframe before it), so the trace shows that step as it was: returning
//! to the last step shows exactly what was shown before scrubbing.
//!
//! Every change the session records on the way lives in `change.rs`; what
//! the timeline holds and its memory bound are in `timeline.rs`.

use super::change::{same_training, Change, Recorded, WeightEdit};
use super::line::Line;
use super::scrub_cache::ScrubCache;
use super::timeline::{max_records, Timeline, MAX_BRANCHES, MAX_BRANCH_NAME, MAX_CHANGES};
use super::Session;
use crate::clip::clip;
use crate::error::{Error, Result};
use crate::trainer::{StepOutcome, TrainingConfig};
use ndarray::s;
use std::sync::Arc;

impl Session {
    /// The training history.
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// Whether the session shows a past step: the history runs on past it.
    pub fn in_the_past(&self) -> bool {
        self.steps < self.timeline.live.head
    }

    /// Restores the exact state after `step` steps: weights, optimizer
    /// state, settings, counters, data order, epoch records. The later
    /// steps stay in the history (go back with `seek` to the last step);
    /// training or changing anything from here needs
    /// [`Session::drop_later`] or [`Session::keep_branch`] first.
    pub fn seek(&mut self, step: u64) -> Result<()> {
        let (first, last) = (self.timeline.first_step(), self.timeline.last_step());
        if step < first || step > last {
            return Err(Error::NotInHistory { step, first, last });
        }
        if self.steps == last {
            self.timeline.live.head_diverged = self.diverged;
        }
        self.restore(step, true)
    }

    /// Forgets the steps after the current one (and the changes made after
    /// them), so that training continues from here.
    pub fn drop_later(&mut self) {
        if !self.in_the_past() {
            return;
        }
        let spare = self.timeline.live.truncate(self.steps);
        self.timeline.recycle(spare);
        self.timeline.cache.clear();
    }

    /// Keeps the whole live line, later steps included, as a branch named
    /// `name`, then drops the later steps from the live line. At the last
    /// step it keeps a copy of the run so far (e.g. to compare with).
    pub fn keep_branch(&mut self, name: &str) -> Result<()> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > MAX_BRANCH_NAME {
            return Err(Error::Invalid(format!(
                "a branch name needs 1 to {MAX_BRANCH_NAME} characters, got \"{}\"",
                clip(name)
            )));
        }
        if name == self.timeline.live.name || self.timeline.kept_index(name).is_some() {
            return Err(Error::Invalid(format!(
                "there is a branch called \"{name}\" already (the branches are {})",
                self.timeline.names()
            )));
        }
        if self.timeline.kept.len() >= MAX_BRANCHES {
            return Err(Error::Invalid(format!(
                "{MAX_BRANCHES} branches are kept already ({}); delete one first",
                self.timeline.names()
            )));
        }
        if self.steps == self.timeline.live.head {
            self.timeline.live.head_diverged = self.diverged;
        }
        let mut kept = self.timeline.live.clone();
        kept.name = name.to_string();
        self.timeline.kept.push(kept);
        self.drop_later();
        Ok(())
    }

    /// Makes the branch `name` the live line, at its last step; the line
    /// that was live is kept as a branch under its own name.
    pub fn switch_branch(&mut self, name: &str) -> Result<()> {
        let Some(i) = self.timeline.kept_index(name) else {
            return Err(Error::Invalid(format!(
                "there is no branch called \"{}\" (the branches are {})",
                clip(name),
                self.timeline.names()
            )));
        };
        if self.steps == self.timeline.live.head {
            self.timeline.live.head_diverged = self.diverged;
        }
        let line = self.timeline.kept.remove(i);
        self.timeline.cache.clear();
        let old = std::mem::replace(&mut self.timeline.live, line);
        self.timeline.kept.push(old);
        let head = self.timeline.live.head;
        self.restore(head, false)
    }

    /// Forgets the kept branch `name`.
    pub fn delete_branch(&mut self, name: &str) -> Result<()> {
        let Some(i) = self.timeline.kept_index(name) else {
            return Err(Error::Invalid(format!(
                "there is no kept branch called \"{}\" (the branches are {})",
                clip(name),
                self.timeline.names()
            )));
        };
        self.timeline.kept.remove(i);
        Ok(())
    }

    /// Undoes the last weight set by hand after the current step, putting
    /// back the value it replaced; `None` if there is none. Repeated edits
    /// of one weight (a drag) are one edit. An edit made before later
    /// steps is undone by going back to its step first ([`Session::seek`],
    /// then [`Session::drop_later`] or [`Session::keep_branch`]).
    pub fn undo(&mut self) -> Result<Option<WeightEdit>> {
        self.ensure_at_head()?;
        let steps = self.steps;
        let line = &mut self.timeline.live;
        let found = line
            .changes
            .iter()
            .rposition(|c| c.step == steps && matches!(c.change, Change::Weight(_)));
        let Some(Recorded {
            change: Change::Weight(edit),
            ..
        }) = found.and_then(|i| line.changes.remove(i))
        else {
            return Ok(None);
        };
        self.timeline.cache.clear();
        self.trainer
            .set_weight(edit.layer, edit.to, edit.from, edit.before)?;
        self.revision += 1;
        self.next_phase = None;
        Ok(Some(edit))
    }

    /// Refuses changes while the history runs on past the current step.
    pub(crate) fn ensure_at_head(&self) -> Result<()> {
        if self.in_the_past() {
            return Err(Error::LaterSteps {
                step: self.steps,
                last: self.timeline.live.head,
            });
        }
        Ok(())
    }

    /// Starts a new timeline at the current state, dropping all history.
    pub(crate) fn reset_timeline(&mut self) {
        self.timeline.spare = None;
        self.timeline.kept.clear();
        let base = self.keyframe(0);
        self.timeline = Timeline::new(self.keyframe_len(), base, &self.history);
    }

    /// Restarts the live line (keeping its name) at the current state.
    fn restart_live_line(&mut self) {
        let seq = self.timeline.live.next_seq;
        let base = self.keyframe(seq);
        let name = std::mem::take(&mut self.timeline.live.name);
        self.timeline.live = Line::new(name, base, &self.history);
        self.timeline.cache.clear();
    }

    /// Records a completed step (with the epoch record, if it ended an
    /// epoch): keyframes every interval, and old keyframes dropped.
    pub(crate) fn record_step(&mut self, record: Option<super::EpochRecord>) {
        let steps = self.steps;
        let interval = self.timeline.interval();
        let line = &mut self.timeline.live;
        line.head = steps;
        line.head_diverged = None;
        if let Some(r) = record {
            line.push_record(steps, r, max_records(interval));
        }
        while self
            .timeline
            .live
            .keyframes
            .get(1)
            .is_some_and(|k| k.step + super::timeline::HISTORY_STEPS <= steps)
        {
            let old = self.timeline.live.evict_front();
            self.timeline.recycle(old);
        }
        let line = &mut self.timeline.live;
        if steps.checked_rem(interval) == Some(0)
            && line.keyframes.back().is_none_or(|k| k.step < steps)
        {
            let seq = line.next_seq;
            let kf = self.keyframe(seq);
            self.timeline.live.keyframes.push_back(kf);
        }
    }

    /// Records a change made after the current step.
    pub(crate) fn record_change(&mut self, change: Change) {
        self.timeline.cache.clear();
        let steps = self.steps;
        let line = &mut self.timeline.live;
        if line
            .changes
            .back_mut()
            .is_some_and(|last| last.absorb(steps, change))
        {
            return;
        }
        while self.timeline.live.changes.len() >= MAX_CHANGES {
            let Some(old) = self.timeline.live.evict_front() else {
                // One keyframe interval alone holds all the changes.
                self.restart_live_line();
                return;
            };
            self.timeline.recycle(Some(old));
        }
        let line = &mut self.timeline.live;
        let seq = line.next_seq;
        line.next_seq += 1;
        line.push_change(
            Recorded {
                step: steps,
                seq,
                change,
            },
            MAX_CHANGES,
        );
    }

    /// Records new settings unless they are the same, bit for bit.
    pub(crate) fn record_training(&mut self, before: &TrainingConfig, after: TrainingConfig) {
        if !same_training(before, &after) {
            self.record_change(Change::Training(after));
        }
    }

    /// Restores `step` of the live line, from the current state when it is
    /// on the way (`from_here`, and only a few steps back), else from a keyframe.
    fn restore(&mut self, step: u64, from_here: bool) -> Result<()> {
        let line = &self.timeline.live;
        let (first, last) = (line.first(), line.head);
        let Some(k) = line.keyframe_for(step) else {
            return Err(Error::NotInHistory { step, first, last });
        };
        let Some(kf) = line.keyframes.get(k).map(Arc::clone) else {
            return Err(Error::NotInHistory { step, first, last });
        };
        let here = self.steps;
        let from_here = from_here && kf.step <= here && here <= step;
        let floor = if from_here { here } else { kf.step };
        let (start, next_change) = match self.timeline.cache.best(floor, step) {
            Some((i, at)) => {
                let state = self.timeline.cache.take(i);
                self.load_keyframe(&state);
                let seq = state.seq;
                self.timeline.cache.put(i, state, true);
                let next = self.timeline.live.changes.partition_point(|c| c.seq < seq);
                (at, next)
            }
            None if from_here => (here, line.changes.partition_point(|c| c.step <= here)),
            None => {
                let at = line.changes.partition_point(|c| c.seq < kf.seq);
                self.load_keyframe(&kf);
                (kf.step, at)
            }
        };
        // Should the replay fail (it cannot, for a consistent history), the
        // session still stands at a step of the line, with its records.
        let replayed = self.replay(start, next_change, step);
        self.rebuild_history(self.steps);
        self.diverged = if self.steps == last {
            self.timeline.live.head_diverged
        } else {
            None
        };
        self.next_phase = None;
        self.revision += 1;
        replayed
    }

    /// Trains from step `from` to step `to` as the live line recorded it,
    /// applying its changes from index `next` on at their steps. Records
    /// nothing.
    fn replay(&mut self, from: u64, mut next: usize, to: u64) -> Result<()> {
        let spacing = ScrubCache::spacing(self.timeline.interval());
        let mut step = from;
        loop {
            while let Some(c) = self.timeline.live.changes.get(next).copied() {
                if c.step > step {
                    break;
                }
                self.apply_change(c.change)?;
                next += 1;
            }
            if step >= to {
                return Ok(());
            }
            if step > from
                && step.checked_rem(spacing) == Some(0)
                && !self.timeline.cache.holds(step)
            {
                self.cache_state(next, to);
            }
            let rows = self.gather_batch()?;
            let outcome = self.trainer.step(
                self.batch_x.slice(s![..rows, ..]),
                self.batch_y.slice(s![..rows, ..]),
            )?;
            if let StepOutcome::Diverged(d) = outcome {
                return Err(Error::Invalid(format!(
                    "replaying step {} diverged ({:?} in layer {}), which the recorded run did not",
                    step + 1,
                    d.cause,
                    d.layer
                )));
            }
            self.advance_counters(rows);
            step += 1;
        }
    }

    /// After a step replayed phase by phase: the changes made after it,
    /// and the epoch records as they were.
    pub(crate) fn after_replayed_step(&mut self) -> Result<()> {
        let steps = self.steps;
        let next = self
            .timeline
            .live
            .changes
            .partition_point(|c| c.step < steps);
        self.replay(steps, next, steps)?;
        self.rebuild_history(steps);
        if steps == self.timeline.live.head {
            self.diverged = self.timeline.live.head_diverged;
        }
        Ok(())
    }

    /// Keeps the current state in the scrub cache; `next` is the index of
    /// the first change it does not include, `near` the step being restored.
    fn cache_state(&mut self, next: usize, near: u64) {
        let line = &self.timeline.live;
        let seq = line.changes.get(next).map_or(line.next_seq, |c| c.seq);
        let (i, mut slot) = self.timeline.cache.take_slot(near);
        self.capture(&mut slot, seq);
        self.timeline.cache.put(i, slot, true);
    }

    fn apply_change(&mut self, change: Change) -> Result<()> {
        match change {
            Change::Training(config) => self.apply_training(config),
            Change::Weight(e) => self.apply_weight(e.layer, e.to, e.from, e.value),
        }
    }

    /// The epoch records as they were after `step`.
    fn rebuild_history(&mut self, step: u64) {
        self.timeline.live.history_until(step, &mut self.history);
    }
}
