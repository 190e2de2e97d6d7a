//! Where everything of the network view goes on the canvas.
//!
//! Layers are columns left → right, neurons centred vertically; the bulb
//! radius is chosen so that bulbs, screw bases and value text never overlap
//! from a 320 px phone to a 1920 px projector. All coordinates are CSS px;
//! the renderer multiplies by the device pixel ratio.

mod curve;
mod fit;
mod geom;
#[cfg(test)]
mod tests;

pub use curve::Curve;
pub use fit::{BASE_BOTTOM, BASE_HALF_WIDTH, BASE_TOP, LINE, TEXT_GAP};
pub use geom::{Point, Rect};

/// Geometry of the whole view for one canvas size and architecture.
/// Recomputing with an unchanged architecture does not allocate.
#[derive(Clone, Debug, Default)]
pub struct Layout {
    width: f64,
    height: f64,
    dpr: f64,
    radius: f64,
    value_font: f64,
    show_values: bool,
    label_font: f64,
    legend_font: f64,
    min_font: f64,
    label_y: f64,
    short_labels: bool,
    legend: Rect,
    tag_x: f64,
    column_pitch: f64,
    /// The longest input name, in characters.
    input_chars: usize,
    sizes: Vec<usize>,
    offsets: Vec<usize>,
    column_x: Vec<f64>,
    centers: Vec<Point>,
}

/// Largest bulb radius, CSS px.
const MAX_RADIUS: f64 = 34.0;
/// Glyph advance of column labels, in font sizes.
const LABEL_GLYPH: f64 = 0.6;
/// Smallest size an input name is shrunk to (outside projector mode), CSS px.
const INPUT_NAME_MIN: f64 = 7.0;
/// Gap between an input name and its bulb, and free space at the canvas's
/// left edge, CSS px.
const NAME_GAP: f64 = 6.0;
const EDGE: f64 = 2.0;

impl Layout {
    /// An empty layout; call [`Layout::compute`] before use.
    pub fn new() -> Self {
        Self::default()
    }

    /// The smallest font any text of the view may use, CSS px (0: none;
    /// projector mode sets [`crate::legible::PROJECTOR_TEXT`]). Text that
    /// does not fit at this size is left out rather than shrunk. Takes
    /// effect at the next [`Layout::compute`].
    pub fn set_min_font(&mut self, px: f64) {
        self.min_font = if px.is_finite() { px.max(0.0) } else { 0.0 };
    }

    /// See [`Layout::set_min_font`].
    pub fn min_font(&self) -> f64 {
        self.min_font
    }

    /// The longest input name in characters (drawn left of the input
    /// column): the column leaves room for it at the canvas's edge. Takes
    /// effect at the next [`Layout::compute`].
    pub fn set_input_chars(&mut self, chars: usize) {
        self.input_chars = chars;
    }

    /// Lays out `sizes` (neurons per layer, input first) on a canvas of
    /// `css_width` × `css_height` CSS px at device pixel ratio `dpr`.
    /// Non-finite or negative canvas sizes are treated as 0.
    pub fn compute(&mut self, css_width: f64, css_height: f64, dpr: f64, sizes: &[usize]) {
        let w = finite_pos(css_width);
        let h = finite_pos(css_height);
        self.width = w;
        self.height = h;
        self.dpr = if dpr.is_finite() && dpr > 0.0 {
            dpr
        } else {
            1.0
        };
        if self.sizes != sizes {
            self.sizes.clear();
            self.sizes.extend_from_slice(sizes);
            self.offsets.clear();
            let mut total = 0;
            for &n in sizes {
                self.offsets.push(total);
                total += n;
            }
            self.offsets.push(total);
        }

        let side = (w * 0.02).clamp(4.0, 24.0);
        self.label_font = (w / 80.0).clamp(9.0, 13.0).max(self.min_font);
        let top = 6.0 + self.label_font * LINE + 6.0;
        self.legend_font = legend_font(w).max(self.min_font);
        let legend_h = self.legend_font * LINE + 12.0;
        let bottom = h - legend_h;
        self.legend = Rect::new(side, bottom, (w - 2.0 * side).max(0.0), legend_h);
        self.label_y = 6.0 + self.label_font;
        // A gutter on the right holds the Loss-phase target/error tags.
        let gutter = (w * 0.07).clamp(40.0, 110.0);
        let left = side;
        let right = (w - side - gutter).max(left);

        let n_cols = sizes.len().max(1);
        let n_rows = sizes.iter().copied().max().unwrap_or(1).max(1);
        let mut px = (right - left) / n_cols as f64;
        let content_h = (bottom - top).max(0.0);
        let py = content_h / n_rows as f64;
        let cap = (w.min(h) * 0.05).clamp(8.0, MAX_RADIUS);
        let mut f = fit::fit(px, py, cap, self.min_font);
        // The input names must not be cut at the canvas's left edge: when
        // they would be, the columns start further right (narrower, and
        // the bulbs perhaps smaller, which leaves the names more room).
        let short = self.input_name_need(f.font) - (px * 0.5 - f.radius - NAME_GAP - EDGE);
        let left = if short > 0.0 && left + short < right {
            let left = left + short;
            px = (right - left) / n_cols as f64;
            f = fit::fit(px, py, cap, self.min_font);
            left
        } else {
            left
        };
        self.radius = f.radius;
        self.value_font = f.font;
        self.show_values = f.show_values;
        self.column_pitch = px;
        let longest = if sizes.len() > 2 { 8.0 } else { 6.0 }; // "Hidden 8" / "Output"
        self.short_labels = longest * LABEL_GLYPH * self.label_font + 6.0 > px;

        // Bulbs sit closer than the full row pitch when there is room, so
        // small layers read as a group instead of being spread thin.
        let cell = fit::cell_height(self.radius, self.value_font, self.show_values);
        let pitch = py.min((cell + fit::cell_gap(self.radius)) * 1.8);
        let mid = top + content_h * 0.5;

        self.column_x.clear();
        self.centers.clear();
        for (l, &n) in sizes.iter().enumerate() {
            let x = left + px * (l as f64 + 0.5);
            self.column_x.push(x);
            let first = mid - pitch * n as f64 * 0.5 + (pitch - cell) * 0.5;
            for k in 0..n {
                let y = first + pitch * k as f64 + self.radius;
                self.centers.push(Point::new(x, y));
            }
        }
        let last_x = self.column_x.last().copied().unwrap_or(left);
        self.tag_x = last_x + self.radius.max(self.value_width() * 0.5) + 6.0;
    }

    /// Size of the input names for bulbs with value text of `value_font`
    /// CSS px (see [`Layout::input_font`]).
    fn input_font_for(&self, value_font: f64) -> f64 {
        (value_font * 1.15).min(16.0).max(self.min_font)
    }

    /// Size of the input names, CSS px: a name that does not fit left of
    /// its bulb is shrunk, down to 7 px (projector mode: never).
    pub fn input_font(&self) -> f64 {
        self.input_font_for(self.value_font)
    }

    /// Width the longest input name needs at the least it may be shrunk
    /// to, CSS px.
    fn input_name_need(&self, value_font: f64) -> f64 {
        let font = self.input_font_for(value_font);
        let least = if self.min_font > 0.0 {
            font
        } else {
            font.min(INPUT_NAME_MIN)
        };
        self.input_chars as f64 * fit::GLYPH * least
    }

    /// Room for an input name left of the input bulb at `c`, up to the
    /// canvas's edge, CSS px (at least the radius).
    pub fn input_name_room(&self, c: Point) -> f64 {
        (c.x - self.radius - NAME_GAP - EDGE).max(self.radius)
    }

    /// Where an input name for the bulb at `c` ends (right-aligned), CSS px.
    pub fn input_name_x(&self, c: Point) -> f64 {
        c.x - self.radius - NAME_GAP
    }

    /// Canvas width, CSS px.
    pub fn width(&self) -> f64 {
        self.width
    }

    /// Canvas height, CSS px.
    pub fn height(&self) -> f64 {
        self.height
    }

    /// Device pixel ratio the layout was computed for.
    pub fn dpr(&self) -> f64 {
        self.dpr
    }

    /// Globe radius of every bulb, CSS px.
    pub fn radius(&self) -> f64 {
        self.radius
    }

    /// Font size of the value under each bulb, CSS px.
    pub fn value_font(&self) -> f64 {
        self.value_font
    }

    /// Whether there is room for the value text under the bulbs.
    pub fn show_values(&self) -> bool {
        self.show_values
    }

    /// Font size of the column labels, CSS px.
    pub fn label_font(&self) -> f64 {
        self.label_font
    }

    /// Font size of the legend, CSS px.
    pub fn legend_font(&self) -> f64 {
        self.legend_font
    }

    /// Baseline of the column labels, CSS px.
    pub fn label_y(&self) -> f64 {
        self.label_y
    }

    /// True when columns are too narrow for "Hidden 3" and the renderer
    /// should write "H3".
    pub fn short_labels(&self) -> bool {
        self.short_labels
    }

    /// The band at the bottom reserved for the legend.
    pub fn legend(&self) -> Rect {
        self.legend
    }

    /// Left x of the Loss-phase tags beside the output bulbs.
    pub fn tag_x(&self) -> f64 {
        self.tag_x
    }

    /// Distance between neighbouring columns, CSS px.
    pub fn column_pitch(&self) -> f64 {
        self.column_pitch
    }

    /// Neurons per layer, input first.
    pub fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    /// Number of layers (columns).
    pub fn layer_count(&self) -> usize {
        self.sizes.len()
    }

    /// The x of column `layer`.
    pub fn column_x(&self, layer: usize) -> Option<f64> {
        self.column_x.get(layer).copied()
    }

    /// Centres of the bulbs of `layer`, top to bottom (empty if none).
    pub fn layer(&self, layer: usize) -> &[Point] {
        let start = self.offsets.get(layer).copied().unwrap_or(0);
        let end = self.offsets.get(layer + 1).copied().unwrap_or(start);
        self.centers.get(start..end).unwrap_or(&[])
    }

    /// Globe centre of neuron `index` of `layer`.
    pub fn neuron(&self, layer: usize, index: usize) -> Option<Point> {
        self.layer(layer).get(index).copied()
    }

    /// Width reserved for a value label.
    pub fn value_width(&self) -> f64 {
        fit::value_width(self.value_font)
    }

    /// Baseline (alphabetic) of the value text under a bulb centred at `c`.
    pub fn value_baseline(&self, c: Point) -> f64 {
        c.y + self.radius * BASE_BOTTOM + TEXT_GAP + self.value_font * 0.95
    }

    /// Globe and screw base of the bulb centred at `c`.
    pub fn bulb_rect(&self, c: Point) -> Rect {
        let r = self.radius;
        Rect::new(c.x - r, c.y - r, 2.0 * r, r * (1.0 + BASE_BOTTOM))
    }

    /// The value text box under the bulb centred at `c`, when shown.
    pub fn text_rect(&self, c: Point) -> Option<Rect> {
        if !self.show_values {
            return None;
        }
        let w = self.value_width();
        let y = c.y + self.radius * BASE_BOTTOM + TEXT_GAP;
        Some(Rect::new(c.x - w * 0.5, y, w, self.value_font * LINE))
    }

    /// Everything a bulb occupies: globe, base and text.
    pub fn cell_rect(&self, c: Point) -> Rect {
        let b = self.bulb_rect(c);
        self.text_rect(c).map_or(b, |t| b.union(&t))
    }

    /// The curve of the wire of weight matrix `layer` from neuron `from` of
    /// layer `layer` to neuron `to` of layer `layer + 1`: from the right edge
    /// of one globe to the left edge of the other.
    pub fn wire(&self, layer: usize, from: usize, to: usize) -> Option<Curve> {
        let a = self.neuron(layer, from)?;
        let b = self.neuron(layer + 1, to)?;
        Some(self.wire_between(a, b))
    }

    /// The wire curve between two bulb centres (see [`Layout::wire`]).
    pub fn wire_between(&self, a: Point, b: Point) -> Curve {
        let r = self.radius;
        Curve::s_curve(Point::new(a.x + r, a.y), Point::new(b.x - r, b.y))
    }
}

/// Font size of the legend for a canvas `w` CSS px wide.
pub fn legend_font(w: f64) -> f64 {
    (w / 100.0).clamp(10.0, 12.0)
}

fn finite_pos(v: f64) -> f64 {
    if v.is_finite() && v > 0.0 {
        v
    } else {
        0.0
    }
}
