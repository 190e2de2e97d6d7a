//! What the timeline records besides steps: training settings changed and
//! weights set by hand, each at the step after which it was made, so that
//! replaying a stretch of the history stays exact.

use crate::trainer::TrainingConfig;

/// A change made to a session between two steps.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Change {
    /// New training settings: learning rate, optimizer, regularisation or
    /// batch size (see [`Session::set_training`](super::Session::set_training)).
    Training(TrainingConfig),
    /// A weight set by hand (see [`Session::set_weight`](super::Session::set_weight)).
    Weight(WeightEdit),
}

/// One weight set by hand, with the value it replaced: what undo restores.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WeightEdit {
    /// The weight matrix, counted from 0.
    pub layer: usize,
    /// The neuron.
    pub to: usize,
    /// The input.
    pub from: usize,
    /// The value set.
    pub value: f64,
    /// The value before.
    pub before: f64,
}

impl WeightEdit {
    /// Whether `other` edits the same weight.
    pub fn same_weight(&self, other: &WeightEdit) -> bool {
        (self.layer, self.to, self.from) == (other.layer, other.to, other.from)
    }
}

/// A change with the step it follows and its place among all changes of
/// its line (`seq`, increasing).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Recorded {
    /// The change was made after this many steps.
    pub(crate) step: u64,
    /// Its number in the line.
    pub(crate) seq: u64,
    /// What changed.
    pub(crate) change: Change,
}

impl Recorded {
    /// Folds `next`, made right after `self` at the same step, into `self`
    /// when applying the two in turn equals applying the merged one: the
    /// same optimizer twice (so the second cannot restart its state), or
    /// the same weight twice (a drag). Returns whether it did.
    pub(crate) fn absorb(&mut self, step: u64, next: Change) -> bool {
        if self.step != step {
            return false;
        }
        match (&mut self.change, next) {
            (Change::Training(prev), Change::Training(new)) if prev.optimizer == new.optimizer => {
                *prev = new;
                true
            }
            (Change::Weight(prev), Change::Weight(new)) if prev.same_weight(&new) => {
                prev.value = new.value;
                true
            }
            _ => false,
        }
    }
}

/// Whether two training settings are the same down to the bits of every
/// number (so that skipping the second changes nothing, not even −0.0).
pub(crate) fn same_training(a: &TrainingConfig, b: &TrainingConfig) -> bool {
    a.loss == b.loss
        && a.optimizer == b.optimizer
        && a.learning_rate.to_bits() == b.learning_rate.to_bits()
        && a.regularization == b.regularization
        && a.regularization_rate.to_bits() == b.regularization_rate.to_bits()
        && a.batch_size == b.batch_size
}
