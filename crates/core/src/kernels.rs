//! The small matrix products of a training step. Each has a fast path on
//! contiguous row-major slices (what the trace's buffers always are), which
//! works two numbers at a time in a [`Pair`] (wasm SIMD; each lane sums in
//! the scalar order, so the bits are those of the scalar code), and a
//! general path on any ndarray views. They allocate nothing (a general GEMM
//! allocates packing buffers on every call) and suit layers of a few dozen
//! neurons.

mod finite;
mod pair;
mod tanh;

pub(crate) use finite::{all_finite, sgd_delta};
use ndarray::{Array2, ArrayView1, ArrayView2, ArrayViewMut1, ArrayViewMut2, Axis};
use pair::Pair;
pub(crate) use tanh::{scale_by_tanh_slope, tanh_slice};

/// Largest weight matrix (in × out, an odd out rounded up) transposed into a buffer of its own
/// size class: the buffer is zeroed on every call, and 4 KB of zeros for
/// an 8 × 8 layer was a twentieth of a 2-8-8-1 step.
const TINY: usize = 64;
/// Largest weight matrix (in × out) transposed on the stack by [`affine`]
/// for any batch.
const SMALL: usize = 512;
/// Largest weight matrix transposed on the stack for a batch of at least
/// [`MEDIUM_ROWS`] rows (64-32 of the digits is 2,048), where the transpose
/// costs little next to the product.
const MEDIUM: usize = 4096;
/// Fewest rows for the [`MEDIUM`] transpose.
const MEDIUM_ROWS: usize = 4;
/// Rows per block of [`outer_sum`]: a block's coefficients of one output
/// are computed once, into a stack buffer of this size.
const OUTER_ROWS: usize = 16;

/// `z = x·Wᵀ + b`: `x` is rows × in, `w` is out × in, `z` is rows × out.
///
/// Every path sums in the same order, `((bⱼ + x₀·wⱼ₀) + x₁·wⱼ₁) + …`, so
/// they give identical numbers.
#[inline]
pub(crate) fn affine(
    x: ArrayView2<f64>,
    w: ArrayView2<f64>,
    b: ArrayView1<f64>,
    mut z: ArrayViewMut2<f64>,
) {
    let (n_in, n_out) = (x.ncols(), w.nrows());
    if let (Some(xs), Some(ws), Some(bs), Some(zs)) =
        (x.as_slice(), w.as_slice(), b.as_slice(), z.as_slice_mut())
    {
        if n_in == 0 || n_out == 0 {
            return;
        }
        // Wᵀ in pairs of neurons, an odd last neuron padded with zeros.
        let size = n_in * (n_out + n_out % 2);
        if size <= TINY {
            affine_pairs::<TINY>(xs, ws, bs, zs, (x.nrows(), n_in, n_out));
        } else if size <= SMALL {
            affine_pairs::<SMALL>(xs, ws, bs, zs, (x.nrows(), n_in, n_out));
        } else if size <= MEDIUM && x.nrows() >= MEDIUM_ROWS {
            affine_pairs::<MEDIUM>(xs, ws, bs, zs, (x.nrows(), n_in, n_out));
        } else {
            for (x_row, z_row) in xs.chunks_exact(n_in).zip(zs.chunks_exact_mut(n_out)) {
                for ((zj, w_row), &bj) in z_row.iter_mut().zip(ws.chunks_exact(n_in)).zip(bs) {
                    let mut acc = bj;
                    for (&xi, &wi) in x_row.iter().zip(w_row) {
                        acc += xi * wi;
                    }
                    *zj = acc;
                }
            }
        }
        return;
    }
    for (x_row, mut z_row) in x.rows().into_iter().zip(z.rows_mut()) {
        for ((zj, w_row), &bj) in z_row.iter_mut().zip(w.rows()).zip(b.iter()) {
            *zj = bj + x_row.dot(&w_row);
        }
    }
}

/// [`affine`] for layers of at most `N` weights (an odd neuron count
/// rounded up), two neurons at a time: the weights of neurons `2p` and
/// `2p + 1` from input `i` are copied side by side to `wt[2·(p·in + i)]`,
/// so each step of a pair's sum is one [`Pair`] load, multiply and add.
#[inline]
fn affine_pairs<const N: usize>(
    xs: &[f64],
    ws: &[f64],
    bs: &[f64],
    zs: &mut [f64],
    (rows, n_in, n_out): (usize, usize, usize),
) {
    let mut wt = [0.0; N];
    let block = 2 * n_in;
    for j in 0..n_out {
        let w_row = &ws[j * n_in..][..n_in];
        let column = &mut wt[(j / 2) * block + j % 2..][..block - 1];
        for (slot, &w) in column.iter_mut().step_by(2).zip(w_row) {
            *slot = w;
        }
    }
    let mut r = 0;
    while r + 3 < rows {
        rows_of_pairs::<4>(&xs[r * n_in..], &wt, bs, &mut zs[r * n_out..], n_in, n_out);
        r += 4;
    }
    if r + 1 < rows {
        rows_of_pairs::<2>(&xs[r * n_in..], &wt, bs, &mut zs[r * n_out..], n_in, n_out);
        r += 2;
    }
    if r < rows {
        rows_of_pairs::<1>(&xs[r * n_in..], &wt, bs, &mut zs[r * n_out..], n_in, n_out);
    }
}

/// `R` rows of [`affine_pairs`] at once: each pair of weights loaded serves
/// every row, and the rows' sums are independent, so their adds overlap (in
/// wasm two rows took about a quarter less time than one row at a time, and
/// four less again).
#[inline(always)]
fn rows_of_pairs<const R: usize>(
    xs: &[f64],
    wt: &[f64],
    bs: &[f64],
    zs: &mut [f64],
    n_in: usize,
    n_out: usize,
) {
    let block = 2 * n_in;
    let x: [&[f64]; R] = std::array::from_fn(|r| &xs[r * n_in..][..n_in]);
    for j in (0..n_out).step_by(2) {
        let pair = &wt[(j / 2) * block..][..block];
        let mut acc = [Pair::load(&bs[j..]); R];
        for (i, w) in (0..n_in).zip(pair.chunks_exact(2)) {
            let w = Pair::load(w);
            for (acc, x) in acc.iter_mut().zip(x) {
                *acc = acc.add_product(Pair::splat(x[i]), w);
            }
        }
        for (r, acc) in acc.iter().enumerate() {
            acc.store(&mut zs[r * n_out + j..][..(n_out - j).min(2)]);
        }
    }
}

/// `out[i] += c₀·v₀[i] + c₁·v₁[i] + …` for every `i`, each as `((out[i] +
/// c₀·v₀[i]) + c₁·v₁[i]) + …` (one rounding per operation), with the sum in a
/// register until it is stored: four pairs of `out` at a time (four
/// independent sums, so the adds overlap), then pairs, then a last number.
/// Every `vₖ` is at least as long as `out`.
#[inline(always)]
fn accumulate<'a, I>(out: &mut [f64], terms: I)
where
    I: Iterator<Item = (&'a f64, &'a [f64])> + Clone,
{
    let n = out.len();
    let mut base = 0;
    while base + 8 <= n {
        let o = &mut out[base..base + 8];
        let mut acc: [Pair; 4] = std::array::from_fn(|p| Pair::load(&o[2 * p..]));
        for (&c, v) in terms.clone() {
            let (c, v) = (Pair::splat(c), &v[base..base + 8]);
            for (p, acc) in acc.iter_mut().enumerate() {
                *acc = acc.add_product(c, Pair::load(&v[2 * p..]));
            }
        }
        for (acc, o) in acc.iter().zip(o.chunks_exact_mut(2)) {
            acc.store(o);
        }
        base += 8;
    }
    while base + 2 <= n {
        let o = &mut out[base..base + 2];
        let mut acc = Pair::load(o);
        for (&c, v) in terms.clone() {
            acc = acc.add_product(Pair::splat(c), Pair::load(&v[base..base + 2]));
        }
        acc.store(o);
        base += 2;
    }
    if base < n {
        let mut acc = out[base];
        for (&c, v) in terms {
            acc += c * v[base];
        }
        out[base] = acc;
    }
}

/// `d = e·W`: `e` is rows × out, `w` is out × in, `d` is rows × in.
///
/// Each `dᵢ` is `((0 + e₀·w₀ᵢ) + e₁·w₁ᵢ) + …`.
#[inline]
pub(crate) fn back_project(e: ArrayView2<f64>, w: ArrayView2<f64>, mut d: ArrayViewMut2<f64>) {
    let (n_out, n_in) = (w.nrows(), w.ncols());
    if let (Some(es), Some(ws), Some(ds)) = (e.as_slice(), w.as_slice(), d.as_slice_mut()) {
        if n_in > 0 && n_out > 0 {
            // Each dᵢ summed in a register over every j, then stored once.
            let ws = &ws[..n_out * n_in];
            for (e_row, d_row) in es.chunks_exact(n_out).zip(ds.chunks_exact_mut(n_in)) {
                d_row.fill(0.0);
                accumulate(d_row, e_row.iter().zip(ws.chunks_exact(n_in)));
            }
        }
        return;
    }
    for (e_row, mut d_row) in e.rows().into_iter().zip(d.rows_mut()) {
        d_row.fill(0.0);
        for (&ej, w_row) in e_row.iter().zip(w.rows()) {
            d_row.scaled_add(ej, &w_row);
        }
    }
}

/// `g = scale·eᵀ·x`: `e` is rows × out, `x` is rows × in, `g` is out × in.
///
/// Each `gⱼᵢ` is `((0 + (scale·e₀ⱼ)·x₀ᵢ) + (scale·e₁ⱼ)·x₁ᵢ) + …`.
#[inline]
pub(crate) fn outer_sum(
    scale: f64,
    e: ArrayView2<f64>,
    x: ArrayView2<f64>,
    mut g: ArrayViewMut2<f64>,
) {
    let (n_out, n_in) = (g.nrows(), g.ncols());
    if let (Some(es), Some(xs), Some(gs)) = (e.as_slice(), x.as_slice(), g.as_slice_mut()) {
        gs.fill(0.0);
        if n_in > 0 && n_out > 0 {
            let rows = e.nrows();
            let mut start = 0;
            while start < rows {
                let end = (start + OUTER_ROWS).min(rows);
                let xs = &xs[start * n_in..end * n_in];
                for (j, g_row) in gs.chunks_exact_mut(n_in).enumerate() {
                    // This block's coefficients of output j, then each gⱼᵢ
                    // summed over the block's rows in a register.
                    let mut c = [0.0; OUTER_ROWS];
                    for (c, r) in c.iter_mut().zip(start..end) {
                        *c = scale * es[r * n_out + j];
                    }
                    let c = &c[..end - start];
                    accumulate(g_row, c.iter().zip(xs.chunks_exact(n_in)));
                }
                start = end;
            }
        }
        return;
    }
    g.fill(0.0);
    for (e_row, x_row) in e.rows().into_iter().zip(x.rows()) {
        for (&ej, mut g_row) in e_row.iter().zip(g.rows_mut()) {
            g_row.scaled_add(scale * ej, &x_row);
        }
    }
}

/// `s = scale·Σ rows of e`: each `sⱼ` is `((0 + scale·e₀ⱼ) + scale·e₁ⱼ) + …`.
#[inline]
pub(crate) fn column_sum(scale: f64, e: ArrayView2<f64>, mut s: ArrayViewMut1<f64>) {
    let n = e.ncols();
    if let (Some(es), Some(ss)) = (e.as_slice(), s.as_slice_mut()) {
        if n > 0 && ss.len() == n {
            ss.fill(0.0);
            let rows = es[..e.nrows() * n].chunks_exact(n);
            accumulate(ss, std::iter::repeat(&scale).zip(rows));
            return;
        }
    }
    s.fill(0.0);
    for row in e.rows() {
        s.scaled_add(scale, &row);
    }
}

/// Rows `start..end` of `a`: the same view as `a.slice(s![start..end, ..])`,
/// made by two `split_at`s, which cost a few instructions where the general
/// `slice` took about a sixth of a small training step.
pub(crate) fn rows(a: &Array2<f64>, start: usize, end: usize) -> ArrayView2<'_, f64> {
    a.view().split_at(Axis(0), end).0.split_at(Axis(0), start).1
}

/// Rows `start..end` of `a`, mutable (see [`rows`]).
pub(crate) fn rows_mut(a: &mut Array2<f64>, start: usize, end: usize) -> ArrayViewMut2<'_, f64> {
    a.view_mut()
        .split_at(Axis(0), end)
        .0
        .split_at(Axis(0), start)
        .1
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{array, Array1, Array2};

    #[test]
    fn the_general_path_matches_the_slice_path() {
        // Transposed (column-major) views have no contiguous row-major slice.
        let xt = array![[1.0, -1.0], [2.0, 0.5], [3.0, 2.0]];
        let x = xt.t();
        let wt = array![[0.1, 0.4], [0.2, -0.5], [0.3, 0.6]];
        let w = wt.t();
        assert!(x.as_slice().is_none() && w.as_slice().is_none());
        let b = array![0.01, -0.02];
        let (mut z1, mut z2) = (Array2::zeros((2, 2)), Array2::zeros((2, 2)));
        affine(x, w, b.view(), z1.view_mut());
        affine(
            x.to_owned().view(),
            w.to_owned().view(),
            b.view(),
            z2.view_mut(),
        );
        assert!((z1.clone() - &z2).iter().all(|v| v.abs() < 1e-15));
        let (mut d1, mut d2) = (Array2::zeros((2, 3)), Array2::zeros((2, 3)));
        back_project(z1.t(), w, d1.view_mut());
        back_project(z1.t().to_owned().view(), w.to_owned().view(), d2.view_mut());
        assert!((d1 - d2).iter().all(|v| v.abs() < 1e-15));
        let (mut g1, mut g2) = (Array2::zeros((2, 3)), Array2::zeros((2, 3)));
        outer_sum(0.5, z1.t(), x, g1.view_mut());
        outer_sum(
            0.5,
            z1.t().to_owned().view(),
            x.to_owned().view(),
            g2.view_mut(),
        );
        assert!((g1 - g2).iter().all(|v| v.abs() < 1e-15));
    }

    #[test]
    fn every_affine_path_sums_in_the_same_order() {
        // 64 × 32 takes the medium transpose with 10 rows and the dot-product
        // path with 1 row; both must equal the sum taken in input order.
        let (n_in, n_out) = (64, 32);
        let x = Array2::from_shape_fn((10, n_in), |(r, i)| {
            ((r * 7 + i * 3) % 11) as f64 / 7.0 - 0.6
        });
        let w = Array2::from_shape_fn((n_out, n_in), |(j, i)| {
            ((j * 5 + i * 13) % 17) as f64 / 9.0 - 0.9
        });
        let b = Array1::from_shape_fn(n_out, |j| j as f64 / 31.0 - 0.5);
        let mut z = Array2::zeros((10, n_out));
        affine(x.view(), w.view(), b.view(), z.view_mut());
        for r in 0..10 {
            let mut one = Array2::zeros((1, n_out));
            affine(
                x.slice(ndarray::s![r..r + 1, ..]),
                w.view(),
                b.view(),
                one.view_mut(),
            );
            for j in 0..n_out {
                let mut acc = b[j];
                for i in 0..n_in {
                    acc += x[[r, i]] * w[[j, i]];
                }
                assert_eq!(z[[r, j]], acc, "row {r}, output {j}");
                assert_eq!(one[[0, j]], acc, "row {r} alone, output {j}");
            }
        }
    }

    #[test]
    fn products_match_ndarray_dot() {
        let x = array![[1.0, 2.0, 3.0], [-1.0, 0.5, 2.0]];
        let w = array![[0.1, 0.2, 0.3], [0.4, -0.5, 0.6]];
        let b = array![0.01, -0.02];
        let mut z = Array2::zeros((2, 2));
        affine(x.view(), w.view(), b.view(), z.view_mut());
        assert!((z.clone() - (x.dot(&w.t()) + &b))
            .iter()
            .all(|v| v.abs() < 1e-15));
        let mut d = Array2::zeros((2, 3));
        back_project(z.view(), w.view(), d.view_mut());
        assert!((d.clone() - z.dot(&w)).iter().all(|v| v.abs() < 1e-15));
        let mut g = Array2::zeros((2, 3));
        outer_sum(0.5, z.view(), x.view(), g.view_mut());
        assert!((g - z.t().dot(&x) * 0.5).iter().all(|v| v.abs() < 1e-15));
        let mut s = Array1::zeros(2);
        column_sum(0.5, z.view(), s.view_mut());
        assert!((s - z.sum_axis(ndarray::Axis(0)) * 0.5)
            .iter()
            .all(|v| v.abs() < 1e-15));
    }
}
