//! One dense layer: `z = W·x + b`, `a = f(z)`.

use crate::activation::Activation;
use ndarray::{Array1, Array2};

/// A dense layer. `weights[[j, i]]` is the weight from input `i` to neuron `j`.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    /// Weights, shape (neurons × inputs).
    pub weights: Array2<f64>,
    /// One bias per neuron.
    pub biases: Array1<f64>,
    /// The activation applied to `z`.
    pub activation: Activation,
}

impl Layer {
    /// A layer of zeros with the given shape.
    pub fn zeros(inputs: usize, neurons: usize, activation: Activation) -> Layer {
        Layer {
            weights: Array2::zeros((neurons, inputs)),
            biases: Array1::zeros(neurons),
            activation,
        }
    }

    /// Number of inputs.
    pub fn inputs(&self) -> usize {
        self.weights.ncols()
    }

    /// Number of neurons (outputs).
    pub fn neurons(&self) -> usize {
        self.weights.nrows()
    }
}
