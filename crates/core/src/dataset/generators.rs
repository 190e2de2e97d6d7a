//! The built-in dataset generators.
//!
//! Circle, xor, gauss, spiral, plane and multi Gaussian reproduce the
//! behaviour of TensorFlow Playground's datasets. Noise is given in percent;
//! the formulas below use the fraction `f = noise / 100 ∈ [0, 0.5]`. As in
//! the Playground, circle, xor, checkerboard, plane and multi Gaussian keep
//! the points where they are and compute the *label* at a jittered position
//! (so noise blurs the boundary), while gauss, spiral, moons and blobs move
//! the points themselves.

use std::f64::consts::{PI, TAU};

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

use super::{Dataset, DatasetKind, DatasetParams, Point, EXTENT};

/// Generates the dataset described by `params`: seeded, so the same
/// parameters always give the same points. Points are shuffled with the seed,
/// then the first [`DatasetParams::train_count`] become the training set.
/// Every point lies in [−6, 6]².
pub fn generate(params: &DatasetParams) -> Dataset {
    let mut rng = StdRng::seed_from_u64(params.seed());
    let n = params.points();
    let f = params.noise() / 100.0;
    let mut g = Gen {
        rng: &mut rng,
        points: Vec::with_capacity(n),
    };
    match params.kind() {
        DatasetKind::Circle => g.circle(n, f),
        DatasetKind::Xor => g.xor(n, f),
        DatasetKind::Gauss => g.gauss(n, f),
        DatasetKind::Spiral => g.spiral(n, params.classes(), f),
        DatasetKind::Moons => g.moons(n, f),
        DatasetKind::Checkerboard => g.checkerboard(n, f),
        DatasetKind::Blobs => g.blobs(n, params.classes(), f),
        DatasetKind::Plane => g.plane(n, f),
        DatasetKind::MultiGauss => g.multi_gauss(n, f),
    }
    let mut points = g.points;
    for p in &mut points {
        p.x1 = p.x1.clamp(-EXTENT, EXTENT);
        p.x2 = p.x2.clamp(-EXTENT, EXTENT);
    }
    points.shuffle(&mut rng);
    let test = points.split_off(params.train_count().min(points.len()));
    Dataset {
        problem: params.problem(),
        train: points,
        test,
    }
}

/// How many of `n` points class `c` of `k` gets: `n / k`, plus one for the
/// first `n % k` classes, so class sizes differ by at most one.
fn class_size(n: usize, k: usize, c: usize) -> usize {
    n / k + usize::from(c < n % k)
}

/// Radius of the circle dataset (TF Playground's value).
const CIRCLE_RADIUS: f64 = 5.0;

/// Centres and signs of the multi-Gaussian bumps (TF Playground's layout).
const BUMPS: [(f64, f64, f64); 6] = [
    (-4.0, 2.5, 1.0),
    (0.0, 2.5, -1.0),
    (4.0, 2.5, 1.0),
    (-4.0, -2.5, -1.0),
    (0.0, -2.5, 1.0),
    (4.0, -2.5, -1.0),
];

struct Gen<'a> {
    rng: &'a mut StdRng,
    points: Vec<Point>,
}

impl Gen<'_> {
    /// Uniform in `[lo, hi)`; never panics, even when `lo == hi`.
    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.rng.random::<f64>()
    }

    /// A standard normal sample (Box–Muller).
    fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.rng.random::<f64>(); // (0, 1], so ln is finite
        let u2 = self.rng.random::<f64>();
        (-2.0 * u1.ln()).sqrt() * (TAU * u2).cos()
    }

    fn push(&mut self, x1: f64, x2: f64, label: f64) {
        self.points.push(Point { x1, x2, label });
    }

    /// Class 1: a disc of radius 2.5; class 0: a ring 3.5..5. The label is
    /// taken at the point moved by `uniform(−5, 5)·f` on each axis.
    fn circle(&mut self, n: usize, f: f64) {
        let r = CIRCLE_RADIUS;
        for (class, (r_lo, r_hi)) in [(1usize, (0.0, 0.5 * r)), (0, (0.7 * r, r))] {
            for _ in 0..class_size(n, 2, 1 - class) {
                let radius = self.uniform(r_lo, r_hi);
                let angle = self.uniform(0.0, TAU);
                let (x, y) = (radius * angle.sin(), radius * angle.cos());
                let nx = self.uniform(-r, r) * f;
                let ny = self.uniform(-r, r) * f;
                let inside = (x + nx).hypot(y + ny) < 0.5 * r;
                self.push(x, y, if inside { 1.0 } else { 0.0 });
            }
        }
    }

    /// Uniform in [−5, 5]², pushed 0.3 away from both axes; class 1 where
    /// `x1·x2 ≥ 0` at the point jittered by `uniform(−5, 5)·f`.
    fn xor(&mut self, n: usize, f: f64) {
        const PADDING: f64 = 0.3;
        let pad = |v: f64| if v > 0.0 { v + PADDING } else { v - PADDING };
        for _ in 0..n {
            let x = pad(self.uniform(-5.0, 5.0));
            let y = pad(self.uniform(-5.0, 5.0));
            let nx = self.uniform(-5.0, 5.0) * f;
            let ny = self.uniform(-5.0, 5.0) * f;
            let same_sign = (x + nx) * (y + ny) >= 0.0;
            self.push(x, y, if same_sign { 1.0 } else { 0.0 });
        }
    }

    /// Class 1 around (2, 2), class 0 around (−2, −2); variance grows
    /// linearly from 0.5 (no noise) to 4 (50 % noise).
    fn gauss(&mut self, n: usize, f: f64) {
        let std = (0.5 + 7.0 * f).sqrt();
        for (class, centre) in [(1usize, 2.0), (0, -2.0)] {
            for _ in 0..class_size(n, 2, 1 - class) {
                let x = centre + std * self.normal();
                let y = centre + std * self.normal();
                self.push(x, y, class as f64);
            }
        }
    }

    /// `k` interleaved arms; arm `c` has radius `5·i/m` and angle
    /// `1.75·2π·i/m + 2π(c+1)/k`, each coordinate moved by `uniform(−1, 1)·f`.
    /// With `k = 2` this is TF Playground's spiral (class 1 starts at angle 0).
    fn spiral(&mut self, n: usize, k: usize, f: f64) {
        for c in 0..k {
            let m = class_size(n, k, c);
            let delta = TAU * (c + 1) as f64 / k as f64;
            for i in 0..m {
                let s = i as f64 / m as f64;
                let r = 5.0 * s;
                let t = 1.75 * TAU * s + delta;
                let x = r * t.sin() + self.uniform(-1.0, 1.0) * f;
                let y = r * t.cos() + self.uniform(-1.0, 1.0) * f;
                self.push(x, y, c as f64);
            }
        }
    }

    /// Two interleaving half circles (class 0 the upper, class 1 the lower),
    /// scaled by 10/3 to span x1 ∈ [−5, 5], x2 ∈ [−2.5, 2.5]; Gaussian noise
    /// with standard deviation `2·f` after scaling.
    fn moons(&mut self, n: usize, f: f64) {
        const SCALE: f64 = 10.0 / 3.0;
        for class in 0..2usize {
            for _ in 0..class_size(n, 2, class) {
                let t = self.uniform(0.0, PI);
                let (x, y) = if class == 0 {
                    (t.cos(), t.sin())
                } else {
                    (1.0 - t.cos(), 0.5 - t.sin())
                };
                let x = (x - 0.5) * SCALE + 2.0 * f * self.normal();
                let y = (y - 0.25) * SCALE + 2.0 * f * self.normal();
                self.push(x, y, class as f64);
            }
        }
    }

    /// A 4×4 board of 3×3 cells over the square; a cell's class is the parity
    /// of its row + column. Each class gets half the points, uniform over its
    /// cells; the label is taken at the point jittered by `uniform(−3, 3)·f`.
    fn checkerboard(&mut self, n: usize, f: f64) {
        const CELLS: usize = 4;
        let size = 2.0 * EXTENT / CELLS as f64;
        let class_at = |x: f64, y: f64| {
            let col = ((x + EXTENT) / size).floor() as i64;
            let row = ((y + EXTENT) / size).floor() as i64;
            (col + row).rem_euclid(2) as f64
        };
        for class in 0..2usize {
            for _ in 0..class_size(n, 2, class) {
                // Pick one of the 8 cells of this class: a row, then the column of
                // matching parity.
                let row = self.rng.random_range(0..CELLS);
                let col = 2 * self.rng.random_range(0..CELLS / 2) + (row + class) % 2;
                let x = -EXTENT + size * (col as f64 + self.rng.random::<f64>());
                let y = -EXTENT + size * (row as f64 + self.rng.random::<f64>());
                let nx = self.uniform(-1.0, 1.0) * size * f;
                let ny = self.uniform(-1.0, 1.0) * size * f;
                self.push(x, y, class_at(x + nx, y + ny));
            }
        }
    }

    /// `k` Gaussian blobs with centres on a circle of radius 4 (class 0 at
    /// the top, then counter-clockwise); standard deviation `0.4 + 3·f`.
    fn blobs(&mut self, n: usize, k: usize, f: f64) {
        let std = 0.4 + 3.0 * f;
        for c in 0..k {
            let angle = PI / 2.0 + TAU * c as f64 / k as f64;
            let (cx, cy) = (4.0 * angle.cos(), 4.0 * angle.sin());
            for _ in 0..class_size(n, k, c) {
                let x = cx + std * self.normal();
                let y = cy + std * self.normal();
                self.push(x, y, c as f64);
            }
        }
    }

    /// Uniform over the square; label `(x1 + x2) / 12` (so within [−1, 1])
    /// taken at the point jittered by `uniform(−6, 6)·f`, clamped to [−1, 1].
    fn plane(&mut self, n: usize, f: f64) {
        for _ in 0..n {
            let x = self.uniform(-EXTENT, EXTENT);
            let y = self.uniform(-EXTENT, EXTENT);
            let nx = self.uniform(-EXTENT, EXTENT) * f;
            let ny = self.uniform(-EXTENT, EXTENT) * f;
            let label = ((x + nx + y + ny) / (2.0 * EXTENT)).clamp(-1.0, 1.0);
            self.push(x, y, label);
        }
    }

    /// Uniform over the square; label from six signed cone-shaped bumps of
    /// radius 2 (height `1 − d/2`), keeping the one of largest magnitude,
    /// taken at the point jittered by `uniform(−6, 6)·f`. Values in [−1, 1].
    fn multi_gauss(&mut self, n: usize, f: f64) {
        for _ in 0..n {
            let x = self.uniform(-EXTENT, EXTENT);
            let y = self.uniform(-EXTENT, EXTENT);
            let nx = self.uniform(-EXTENT, EXTENT) * f;
            let ny = self.uniform(-EXTENT, EXTENT) * f;
            self.push(x, y, multi_gauss_label(x + nx, y + ny));
        }
    }
}

/// The multi-Gaussian regression value at `(x, y)`.
fn multi_gauss_label(x: f64, y: f64) -> f64 {
    let mut label: f64 = 0.0;
    for (cx, cy, sign) in BUMPS {
        let height = (1.0 - (x - cx).hypot(y - cy) / 2.0).clamp(0.0, 1.0);
        let value = sign * height;
        if value.abs() > label.abs() {
            label = value;
        }
    }
    label
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_sizes_sum_to_n_and_differ_by_at_most_one() {
        for n in [2, 3, 7, 500, 501] {
            for k in 2..=10 {
                let sizes: Vec<usize> = (0..k).map(|c| class_size(n, k, c)).collect();
                assert_eq!(sizes.iter().sum::<usize>(), n);
                let (lo, hi) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
                assert!(hi - lo <= 1, "n={n} k={k} {sizes:?}");
            }
        }
    }

    #[test]
    fn multi_gauss_label_peaks_at_bump_centres() {
        assert_eq!(multi_gauss_label(-4.0, 2.5), 1.0);
        assert_eq!(multi_gauss_label(0.0, 2.5), -1.0);
        assert_eq!(multi_gauss_label(4.0, -2.5), -1.0);
        assert_eq!(multi_gauss_label(-4.0, 1.5), 0.5);
        assert_eq!(multi_gauss_label(6.0, 6.0), 0.0);
    }
}
