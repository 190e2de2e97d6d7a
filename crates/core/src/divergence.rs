//! What went non-finite when a step was refused.

use std::fmt;

/// Which numbers went non-finite first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DivergenceCause {
    /// A layer's `z` or `a` overflowed on the forward pass.
    Activations,
    /// The loss itself.
    Loss,
    /// A δ or gradient on the backward pass.
    Gradients,
    /// The weights or biases the update would have produced.
    Weights,
}

/// A refused step: the first layer (counted from 0) where a number became
/// NaN or infinite, and what kind of number it was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Divergence {
    /// The layer, counted from 0 (the first hidden layer).
    pub layer: usize,
    /// What went non-finite.
    pub cause: DivergenceCause,
}

impl fmt::Display for Divergence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.layer + 1;
        match self.cause {
            DivergenceCause::Activations => {
                write!(f, "layer {n}'s activations grew past floating-point range")
            }
            DivergenceCause::Loss => write!(f, "the loss grew past floating-point range"),
            DivergenceCause::Gradients => {
                write!(f, "layer {n}'s gradients grew past floating-point range")
            }
            DivergenceCause::Weights => {
                write!(f, "layer {n}'s weights grew past floating-point range")
            }
        }
    }
}
