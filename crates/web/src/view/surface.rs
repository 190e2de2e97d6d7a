//! A page canvas the app draws on: the element, its 2D context, and
//! fitting its backing store to its CSS size and the pixel ratio.

use super::DrawError;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The largest backing-store pixels per CSS pixel. A phone at device pixel
/// ratio 3 gets 2: its canvases are drawn at 2 × and the browser scales them
/// up, which still looks sharp (compare `tests/artifacts/dpr3-before.png` and
/// `dpr3-after.png` from `tests/bench/profile/shot.mjs`), while the browser
/// rasters and composites 2.25 times fewer canvas pixels every frame (the
/// larger part of a Play frame's time on the phone proxy; BENCHMARKS.md).
pub const MAX_RATIO: f64 = 2.0;

/// The pixel ratio a canvas is drawn at, for a device pixel ratio: between
/// 1 and [`MAX_RATIO`] (1 for anything not finite).
pub fn backing_ratio(device: f64) -> f64 {
    if device.is_finite() {
        device.clamp(1.0, MAX_RATIO)
    } else {
        1.0
    }
}

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

    /// CSS size and the pixel ratio drawn at (the device's, at most
    /// [`MAX_RATIO`]); resizes the backing store to match.
    pub fn fit(&self) -> (f64, f64, f64) {
        let dpr = backing_ratio(web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ratio_is_the_devices_up_to_two() {
        assert_eq!(backing_ratio(1.0), 1.0);
        assert_eq!(backing_ratio(1.5), 1.5);
        assert_eq!(backing_ratio(2.0), 2.0);
        assert_eq!(backing_ratio(3.0), 2.0);
        assert_eq!(backing_ratio(0.5), 1.0);
        assert_eq!(backing_ratio(f64::NAN), 1.0);
        assert_eq!(backing_ratio(f64::INFINITY), 1.0);
    }
}
