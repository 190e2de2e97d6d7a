//! Canvas helpers shared by the data plot and the chart: colour and font
//! strings through reused buffers, and circles.

use std::fmt::Write;

use wasm_bindgen::JsValue;
use web_sys::CanvasRenderingContext2d;

use crate::color::{write_css, Rgba};
use crate::legible::legible;

/// Reused strings for colours, fonts and text, so steady-state drawing
/// does not allocate.
#[derive(Debug, Default)]
pub struct Pen {
    css: String,
    font: String,
    font_key: (u32, u16),
    /// The smallest font it sets, CSS px (projector mode; 0: none).
    pub floor: f64,
    /// In projector mode, the background text colours are made legible against.
    pub legible_on: Option<Rgba>,
    /// Text being drawn.
    pub text: String,
}

impl Pen {
    /// Sets the fill colour.
    pub fn fill(&mut self, ctx: &CanvasRenderingContext2d, c: Rgba) {
        write_css(&mut self.css, c);
        ctx.set_fill_style_str(&self.css);
    }

    /// Sets the fill colour of text: `c`, or in projector mode `c` made
    /// legible (at least 7:1) against the background.
    pub fn text_fill(&mut self, ctx: &CanvasRenderingContext2d, c: Rgba) {
        let c = self.legible_on.map_or(c, |bg| legible(c, bg));
        self.fill(ctx, c);
    }

    /// How much larger than drawn at `size` text is (1 without a floor):
    /// margins and offsets that hold text grow by it.
    pub fn grow(&self, size: f64) -> f64 {
        (self.floor / size).max(1.0)
    }

    /// Sets the stroke colour.
    pub fn stroke(&mut self, ctx: &CanvasRenderingContext2d, c: Rgba) {
        write_css(&mut self.css, c);
        ctx.set_stroke_style_str(&self.css);
    }

    /// Sets a UI font of `size` CSS px and `weight`.
    pub fn font(&mut self, ctx: &CanvasRenderingContext2d, size: f64, weight: u16) {
        let size = size.max(self.floor);
        let key = ((size * 10.0).round() as u32, weight);
        if key != self.font_key || self.font.is_empty() {
            self.font_key = key;
            self.font.clear();
            let _ = write!(
                self.font,
                "{weight} {size:.1}px system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif"
            );
        }
        ctx.set_font(&self.font);
    }

    /// Fills `self.text` at (x, y).
    pub fn fill_text(&self, ctx: &CanvasRenderingContext2d, x: f64, y: f64) -> Result<(), JsValue> {
        ctx.fill_text(&self.text, x, y)
    }
}

/// Appends a circle to the current path.
pub fn circle(ctx: &CanvasRenderingContext2d, x: f64, y: f64, r: f64) -> Result<(), JsValue> {
    ctx.move_to(x + r.max(0.0), y);
    ctx.arc(x, y, r.max(0.0), 0.0, std::f64::consts::TAU)
}
