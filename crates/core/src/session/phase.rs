//! One training step, advanced one phase at a time:
//! `Forward(1) … Forward(L) → Loss → Backward(L) … Backward(1) → Update`.
//! Weights change only at `Update`, and the result is bit-identical to a whole step.

use super::Session;
use crate::error::{Error, Result};
use crate::trainer::StepOutcome;
use ndarray::{s, ArrayView2};

/// A phase of a training step. Layers count weight matrices from 0 (the
/// first hidden layer) to depth − 1 (the output layer).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Compute `z` and `a` of this layer.
    Forward(usize),
    /// Compute the loss.
    Loss,
    /// Compute δ and the gradients of this layer.
    Backward(usize),
    /// Apply the optimizer's update.
    Update,
}

/// What a phase did, with the numbers a narration needs. Neuron values are
/// those of the first example of the batch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PhaseReport {
    /// A layer's activations were computed.
    Forward {
        /// The layer.
        layer: usize,
        /// The neuron with the largest |a|.
        neuron: usize,
        /// Its activation.
        activation: f64,
    },
    /// The batch loss was computed.
    Loss {
        /// Mean loss of the batch.
        loss: f64,
    },
    /// A layer's δ and gradients were computed.
    Backward {
        /// The layer.
        layer: usize,
        /// The neuron with the largest |δ|.
        neuron: usize,
        /// Its δ.
        delta: f64,
    },
    /// The update was applied (or refused).
    Update {
        /// What happened.
        outcome: StepOutcome,
        /// The largest weight change: (layer, to, from, Δw).
        largest: Option<(usize, usize, usize, f64)>,
    },
}

impl PhaseReport {
    /// The phase this report is about.
    pub fn phase(&self) -> Phase {
        match *self {
            PhaseReport::Forward { layer, .. } => Phase::Forward(layer),
            PhaseReport::Loss { .. } => Phase::Loss,
            PhaseReport::Backward { layer, .. } => Phase::Backward(layer),
            PhaseReport::Update { .. } => Phase::Update,
        }
    }

    /// The step's outcome, once the update phase ran.
    pub fn outcome(&self) -> Option<StepOutcome> {
        match *self {
            PhaseReport::Update { outcome, .. } => Some(outcome),
            _ => None,
        }
    }
}

/// Index and value of the largest |v| in the first row.
fn largest_in_first_row(m: Option<ArrayView2<f64>>) -> (usize, f64) {
    m.and_then(|m| {
        m.rows().into_iter().next().map(|row| {
            row.iter()
                .enumerate()
                .fold((0usize, 0.0f64), |best, (i, &v)| {
                    if v.abs() > best.1.abs() {
                        (i, v)
                    } else {
                        best
                    }
                })
        })
    })
    .unwrap_or((0, 0.0))
}

impl Session {
    /// Runs exactly one phase of the current step (starting a new step, with
    /// the next batch, if none is in progress).
    pub fn advance_phase(&mut self) -> Result<PhaseReport> {
        self.run_phase(false)
    }

    /// At a past step of the timeline, runs one phase of the recorded step
    /// after it, changing nothing in the history: the phases of past steps.
    /// When its update is done the session is at the next step, exactly as
    /// [`Session::seek`] would put it there (changes made after that step
    /// included).
    pub fn replay_phase(&mut self) -> Result<PhaseReport> {
        self.run_phase(true)
    }

    fn run_phase(&mut self, past: bool) -> Result<PhaseReport> {
        let phase = match self.next_phase {
            Some(p) => p,
            None => {
                if !past {
                    self.ensure_at_head()?;
                } else if !self.in_the_past() {
                    return Err(Error::Invalid(format!(
                        "step {} is the last of the history: there is no recorded step after it to replay",
                        self.steps
                    )));
                }
                if let Some(d) = self.diverged {
                    return Ok(PhaseReport::Update {
                        outcome: StepOutcome::Diverged(d.divergence),
                        largest: None,
                    });
                }
                let rows = self.gather_batch()?;
                self.trainer.begin(
                    self.batch_x.slice(s![..rows, ..]),
                    self.batch_y.slice(s![..rows, ..]),
                )?;
                self.batch_rows = rows;
                Phase::Forward(0)
            }
        };
        let depth = self.trainer.network().depth();
        let (report, next) = match phase {
            Phase::Forward(l) => {
                self.trainer.forward_layer(l)?;
                let (neuron, activation) = largest_in_first_row(self.trainer.trace().a(l));
                let next = if l + 1 < depth {
                    Phase::Forward(l + 1)
                } else {
                    Phase::Loss
                };
                (
                    PhaseReport::Forward {
                        layer: l,
                        neuron,
                        activation,
                    },
                    Some(next),
                )
            }
            Phase::Loss => {
                let loss = self.trainer.compute_loss()?;
                (PhaseReport::Loss { loss }, Some(Phase::Backward(depth - 1)))
            }
            Phase::Backward(l) => {
                self.trainer.backward_layer(l)?;
                let (neuron, delta) = largest_in_first_row(self.trainer.trace().delta(l));
                let next = if l > 0 {
                    Phase::Backward(l - 1)
                } else {
                    Phase::Update
                };
                (
                    PhaseReport::Backward {
                        layer: l,
                        neuron,
                        delta,
                    },
                    Some(next),
                )
            }
            Phase::Update => {
                let outcome = self.trainer.update()?;
                self.finish_step(outcome, self.batch_rows)?;
                let trace = self.trainer.trace();
                let largest = (0..depth)
                    .filter_map(|l| trace.delta_w(l).map(|d| (l, d)))
                    .flat_map(|(l, d)| {
                        d.indexed_iter()
                            .map(move |((j, i), &v)| (l, j, i, v))
                            .collect::<Vec<_>>()
                    })
                    .fold(
                        None,
                        |best: Option<(usize, usize, usize, f64)>, c| match best {
                            Some(b) if b.3.abs() >= c.3.abs() => Some(b),
                            _ => Some(c),
                        },
                    );
                (PhaseReport::Update { outcome, largest }, None)
            }
        };
        self.next_phase = next;
        Ok(report)
    }
}
