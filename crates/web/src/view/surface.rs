//! A page canvas the app draws on: the element, its 2D context, and
//! fitting its backing store to its CSS size and the pixel ratio.

use super::DrawError;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// One of the page's canvases and its 2D context.
pub struct Surface {
    /// The element.
    pub canvas: HtmlCanvasElement,
    /// Its 2D context.
    pub ctx: CanvasRenderingContext2d,
}

impl Surface {
    /// Takes a canvas and its 2D context.
    pub fn new(canvas: HtmlCanvasElement) -> Result<Surface, DrawError> {
        let ctx = canvas
            .get_context("2d")
            .map_err(|_| DrawError("getContext(\"2d\") failed"))?
            .ok_or(DrawError("the canvas has no 2d context"))?
            .dyn_into::<CanvasRenderingContext2d>()
            .map_err(|_| DrawError("the 2d context has an unexpected type"))?;
        Ok(Surface { canvas, ctx })
    }

    /// CSS size and device pixel ratio; resizes the backing store to match.
    pub fn fit(&self) -> (f64, f64, f64) {
        let dpr = web_sys::window()
            .map_or(1.0, |w| w.device_pixel_ratio())
            .clamp(1.0, 3.0);
        let w = f64::from(self.canvas.client_width()).max(1.0);
        let h = f64::from(self.canvas.client_height()).max(1.0);
        let (bw, bh) = ((w * dpr).round() as u32, (h * dpr).round() as u32);
        if self.canvas.width() != bw {
            self.canvas.set_width(bw);
        }
        if self.canvas.height() != bh {
            self.canvas.set_height(bh);
        }
        (w, h, dpr)
    }
}
