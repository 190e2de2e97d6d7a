//! Each hidden and output bulb's own map, downsampled from the grid into
//! the scene's thumbnail atlas.
//!
//! This runs on every training frame for every neuron (129 of them in the
//! largest network), so it is one sequential pass over the grid's f32 maps
//! and a colour table, not a colour computation per pixel.

use std::ops::Range;

use crate::color::{WEIGHT_NEG, WEIGHT_POS};
use crate::plot::heatmap::{layer_max, neuron_style, Style};
use crate::plot::palette::{bytes, vivid, THUMB_ZERO};
use crate::scene::plot::{GridLayer, GridMaps};
use crate::scene::Scene;

/// Side of a thumbnail in pixels: sharp enough inside a large bulb, a box
/// average of about 3×3 grid cells at the 100×100 grid.
pub const THUMB_RES: usize = 32;

/// The grid rows (or columns) averaged into thumbnail row (or column) `t`
/// of `thumb`, for a grid of `res` per side: never empty while `res > 0`.
pub fn cell_range(t: usize, thumb: usize, res: usize) -> Range<usize> {
    if thumb == 0 || res == 0 {
        return 0..0;
    }
    let start = (t * res / thumb).min(res - 1);
    let end = ((t + 1) * res / thumb).clamp(start + 1, res);
    start..end
}

/// Mean of the finite values of column `col` of `a` over the grid block
/// `rows` × `cols` (`a` has one row per grid point, row-major, `res` per
/// side). NaN when the block holds no finite value.
pub fn block_mean(
    a: GridLayer,
    col: usize,
    res: usize,
    rows: Range<usize>,
    cols: Range<usize>,
) -> f64 {
    let (mut sum, mut n) = (0.0, 0u32);
    for r in rows {
        for c in cols.clone() {
            if let Some(v) = a.get(r * res + c, col) {
                if v.is_finite() {
                    sum += f64::from(v);
                    n += 1;
                }
            }
        }
    }
    if n == 0 {
        f64::NAN
    } else {
        sum / f64::from(n)
    }
}

/// Writes the `thumb` × `thumb` map of column `col` of `a` into `tile`
/// (RGBA, row 0 at the top like the grid): the reference for grids coarser
/// than a tile, and for the one-pass [`Scratch`].
pub fn downsample(
    tile: &mut [u8],
    a: GridLayer,
    col: usize,
    res: usize,
    thumb: usize,
    style: Style,
) {
    if a.points() != res * res || col >= a.neurons() {
        let n = bytes(THUMB_ZERO);
        tile.chunks_exact_mut(4)
            .for_each(|px| px.copy_from_slice(&n));
        return;
    }
    for (ty, row) in tile
        .chunks_exact_mut(4 * thumb.max(1))
        .take(thumb)
        .enumerate()
    {
        let rows = cell_range(ty, thumb, res);
        for (tx, px) in row.chunks_exact_mut(4).enumerate() {
            let v = block_mean(a, col, res, rows.clone(), cell_range(tx, thumb, res));
            px.copy_from_slice(&style.thumb_pixel(v));
        }
    }
}

/// Steps of the colour table per sign.
const LUT_STEPS: usize = 256;

/// [`Style::thumb_pixel`] of the signed styles as a table. The colour is
/// linear in √|v| (see [`vivid`]), so the table is indexed by √|v|: 256
/// steps are within one 8-bit level of the exact colour.
#[derive(Debug)]
struct ThumbLut {
    pos: Vec<[u8; 4]>,
    neg: Vec<[u8; 4]>,
}

impl Default for ThumbLut {
    fn default() -> Self {
        let at = |i: usize| {
            let u = i as f64 / (LUT_STEPS - 1) as f64;
            u * u
        };
        ThumbLut {
            pos: (0..LUT_STEPS).map(|i| vivid(WEIGHT_POS, at(i))).collect(),
            neg: (0..LUT_STEPS).map(|i| vivid(WEIGHT_NEG, at(i))).collect(),
        }
    }
}

impl ThumbLut {
    /// The pixel of `v` in −1..=1 (clamped; NaN → the dark zero).
    #[inline]
    fn signed(&self, v: f32) -> [u8; 4] {
        let u = if v.is_nan() {
            0.0
        } else {
            // A comparison, not `f32::min` (a libm call in wasm).
            let a = v.abs();
            (if a < 1.0 { a } else { 1.0 }).sqrt()
        };
        let i = (u * (LUT_STEPS - 1) as f32 + 0.5) as usize;
        let table = if v < 0.0 { &self.neg } else { &self.pos };
        table.get(i).copied().unwrap_or([0, 0, 0, 255])
    }
}

/// Reused buffers of the one-pass downsampling.
#[derive(Debug, Default)]
pub struct Scratch {
    /// Per thumbnail pixel and neuron: the sum of the block's values.
    sums: Vec<f32>,
    /// Per thumbnail pixel: the number of grid cells in its block.
    counts: Vec<u32>,
    /// Per thumbnail pixel: 1 / count (NaN for an empty block).
    inverse: Vec<f32>,
    /// Per grid row (and column): the thumbnail row (column) it falls in.
    cell_to_thumb: Vec<usize>,
    lut: ThumbLut,
}

impl Scratch {
    /// Sums every neuron of `a` (`res`² rows) over the `thumb`² blocks in
    /// one sequential pass: `sums[t · n + j]` for pixel `t` and neuron `j`.
    /// Requires `res ≥ thumb`, so that the blocks partition the grid.
    /// Non-finite values count as 0 (they show as neutral, never as NaN).
    /// Returns the largest finite |a| (0 for none).
    fn accumulate(&mut self, a: GridLayer, res: usize, thumb: usize) -> f64 {
        let n = a.neurons();
        self.cell_to_thumb.clear();
        self.cell_to_thumb.resize(res, 0);
        for t in 0..thumb {
            for c in cell_range(t, thumb, res) {
                if let Some(x) = self.cell_to_thumb.get_mut(c) {
                    *x = t;
                }
            }
        }
        self.sums.clear();
        self.sums.resize(thumb * thumb * n, 0.0);
        self.counts.clear();
        self.counts.resize(thumb * thumb, 0);
        let data = a.values();
        if n == 0 {
            return layer_max(a);
        }
        let mut lanes = [0.0f32; 16];
        // One kernel per layer width up to 16 (the page's largest), so that
        // a grid point's row is a fixed-size array and the loop vectorises.
        macro_rules! by_width {
            ($($n:literal)*) => {
                match n {
                    $($n => add_blocks::<$n>(data, res, thumb, &self.cell_to_thumb, &mut self.sums, &mut lanes),)*
                    _ => add_blocks_wide(data, n, res, thumb, &self.cell_to_thumb, &mut self.sums, &mut lanes),
                }
            };
        }
        by_width!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16);
        for (ty, counts) in self.counts.chunks_exact_mut(thumb).enumerate() {
            let rows = cell_range(ty, thumb, res).len();
            for (tx, c) in counts.iter_mut().enumerate() {
                *c = (rows * cell_range(tx, thumb, res).len()) as u32;
            }
        }
        self.inverse.clear();
        self.inverse.extend(
            self.counts
                .iter()
                .map(|&c| if c == 0 { f32::NAN } else { 1.0 / c as f32 }),
        );
        f64::from(lanes.iter().copied().fold(0.0f32, f32::max))
    }

    /// Writes neuron `j`'s tile from the sums of the last [`Scratch::accumulate`].
    fn write_tile(&self, tile: &mut [u8], j: usize, n: usize, style: Style) {
        let sums = self.sums.get(j..).unwrap_or(&[]).iter().step_by(n.max(1));
        let means = sums.zip(&self.inverse).map(|(&sum, &inv)| sum * inv);
        match style {
            Style::Signed { gain, bias } => {
                let (gain, bias) = (gain as f32, bias as f32);
                for (px, v) in tile.chunks_exact_mut(4).zip(means) {
                    px.copy_from_slice(&self.lut.signed(v * gain + bias));
                }
            }
            Style::Share { .. } => {
                for (px, v) in tile.chunks_exact_mut(4).zip(means) {
                    px.copy_from_slice(&style.thumb_pixel(f64::from(v)));
                }
            }
        }
    }
}

/// Adds every grid point's `N` values (finite ones; others count as 0) to
/// its thumbnail pixel's sums, `sums[t·N + j]`, and keeps the largest |v|
/// per lane in `lanes`.
fn add_blocks<const N: usize>(
    data: &[f32],
    res: usize,
    thumb: usize,
    cell_to_thumb: &[usize],
    sums: &mut [f32],
    lanes: &mut [f32; 16],
) {
    let mut max = [0.0f32; N];
    for (grid_row, &ty) in data.chunks_exact(N * res).zip(cell_to_thumb) {
        for (row, &tx) in grid_row.chunks_exact(N).zip(cell_to_thumb) {
            let t = ty * thumb + tx;
            let (Some(s), Ok(row)) = (
                sums.get_mut(t * N..t * N + N)
                    .and_then(|s| <&mut [f32; N]>::try_from(s).ok()),
                <&[f32; N]>::try_from(row),
            ) else {
                continue;
            };
            for ((s, &v), m) in s.iter_mut().zip(row).zip(max.iter_mut()) {
                let v = if v.is_finite() { v } else { 0.0 };
                *s += v;
                let av = v.abs();
                *m = if av > *m { av } else { *m };
            }
        }
    }
    for (l, m) in lanes.iter_mut().zip(max) {
        *l = if m > *l { m } else { *l };
    }
}

/// [`add_blocks`] for layers wider than 16.
fn add_blocks_wide(
    data: &[f32],
    n: usize,
    res: usize,
    thumb: usize,
    cell_to_thumb: &[usize],
    sums: &mut [f32],
    lanes: &mut [f32; 16],
) {
    let Some(lane) = lanes.first_mut() else {
        return;
    };
    for (grid_row, &ty) in data.chunks_exact(n * res).zip(cell_to_thumb) {
        for (row, &tx) in grid_row.chunks_exact(n).zip(cell_to_thumb) {
            let t = ty * thumb + tx;
            let Some(s) = sums.get_mut(t * n..(t + 1) * n) else {
                continue;
            };
            for (s, &v) in s.iter_mut().zip(row) {
                let v = if v.is_finite() { v } else { 0.0 };
                *s += v;
                let av = v.abs();
                *lane = if av > *lane { av } else { *lane };
            }
        }
    }
}

/// Fills the scene's atlas with every hidden and output neuron's map from
/// the grid's maps. Returns each scene layer's largest |a| over the grid
/// into `maxima` (index = scene layer; 0 for the input), reusing its buffer.
pub fn fill(scene: &mut Scene, grid: &dyn GridMaps, maxima: &mut Vec<f64>, scratch: &mut Scratch) {
    scene.set_thumb_res(THUMB_RES);
    let resolution = grid.resolution();
    let layers = scene.layer_count();
    maxima.clear();
    maxima.resize(layers, 0.0);
    for l in 1..layers {
        let Some(a) = grid.layer(l - 1) else {
            continue;
        };
        let kind = scene.kind(l);
        let output = l + 1 == layers;
        let n = scene.sizes().get(l).copied().unwrap_or(0);
        let fast =
            resolution >= THUMB_RES && a.points() == resolution * resolution && a.neurons() == n;
        let max = if fast {
            scratch.accumulate(a, resolution, THUMB_RES)
        } else {
            layer_max(a)
        };
        if let Some(m) = maxima.get_mut(l) {
            *m = max;
        }
        for j in 0..n {
            let style = neuron_style(kind, output, max, j);
            if let Some(tile) = scene.thumb_mut(l, j) {
                if fast {
                    scratch.write_tile(tile, j, n, style);
                } else {
                    downsample(tile, a, j, resolution, THUMB_RES, style);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glow::ActivationKind;

    #[test]
    fn one_pass_matches_the_block_means() {
        // Widths 3 and 16 take the fixed-width kernels, 20 the general one.
        for n in [3, 16, 20] {
            one_pass_matches_the_block_means_for(n);
        }
    }

    fn one_pass_matches_the_block_means_for(n: usize) {
        let (res, thumb) = (10, 4);
        let values: Vec<f32> = (0..res * res * n)
            .map(|k| (k / n, k % n))
            .map(|(i, j)| {
                if i == 17 && j == 1 {
                    f32::NAN
                } else if i == 33 && j == n - 1 {
                    // The largest |a| sits in the last lane only.
                    -7.5
                } else {
                    ((i * 7 + j * 13) % 11) as f32 / 5.0 - 1.0
                }
            })
            .collect();
        let a = GridLayer::new(&values, n);
        let mut scratch = Scratch::default();
        let max = scratch.accumulate(a, res, thumb);
        assert_eq!(max, 7.5);
        assert_eq!(max, layer_max(a));
        let style = Style::Signed {
            gain: 1.0,
            bias: 0.0,
        };
        for j in 0..n {
            let (mut fast, mut slow) = (vec![0u8; thumb * thumb * 4], vec![0u8; thumb * thumb * 4]);
            scratch.write_tile(&mut fast, j, n, style);
            downsample(&mut slow, a, j, res, thumb, style);
            if j == 1 {
                // The NaN cell counts as 0 in one pass, and is skipped by
                // the reference: both stay finite, colours may differ a little.
                assert_eq!(fast.len(), slow.len());
            } else {
                // The table is within one 8-bit level of the exact colour.
                let worst = fast.iter().zip(&slow).map(|(a, b)| a.abs_diff(*b)).max();
                assert!(worst <= Some(1), "neuron {j}: {worst:?}");
            }
        }
        assert_eq!(scratch.counts.iter().sum::<u32>(), (res * res) as u32);
    }

    #[test]
    fn the_colour_table_matches_the_palette() {
        let lut = ThumbLut::default();
        let style = Style::Signed {
            gain: 1.0,
            bias: 0.0,
        };
        let mut worst = 0;
        for i in -1300..=1300 {
            let v = i as f32 / 1000.0;
            let (a, b) = (lut.signed(v), style.thumb_pixel(f64::from(v)));
            worst = worst.max(
                a.iter()
                    .zip(&b)
                    .map(|(x, y)| x.abs_diff(*y))
                    .max()
                    .unwrap_or(0),
            );
        }
        assert!(worst <= 1, "worst channel difference {worst}");
        assert_eq!(lut.signed(f32::NAN), style.thumb_pixel(f64::NAN));
        assert_eq!(lut.signed(f32::INFINITY), style.thumb_pixel(1.0));
        assert_eq!(lut.signed(0.0), bytes(THUMB_ZERO));
    }

    #[test]
    fn cell_ranges_tile_the_grid_without_gaps() {
        for (thumb, res) in [(32, 100), (25, 100), (4, 4), (32, 20), (3, 7)] {
            let mut next = 0;
            for t in 0..thumb {
                let r = cell_range(t, thumb, res);
                assert!(!r.is_empty() && r.end <= res, "{thumb} {res} {t} {r:?}");
                assert!(r.start <= next, "no gap");
                next = r.end;
            }
            assert_eq!(next, res, "covers the grid");
        }
        assert_eq!(cell_range(0, 25, 100), 0..4);
        assert_eq!(cell_range(24, 25, 100), 96..100);
        assert_eq!(cell_range(1, 32, 100), 3..6);
        assert_eq!(cell_range(0, 0, 100), 0..0);
    }

    #[test]
    fn downsampling_picks_the_right_cells() {
        // A 4×4 grid whose neuron 1 is +1 only in the top-right 2×2 block
        // and −1 in the bottom-left cell; neuron 0 is garbage.
        let res = 4;
        let mut values = vec![f32::NAN; res * res * 2];
        for i in 0..res * res {
            let (r, c) = (i / res, i % res);
            let v = if r < 2 && c >= 2 {
                1.0
            } else if r == 3 && c == 0 {
                -1.0
            } else {
                0.0
            };
            if let Some(x) = values.get_mut(i * 2 + 1) {
                *x = v;
            }
        }
        let a = GridLayer::new(&values, 2);
        assert_eq!(block_mean(a, 1, res, 0..2, 2..4), 1.0);
        assert_eq!(block_mean(a, 1, res, 2..4, 0..2), -0.25);
        assert!(block_mean(a, 0, res, 0..4, 0..4).is_nan());
        let style = neuron_style(ActivationKind::Tanh, false, 1.0, 1);
        let mut tile = vec![0u8; 2 * 2 * 4];
        downsample(&mut tile, a, 1, res, 2, style);
        let px = |t: &[u8], k: usize| t.get(4 * k..4 * k + 4).map(<[u8]>::to_vec);
        assert_eq!(
            px(&tile, 0),
            Some(style.thumb_pixel(0.0).to_vec()),
            "top left"
        );
        assert_eq!(
            px(&tile, 1),
            Some(style.thumb_pixel(1.0).to_vec()),
            "top right"
        );
        assert_eq!(
            px(&tile, 2),
            Some(style.thumb_pixel(-0.25).to_vec()),
            "bottom left"
        );
        assert_eq!(
            px(&tile, 3),
            Some(style.thumb_pixel(0.0).to_vec()),
            "bottom right"
        );
        // A wrong shape paints neutral rather than reading out of bounds.
        downsample(&mut tile, a, 5, res, 2, style);
        assert_eq!(px(&tile, 1), Some(bytes(THUMB_ZERO).to_vec()));
    }
}
