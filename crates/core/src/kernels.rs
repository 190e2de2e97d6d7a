//! The three small matrix products of a training step, written as plain
//! loops over rows. They allocate nothing (a general GEMM allocates packing
//! buffers on every call) and are fast for layers of a few dozen neurons.

use ndarray::{ArrayView1, ArrayView2, ArrayViewMut1, ArrayViewMut2};

/// `z = x·Wᵀ + b`: `x` is rows × in, `w` is out × in, `z` is rows × out.
#[inline]
pub(crate) fn affine(
    x: ArrayView2<f64>,
    w: ArrayView2<f64>,
    b: ArrayView1<f64>,
    mut z: ArrayViewMut2<f64>,
) {
    for (x_row, mut z_row) in x.rows().into_iter().zip(z.rows_mut()) {
        for ((zj, w_row), &bj) in z_row.iter_mut().zip(w.rows()).zip(b.iter()) {
            *zj = bj + x_row.dot(&w_row);
        }
    }
}

/// `d = e·W`: `e` is rows × out, `w` is out × in, `d` is rows × in.
#[inline]
pub(crate) fn back_project(e: ArrayView2<f64>, w: ArrayView2<f64>, mut d: ArrayViewMut2<f64>) {
    for (e_row, mut d_row) in e.rows().into_iter().zip(d.rows_mut()) {
        d_row.fill(0.0);
        for (&ej, w_row) in e_row.iter().zip(w.rows()) {
            d_row.scaled_add(ej, &w_row);
        }
    }
}

/// `g = scale·eᵀ·x`: `e` is rows × out, `x` is rows × in, `g` is out × in.
#[inline]
pub(crate) fn outer_sum(
    scale: f64,
    e: ArrayView2<f64>,
    x: ArrayView2<f64>,
    mut g: ArrayViewMut2<f64>,
) {
    g.fill(0.0);
    for (e_row, x_row) in e.rows().into_iter().zip(x.rows()) {
        for (&ej, mut g_row) in e_row.iter().zip(g.rows_mut()) {
            g_row.scaled_add(scale * ej, &x_row);
        }
    }
}

/// `s = scale·Σ rows of e`.
#[inline]
pub(crate) fn column_sum(scale: f64, e: ArrayView2<f64>, mut s: ArrayViewMut1<f64>) {
    s.fill(0.0);
    for row in e.rows() {
        s.scaled_add(scale, &row);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{array, Array1, Array2};

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
