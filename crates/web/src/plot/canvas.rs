//! Canvas helpers shared by the data plot and the chart: colour and font
//! strings through reused buffers, and an offscreen canvas for pixels.

use std::fmt::Write;

use wasm_bindgen::{Clamped, JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

use crate::color::{write_css, Rgba};

/// Reused strings for colours, fonts and text, so steady-state drawing
/// does not allocate.
#[derive(Debug, Default)]
pub struct Pen {
    css: String,
    font: String,
    font_key: (u32, u16),
    /// Text being drawn.
    pub text: String,
}

impl Pen {
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

    /// Sets a UI font of `size` CSS px and `weight`.
    pub fn font(&mut self, ctx: &CanvasRenderingContext2d, size: f64, weight: u16) {
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

/// A detached canvas that RGBA pixels are put into, to be drawn scaled.
#[derive(Debug)]
pub struct Offscreen {
    /// The canvas.
    pub canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
}

impl Offscreen {
    /// A new detached canvas.
    pub fn new() -> Result<Offscreen, JsValue> {
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or_else(|| JsValue::from_str("no document"))?;
        let canvas: HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
        let ctx: CanvasRenderingContext2d = canvas
            .get_context("2d")?
            .ok_or_else(|| JsValue::from_str("no 2d context"))?
            .dyn_into()?;
        Ok(Offscreen { canvas, ctx })
    }

    /// The canvas's 2D context, to draw into it.
    pub fn context(&self) -> &CanvasRenderingContext2d {
        &self.ctx
    }

    /// Sets the backing store to `w` × `h` pixels (a no-op when it is).
    pub fn resize(&mut self, w: u32, h: u32) {
        if self.canvas.width() != w {
            self.canvas.set_width(w);
        }
        if self.canvas.height() != h {
            self.canvas.set_height(h);
        }
    }

    /// Puts `w` × `h` RGBA pixels at the top left, resizing the canvas to
    /// fit them. Fails when `pixels` is shorter than `w·h·4`.
    pub fn put(&mut self, pixels: &[u8], w: usize, h: usize) -> Result<(), JsValue> {
        let len = w * h * 4;
        let data = pixels
            .get(..len)
            .filter(|_| len > 0)
            .ok_or_else(|| JsValue::from_str("pixel buffer too short"))?;
        let (w, h) = (to_u32(w)?, to_u32(h)?);
        if self.canvas.width() != w {
            self.canvas.set_width(w);
        }
        if self.canvas.height() != h {
            self.canvas.set_height(h);
        }
        let image = ImageData::new_with_u8_clamped_array_and_sh(Clamped(data), w, h)?;
        self.ctx.put_image_data(&image, 0.0, 0.0)
    }
}

/// Lazily creates the offscreen canvas in `slot` and returns it.
pub fn offscreen(slot: &mut Option<Offscreen>) -> Result<&mut Offscreen, JsValue> {
    if slot.is_none() {
        *slot = Some(Offscreen::new()?);
    }
    slot.as_mut()
        .ok_or_else(|| JsValue::from_str("no offscreen canvas"))
}

fn to_u32(v: usize) -> Result<u32, JsValue> {
    u32::try_from(v).map_err(|_| JsValue::from_str("image too large"))
}

/// Appends a circle to the current path.
pub fn circle(ctx: &CanvasRenderingContext2d, x: f64, y: f64, r: f64) -> Result<(), JsValue> {
    ctx.move_to(x + r.max(0.0), y);
    ctx.arc(x, y, r.max(0.0), 0.0, std::f64::consts::TAU)
}
