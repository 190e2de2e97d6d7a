//! A keyframe: the whole training state of a session after some step —
//! weights and biases, the optimizer's rule, step count and moments
//! (momentum's velocity, Adam's first and second moments), the training
//! settings, the epoch and the batch cursor — copied into one flat buffer
//! that is reused when the keyframe is evicted.
//!
//! The shuffled order of the data is not copied: the session derives it
//! from its seed and the epoch number (see `Session::shuffle`), and there is
//! no other random state, so restoring the epoch restores the order.

use super::Session;
use crate::optimizer::{fill, OptimizerKind};
use crate::trainer::TrainingConfig;
use std::sync::Arc;

/// The training state after `step` steps.
#[derive(Clone, Debug, Default)]
pub(crate) struct Keyframe {
    /// Steps completed.
    pub(crate) step: u64,
    /// Changes of its line recorded before it was taken: replay applies
    /// those numbered `seq` and after.
    pub(crate) seq: u64,
    epoch: u64,
    cursor: usize,
    training: TrainingConfig,
    optimizer: OptimizerKind,
    optimizer_steps: u64,
    /// Weights then biases of every layer, then the optimizer's moments.
    values: Vec<f64>,
}

/// Bytes a keyframe of `values` numbers holds, with its `Arc` counters.
pub(crate) fn keyframe_bytes(values: usize) -> usize {
    std::mem::size_of::<Keyframe>() + 2 * std::mem::size_of::<usize>() + values * 8
}

impl Keyframe {
    /// Bytes held, by capacity.
    pub(crate) fn bytes(&self) -> usize {
        keyframe_bytes(self.values.capacity())
    }
}

impl Session {
    /// Numbers a keyframe of this session holds.
    pub(crate) fn keyframe_len(&self) -> usize {
        let params: usize = self
            .network()
            .layers()
            .iter()
            .map(|l| l.weights.len() + l.biases.len())
            .sum();
        params + self.trainer.optimizer().state_len()
    }

    /// Copies the training state into `into` (reusing its buffer).
    pub(crate) fn capture(&self, into: &mut Keyframe, seq: u64) {
        let optimizer = self.trainer.optimizer();
        into.step = self.steps;
        into.seq = seq;
        into.epoch = self.epoch;
        into.cursor = self.cursor;
        into.training = *self.trainer.config();
        into.optimizer = optimizer.kind();
        into.optimizer_steps = optimizer.steps();
        into.values.clear();
        let len = self.keyframe_len();
        if into.values.capacity() < len {
            into.values.reserve_exact(len);
        }
        for layer in self.network().layers() {
            into.values.extend(layer.weights.iter());
            into.values.extend(layer.biases.iter());
        }
        optimizer.save_state(&mut into.values);
    }

    /// A new keyframe of the current state, in the spare buffer if there is
    /// one (no allocation), else in a new one.
    pub(crate) fn keyframe(&mut self, seq: u64) -> Arc<Keyframe> {
        let mut arc = self
            .timeline
            .spare
            .take()
            .unwrap_or_else(|| Arc::new(Keyframe::default()));
        match Arc::get_mut(&mut arc) {
            Some(kf) => self.capture(kf, seq),
            None => {
                let mut kf = Keyframe::default();
                self.capture(&mut kf, seq);
                arc = Arc::new(kf);
            }
        }
        arc
    }

    /// Puts the session back into the state of `kf`. The trace restarts
    /// and a step in progress is abandoned.
    pub(crate) fn load_keyframe(&mut self, kf: &Keyframe) {
        let (network, optimizer, config) = self.trainer.restore_parts();
        let mut rest = kf.values.as_slice();
        for layer in network.layers_mut() {
            rest = fill(layer.weights.iter_mut(), rest);
            rest = fill(layer.biases.iter_mut(), rest);
        }
        optimizer.load_state(kf.optimizer, kf.optimizer_steps, rest);
        *config = kf.training;
        self.config.training = kf.training;
        self.fit_batch_buffers();
        self.steps = kf.step;
        self.cursor = kf.cursor;
        if self.epoch != kf.epoch {
            self.epoch = kf.epoch;
            self.shuffle();
        }
        self.next_phase = None;
        self.revision += 1;
    }
}
