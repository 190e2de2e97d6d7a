//! The scrub cache: a few full training states captured while a restore
//! replays from a keyframe, so that the next restores nearby — scrubbing
//! backwards a step at a time — replay a few steps from one of them instead
//! of up to a whole keyframe interval. It holds at most [`CACHE_SLOTS`]
//! states, reused in place, and is emptied by anything that changes the
//! live line other than training on (a change, undo, dropping steps,
//! switching branch).

use super::keyframe::Keyframe;

/// States the cache holds at most.
pub const CACHE_SLOTS: usize = 8;

/// Training states of the live line at steps between its keyframes.
#[derive(Clone, Debug, Default)]
pub(crate) struct ScrubCache {
    /// States; those with `valid` false are free buffers.
    slots: Vec<Keyframe>,
    valid: Vec<bool>,
}

impl ScrubCache {
    /// Steps between captures during a replay over `interval` steps.
    pub(crate) fn spacing(interval: u64) -> u64 {
        interval.div_ceil(CACHE_SLOTS as u64).max(1)
    }

    /// The slot holding the latest state strictly after `after` and
    /// strictly before `before`.
    pub(crate) fn best(&self, after: u64, before: u64) -> Option<(usize, u64)> {
        self.slots
            .iter()
            .zip(&self.valid)
            .enumerate()
            .filter(|(_, (k, &v))| v && k.step > after && k.step < before)
            .map(|(i, (k, _))| (i, k.step))
            .max_by_key(|&(_, step)| step)
    }

    /// Whether a state at `step` is held.
    pub(crate) fn holds(&self, step: u64) -> bool {
        self.slots
            .iter()
            .zip(&self.valid)
            .any(|(k, &v)| v && k.step == step)
    }

    /// Takes a buffer to capture a state near `near` into: a free one, or
    /// the one farthest from `near`. Give it back with [`ScrubCache::put`].
    pub(crate) fn take_slot(&mut self, near: u64) -> (usize, Keyframe) {
        if self.slots.len() < CACHE_SLOTS {
            self.slots.push(Keyframe::default());
            self.valid.push(false);
        }
        let i = self
            .valid
            .iter()
            .position(|&v| !v)
            .or_else(|| {
                self.slots
                    .iter()
                    .enumerate()
                    .max_by_key(|(_, k)| k.step.abs_diff(near))
                    .map(|(i, _)| i)
            })
            .unwrap_or(0);
        self.valid[i] = false;
        (i, std::mem::take(&mut self.slots[i]))
    }

    /// Takes the state of slot `i` out, to load it; put it back with
    /// [`ScrubCache::put`].
    pub(crate) fn take(&mut self, i: usize) -> Keyframe {
        self.slots
            .get_mut(i)
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// Puts back a buffer taken from slot `i`, holding a valid state or not.
    pub(crate) fn put(&mut self, i: usize, state: Keyframe, valid: bool) {
        if let (Some(slot), Some(v)) = (self.slots.get_mut(i), self.valid.get_mut(i)) {
            *slot = state;
            *v = valid;
        }
    }

    /// Forgets every state (keeping the buffers).
    pub(crate) fn clear(&mut self) {
        self.valid.fill(false);
    }

    /// Bytes held, by capacity.
    pub(crate) fn bytes(&self) -> usize {
        self.slots.iter().map(Keyframe::bytes).sum::<usize>()
            + (self.slots.capacity() - self.slots.len()) * std::mem::size_of::<Keyframe>()
            + self.valid.capacity()
    }
}
