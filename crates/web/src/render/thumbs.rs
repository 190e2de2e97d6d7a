//! Each hidden and output bulb carries a picture of its own map, inside
//! its globe, under the filament and the glass highlight, so the bulb still
//! reads as a lightbulb.
//!
//! When the scene's atlas changes, it is put into one small canvas, scaled
//! once to the bulbs' size in device pixels and cut to a disc there (one
//! "destination-in" fill); every frame then copies each tile unscaled and
//! unclipped.

use wasm_bindgen::JsValue;
use web_sys::{CanvasPattern, CanvasRenderingContext2d};

use super::bulb::Shown;
use super::paint::{blit, canvas2d, circle, device_space, Canvas2d};
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

/// Side in device pixels of a tile for bulbs of `radius` device pixels:
/// odd, so the disc's centre falls on a pixel centre like the bulbs'
/// sprites (NaN or tiny → 3, capped at 1025).
pub fn tile_px(radius: f64) -> u32 {
    let r = if radius.is_nan() { 0.0 } else { radius };
    let half = (r * GLOBE_R).ceil().clamp(1.0, 512.0);
    // Whole and in 1..=512, so the cast is exact.
    2 * half as u32 + 1
}

/// What the device-size tiles were last made from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Made {
    revision: u64,
    res: usize,
    tiles: usize,
    side: u32,
}

/// The atlas as images: the scene's pixels, and the tiles at device size.
#[derive(Debug, Default)]
pub struct ThumbAtlas {
    pixels: Option<Offscreen>,
    tiles: Option<Canvas2d>,
    mask: Option<Canvas2d>,
    pattern: Option<CanvasPattern>,
    made: Option<Made>,
    side: f64,
    ready: bool,
}

impl ThumbAtlas {
    /// Brings the tiles up to date with the scene's atlas for bulbs of
    /// `radius` device pixels: only when the atlas or the size changed.
    /// Without thumbnails, nothing is drawn later.
    pub fn upload(&mut self, scene: &Scene, radius: f64) -> Result<(), JsValue> {
        let (res, tiles) = (scene.thumb_res(), scene.thumb_tiles());
        let bytes = res * res * 4 * tiles;
        self.ready = bytes > 0 && scene.thumbs().len() >= bytes;
        if !self.ready {
            return Ok(());
        }
        let side = tile_px(radius);
        let made = Made {
            revision: scene.thumbs_revision(),
            res,
            tiles,
            side,
        };
        if self.made == Some(made) {
            return Ok(());
        }
        let pixels_changed = self
            .made
            .is_none_or(|m| m.revision != made.revision || m.res != res || m.tiles != tiles);
        if pixels_changed {
            offscreen(&mut self.pixels)?.put(scene.thumbs(), res, res * tiles)?;
        }
        if self.made.is_none_or(|m| m.side != side) {
            self.make_mask(side)?;
        }
        let Some(pixels) = &self.pixels else {
            return Ok(());
        };
        let s = f64::from(side);
        let height = side.saturating_mul(u32::try_from(tiles).unwrap_or(u32::MAX));
        let layer = canvas2d(&mut self.tiles)?;
        let ctx = &layer.ctx;
        if !layer.resize(side, height) {
            device_space(ctx)?;
            ctx.clear_rect(0.0, 0.0, s, f64::from(height));
        }
        if self.made.is_none_or(|m| m.side != side) || self.pattern.is_none() {
            self.pattern = match &self.mask {
                Some(mask) => {
                    ctx.create_pattern_with_html_canvas_element(&mask.canvas, "repeat")?
                }
                None => None,
            };
        }
        ctx.set_image_smoothing_enabled(true);
        ctx.set_global_composite_operation("source-over")?;
        ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
            &pixels.canvas,
            0.0,
            0.0,
            s,
            f64::from(height),
        )?;
        if let Some(pattern) = &self.pattern {
            ctx.set_global_composite_operation("destination-in")?;
            ctx.set_fill_style_canvas_pattern(pattern);
            ctx.fill_rect(0.0, 0.0, s, f64::from(height));
            ctx.set_global_composite_operation("source-over")?;
        }
        self.side = s;
        self.made = Some(made);
        Ok(())
    }

    /// The disc that cuts one tile: opaque inside the picture's circle.
    fn make_mask(&mut self, side: u32) -> Result<(), JsValue> {
        let mask = canvas2d(&mut self.mask)?;
        let ctx = &mask.ctx;
        if !mask.resize(side, side) {
            device_space(ctx)?;
            ctx.clear_rect(0.0, 0.0, f64::from(side), f64::from(side));
        }
        let half = f64::from(side) * 0.5;
        ctx.set_fill_style_str("#fff");
        ctx.begin_path();
        circle(ctx, half, half, half - 0.5)?;
        ctx.fill();
        Ok(())
    }

    /// Draws every bulb's map inside its globe (identity transform
    /// expected): a plain layer, then a "color" tint on lit bulbs (see
    /// [`thumb_alpha`]).
    pub fn draw_all(&self, ctx: &CanvasRenderingContext2d, bulbs: &[Shown]) -> Result<(), JsValue> {
        let Some(tiles) = self.tiles.as_ref().filter(|_| self.ready) else {
            return Ok(());
        };
        let s = self.side;
        // The tile's centre pixel goes on the bulb's centre pixel.
        let half = (s - 1.0) * 0.5;
        let mut tinted = false;
        for (b, tile) in bulbs.iter().filter_map(|b| b.tile.map(|t| (b, t))) {
            let (plain, tint) = thumb_alpha(b.lit);
            tinted |= tint >= 0.01;
            if plain >= 0.01 {
                ctx.set_global_alpha(plain);
                let (x, y) = (b.x.floor() - half, b.y.floor() - half);
                blit(ctx, &tiles.canvas, 0.0, tile as f64 * s, s, s, x, y)?;
            }
        }
        if tinted {
            ctx.set_global_composite_operation("color")?;
            for (b, tile) in bulbs.iter().filter_map(|b| b.tile.map(|t| (b, t))) {
                let (_, tint) = thumb_alpha(b.lit);
                if tint >= 0.01 {
                    ctx.set_global_alpha(tint);
                    let (x, y) = (b.x.floor() - half, b.y.floor() - half);
                    blit(ctx, &tiles.canvas, 0.0, tile as f64 * s, s, s, x, y)?;
                }
            }
            ctx.set_global_composite_operation("source-over")?;
        }
        ctx.set_global_alpha(1.0);
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

    #[test]
    fn tiles_are_even_and_hold_the_picture() {
        for r in [1.0, 7.5, 14.0, 33.3, 100.0] {
            let t = tile_px(r);
            assert_eq!(t % 2, 1);
            assert!(f64::from(t) >= 2.0 * GLOBE_R * r);
            assert!(f64::from(t) < 2.0 * GLOBE_R * r + 3.0);
        }
        assert_eq!(tile_px(f64::NAN), 3);
        assert_eq!(tile_px(0.0), 3);
        assert_eq!(tile_px(1e9), 1025);
    }
}
