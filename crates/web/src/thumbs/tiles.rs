//! Each hidden and output bulb carries a picture of its own map, inside
//! its globe, under the filament and the glass highlight, so the bulb still
//! reads as a lightbulb.
//!
//! When the scene's atlas changes, its tiles are resampled in Rust to the
//! bulbs' size in device pixels, cut to a disc (in their alpha), and put
//! into one canvas; every frame then copies each tile unscaled and
//! unclipped.

use wasm_bindgen::JsValue;
use web_sys::{CanvasRenderingContext2d, ImageBitmap};

use crate::layout::Rect;
use crate::offscreen::{self, Offscreen, Source};
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

/// Resampling weights along one axis from `src` to `dst` pixels: output
/// pixel `i` is the sum over `taps[start[i]..start[i + 1]]` of
/// `weight × input[index]`. Each output pixel averages the input over its
/// own footprint (a box as wide as one output pixel, at least one input
/// pixel), so shrinking does not alias and growing is linear
/// interpolation. Weights of one output pixel sum to 1.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Taps {
    pub start: Vec<usize>,
    pub taps: Vec<(usize, f32)>,
}

impl Taps {
    /// The taps from `src` to `dst` pixels (empty if either is 0).
    pub fn new(src: usize, dst: usize) -> Taps {
        let mut t = Taps::default();
        if src == 0 || dst == 0 {
            return t;
        }
        let ratio = src as f64 / dst as f64;
        let half = ratio.max(1.0) * 0.5;
        for i in 0..dst {
            t.start.push(t.taps.len());
            let c = (i as f64 + 0.5) * ratio;
            let (lo, hi) = ((c - half).max(0.0), (c + half).min(src as f64));
            let first = t.taps.len();
            let mut sum = 0.0;
            // Whole input pixels overlapping lo..hi (in range by the clamps).
            let (k0, k1) = (lo.floor() as usize, (hi.ceil() as usize).min(src));
            for k in k0..k1 {
                let overlap = (hi.min(k as f64 + 1.0) - lo.max(k as f64)).max(0.0);
                if overlap > 1e-9 {
                    t.taps.push((k, overlap as f32));
                    sum += overlap;
                }
            }
            if let Some(taps) = t.taps.get_mut(first..) {
                for tap in taps {
                    tap.1 = (f64::from(tap.1) / sum) as f32;
                }
            }
        }
        t.start.push(t.taps.len());
        t
    }

    /// The taps of output pixel `i`.
    fn of(&self, i: usize) -> &[(usize, f32)] {
        match (self.start.get(i), self.start.get(i + 1)) {
            (Some(&a), Some(&b)) => self.taps.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// Coverage (0..=255) of the picture's disc for pixel (`x`, `y`) of a tile
/// `side` pixels wide: opaque inside a circle touching the tile's edges,
/// with a one-pixel soft edge.
pub fn disc_alpha(x: usize, y: usize, side: usize) -> u8 {
    let half = side as f64 * 0.5;
    let d = (x as f64 + 0.5 - half).hypot(y as f64 + 0.5 - half);
    // In 0..=255 after the clamp, so the cast is exact.
    ((half - d).clamp(0.0, 1.0) * 255.0).round() as u8
}

/// Resamples one `res`² RGBA tile (`src`) to `side`² (`dst`, RGBA, not
/// premultiplied) with `taps` (from `res` to `side`), cut to its disc
/// (`mask`, one alpha per output pixel). `tmp` is scratch space.
pub fn resample_tile(
    src: &[u8],
    res: usize,
    taps: &Taps,
    mask: &[u8],
    tmp: &mut Vec<[f32; 4]>,
    dst: &mut [u8],
) {
    let side = taps.start.len().saturating_sub(1);
    tmp.clear();
    tmp.resize(res * side, [0.0; 4]);
    let px = |p: Option<&[u8]>| -> [f32; 4] {
        match p {
            Some(&[r, g, b, a]) => [f32::from(r), f32::from(g), f32::from(b), f32::from(a)],
            _ => [0.0; 4],
        }
    };
    // Rows first: res rows of side pixels.
    for (row, out) in src
        .chunks_exact(res * 4)
        .zip(tmp.chunks_exact_mut(side.max(1)))
    {
        for (i, o) in out.iter_mut().enumerate() {
            *o = weigh(taps.of(i), |k| px(row.get(k * 4..k * 4 + 4)));
        }
    }
    // Then columns, into bytes, with the disc's alpha.
    let rows = &*tmp;
    for (j, (out_row, mask_row)) in dst
        .chunks_exact_mut(side * 4)
        .zip(mask.chunks_exact(side.max(1)))
        .enumerate()
        .take(side)
    {
        let col_taps = taps.of(j);
        for (i, (o, &m)) in out_row.chunks_exact_mut(4).zip(mask_row).enumerate() {
            let [r, g, b, a] = weigh(col_taps, |k| {
                rows.get(k * side + i).copied().unwrap_or([0.0; 4])
            });
            let cover = f32::from(m) * (1.0 / 255.0);
            // Rounded into 0..=255 by the clamps, so the casts are exact.
            let byte = |v: f32| (v.clamp(0.0, 255.0) + 0.5) as u8;
            o.copy_from_slice(&[byte(r), byte(g), byte(b), byte(a * cover)]);
        }
    }
}

/// Σ weight × pixel over `taps`, pixels read with `at`.
#[inline(always)]
fn weigh(taps: &[(usize, f32)], at: impl Fn(usize) -> [f32; 4]) -> [f32; 4] {
    let mut acc = [0.0f32; 4];
    for &(k, w) in taps {
        let p = at(k);
        for (a, v) in acc.iter_mut().zip(p) {
            *a += w * v;
        }
    }
    acc
}

/// Where one bulb's picture goes this frame.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Placed {
    /// The bulb's centre, device pixels.
    pub x: f64,
    /// The bulb's centre, device pixels.
    pub y: f64,
    /// How lit the bulb is (0..=1), see [`thumb_alpha`].
    pub lit: f64,
    /// Its tile in the atlas.
    pub tile: usize,
}

/// Copies tile `tile` (`s` device pixels square) unscaled so that its top-left
/// corner lands at (`x`, `y`).
fn blit(
    ctx: &CanvasRenderingContext2d,
    tiles: Source,
    tile: usize,
    s: f64,
    x: f64,
    y: f64,
) -> Result<(), JsValue> {
    tiles.draw_square(ctx, (0.0, tile as f64 * s), s, (x, y))
}

/// What the device-size tiles were last made from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Made {
    revision: u64,
    res: usize,
    tiles: usize,
    side: usize,
}

/// The atlas at the bulbs' size in device pixels, cut to discs, in one
/// canvas (tiles stacked vertically).
#[derive(Debug, Default)]
pub struct ThumbAtlas {
    tiles: Option<Offscreen>,
    /// A still copy of `tiles`, made on the second frame an upload is
    /// drawn (not every frame when the tiles change every frame, as on a
    /// small network): `drawImage` from a canvas takes a snapshot of it on
    /// every call, and the tiles are copied twice per bulb every frame.
    still: Option<ImageBitmap>,
    /// The still of the current upload was tried.
    still_tried: bool,
    made: Option<Made>,
    taps: Taps,
    mask: Vec<u8>,
    tmp: Vec<[f32; 4]>,
    pixels: Vec<u8>,
    side: f64,
    ready: bool,
    /// Counts the uploads (see [`ThumbAtlas::generation`]).
    uploads: u64,
}

impl ThumbAtlas {
    /// Brings the tiles up to date with the scene's atlas for bulbs of
    /// `radius` device pixels: resampled in Rust and put into the canvas
    /// with one `putImageData`, only when the atlas or the size changed.
    /// Without thumbnails, nothing is drawn later.
    pub fn upload(&mut self, scene: &Scene, radius: f64) -> Result<(), JsValue> {
        let (res, tiles) = (scene.thumb_res(), scene.thumb_tiles());
        let bytes = res * res * 4;
        self.ready = bytes > 0 && tiles > 0 && scene.thumbs().len() >= bytes * tiles;
        if !self.ready {
            return Ok(());
        }
        // tile_px is at most 1025.
        let side = tile_px(radius) as usize;
        let made = Made {
            revision: scene.thumbs_revision(),
            res,
            tiles,
            side,
        };
        if self.made == Some(made) {
            if !self.still_tried {
                self.still_tried = true;
                self.still = self
                    .tiles
                    .as_ref()
                    .and_then(|t| offscreen::still(&t.canvas).ok());
            }
            return Ok(());
        }
        if self.made.is_none_or(|m| m.side != side || m.res != res) {
            self.taps = Taps::new(res, side);
            self.mask.clear();
            self.mask
                .extend((0..side * side).map(|p| disc_alpha(p % side, p / side, side)));
        }
        let out = side * side * 4;
        self.pixels.resize(out * tiles, 0);
        for (src, dst) in scene
            .thumbs()
            .chunks_exact(bytes)
            .zip(self.pixels.chunks_exact_mut(out))
        {
            resample_tile(src, res, &self.taps, &self.mask, &mut self.tmp, dst);
        }
        let canvas = offscreen::lazy(&mut self.tiles)?;
        canvas.put(&self.pixels, side, side * tiles)?;
        // Its pixels now, not at the next collection (each is a copy of the
        // whole atlas).
        if let Some(old) = self.still.take() {
            old.close();
        }
        self.still_tried = false;
        self.uploads = self.uploads.wrapping_add(1);
        self.side = side as f64;
        self.made = Some(made);
        Ok(())
    }

    /// Which upload the tiles hold: it changes whenever their pixels do
    /// (0: nothing to draw).
    pub fn generation(&self) -> u64 {
        if self.ready {
            self.uploads
        } else {
            0
        }
    }

    /// The tiles to copy from, once there are any.
    fn source(&self) -> Option<Source<'_>> {
        let canvas = self.tiles.as_ref().filter(|_| self.ready)?;
        Some(Source {
            canvas: &canvas.canvas,
            still: self.still.as_ref(),
        })
    }

    /// Where the map of a bulb centred at device pixel (`x`, `y`) goes:
    /// the tile's centre pixel on the bulb's centre pixel.
    pub fn square(&self, x: f64, y: f64) -> Rect {
        let (s, half) = (self.side, (self.side - 1.0) * 0.5);
        Rect::new(x.floor() - half, y.floor() - half, s, s)
    }

    /// Copies `b`'s tile at `alpha` (nothing under 0.01).
    fn copy(
        &self,
        ctx: &CanvasRenderingContext2d,
        tiles: Source,
        b: Placed,
        alpha: f64,
    ) -> Result<(), JsValue> {
        if alpha < 0.01 {
            return Ok(());
        }
        ctx.set_global_alpha(alpha);
        let r = self.square(b.x, b.y);
        blit(ctx, tiles, b.tile, r.w, r.x, r.y)
    }

    /// Draws one bulb's map inside its globe (the transform may move by
    /// whole pixels): the plain layer, then the "color" tint, each at its
    /// [`thumb_alpha`]. The alpha and composite are left as
    /// [`ThumbAtlas::draw_all`] leaves them.
    pub fn draw_one(&self, ctx: &CanvasRenderingContext2d, b: Placed) -> Result<(), JsValue> {
        let Some(tiles) = self.source() else {
            return Ok(());
        };
        let (plain, tint) = thumb_alpha(b.lit);
        self.copy(ctx, tiles, b, plain)?;
        if tint >= 0.01 {
            ctx.set_global_composite_operation("color")?;
            self.copy(ctx, tiles, b, tint)?;
            ctx.set_global_composite_operation("source-over")?;
        }
        ctx.set_global_alpha(1.0);
        Ok(())
    }

    /// Draws every bulb's map inside its globe (identity transform
    /// expected): a plain layer, then a "color" tint on lit bulbs (see
    /// [`thumb_alpha`]); the composite changes twice, not per bulb.
    pub fn draw_all(
        &self,
        ctx: &CanvasRenderingContext2d,
        bulbs: impl Iterator<Item = Placed> + Clone,
    ) -> Result<(), JsValue> {
        let Some(tiles) = self.source() else {
            return Ok(());
        };
        let mut tinted = false;
        for b in bulbs.clone() {
            let (plain, tint) = thumb_alpha(b.lit);
            tinted |= tint >= 0.01;
            self.copy(ctx, tiles, b, plain)?;
        }
        if tinted {
            ctx.set_global_composite_operation("color")?;
            for b in bulbs {
                self.copy(ctx, tiles, b, thumb_alpha(b.lit).1)?;
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
    fn taps_average_when_shrinking_and_interpolate_when_growing() {
        for (src, dst) in [(32, 15), (32, 32), (32, 61), (5, 2), (1, 7), (7, 1)] {
            let t = Taps::new(src, dst);
            assert_eq!(t.start.len(), dst + 1);
            for i in 0..dst {
                let taps = t.of(i);
                assert!(!taps.is_empty());
                let sum: f32 = taps.iter().map(|&(_, w)| w).sum();
                assert!((sum - 1.0).abs() < 1e-5, "{src}->{dst} pixel {i}: {sum}");
                assert!(taps.iter().all(|&(k, w)| k < src && w > 0.0));
            }
        }
        // The same size copies; halving averages pairs.
        let same = Taps::new(4, 4);
        for i in 0..4 {
            assert_eq!(same.of(i), &[(i, 1.0)]);
        }
        assert_eq!(Taps::new(4, 2).of(1), &[(2, 0.5), (3, 0.5)]);
        // Doubling interpolates between neighbours.
        let up = Taps::new(2, 4);
        assert_eq!(up.of(1), &[(0, 0.75), (1, 0.25)]);
        assert_eq!(up.of(0), &[(0, 1.0)]);
        assert!(Taps::new(0, 3).start.is_empty() && Taps::new(3, 0).start.is_empty());
    }

    #[test]
    fn discs_are_opaque_inside_and_clear_outside() {
        let side = 15;
        assert_eq!(disc_alpha(7, 7, side), 255);
        assert_eq!(disc_alpha(0, 0, side), 0);
        assert_eq!(disc_alpha(14, 14, side), 0);
        // Symmetric, and a soft edge.
        for y in 0..side {
            for x in 0..side {
                assert_eq!(disc_alpha(x, y, side), disc_alpha(side - 1 - x, y, side));
                assert_eq!(disc_alpha(x, y, side), disc_alpha(y, x, side));
            }
        }
        assert!((1..255).contains(&disc_alpha(0, 7, side)));
    }

    #[test]
    fn a_resampled_tile_keeps_flat_colour_and_gets_a_disc() {
        let res = 8;
        let src: Vec<u8> = (0..res * res).flat_map(|_| [200, 100, 50, 255]).collect();
        for side in [3, 7, 15, 17] {
            let taps = Taps::new(res, side);
            let mask: Vec<u8> = (0..side * side)
                .map(|p| disc_alpha(p % side, p / side, side))
                .collect();
            let mut dst = vec![0u8; side * side * 4];
            let mut tmp = Vec::new();
            resample_tile(&src, res, &taps, &mask, &mut tmp, &mut dst);
            for (p, px) in dst.chunks_exact(4).enumerate() {
                assert_eq!(&px[..3], &[200, 100, 50]);
                assert_eq!(px[3], mask[p]);
            }
        }
        // A left/right split stays split when shrunk by half.
        let src: Vec<u8> = (0..4 * 4)
            .flat_map(|p| {
                if p % 4 < 2 {
                    [255, 0, 0, 255]
                } else {
                    [0, 0, 255, 255]
                }
            })
            .collect();
        let taps = Taps::new(4, 2);
        let mut dst = vec![0u8; 2 * 2 * 4];
        resample_tile(&src, 4, &taps, &[255; 4], &mut Vec::new(), &mut dst);
        assert_eq!(
            dst,
            [255, 0, 0, 255, 0, 0, 255, 255, 255, 0, 0, 255, 0, 0, 255, 255]
        );
    }

    #[test]
    fn tiles_are_odd_and_hold_the_picture() {
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
