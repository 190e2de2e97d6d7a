//! Each hidden and output bulb carries a picture of its own map: the
//! scene's thumbnail atlas is put into one offscreen canvas per frame and
//! every tile is drawn inside its globe, under the filament and the glass
//! highlight, so the bulb still reads as a lightbulb.

use wasm_bindgen::JsValue;
use web_sys::CanvasRenderingContext2d;

use super::paint::circle;
use crate::plot::canvas::{offscreen, Offscreen};
use crate::scene::Scene;

/// Radius of the picture inside the globe, in bulb radii.
pub const GLOBE_R: f64 = 0.9;

/// Opacity of the picture on an unlit bulb.
pub const ALPHA: f64 = 0.5;

/// How a bulb lit to `lit` (0..=1; NaN → unlit) shows its picture: the
/// opacity of a plain layer (clear on a dark bulb, faint on a lit one so
/// the glow keeps its brightness) and of a "color" layer, which tints a lit
/// bulb with the picture's hues while keeping the glow's luminance.
pub fn thumb_alpha(lit: f64) -> (f64, f64) {
    let lit = if lit.is_nan() {
        0.0
    } else {
        lit.clamp(0.0, 1.0)
    };
    (ALPHA - 0.3 * lit, 0.7 * lit)
}

/// The atlas as an image, refreshed from the scene every frame.
#[derive(Debug, Default)]
pub struct ThumbAtlas {
    image: Option<Offscreen>,
    res: usize,
    ready: bool,
}

impl ThumbAtlas {
    /// Copies the scene's atlas into the image (one `putImageData`). Without
    /// thumbnails, nothing is drawn later.
    pub fn upload(&mut self, scene: &Scene) -> Result<(), JsValue> {
        let (res, tiles) = (scene.thumb_res(), scene.thumb_tiles());
        let bytes = res * res * 4 * tiles;
        self.ready = bytes > 0 && scene.thumbs().len() >= bytes;
        self.res = res;
        if self.ready {
            offscreen(&mut self.image)?.put(scene.thumbs(), res, res * tiles)?;
        }
        Ok(())
    }

    /// Draws tile `tile` into the unit space of a bulb (1 unit = radius)
    /// lit to `lit`, clipped to the globe (see [`thumb_alpha`]).
    pub fn draw(
        &self,
        ctx: &CanvasRenderingContext2d,
        tile: usize,
        lit: f64,
    ) -> Result<(), JsValue> {
        let Some(image) = self.image.as_ref().filter(|_| self.ready) else {
            return Ok(());
        };
        let res = self.res as f64;
        let d = 2.0 * GLOBE_R;
        ctx.save();
        ctx.begin_path();
        circle(ctx, 0.0, 0.0, GLOBE_R)?;
        ctx.clip();
        ctx.set_image_smoothing_enabled(true);
        let (plain, tint) = thumb_alpha(lit);
        for (mode, alpha) in [("source-over", plain), ("color", tint)] {
            if alpha < 0.01 {
                continue;
            }
            ctx.set_global_composite_operation(mode)?;
            ctx.set_global_alpha(alpha);
            ctx.draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
                &image.canvas,
                0.0,
                tile as f64 * res,
                res,
                res,
                -GLOBE_R,
                -GLOBE_R,
                d,
                d,
            )?;
        }
        ctx.restore();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lit_bulb_keeps_its_glow() {
        assert_eq!(thumb_alpha(0.0), (ALPHA, 0.0));
        let (plain, tint) = thumb_alpha(1.0);
        assert!((0.15..ALPHA).contains(&plain));
        assert!(tint > 0.5 && tint < 0.71);
        assert_eq!(thumb_alpha(f64::NAN), thumb_alpha(0.0));
        assert_eq!(thumb_alpha(9.0), thumb_alpha(1.0));
    }
}
