//! Small canvas helpers shared by the drawing modules: colour strings
//! through a reusable buffer, coordinate spaces, font strings, and
//! detached canvases for pre-rendered images.

use std::fmt::Write;

use wasm_bindgen::JsValue;
use web_sys::CanvasRenderingContext2d;

use crate::color::{write_css, Rgba};
use crate::layout::Point;
use crate::legible::legible;

/// Scratch buffers reused every frame so drawing does not allocate.
#[derive(Debug, Default)]
pub struct Scratch {
    /// CSS colour strings.
    pub css: String,
    /// Text labels.
    pub text: String,
    /// In projector mode, the background text colours are made legible
    /// against (see [`Scratch::text_fill`]).
    pub legible_on: Option<Rgba>,
}

impl Scratch {
    pub fn new() -> Self {
        Scratch {
            css: String::with_capacity(32),
            text: String::with_capacity(64),
            legible_on: None,
        }
    }

    /// Sets the fill colour of text: `c` itself, or in projector mode `c`
    /// made legible (at least 7:1) against the stage.
    pub fn text_fill(&mut self, ctx: &CanvasRenderingContext2d, c: Rgba) {
        let c = self.legible_on.map_or(c, |bg| legible(c, bg));
        self.fill(ctx, c);
    }

    /// Sets the fill colour.
    pub fn fill(&mut self, ctx: &CanvasRenderingContext2d, c: Rgba) {
        write_css(&mut self.css, c);
        ctx.set_fill_style_str(&self.css);
    }

    /// Sets the stroke colour.
    pub fn stroke(&mut self, ctx: &CanvasRenderingContext2d, c: Rgba) {
        write_css(&mut self.css, c);
        ctx.set_stroke_style_str(&self.css);
    }
}

/// Draws in CSS pixels.
pub fn css_space(ctx: &CanvasRenderingContext2d, dpr: f64) -> Result<(), JsValue> {
    ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)
}

/// Draws in a unit space centred on `c` where 1 unit = `scale` CSS px.
pub fn unit_space(
    ctx: &CanvasRenderingContext2d,
    dpr: f64,
    c: Point,
    scale: f64,
) -> Result<(), JsValue> {
    let s = dpr * scale;
    ctx.set_transform(s, 0.0, 0.0, s, dpr * c.x, dpr * c.y)
}

/// A font string rebuilt only when its size or weight changes.
#[derive(Debug, Default)]
pub struct Font {
    /// The smallest size it sets (projector mode), CSS px.
    floor: f64,
    size: f64,
    weight: u16,
    italic: bool,
    css: String,
}

impl Font {
    /// No text smaller than `px` CSS px from now on (0: no floor).
    pub fn set_floor(&mut self, px: f64) {
        self.floor = if px.is_finite() { px.max(0.0) } else { 0.0 };
    }
    /// Sets `ctx`'s font to `weight` `size`px of the UI font stack.
    pub fn apply(&mut self, ctx: &CanvasRenderingContext2d, size: f64, weight: u16) {
        self.apply_styled(ctx, size, weight, false);
    }

    /// Like [`Font::apply`], optionally italic (for maths symbols).
    pub fn apply_styled(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        size: f64,
        weight: u16,
        italic: bool,
    ) {
        let size = size.max(self.floor);
        if self.size != size
            || self.weight != weight
            || self.italic != italic
            || self.css.is_empty()
        {
            self.size = size;
            self.weight = weight;
            self.italic = italic;
            self.css.clear();
            let style = if italic { "italic " } else { "" };
            let _ = write!(
                self.css,
                "{style}{weight} {size:.1}px system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", sans-serif"
            );
        }
        ctx.set_font(&self.css);
    }
}

/// Estimated width of `text` at font size `size` (≈0.6 em per glyph).
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * 0.6 * size
}

/// Appends a circle to the current path.
pub fn circle(ctx: &CanvasRenderingContext2d, x: f64, y: f64, r: f64) -> Result<(), JsValue> {
    ctx.move_to(x + r, y);
    ctx.arc(x, y, r.max(0.0), 0.0, std::f64::consts::TAU)
}

/// Draws in device pixels (identity transform).
pub fn device_space(ctx: &CanvasRenderingContext2d) -> Result<(), JsValue> {
    ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
}
