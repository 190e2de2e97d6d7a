//! Weight penalties (weights only, never biases).

use crate::network::Network;
use serde::{Deserialize, Serialize};

/// A penalty on the weights, added to the gradient.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Regularization {
    /// No penalty.
    #[default]
    None,
    /// Penalty `rate·Σ|w|`: adds `rate·sign(w)` to the gradient.
    L1,
    /// Penalty `rate/2·Σw²`: adds `rate·w` to the gradient.
    L2,
}

impl Regularization {
    /// Every kind.
    pub const ALL: [Regularization; 3] =
        [Regularization::None, Regularization::L1, Regularization::L2];

    /// The name used in files and URLs.
    pub fn name(self) -> &'static str {
        match self {
            Regularization::None => "none",
            Regularization::L1 => "l1",
            Regularization::L2 => "l2",
        }
    }

    /// What this penalty adds to `∂L/∂w`.
    #[inline]
    pub fn gradient(self, w: f64, rate: f64) -> f64 {
        match self {
            Regularization::None => 0.0,
            Regularization::L1 => {
                if w > 0.0 {
                    rate
                } else if w < 0.0 {
                    -rate
                } else {
                    0.0
                }
            }
            Regularization::L2 => rate * w,
        }
    }

    /// The penalty itself over all weights of `network`.
    pub fn penalty(self, network: &Network, rate: f64) -> f64 {
        let weights = network.layers().iter().flat_map(|l| l.weights.iter());
        match self {
            Regularization::None => 0.0,
            Regularization::L1 => rate * weights.map(|w| w.abs()).sum::<f64>(),
            Regularization::L2 => 0.5 * rate * weights.map(|w| w * w).sum::<f64>(),
        }
    }
}

crate::named::impl_named!(Regularization, "regularization");
