//! Finiteness checks over slices, two numbers at a time. A number `v` is
//! finite exactly when `v − v` is 0 (it is NaN for ±∞ and NaN), and a sum
//! of such differences is 0 exactly when every one is: a subtraction and an
//! add per pair, with 0 the only constant (the direct `|v| < ∞` needs two
//! more, which V8 builds anew on every iteration of a wasm loop).

use super::pair::Pair;

/// `v − v`: 0 if `v` is finite, NaN if not.
#[allow(clippy::eq_op, reason = "the difference is the finiteness test")]
#[inline(always)]
fn zero_if_finite(v: f64) -> f64 {
    v - v
}

/// Whether every number of `s` is finite (checked to the end).
pub(crate) fn all_finite(s: &[f64]) -> bool {
    let mut sum = Pair::splat(0.0);
    let mut pairs = s.chunks_exact(2);
    for v in &mut pairs {
        let v = Pair::load(v);
        sum = sum.add(v.sub(v));
    }
    let mut last = 0.0;
    if let [v] = pairs.remainder() {
        last = zero_if_finite(*v);
    }
    let [a, b] = sum.lanes();
    a == 0.0 && b == 0.0 && last == 0.0
}

/// SGD's change `Δᵢ = −η·gᵢ` into `delta`, over the shortest of the three
/// slices; returns whether every `gᵢ` and whether every `wᵢ + Δᵢ` is finite.
pub(crate) fn sgd_delta(lr: f64, g: &[f64], w: &[f64], delta: &mut [f64]) -> (bool, bool) {
    let n = g.len().min(w.len()).min(delta.len());
    let (g, w, delta) = (&g[..n], &w[..n], &mut delta[..n]);
    let minus_lr = Pair::splat(-lr);
    let (mut g_sum, mut w_sum) = (Pair::splat(0.0), Pair::splat(0.0));
    let mut d_pairs = delta.chunks_exact_mut(2);
    for ((d, g), w) in (&mut d_pairs).zip(g.chunks_exact(2)).zip(w.chunks_exact(2)) {
        let g = Pair::load(g);
        let v = minus_lr.mul(g);
        v.store(d);
        let sum = Pair::load(w).add(v);
        g_sum = g_sum.add(g.sub(g));
        w_sum = w_sum.add(sum.sub(sum));
    }
    let (mut g_last, mut w_last) = (0.0, 0.0);
    if let ([d], [.., g], [.., w]) = (d_pairs.into_remainder(), g, w) {
        let v = -lr * g;
        *d = v;
        g_last = zero_if_finite(*g);
        w_last = zero_if_finite(w + v);
    }
    let zero = |p: Pair, last: f64| p.lanes() == [0.0, 0.0] && last == 0.0;
    (zero(g_sum, g_last), zero(w_sum, w_last))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_finite_finds_any_non_finite_number_anywhere() {
        for n in 0..7 {
            let s: Vec<f64> = (0..n).map(|i| i as f64 * 1e307 - 2e307).collect();
            assert!(all_finite(&s), "{s:?}");
            for i in 0..n {
                for bad in [f64::INFINITY, f64::NEG_INFINITY, f64::NAN] {
                    let mut t = s.clone();
                    t[i] = bad;
                    assert!(!all_finite(&t), "{t:?}");
                }
            }
        }
        assert!(all_finite(&[f64::MAX, -f64::MAX, 5e-324, -0.0]));
    }

    #[test]
    fn sgd_delta_is_the_scalar_rule_and_checks_both() {
        for n in 1..6 {
            let g: Vec<f64> = (0..n).map(|i| 0.3 - i as f64 * 0.7).collect();
            let w: Vec<f64> = (0..n).map(|i| i as f64 * 1.1 - 1.0).collect();
            let mut d = vec![9.0; n];
            assert_eq!(sgd_delta(0.03, &g, &w, &mut d), (true, true));
            for (d, g) in d.iter().zip(&g) {
                assert_eq!(d.to_bits(), (-0.03 * g).to_bits());
            }
            for i in 0..n {
                let mut bad_g = g.clone();
                bad_g[i] = f64::NAN;
                assert_eq!(sgd_delta(0.03, &bad_g, &w, &mut d), (false, false));
                // A finite gradient whose update overflows the weight.
                let (mut big_g, mut big_w) = (g.clone(), w.clone());
                big_g[i] = -f64::MAX / 4.0;
                big_w[i] = f64::MAX * 0.75;
                assert_eq!(sgd_delta(2.0, &big_g, &big_w, &mut d), (true, false));
            }
        }
    }
}
