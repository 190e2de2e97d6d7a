//! Single-precision `exp`, `tanh` and the logistic function for the
//! pictures of [`crate::maps`]: a colour has 8 bits per channel, so an
//! absolute error of a few 1e-7 is invisible, and f32 lanes are twice as
//! many per SIMD register as f64 lanes. Branch-free and libm-free, so loops
//! over them vectorise. Training never uses these (see [`crate::fastmath`]).

const LOG2E: f32 = std::f32::consts::LOG2_E;
/// ln 2 in two parts: `k·LN2_HI` is exact for |k| < 2⁸ (LN2_HI has 9 bits).
const LN2_HI: f32 = 0.693_359_4;
const LN2_LO: f32 = -2.121_944_4e-4;
/// 1.5·2²³: adding it rounds to an integer held in the low mantissa bits.
const ROUND: f32 = 12_582_912.0;

/// `eˣ` for x clamped to [−87, 88] (so the result is finite and normal).
/// Relative error below 4e-7.
#[inline(always)]
pub fn exp(x: f32) -> f32 {
    let x = x.clamp(-87.0, 88.0);
    let t = x * LOG2E + ROUND;
    let k = t - ROUND;
    let r = (x - k * LN2_HI) - k * LN2_LO;
    // eʳ for |r| ≤ ln2/2 to r⁶/6! (truncation < 2.5e-8 relative), Horner.
    let p = 1.0
        + r * (1.0
            + r * (1.0 / 2.0
                + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0 + r * (1.0 / 720.0))))));
    // 2ᵏ from k's bits: the low bits of t hold k (two's complement).
    let k_int = t.to_bits().wrapping_sub(ROUND.to_bits());
    p * f32::from_bits(k_int.wrapping_add(127) << 23)
}

/// Numerator of `tanh(x)/x` in `s = x²`, fitted (weighted least squares,
/// see the test below for the error) over |x| ≤ 9.
const TANH_P: [f32; 5] = [
    0.999_999_92,
    0.133_843_05,
    0.003_499_719,
    2.068_594_4e-5,
    1.347_712_4e-8,
];
/// Denominator of `tanh(x)/x` in `s = x²` (constant term 1).
const TANH_Q: [f32; 4] = [0.467_176_08, 0.025_892_097, 3.292_779_6e-4, 7.823_34e-7];

/// Clamps to ±`limit` with comparisons (which let NaN through, unlike
/// `f32::clamp`'s min/max in wasm, and vectorise to a compare and select).
#[inline(always)]
fn within(x: f32, limit: f32) -> f32 {
    if x > limit {
        limit
    } else if x < -limit {
        -limit
    } else {
        x
    }
}

/// `tanh(x)` as the rational function `x·P(x²)/Q(x²)` on x clamped to ±9
/// (where tanh is 1 to f32 precision): absolute error below 4e-7
/// everywhere, a few multiplications and one division, no `exp`. NaN stays
/// NaN.
#[inline(always)]
pub fn tanh(x: f32) -> f32 {
    let [p0, p1, p2, p3, p4] = TANH_P;
    let [q1, q2, q3, q4] = TANH_Q;
    let x = within(x, 9.0);
    let s = x * x;
    let p = p0 + s * (p1 + s * (p2 + s * (p3 + s * p4)));
    let q = 1.0 + s * (q1 + s * (q2 + s * (q3 + s * q4)));
    within(x * p / q, 1.0)
}

/// `1 / (1 + e^−z)`, computed as `(1 + tanh(z/2)) / 2` (the cheaper
/// [`tanh`]): absolute error below 2.5e-7. NaN stays NaN.
#[inline(always)]
pub fn sigmoid(z: f32) -> f32 {
    0.5 + 0.5 * tanh(0.5 * z)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// x from `lo` to `hi` in steps of `step`, as f64.
    fn sweep(lo: f64, hi: f64, step: f64) -> impl Iterator<Item = f64> {
        (0..)
            .map(move |i| lo + f64::from(i) * step)
            .take_while(move |&x| x < hi)
    }

    #[test]
    fn exp_is_within_4e_7_relative() {
        let worst = sweep(-87.0, 88.0, 0.001_37)
            .map(|x| {
                // Against the exact value at the f32 argument.
                let x32 = x as f32;
                let exact = f64::from(x32).exp();
                ((f64::from(exp(x32)) - exact) / exact).abs()
            })
            .fold(0.0, f64::max);
        assert!(worst < 4e-7, "worst relative error {worst:e}");
        assert!(exp(1e9).is_finite() && exp(-1e9) > 0.0);
        assert_eq!(exp(0.0), 1.0);
    }

    #[test]
    fn tanh_is_within_4e_7_absolute() {
        let worst = sweep(-30.0, 30.0, 0.000_731)
            .map(|x| (f64::from(tanh(x as f32)) - (x as f32 as f64).tanh()).abs())
            .fold(0.0, f64::max);
        assert!(worst < 4e-7, "worst absolute error {worst:e}");
        assert_eq!(tanh(0.0), 0.0);
        assert_eq!(tanh(1000.0), 1.0);
        assert_eq!(tanh(-1000.0), -1.0);
        assert_eq!(tanh(f32::INFINITY), 1.0);
        assert!(tanh(f32::NAN).is_nan());
    }

    #[test]
    fn sigmoid_is_within_2_5e_7_absolute() {
        let worst = sweep(-100.0, 100.0, 0.001_91)
            .map(|x| {
                let x32 = x as f32 as f64;
                (f64::from(sigmoid(x as f32)) - 1.0 / (1.0 + (-x32).exp())).abs()
            })
            .fold(0.0, f64::max);
        assert!(worst < 2.5e-7, "worst absolute error {worst:e}");
        assert!(sigmoid(f32::NAN).is_nan());
        assert_eq!(sigmoid(200.0), 1.0);
        assert!(sigmoid(-200.0) >= 0.0);
    }
}
