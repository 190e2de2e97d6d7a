//! Smooth heatmaps from the grid: values (not colours) are interpolated
//! bilinearly onto a finer image before they are coloured, so a decision
//! boundary — where the output changes sign or the winning class changes —
//! runs as a smooth curve between grid cells instead of a staircase.
//! Colours come from look-up tables built once from the palette.

use super::heatmap::{argmax, signed_output, Style};
use super::palette::{bytes, class_color, heat, heat_signed, CLASSES, NEUTRAL};
use crate::glow::ActivationKind;
use crate::scene::plot::GridLayer;

/// Image pixels per grid cell and side.
pub const FACTOR: usize = 3;

/// Where one image column (or row) samples the grid: the two neighbouring
/// cells and the weight of the second.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tap {
    /// First cell.
    pub i0: usize,
    /// Second cell.
    pub i1: usize,
    /// Weight of `i1`, 0..=1.
    pub w: f64,
}

/// The tap of image pixel `x` (of `res · factor`) over a grid of `res`
/// cells: pixel centres map onto cell centres, clamped at the edges.
pub fn tap(x: usize, factor: usize, res: usize) -> Tap {
    if res == 0 || factor == 0 {
        return Tap {
            i0: 0,
            i1: 0,
            w: 0.0,
        };
    }
    let pos = ((x as f64 + 0.5) / factor as f64 - 0.5).clamp(0.0, (res - 1) as f64);
    let i0 = (pos.floor() as usize).min(res - 1);
    let i1 = (i0 + 1).min(res - 1);
    Tap {
        i0,
        i1,
        w: pos - i0 as f64,
    }
}

/// Bilinear blend of four corner values (top-left, top-right, bottom-left,
/// bottom-right) at weights `wx`, `wy`.
pub fn bilinear(c: [f64; 4], wx: f64, wy: f64) -> f64 {
    let [a, b, c, d] = c;
    let top = a + (b - a) * wx;
    let bottom = c + (d - c) * wx;
    top + (bottom - top) * wy
}

/// Steps of the colour look-up tables (per unit of value).
const LUT_STEPS: usize = 512;

/// Colours precomputed from the palette, so no pixel calls `powf`.
#[derive(Debug, Default)]
struct Lut {
    /// `heat_signed` over −1..=1 in `2·LUT_STEPS + 1` steps.
    signed: Vec<[u8; 4]>,
    /// `heat(class colour, t)` over t in 0..=1, `LUT_STEPS + 1` per class.
    classes: Vec<[u8; 4]>,
}

impl Lut {
    fn build(&mut self) {
        if !self.signed.is_empty() {
            return;
        }
        let steps = LUT_STEPS as f64;
        self.signed
            .extend((0..=2 * LUT_STEPS).map(|i| heat_signed(i as f64 / steps - 1.0)));
        for class in 0..CLASSES.len() {
            let c = class_color(class);
            self.classes
                .extend((0..=LUT_STEPS).map(|i| heat(c, i as f64 / steps)));
        }
    }

    /// The colour of signed `v` (clamped; NaN → neutral).
    fn signed(&self, v: f64) -> [u8; 4] {
        let v = if v.is_nan() { 0.0 } else { v.clamp(-1.0, 1.0) };
        // v + 1 ≥ 0: adding ½ and truncating rounds, without a libm call
        // (`round` is one in wasm, and this runs for every pixel).
        let i = ((v + 1.0) * LUT_STEPS as f64 + 0.5) as usize;
        self.signed
            .get(i)
            .copied()
            .unwrap_or_else(|| bytes(NEUTRAL))
    }

    /// The colour of class `class` at certainty `t` (clamped; NaN → 0).
    fn class(&self, class: usize, t: f64) -> [u8; 4] {
        let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
        // Class colours wrap past ten (as `class_color`); a branch, not a division.
        let class = if class < CLASSES.len() {
            class
        } else {
            class % CLASSES.len()
        };
        let i = class * (LUT_STEPS + 1) + (t * LUT_STEPS as f64 + 0.5) as usize;
        self.classes
            .get(i)
            .copied()
            .unwrap_or_else(|| bytes(NEUTRAL))
    }

    /// A neuron value in `style`.
    fn style(&self, style: Style, a: f64) -> [u8; 4] {
        match style {
            Style::Signed { gain, bias } => self.signed(a * gain + bias),
            Style::Share { class } => self.class(class, a),
        }
    }
}

/// What an image was made from, besides the grid values.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Source {
    Output(ActivationKind, bool),
    Neuron(Style),
}

/// Reused buffers of the upsampling.
#[derive(Debug, Default)]
pub struct Upsampler {
    /// The values and source of the image last made, to skip remaking an
    /// unchanged one (e.g. while only the probe moves).
    prev: Vec<f64>,
    prev_source: Option<(Source, usize)>,
    res: usize,
    taps: Vec<Tap>,
    /// The grid values in use, channel-major (`values[ch · res² + cell]`),
    /// non-finite values replaced by 0.
    values: Vec<f64>,
    /// The winning class of each grid cell (softmax outputs).
    winners: Vec<usize>,
    /// Channel 0 interpolated along each grid row: `res` rows of `res·FACTOR`.
    rows: Vec<f64>,
    lut: Lut,
}

impl Upsampler {
    fn prepare(&mut self, res: usize) {
        self.lut.build();
        if self.res != res || self.taps.len() != res * FACTOR {
            self.res = res;
            self.taps.clear();
            self.taps
                .extend((0..res * FACTOR).map(|x| tap(x, FACTOR, res)));
        }
    }

    /// Whether the values just loaded, from `source`, make the same image
    /// as last time; remembers them otherwise.
    fn unchanged(&mut self, source: Source) -> bool {
        let key = Some((source, self.res));
        if self.prev_source == key && self.prev == self.values {
            return true;
        }
        self.prev_source = key;
        self.prev.clone_from(&self.values);
        false
    }

    /// Forgets the last image (the next one is always made).
    pub fn invalidate(&mut self) {
        self.prev_source = None;
    }

    /// Copies columns `cols` of `a` into `values`, channel-major, in one
    /// pass over the rows.
    fn load(&mut self, a: GridLayer, cols: std::ops::Range<usize>) {
        let cells = a.points();
        let first = cols.start;
        self.values.clear();
        self.values.resize(cells * cols.len(), 0.0);
        for (cell, row) in a.rows().enumerate() {
            let picked = row.iter().skip(first).take(cols.len());
            for (ch, &v) in picked.enumerate() {
                let v = f64::from(v);
                if let Some(d) = self.values.get_mut(ch * cells + cell) {
                    *d = if v.is_finite() { v } else { 0.0 };
                }
            }
        }
    }

    /// Fills `pixels` with the `res·FACTOR`² image whose pixel colours come
    /// from `colour(lut, values, x tap, y tap)`.
    fn fill(
        &mut self,
        pixels: &mut Vec<u8>,
        mut colour: impl FnMut(&Lut, &[f64], &Tap, &Tap) -> [u8; 4],
    ) {
        let n = self.res * FACTOR;
        pixels.resize(n * n * 4, 0);
        let (taps, lut, values) = (&self.taps, &self.lut, &self.values);
        for (row, ty) in pixels.chunks_exact_mut(4 * n.max(1)).zip(taps) {
            for (px, tx) in row.chunks_exact_mut(4).zip(taps) {
                px.copy_from_slice(&colour(lut, values, tx, ty));
            }
        }
    }

    /// Fills `pixels` with the `res·FACTOR`² image of channel 0, coloured
    /// by `colour(lut, value)`. The same bilinear blend as [`bilinear`] of
    /// [`corners`], in the same order of operations, but separable: each
    /// grid row is interpolated along x once, then each image row blends
    /// two of those rows (contiguous, so it vectorises).
    fn fill_smooth(&mut self, pixels: &mut Vec<u8>, mut colour: impl FnMut(&Lut, f64) -> [u8; 4]) {
        let (res, n) = (self.res, self.res * FACTOR);
        pixels.resize(n * n * 4, 0);
        self.rows.clear();
        self.rows.resize(res * n, 0.0);
        let grid = self.values.get(..res * res).unwrap_or(&[]);
        for (row, cells) in self
            .rows
            .chunks_exact_mut(n.max(1))
            .zip(grid.chunks_exact(res.max(1)))
        {
            for (v, tx) in row.iter_mut().zip(&self.taps) {
                let a = cells.get(tx.i0).copied().unwrap_or(0.0);
                let b = cells.get(tx.i1).copied().unwrap_or(0.0);
                *v = a + (b - a) * tx.w;
            }
        }
        let empty: &[f64] = &[];
        let row = |i: usize| self.rows.get(i * n..(i + 1) * n).unwrap_or(empty);
        for (out, ty) in pixels.chunks_exact_mut(4 * n.max(1)).zip(&self.taps) {
            let (top, bottom) = (row(ty.i0), row(ty.i1));
            for ((px, &t), &b) in out.chunks_exact_mut(4).zip(top).zip(bottom) {
                px.copy_from_slice(&colour(&self.lut, t + (b - t) * ty.w));
            }
        }
    }

    /// The decision map of `outputs` (one row per grid cell, `res`² rows),
    /// smooth at `FACTOR` pixels per cell, coloured as
    /// [`output_pixel`](super::heatmap::output_pixel) colours. Returns
    /// false when the image is the same as last time (`pixels` untouched).
    pub fn output(
        &mut self,
        pixels: &mut Vec<u8>,
        outputs: GridLayer,
        res: usize,
        activation: ActivationKind,
        discretize: bool,
    ) -> bool {
        if outputs.points() != res * res || res == 0 || outputs.neurons() == 0 {
            self.invalidate();
            fill_neutral(pixels, res * FACTOR);
            return true;
        }
        self.prepare(res);
        let k = outputs.neurons();
        let softmax = activation == ActivationKind::Softmax && k >= 2;
        self.load(outputs, 0..if softmax { k } else { 1 });
        if self.unchanged(Source::Output(activation, discretize)) {
            return false;
        }
        if !softmax {
            let (neg, pos) = (heat_signed(-1.0), heat_signed(1.0));
            self.fill_smooth(pixels, |lut, v| {
                let v = signed_output(v, activation);
                match (discretize, v < 0.0) {
                    (true, true) => neg,
                    (true, false) => pos,
                    (false, _) => lut.signed(v),
                }
            });
            return true;
        }
        // Softmax: only the corners' winning classes can win in between.
        self.winners.clear();
        self.winners.extend(
            outputs
                .rows()
                .map(|r| argmax(r.iter()).map_or(0, |(i, _)| i)),
        );
        let winners = std::mem::take(&mut self.winners);
        let floor = 1.0 / k as f64;
        self.fill(pixels, |lut, values, tx, ty| {
            let cells = [
                ty.i0 * res + tx.i0,
                ty.i0 * res + tx.i1,
                ty.i1 * res + tx.i0,
                ty.i1 * res + tx.i1,
            ];
            let w = cells.map(|c| winners.get(c).copied().unwrap_or(0));
            let [first, ..] = w;
            let mut best = (
                first,
                bilinear(corners(values, first, res, tx, ty), tx.w, ty.w),
            );
            // Other classes only where the corners disagree (near a boundary).
            if w.iter().any(|&c| c != first) {
                for (i, &class) in w.iter().enumerate().skip(1) {
                    if w.iter().take(i).any(|&c| c == class) {
                        continue;
                    }
                    let p = bilinear(corners(values, class, res, tx, ty), tx.w, ty.w);
                    if p > best.1 {
                        best = (class, p);
                    }
                }
            }
            let (class, p) = best;
            lut.class(
                class,
                if discretize {
                    1.0
                } else {
                    (p - floor) / (1.0 - floor)
                },
            )
        });
        self.winners = winners;
        true
    }

    /// The map of neuron column `col` of `a` in `style`, smooth. Returns
    /// false when the image is the same as last time (`pixels` untouched).
    pub fn neuron(
        &mut self,
        pixels: &mut Vec<u8>,
        a: GridLayer,
        res: usize,
        col: usize,
        style: Style,
    ) -> bool {
        if a.points() != res * res || col >= a.neurons() || res == 0 {
            self.invalidate();
            fill_neutral(pixels, res * FACTOR);
            return true;
        }
        self.prepare(res);
        self.load(a, col..col + 1);
        if self.unchanged(Source::Neuron(style)) {
            return false;
        }
        self.fill_smooth(pixels, |lut, v| lut.style(style, v));
        true
    }
}

/// The four corner values of channel `ch` (a grid of `res`² cells per
/// channel) around a tap pair: top-left, top-right, bottom-left, bottom-right.
fn corners(values: &[f64], ch: usize, res: usize, tx: &Tap, ty: &Tap) -> [f64; 4] {
    let base = ch * res * res;
    let at = |r: usize, c: usize| values.get(base + r * res + c).copied().unwrap_or(0.0);
    [
        at(ty.i0, tx.i0),
        at(ty.i0, tx.i1),
        at(ty.i1, tx.i0),
        at(ty.i1, tx.i1),
    ]
}

/// An `n`² image of the neutral colour.
pub fn fill_neutral(pixels: &mut Vec<u8>, n: usize) {
    pixels.resize(n * n * 4, 0);
    let c = bytes(NEUTRAL);
    pixels
        .chunks_exact_mut(4)
        .for_each(|px| px.copy_from_slice(&c));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plot::heatmap::{neuron_style, output_pixel};

    #[test]
    fn taps_put_pixel_centres_on_cell_centres() {
        // Pixel 1 of 3 per cell is the centre of cell 0.
        assert_eq!(
            tap(1, 3, 4),
            Tap {
                i0: 0,
                i1: 1,
                w: 0.0
            }
        );
        assert_eq!(tap(0, 3, 4).w, 0.0, "clamped at the edge");
        let t = tap(2, 3, 4);
        assert_eq!((t.i0, t.i1), (0, 1));
        assert!((t.w - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(
            tap(11, 3, 4),
            Tap {
                i0: 3,
                i1: 3,
                w: 0.0
            }
        );
        assert_eq!(
            tap(5, 0, 4),
            Tap {
                i0: 0,
                i1: 0,
                w: 0.0
            }
        );
        assert_eq!(bilinear([0.0, 1.0, 2.0, 3.0], 0.5, 0.5), 1.5);
    }

    #[test]
    fn a_sign_change_lands_between_the_cells() {
        // Two columns of cells: −1 | +1. The boundary is halfway between
        // the cell centres, i.e. at the middle of the 6-pixel-wide image.
        let a = [-1.0, 1.0, -1.0, 1.0];
        let mut up = Upsampler::default();
        let mut px = Vec::new();
        up.output(
            &mut px,
            GridLayer::new(&a, 1),
            2,
            ActivationKind::Tanh,
            true,
        );
        assert_eq!(px.len(), 6 * 6 * 4);
        let row: Vec<[u8; 4]> = px
            .chunks_exact(4)
            .take(6)
            .map(|p| [p[0], p[1], p[2], p[3]])
            .collect();
        let neg = output_pixel(&[-1.0], ActivationKind::Tanh, true);
        let pos = output_pixel(&[1.0], ActivationKind::Tanh, true);
        assert_eq!(row, vec![neg, neg, neg, pos, pos, pos]);
    }

    #[test]
    fn softmax_boundary_is_smooth_and_nan_safe() {
        // Cell 0 is class 0, cell 1 is class 2 (3 classes).
        let a = [0.8, 0.1, 0.1, 0.1, 0.1, 0.8];
        let mut up = Upsampler::default();
        let mut px = Vec::new();
        // A 1-row grid is not square: neutral.
        up.output(
            &mut px,
            GridLayer::new(&a, 3),
            2,
            ActivationKind::Softmax,
            true,
        );
        assert!(px.chunks_exact(4).all(|p| p == bytes(NEUTRAL)));
        let sq = [
            0.8,
            0.1,
            0.1,
            0.1,
            0.1,
            0.8,
            0.8,
            0.1,
            0.1,
            f32::NAN,
            0.1,
            0.8,
        ];
        up.output(
            &mut px,
            GridLayer::new(&sq, 3),
            2,
            ActivationKind::Softmax,
            true,
        );
        let first = px.get(0..4).map(<[u8]>::to_vec);
        let last_of_row = px.get(20..24).map(<[u8]>::to_vec);
        assert_eq!(
            first,
            Some(output_pixel(&[1.0, 0.0, 0.0], ActivationKind::Softmax, true).to_vec())
        );
        assert_eq!(
            last_of_row,
            Some(output_pixel(&[0.0, 0.0, 1.0], ActivationKind::Softmax, true).to_vec())
        );
        assert!(px.chunks_exact(4).all(|p| p.get(3) == Some(&255)));
    }

    #[test]
    fn look_up_tables_match_the_palette() {
        let mut lut = Lut::default();
        lut.build();
        let close = |a: [u8; 4], b: [u8; 4]| a.iter().zip(b).all(|(&x, y)| x.abs_diff(y) <= 1);
        for v in [-1.0, -0.731, -0.2, 0.0, 0.013, 0.5, 0.999, 1.0] {
            assert!(close(lut.signed(v), heat_signed(v)), "{v}");
        }
        assert_eq!(lut.signed(f64::NAN), bytes(NEUTRAL));
        assert_eq!(lut.signed(7.0), heat_signed(1.0));
        for class in [0, 3, 9] {
            for t in [0.0, 0.25, 0.8, 1.0] {
                assert!(close(lut.class(class, t), heat(class_color(class), t)));
            }
        }
        assert_eq!(lut.class(12, 1.0), lut.class(2, 1.0));
        assert_eq!(lut.class(1, f64::NAN), bytes(NEUTRAL));
        let s = Style::Signed {
            gain: 2.0,
            bias: -1.0,
        };
        assert!(close(lut.style(s, 0.75), s.pixel(0.75)));
    }

    #[test]
    fn an_unchanged_grid_is_not_redrawn() {
        let a = [-1.0, 1.0, -1.0, 0.5];
        let a = GridLayer::new(&a, 1);
        let mut up = Upsampler::default();
        let mut px = Vec::new();
        assert!(up.output(&mut px, a, 2, ActivationKind::Tanh, false));
        assert!(!up.output(&mut px, a, 2, ActivationKind::Tanh, false));
        assert!(
            up.output(&mut px, a, 2, ActivationKind::Tanh, true),
            "discretize changed"
        );
        let b = [-1.0, 1.0, -1.0, 0.6];
        let b = GridLayer::new(&b, 1);
        assert!(
            up.output(&mut px, b, 2, ActivationKind::Tanh, true),
            "values changed"
        );
        let style = Style::Signed {
            gain: 1.0,
            bias: 0.0,
        };
        assert!(up.neuron(&mut px, b, 2, 0, style), "source changed");
        assert!(!up.neuron(&mut px, b, 2, 0, style));
        up.invalidate();
        assert!(up.neuron(&mut px, b, 2, 0, style));
    }

    #[test]
    fn separable_fill_is_the_per_pixel_bilinear_blend() {
        // An irregular 7×7 map (values beyond ±1 too, so clamping shows).
        let res = 7;
        let a: Vec<f32> = (0..res * res)
            .map(|i| ((i * 37 % 23) as f32 / 7.0 - 1.5) * if i % 5 == 0 { -1.0 } else { 1.0 })
            .collect();
        let mut up = Upsampler::default();
        let mut px = Vec::new();
        let style = neuron_style(ActivationKind::Linear, false, 2.0, 0);
        up.neuron(&mut px, GridLayer::new(&a, 1), res, 0, style);
        let n = res * FACTOR;
        let values: Vec<f64> = a.iter().map(|&v| f64::from(v)).collect();
        for y in 0..n {
            for x in 0..n {
                let (tx, ty) = (tap(x, FACTOR, res), tap(y, FACTOR, res));
                let v = bilinear(corners(&values, 0, res, &tx, &ty), tx.w, ty.w);
                let k = 4 * (y * n + x);
                assert_eq!(
                    px.get(k..k + 4),
                    Some(&up.lut.style(style, v)[..]),
                    "({x}, {y})"
                );
            }
        }
    }

    #[test]
    fn neuron_maps_and_bad_shapes() {
        let a: Vec<f32> = (0..9 * 2)
            .map(|k| {
                if k % 2 == 1 {
                    (k / 2) as f32 / 8.0
                } else {
                    f32::NAN
                }
            })
            .collect();
        let a = GridLayer::new(&a, 2);
        let mut up = Upsampler::default();
        let mut px = Vec::with_capacity(9 * 9 * 4);
        let ptr = px.as_ptr();
        let style = neuron_style(ActivationKind::Tanh, false, 1.0, 1);
        up.neuron(&mut px, a, 3, 1, style);
        assert_eq!(px.len(), 9 * 9 * 4);
        assert_eq!(px.as_ptr(), ptr, "no reallocation");
        assert_eq!(px.get(0..4), Some(&style.pixel(0.0)[..]));
        up.neuron(&mut px, a, 3, 0, style);
        assert!(
            px.chunks_exact(4).all(|p| p == bytes(NEUTRAL)),
            "NaN column → neutral"
        );
        up.neuron(&mut px, a, 3, 5, style);
        assert!(px.chunks_exact(4).all(|p| p == bytes(NEUTRAL)));
    }
}
