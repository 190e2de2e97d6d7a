//! Loss functions, with their gradient with respect to the output layer's `z`.
//!
//! Cross-entropies are computed from the logits `z` (log-sum-exp), so that a
//! saturated output still gives a finite loss and gradient.

use crate::activation::Activation;
use crate::error::{Error, Result};
use ndarray::{ArrayView1, ArrayViewMut1};
use serde::{Deserialize, Serialize};

/// What the network is trained to minimise, averaged over the batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Loss {
    /// Mean squared error: `L = (1/N) Σₙ Σₖ ½ (aₖ − yₖ)²`.
    Mse,
    /// Binary cross-entropy on a sigmoid output, targets in {0, 1}.
    Bce,
    /// Softmax cross-entropy, targets one-hot (or any distribution summing to 1).
    SoftmaxCe,
}

impl Loss {
    /// Every loss, in the order the UI lists them.
    pub const ALL: [Loss; 3] = [Loss::Mse, Loss::Bce, Loss::SoftmaxCe];

    /// The name used in model files and URLs.
    pub fn name(self) -> &'static str {
        match self {
            Loss::Mse => "mse",
            Loss::Bce => "bce",
            Loss::SoftmaxCe => "softmax_ce",
        }
    }

    /// Checks that this loss can be used after an output layer with `output` activation.
    pub fn check_output(self, output: Activation) -> Result<()> {
        let ok = match self {
            Loss::Mse => output != Activation::Softmax,
            Loss::Bce => output == Activation::Sigmoid,
            Loss::SoftmaxCe => output == Activation::Softmax,
        };
        if ok {
            Ok(())
        } else {
            let wants = match self {
                Loss::Mse => "any output activation except softmax",
                Loss::Bce => "a sigmoid output layer",
                Loss::SoftmaxCe => "a softmax output layer",
            };
            Err(Error::Invalid(format!(
                "loss \"{}\" needs {wants}, but the output layer uses \"{}\"",
                self.name(),
                output.name()
            )))
        }
    }

    /// The loss of one example (before averaging over the batch), and its
    /// gradient `∂Lₙ/∂zₖ` written into `delta`.
    ///
    /// `z` are the output logits, `a` the output activations, `y` the targets.
    #[inline]
    pub fn example(
        self,
        act: Activation,
        z: ArrayView1<f64>,
        a: ArrayView1<f64>,
        y: ArrayView1<f64>,
        mut delta: ArrayViewMut1<f64>,
    ) -> f64 {
        match self {
            Loss::Mse => {
                let mut loss = 0.0;
                for (((d, &zk), &ak), &yk) in
                    delta.iter_mut().zip(z.iter()).zip(a.iter()).zip(y.iter())
                {
                    loss += mse_term(act, zk, ak, yk, d);
                }
                loss
            }
            Loss::Bce => {
                let mut loss = 0.0;
                for (((d, &zk), &ak), &yk) in
                    delta.iter_mut().zip(z.iter()).zip(a.iter()).zip(y.iter())
                {
                    // −y·log σ(z) − (1−y)·log(1−σ(z)) = max(z,0) − z·y + log(1 + e^−|z|)
                    // libm: the same bits natively and in wasm.
                    loss += zk.max(0.0) - zk * yk + libm::log1p(crate::fastmath::exp(-zk.abs()));
                    *d = ak - yk;
                }
                loss
            }
            Loss::SoftmaxCe => {
                // Comparisons and the libm-free exp, as in softmax_in_place.
                let max = z
                    .iter()
                    .copied()
                    .fold(f64::NEG_INFINITY, crate::activation::max_of);
                let sum = z
                    .iter()
                    .map(|&zk| crate::fastmath::exp(zk - max))
                    .sum::<f64>();
                // libm: the same bits natively and in wasm.
                let lse = max + libm::log(sum);
                let mut loss = 0.0;
                for (((d, &zk), &ak), &yk) in
                    delta.iter_mut().zip(z.iter()).zip(a.iter()).zip(y.iter())
                {
                    loss += yk * (lse - zk);
                    *d = ak - yk;
                }
                loss
            }
        }
    }
}

/// One output's share of [`Loss::Mse`]: `½·(a − y)²`, with `δ = (a − y)·f′(z)`
/// written into `d`.
#[inline(always)]
pub(crate) fn mse_term(act: Activation, z: f64, a: f64, y: f64, d: &mut f64) -> f64 {
    let e = a - y;
    *d = e * act.derivative(z, a);
    0.5 * e * e
}

crate::named::impl_named!(Loss, "loss");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::sigmoid;
    use approx::assert_relative_eq;
    use ndarray::{aview1, aview_mut1};

    fn ex(loss: Loss, act: Activation, z: &[f64], a: &[f64], y: &[f64], d: &mut [f64]) -> f64 {
        loss.example(act, aview1(z), aview1(a), aview1(y), aview_mut1(d))
    }

    #[test]
    fn mse_by_hand() {
        // Linear output 0.8 against target 0.5: loss ½·0.3² = 0.045, δ = 0.3.
        let mut d = [0.0];
        let l = ex(
            Loss::Mse,
            Activation::Linear,
            &[0.8],
            &[0.8],
            &[0.5],
            &mut d,
        );
        assert_relative_eq!(l, 0.045, epsilon = 1e-15);
        assert_relative_eq!(d[0], 0.3, epsilon = 1e-15);
    }

    #[test]
    fn bce_matches_the_naive_formula_and_stays_finite_when_saturated() {
        let z = 0.7;
        let a = sigmoid(z);
        let mut d = [0.0];
        let l = ex(Loss::Bce, Activation::Sigmoid, &[z], &[a], &[1.0], &mut d);
        assert_relative_eq!(l, -(a.ln()), epsilon = 1e-14);
        assert_relative_eq!(d[0], a - 1.0, epsilon = 1e-15);
        // σ(−800) underflows to 0, and the naive −log(0) would be infinite.
        let l = ex(
            Loss::Bce,
            Activation::Sigmoid,
            &[-800.0],
            &[0.0],
            &[1.0],
            &mut d,
        );
        assert_relative_eq!(l, 800.0);
        assert!(d[0].is_finite());
    }

    #[test]
    fn softmax_ce_is_finite_for_huge_logits() {
        let z = [1000.0, -1000.0];
        let a = [1.0, 0.0];
        let mut d = [0.0; 2];
        let l = ex(
            Loss::SoftmaxCe,
            Activation::Softmax,
            &z,
            &a,
            &[0.0, 1.0],
            &mut d,
        );
        assert_relative_eq!(l, 2000.0);
        assert_eq!(d, [1.0, -1.0]);
    }

    #[test]
    fn incompatible_outputs_are_rejected() {
        assert!(Loss::Bce.check_output(Activation::Tanh).is_err());
        assert!(Loss::SoftmaxCe.check_output(Activation::Sigmoid).is_err());
        assert!(Loss::Mse.check_output(Activation::Softmax).is_err());
        assert!(Loss::Mse.check_output(Activation::Tanh).is_ok());
        let msg = Loss::Bce
            .check_output(Activation::Relu)
            .unwrap_err()
            .to_string();
        assert!(msg.contains("bce") && msg.contains("relu"), "{msg}");
    }
}
