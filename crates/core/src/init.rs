//! Seeded, reproducible weight initialisation.

use crate::activation::Activation;
use ndarray::{Array1, Array2};
use rand::rngs::StdRng;
use rand::Rng;
use serde::{Deserialize, Serialize};

/// How a new network's weights and biases are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Init {
    /// Glorot uniform: `U(−l, l)` with `l = √(6 / (fan_in + fan_out))`, biases 0.
    Xavier,
    /// He uniform: `U(−l, l)` with `l = √(6 / fan_in)`, biases 0. For ReLU types.
    He,
    /// `U[−0.5, 0.5)` with biases 0.1, as TensorFlow Playground does.
    Uniform,
    /// Everything 0.
    Zeros,
}

impl Init {
    /// Every scheme.
    pub const ALL: [Init; 4] = [Init::Xavier, Init::He, Init::Uniform, Init::Zeros];

    /// The name used in files and URLs.
    pub fn name(self) -> &'static str {
        match self {
            Init::Xavier => "xavier",
            Init::He => "he",
            Init::Uniform => "uniform",
            Init::Zeros => "zeros",
        }
    }

    /// The usual scheme for a layer with this activation: He for ReLU types,
    /// Xavier for the rest.
    pub fn for_activation(act: Activation) -> Init {
        match act {
            Activation::Relu | Activation::LeakyRelu => Init::He,
            _ => Init::Xavier,
        }
    }

    /// Fills a layer's weights (out × in) and biases, drawing from `rng`
    /// row by row, weights before biases.
    pub fn fill(self, weights: &mut Array2<f64>, biases: &mut Array1<f64>, rng: &mut StdRng) {
        let (fan_out, fan_in) = weights.dim();
        let limit = match self {
            Init::Xavier => (6.0 / (fan_in + fan_out) as f64).sqrt(),
            Init::He => (6.0 / fan_in as f64).sqrt(),
            Init::Uniform => 0.5,
            Init::Zeros => 0.0,
        };
        if limit == 0.0 {
            weights.fill(0.0);
        } else {
            weights
                .iter_mut()
                .for_each(|w| *w = rng.random_range(-limit..limit));
        }
        biases.fill(if self == Init::Uniform { 0.1 } else { 0.0 });
    }
}

crate::named::impl_named!(Init, "initialisation");
