//! A detached canvas with its 2D context: images drawn or put once and then
//! copied with `drawImage` (sprites, wire bands, the thumbnails, the
//! heatmap, the data plot's cached layer).

use wasm_bindgen::{Clamped, JsCast, JsValue};
use web_sys::{
    CanvasRenderingContext2d, HtmlCanvasElement, ImageBitmap, ImageData, OffscreenCanvas,
    OffscreenCanvasRenderingContext2d,
};

/// A canvas not in the document, and its 2D context.
#[derive(Debug)]
pub struct Offscreen {
    /// The canvas.
    pub canvas: HtmlCanvasElement,
    /// Its 2D context.
    pub ctx: CanvasRenderingContext2d,
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

    /// Resizes the backing store to `w` × `h` pixels when it differs
    /// (which clears it); returns whether it did.
    pub fn resize(&self, w: u32, h: u32) -> bool {
        let changed = self.canvas.width() != w || self.canvas.height() != h;
        if changed {
            self.canvas.set_width(w);
            self.canvas.set_height(h);
        }
        changed
    }

    /// Puts `w` × `h` RGBA pixels (not premultiplied) at the top left,
    /// resizing the canvas to fit them. Fails when `pixels` is shorter than
    /// `w·h·4` or empty.
    pub fn put(&self, pixels: &[u8], w: usize, h: usize) -> Result<(), JsValue> {
        let len = w * h * 4;
        let data = pixels
            .get(..len)
            .filter(|_| len > 0)
            .ok_or_else(|| JsValue::from_str("pixel buffer too short"))?;
        let too_large = |_| JsValue::from_str("image too large");
        let (w, h) = (
            u32::try_from(w).map_err(too_large)?,
            u32::try_from(h).map_err(too_large)?,
        );
        self.resize(w, h);
        let image = ImageData::new_with_u8_clamped_array_and_sh(Clamped(data), w, h)?;
        self.ctx.put_image_data(&image, 0.0, 0.0)
    }
}

/// The canvas in `slot`, created on first use.
pub fn lazy(slot: &mut Option<Offscreen>) -> Result<&mut Offscreen, JsValue> {
    if slot.is_none() {
        *slot = Some(Offscreen::new()?);
    }
    slot.as_mut()
        .ok_or_else(|| JsValue::from_str("no offscreen canvas"))
}

/// A still copy of `canvas`'s pixels as an image bitmap, for an image drawn
/// once and copied many times a frame (the bulb sprites): `drawImage` from a
/// canvas takes a snapshot of it on every call, from a bitmap it does not.
/// Fails where `OffscreenCanvas` is missing; callers then copy the canvas.
pub fn still(canvas: &HtmlCanvasElement) -> Result<ImageBitmap, JsValue> {
    let copy = OffscreenCanvas::new(canvas.width(), canvas.height())?;
    let ctx: OffscreenCanvasRenderingContext2d = copy
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2d context"))?
        .dyn_into()?;
    ctx.draw_image_with_html_canvas_element(canvas, 0.0, 0.0)?;
    copy.transfer_to_image_bitmap()
}

/// A canvas to copy from, through its [`still`] copy where there is one.
#[derive(Clone, Copy)]
pub struct Source<'a> {
    /// The canvas.
    pub canvas: &'a HtmlCanvasElement,
    /// Its still copy, if made.
    pub still: Option<&'a ImageBitmap>,
}

impl Source<'_> {
    /// Copies it whole, unscaled, with its top-left corner at (`x`, `y`).
    pub fn draw_at(self, ctx: &CanvasRenderingContext2d, x: f64, y: f64) -> Result<(), JsValue> {
        match self.still {
            Some(bitmap) => ctx.draw_image_with_image_bitmap(bitmap, x, y),
            None => ctx.draw_image_with_html_canvas_element(self.canvas, x, y),
        }
    }

    /// Copies its `s`-pixel square at (`sx`, `sy`) unscaled, with its
    /// top-left corner at (`x`, `y`).
    pub fn draw_square(
        self,
        ctx: &CanvasRenderingContext2d,
        (sx, sy): (f64, f64),
        s: f64,
        (x, y): (f64, f64),
    ) -> Result<(), JsValue> {
        match self.still {
            Some(bitmap) => ctx
                .draw_image_with_image_bitmap_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
                    bitmap, sx, sy, s, s, x, y, s, s,
                ),
            None => ctx
                .draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
                    self.canvas,
                    sx,
                    sy,
                    s,
                    s,
                    x,
                    y,
                    s,
                    s,
                ),
        }
    }
}
