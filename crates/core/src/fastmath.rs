//! `exp`, `tanh` and the logistic function without libm calls, written so
//! the compiler can vectorise loops over them: no branches that cannot be
//! turned into selects, no float-to-int conversions.
//!
//! Accuracy: within a few units in the last place of the libm results over
//! the whole range (tested against `f64::exp`/`f64::tanh` below).

pub(crate) const LOG2E: f64 = std::f64::consts::LOG2_E;
/// ln 2 split in two (fdlibm's constants): `k·LN2_HI` is exact for |k| < 2¹¹.
pub(crate) const LN2_HI: f64 = f64::from_bits(0x3FE6_2E42_FEE0_0000);
pub(crate) const LN2_LO: f64 = f64::from_bits(0x3DEA_39EF_3579_3C76);
/// 1.5·2⁵²: adding it rounds to an integer held in the low mantissa bits.
pub(crate) const ROUND: f64 = 6_755_399_441_055_744.0;
/// The coefficients `1/(k+1)!`, k = 0 … 11, of `eʳ − 1 = r·Σₖ rᵏ/(k+1)!`.
pub(crate) const EXPM1_TERMS: [f64; 12] = [
    1.0,
    1.0 / 2.0,
    1.0 / 6.0,
    1.0 / 24.0,
    1.0 / 120.0,
    1.0 / 720.0,
    1.0 / 5_040.0,
    1.0 / 40_320.0,
    1.0 / 362_880.0,
    1.0 / 3_628_800.0,
    1.0 / 39_916_800.0,
    1.0 / 479_001_600.0,
];
/// Where [`tanh`] clamps |x| (tanh is 1 there to the last bit).
pub(crate) const TANH_CLAMP: f64 = 20.0;
/// Below this |x|, [`tanh`] takes the form without cancellation.
pub(crate) const TANH_SMALL: f64 = 0.17;

/// `eˣ` split as `(q, s)` with `eˣ = (1 + q)·s`, `s = 2ᵏ` and `q = eʳ − 1`
/// for the reduced argument |r| ≤ ln2/2. For |x| < ln2/2, k = 0 and `q` is
/// `eˣ − 1` itself, computed without cancellation. x is clamped to
/// [−708, 709], so the result is finite and normal.
#[inline(always)]
fn exp_parts(x: f64) -> (f64, f64) {
    let x = x.clamp(-708.0, 709.0);
    // k = round(x / ln 2), as a float and as the integer in t's low bits.
    let t = x * LOG2E + ROUND;
    let k = t - ROUND;
    let r = (x - k * LN2_HI) - k * LN2_LO;
    // eʳ − 1 = r·Σₖ rᵏ/(k+1)! to r¹² (truncation < 2e-16 relative), the
    // sum evaluated by Estrin's scheme: short dependency chains pipeline well.
    let r2 = r * r;
    let r4 = r2 * r2;
    let r8 = r4 * r4;
    let c = |k: usize| EXPM1_TERMS[k] + EXPM1_TERMS[k + 1] * r;
    let (p01, p23, p45, p67, p89, p1011) = (c(0), c(2), c(4), c(6), c(8), c(10));
    let p0_3 = p01 + p23 * r2;
    let p4_7 = p45 + p67 * r2;
    let p8_11 = p89 + p1011 * r2;
    let p = (p0_3 + p4_7 * r4) + p8_11 * r8;
    let q = p * r;
    // 2ᵏ from k's bits: the low bits of t hold k (two's complement).
    let k_int = t.to_bits().wrapping_sub(ROUND.to_bits());
    (q, f64::from_bits(k_int.wrapping_add(1023) << 52))
}

/// `eˣ` for x clamped to [−708, 709].
#[inline(always)]
pub fn exp(x: f64) -> f64 {
    let (q, s) = exp_parts(x);
    (1.0 + q) * s
}

/// `tanh(x)`: `(1 − e)/(1 + e)` with `e = e^(−2|x|)`; near 0, where that
/// form would cancel, `−q/(2 + q)` with `q = e^(−2|x|) − 1` computed
/// directly. One polynomial and one division either way.
#[inline(always)]
pub fn tanh(x: f64) -> f64 {
    // A comparison, not `f64::min`: that is a libm call (`fmin`) in wasm.
    let ax = x.abs();
    let ax = if ax > TANH_CLAMP { TANH_CLAMP } else { ax };
    let (q, s) = exp_parts(-2.0 * ax);
    let e = (1.0 + q) * s;
    let small = ax < TANH_SMALL;
    let num = if small { -q } else { 1.0 - e };
    let den = if small { 2.0 + q } else { 1.0 + e };
    let t = num / den;
    if x.is_nan() {
        x
    } else {
        t.copysign(x)
    }
}

/// `1 / (1 + e^−z)`.
#[inline(always)]
pub fn sigmoid(z: f64) -> f64 {
    if z.is_nan() {
        z
    } else {
        1.0 / (1.0 + exp(-z))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ulps(a: f64, b: f64) -> u64 {
        if a == b {
            return 0;
        }
        (a.to_bits() as i64 - b.to_bits() as i64).unsigned_abs()
    }

    #[test]
    fn exp_matches_libm_to_a_few_ulps() {
        let mut worst = 0;
        let mut x = -700.0;
        while x < 700.0 {
            worst = worst.max(ulps(exp(x), x.exp()));
            x += 0.0137;
        }
        for &x in &[0.0, 1e-300, -1e-300, 1e-10, 0.5, -0.5, 1.0, 708.0, -708.0] {
            worst = worst.max(ulps(exp(x), f64::exp(x)));
        }
        assert!(worst <= 4, "worst {worst} ulps");
        assert!(exp(1e9).is_finite() && exp(-1e9) > 0.0);
    }

    #[test]
    fn tanh_matches_libm() {
        let mut worst_rel: f64 = 0.0;
        let mut x = -25.0;
        while x < 25.0 {
            let (a, b) = (tanh(x), x.tanh());
            if b != 0.0 {
                worst_rel = worst_rel.max(((a - b) / b).abs());
            }
            x += 0.000_731;
        }
        for &x in &[
            1e-300, -1e-20, 0.169_999, 0.170_001, 1e-5, 0.3, 19.9, 20.0, 400.0,
        ] {
            let (a, b) = (tanh(x), f64::tanh(x));
            worst_rel = worst_rel.max(((a - b) / b).abs());
        }
        assert!(worst_rel < 1.2e-15, "worst relative error {worst_rel:e}");
        assert_eq!(tanh(0.0), 0.0);
        assert_eq!(tanh(1000.0), 1.0);
        assert_eq!(tanh(-1000.0), -1.0);
        assert!(tanh(f64::NAN).is_nan());
        assert_eq!(tanh(f64::INFINITY), 1.0);
    }

    #[test]
    fn sigmoid_matches_the_formula() {
        let mut x: f64 = -40.0;
        while x < 40.0 {
            let exact = 1.0 / (1.0 + (-x).exp());
            assert!(((sigmoid(x) - exact) / exact).abs() < 2e-15, "{x}");
            x += 0.0191;
        }
        assert_eq!(sigmoid(800.0), 1.0);
        assert!(sigmoid(-800.0) < 1e-300 && sigmoid(-800.0) >= 0.0);
    }
}
