//! `fastmath::tanh` over a slice, two numbers at a time in a [`Pair`]: each
//! lane does the scalar function's operations in its order, so every result
//! has the scalar bits.
//!
//! Two things differ from the scalar code, neither in the result. The clamp
//! of `exp`'s argument to [−708, 709] is left out: the argument is −2·|x|
//! with |x| ≤ 20, already inside, and a NaN x gives x at the end either way.
//! And the constants are read from memory once per call, not written into
//! the loop: V8 builds every `v128.const` of a loop body anew on each
//! iteration (a few instructions each), and the loop has 21.

use super::pair::Pair;
use crate::fastmath::{EXPM1_TERMS, LN2_HI, LN2_LO, LOG2E, ROUND, TANH_CLAMP, TANH_SMALL};

/// Every constant of the loop, as pairs.
#[derive(Clone, Copy)]
struct Constants {
    clamp: Pair,
    minus_two: Pair,
    log2e: Pair,
    round: Pair,
    ln2_hi: Pair,
    ln2_lo: Pair,
    terms: [Pair; 12],
    one: Pair,
    two: Pair,
    small: Pair,
}

/// The constants as numbers, in [`Constants`]' order.
const VALUES: [f64; 21] = {
    let mut v = [0.0; 21];
    v[0] = TANH_CLAMP;
    v[1] = -2.0;
    v[2] = LOG2E;
    v[3] = ROUND;
    v[4] = LN2_HI;
    v[5] = LN2_LO;
    let mut k = 0;
    while k < 12 {
        v[6 + k] = EXPM1_TERMS[k];
        k += 1;
    }
    v[18] = 1.0;
    v[19] = 2.0;
    v[20] = TANH_SMALL;
    v
};

impl Constants {
    #[inline(always)]
    fn load() -> Constants {
        // Through black_box: the compiler cannot fold them back into
        // constants of the loop body.
        let v = std::hint::black_box(&VALUES);
        let p = |k: usize| Pair::splat(v[k]);
        Constants {
            clamp: p(0),
            minus_two: p(1),
            log2e: p(2),
            round: p(3),
            ln2_hi: p(4),
            ln2_lo: p(5),
            terms: std::array::from_fn(|k| p(6 + k)),
            one: p(18),
            two: p(19),
            small: p(20),
        }
    }
}

/// `a[i] = fastmath::tanh(z[i])` for every `i` (over the shorter of the two).
pub(crate) fn tanh_slice(z: &[f64], a: &mut [f64]) {
    let n = z.len().min(a.len());
    let (z, a) = (&z[..n], &mut a[..n]);
    let c = Constants::load();
    let mut out = a.chunks_exact_mut(2);
    for (a, z) in (&mut out).zip(z.chunks_exact(2)) {
        tanh_pair(Pair::load(z), &c).store(a);
    }
    if let ([a], [.., z]) = (out.into_remainder(), z) {
        *a = tanh_pair(Pair::splat(*z), &c).lanes()[0];
    }
}

/// `δᵢ ← δᵢ·(1 − aᵢ²)` (tanh's slope from its value `a`) for every `i`,
/// over the shorter of the two, with the 1 read once per call.
pub(crate) fn scale_by_tanh_slope(delta: &mut [f64], a: &[f64]) {
    let n = delta.len().min(a.len());
    let (delta, a) = (&mut delta[..n], &a[..n]);
    let one = Pair::splat(*std::hint::black_box(&1.0));
    let mut pairs = delta.chunks_exact_mut(2);
    for (d, a) in (&mut pairs).zip(a.chunks_exact(2)) {
        let a = Pair::load(a);
        Pair::load(d).mul(one.sub(a.mul(a))).store(d);
    }
    if let ([d], [.., a]) = (pairs.into_remainder(), a) {
        *d *= 1.0 - a * a;
    }
}

/// `fastmath::tanh` of both lanes.
#[inline(always)]
fn tanh_pair(x: Pair, c: &Constants) -> Pair {
    let ax = x.abs();
    let ax = Pair::select(c.clamp.lt(ax), c.clamp, ax);
    // exp_parts(−2·|x|), without the clamp (see the top).
    let y = c.minus_two.mul(ax);
    let t = y.mul(c.log2e).add(c.round);
    let k = t.sub(c.round);
    let r = y.sub(k.mul(c.ln2_hi)).sub(k.mul(c.ln2_lo));
    let r2 = r.mul(r);
    let r4 = r2.mul(r2);
    let r8 = r4.mul(r4);
    let term = |k: usize| c.terms[k].add(c.terms[k + 1].mul(r));
    let (p01, p23, p45, p67, p89, p1011) = (term(0), term(2), term(4), term(6), term(8), term(10));
    let p0_3 = p01.add(p23.mul(r2));
    let p4_7 = p45.add(p67.mul(r2));
    let p8_11 = p89.add(p1011.mul(r2));
    let p = p0_3.add(p4_7.mul(r4)).add(p8_11.mul(r8));
    let q = p.mul(r);
    // 2ᵏ: k sits in t's low bits, so (t's bits − ROUND's bits + 1023) << 52
    // is (t's bits << 52) + (1023 << 52) (ROUND's low 12 bits are zero).
    let s = t.shl52_add(1023 << 52);
    // The tanh from e = e^(−2|x|).
    let e = c.one.add(q).mul(s);
    let small = ax.lt(c.small);
    let num = Pair::select(small, q.neg(), c.one.sub(e));
    let den = Pair::select(small, c.two.add(q), c.one.add(e));
    Pair::select(x.is_nan(), x, num.div(den).copysign(x))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fastmath::tanh;

    #[test]
    fn every_lane_has_the_scalar_bits() {
        let mut z = vec![
            0.0,
            -0.0,
            1e-300,
            -1e-20,
            // Either side of where the small-argument form starts.
            f64::from_bits(TANH_SMALL.to_bits() - 1),
            TANH_SMALL,
            -f64::from_bits(TANH_SMALL.to_bits() + 1),
            19.999,
            20.0,
            -20.000_000_001,
            400.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            -f64::NAN,
            f64::MIN_POSITIVE,
            5e-324,
        ];
        let mut x = -25.0;
        while x < 25.0 {
            z.push(x);
            x += 0.000_913;
        }
        // Odd and even lengths: the last number alone, and in a pair.
        for n in [z.len(), z.len() - 1] {
            let mut a = vec![7.0; n];
            tanh_slice(&z[..n], &mut a);
            for (&z, &a) in z.iter().zip(&a) {
                assert_eq!(a.to_bits(), tanh(z).to_bits(), "tanh({z:e})");
            }
        }
    }

    #[test]
    fn the_slope_has_the_scalar_bits() {
        let a: Vec<f64> = (0..9).map(|i| i as f64 * 0.23 - 0.97).collect();
        let d0: Vec<f64> = (0..9).map(|i| 1.3 - i as f64 * 0.41).collect();
        for n in [9, 8] {
            let mut d = d0.clone();
            scale_by_tanh_slope(&mut d[..n], &a);
            for i in 0..9 {
                let expected = if i < n {
                    d0[i] * (1.0 - a[i] * a[i])
                } else {
                    d0[i]
                };
                assert_eq!(d[i].to_bits(), expected.to_bits(), "{i} of {n}");
            }
        }
    }

    #[test]
    fn a_shorter_output_is_filled_and_nothing_more() {
        let z = [0.5, -1.0, 2.0];
        let mut a = [9.0; 2];
        tanh_slice(&z, &mut a);
        assert_eq!(a, [tanh(0.5), tanh(-1.0)]);
    }
}
