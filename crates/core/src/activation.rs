//! Activation functions: each has its value and its derivative.

use serde::{Deserialize, Serialize};

/// Slope of [`Activation::LeakyRelu`] for negative inputs.
pub const LEAKY_SLOPE: f64 = 0.01;

/// The non-linearity applied to a layer's pre-activations `z`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Activation {
    /// `1 / (1 + e^-z)`, range (0, 1).
    Sigmoid,
    /// `tanh(z)`, range (−1, 1).
    Tanh,
    /// `max(0, z)`.
    Relu,
    /// `z` for `z > 0`, else `0.01·z`.
    LeakyRelu,
    /// The identity.
    Linear,
    /// `e^zₖ / Σ e^zⱼ` over the layer; allowed on the output layer only.
    Softmax,
}

impl Activation {
    /// Every activation, in the order the UI lists them.
    pub const ALL: [Activation; 6] = [
        Activation::Tanh,
        Activation::Sigmoid,
        Activation::Relu,
        Activation::LeakyRelu,
        Activation::Linear,
        Activation::Softmax,
    ];

    /// The name used in model files and URLs.
    pub fn name(self) -> &'static str {
        match self {
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Relu => "relu",
            Activation::LeakyRelu => "leaky_relu",
            Activation::Linear => "linear",
            Activation::Softmax => "softmax",
        }
    }

    /// The value of an element-wise activation at `z`.
    ///
    /// Softmax is not element-wise; here it returns `z` unchanged and the
    /// layer applies it row by row (see [`softmax_in_place`]).
    #[inline]
    pub fn apply(self, z: f64) -> f64 {
        match self {
            Activation::Sigmoid => sigmoid(z),
            Activation::Tanh => crate::fastmath::tanh(z),
            Activation::Relu => z.max(0.0),
            Activation::LeakyRelu => {
                if z > 0.0 {
                    z
                } else {
                    LEAKY_SLOPE * z
                }
            }
            Activation::Linear | Activation::Softmax => z,
        }
    }

    /// The derivative `da/dz`, given `z` and the already computed `a = f(z)`.
    ///
    /// For softmax this is the diagonal term `a(1 − a)`; the full Jacobian is
    /// only needed together with cross-entropy, whose combined gradient the
    /// loss computes directly.
    #[inline]
    pub fn derivative(self, z: f64, a: f64) -> f64 {
        match self {
            Activation::Sigmoid | Activation::Softmax => a * (1.0 - a),
            Activation::Tanh => 1.0 - a * a,
            Activation::Relu => {
                if z > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::LeakyRelu => {
                if z > 0.0 {
                    1.0
                } else {
                    LEAKY_SLOPE
                }
            }
            Activation::Linear => 1.0,
        }
    }

    /// The fixed output range, if the activation has one.
    pub fn range(self) -> Option<(f64, f64)> {
        match self {
            Activation::Sigmoid | Activation::Softmax => Some((0.0, 1.0)),
            Activation::Tanh => Some((-1.0, 1.0)),
            Activation::Relu | Activation::LeakyRelu | Activation::Linear => None,
        }
    }
}

/// The logistic function, finite for every finite z.
#[inline]
pub fn sigmoid(z: f64) -> f64 {
    crate::fastmath::sigmoid(z)
}

impl Activation {
    /// `a = f(z)` over a whole layer's slice, with the choice of function
    /// made once (so the loop can be vectorised). Softmax: see
    /// [`softmax_in_place`], applied per row by the caller.
    pub fn apply_slice(self, z: &[f64], a: &mut [f64]) {
        macro_rules! each {
            ($f:expr) => {
                for (a, &z) in a.iter_mut().zip(z) {
                    *a = $f(z);
                }
            };
        }
        match self {
            Activation::Sigmoid => each!(crate::fastmath::sigmoid),
            Activation::Tanh => crate::kernels::tanh_slice(z, a),
            // A comparison, not `f64::max` (a libm call in wasm); NaN → 0 as with max.
            Activation::Relu => each!(|z: f64| if z > 0.0 { z } else { 0.0 }),
            Activation::LeakyRelu => each!(|z: f64| if z > 0.0 { z } else { LEAKY_SLOPE * z }),
            Activation::Linear | Activation::Softmax => a.copy_from_slice(z),
        }
    }

    /// `δ ← δ · f′(z)` over a whole layer's slice, the choice made once.
    pub fn scale_by_derivative(self, delta: &mut [f64], z: &[f64], a: &[f64]) {
        macro_rules! each {
            ($f:expr) => {
                for ((d, &z), &a) in delta.iter_mut().zip(z).zip(a) {
                    *d *= $f(z, a);
                }
            };
        }
        match self {
            Activation::Sigmoid | Activation::Softmax => each!(|_, a: f64| a * (1.0 - a)),
            Activation::Tanh => crate::kernels::scale_by_tanh_slope(delta, a),
            Activation::Relu => each!(|z: f64, _| if z > 0.0 { 1.0 } else { 0.0 }),
            Activation::LeakyRelu => each!(|z: f64, _| if z > 0.0 { 1.0 } else { LEAKY_SLOPE }),
            Activation::Linear => {}
        }
    }
}

/// Replaces a row of logits by its softmax, stably (the maximum is subtracted first).
///
/// Uses the core's own branch-free `exp` and comparisons rather than
/// `f64::exp` and `f64::max`, which are libm calls in wasm: a digits epoch
/// computes 13,470 softmax rows.
pub fn softmax_in_place(row: &mut [f64]) {
    let max = row.iter().copied().fold(f64::NEG_INFINITY, max_of);
    let mut sum = 0.0;
    for v in row.iter_mut() {
        *v = crate::fastmath::exp(*v - max);
        sum += *v;
    }
    for v in row.iter_mut() {
        *v /= sum;
    }
}

/// The larger of two numbers by a comparison (NaN is passed over, as
/// `f64::max` does), not a libm call in wasm.
#[inline(always)]
pub(crate) fn max_of(a: f64, b: f64) -> f64 {
    if b > a || a.is_nan() {
        b
    } else {
        a
    }
}

crate::named::impl_named!(Activation, "activation");

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn derivatives_match_finite_differences() {
        let h = 1e-6;
        for act in [
            Activation::Sigmoid,
            Activation::Tanh,
            Activation::Relu,
            Activation::LeakyRelu,
            Activation::Linear,
        ] {
            for &z in &[-2.3, -0.4, 0.7, 1.9] {
                let numeric = (act.apply(z + h) - act.apply(z - h)) / (2.0 * h);
                let analytic = act.derivative(z, act.apply(z));
                assert_relative_eq!(numeric, analytic, max_relative = 1e-8, epsilon = 1e-10);
            }
        }
    }

    #[test]
    fn sigmoid_is_stable_at_extremes() {
        assert_eq!(sigmoid(1000.0), 1.0);
        assert!(sigmoid(-1000.0) < 1e-300);
        assert_relative_eq!(sigmoid(0.0), 0.5);
    }

    #[test]
    fn softmax_sums_to_one_and_survives_huge_logits() {
        let mut row = [1000.0, 1001.0, 999.0];
        softmax_in_place(&mut row);
        assert_relative_eq!(row.iter().sum::<f64>(), 1.0, epsilon = 1e-15);
        // Hand computed: e^1 / (e^0 + e^1 + e^-1) with the max subtracted.
        let e = std::f64::consts::E;
        assert_relative_eq!(row[1], 1.0 / (1.0 / e + 1.0 + 1.0 / e / e), epsilon = 1e-15);
    }
}
