//! Pre-rendered bulbs. Every part of a bulb that looks the same on many
//! bulbs is drawn once into a sprite (a detached canvas) at the bulb's
//! size in device pixels, then copied with `drawImage`: a bulb costs a few
//! copies instead of dozens of paths, gradients and colour strings.
//!
//! A bulb is drawn in layers, each a sprite chosen by the bulb's sign and
//! its brightness quantised to one of [`LEVELS`] levels:
//!
//! - the halo (one per sign, scaled and faded per bulb, added with
//!   "lighter");
//! - [`Part::Under`]: screw base, glass and hot core;
//! - the bulb's map (see [`crate::thumbs`]);
//! - [`Part::FilamentGlow`] (one per sign, faded per bulb, "lighter");
//! - [`Part::Over`]: filament, glass shading, rim and glint.
//!
//! Sprites are redrawn only when the bulb size changes (a resize or a new
//! architecture), each the first time it is used.

use wasm_bindgen::JsValue;
use web_sys::{CanvasRenderingContext2d, ImageBitmap};

use super::bulb_shape;
use super::gradients::{Grad, Gradients};
use super::paint::{circle, device_space, Scratch};
use crate::glow::{glow_normalized, Glow, HALO_MAX_SCALE};
use crate::layout::BASE_BOTTOM;
use crate::offscreen::{self, Offscreen};

/// Brightness levels of a sprite per sign (level 0 is an unlit bulb).
pub const LEVELS: usize = 20;

/// Sprites of one bulb size: [`Part`] × sign × level, then the two
/// filament glows (at most 128: one bit each in a `u128`).
const CELLS: usize = 4 * LEVELS + 2;
const _: () = assert!(CELLS <= 128);

/// Largest halo sprite radius in pixels; larger halos are scaled up.
const HALO_MAX_PX: f64 = 160.0;

/// Largest bulb radius drawn from sprites, device pixels (34 CSS px at a
/// pixel ratio of 3 is 102); larger bulbs are drawn at this size.
const MAX_RADIUS: f64 = 160.0;

/// Free pixels around each sprite, so neighbours never bleed in.
const PAD: f64 = 2.0;

/// A sprite layer of a bulb.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Screw base, glass body and hot core: under the map.
    Under,
    /// Filament, glass shading, rim and glint: over the map.
    Over,
    /// The soft glow around a lit filament (one per sign, faded per bulb).
    FilamentGlow,
}

/// The brightness level (0..[`LEVELS`]) of a bulb lit to `lit` (0..=1;
/// NaN and negatives are unlit, more than 1 is full).
pub fn level(lit: f64) -> usize {
    if lit.is_nan() || lit <= 0.0 {
        return 0;
    }
    // In 0..=LEVELS-1 after the clamp, so the cast is exact.
    (lit.min(1.0) * (LEVELS - 1) as f64).round() as usize
}

/// The highest level not brighter than `lit` (see [`level`]): a halo drawn
/// by level is never larger nor brighter than the exact one, so text over it
/// keeps at least the exact picture's contrast.
pub fn level_below(lit: f64) -> usize {
    if lit.is_nan() || lit <= 0.0 {
        return 0;
    }
    // In 0..=LEVELS-1 after the clamp, so the cast is exact; the epsilon
    // keeps a level's own `lit` on that level.
    (lit.min(1.0) * (LEVELS - 1) as f64 + 1e-9).floor() as usize
}

/// The `lit` value a level's sprite is drawn with.
pub fn level_lit(level: usize) -> f64 {
    level.min(LEVELS - 1) as f64 / (LEVELS - 1) as f64
}

/// How lit a bulb of this glow is (the brightness its layers use).
pub fn lit_of(glow: &Glow) -> f64 {
    glow.intensity.powf(0.7)
}

/// The glow a level's sprite is drawn with.
pub fn level_glow(negative: bool, level: usize) -> Glow {
    let n = level_lit(level).powf(1.0 / 0.7);
    glow_normalized(if negative { -n } else { n })
}

/// The sprite of a part: unlit bulbs share the positive cell, and the
/// filament glow has one cell per sign whatever the level.
pub fn cell_index(part: Part, negative: bool, level: usize) -> usize {
    let level = level.min(LEVELS - 1);
    let negative = negative && (level > 0 || part == Part::FilamentGlow);
    let sign = usize::from(negative);
    match part {
        Part::Under => sign * LEVELS + level,
        Part::Over => (2 + sign) * LEVELS + level,
        Part::FilamentGlow => 4 * LEVELS + sign,
    }
}

/// Pixel size of one sprite and where the bulb centre sits in it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Geom {
    /// Bulb radius in device pixels.
    pub radius: f64,
    /// Sprite width and height, whole pixels.
    pub w: f64,
    pub h: f64,
    /// The bulb centre from the sprite's top-left corner: the centre of
    /// pixel (`ox`, `oy`), so a small filament stays symmetric and crisp.
    pub ox: f64,
    pub oy: f64,
}

impl Geom {
    /// The sprite geometry of a bulb of `radius` device pixels (clamped to
    /// 1..=[`MAX_RADIUS`]; NaN → 1): the globe with its rim, and the screw base below.
    pub fn new(radius: f64) -> Geom {
        let radius = if radius.is_nan() {
            1.0
        } else {
            radius.clamp(1.0, MAX_RADIUS)
        };
        let half = (radius * 1.05).ceil() + PAD;
        let below = (radius * BASE_BOTTOM).ceil() + PAD;
        Geom {
            radius,
            w: 2.0 * half + 1.0,
            h: half + 1.0 + below,
            ox: half,
            oy: half,
        }
    }

    /// Where a sprite goes so that the bulb centre lands on the centre of
    /// the device pixel holding (`x`, `y`): sprites are copied unscaled, so
    /// they stay crisp.
    pub fn place(&self, x: f64, y: f64) -> (f64, f64) {
        (x.floor() - self.ox, y.floor() - self.oy)
    }
}

/// Radius in pixels of the halo sprite for bulbs of `radius` device
/// pixels (the largest halo, capped at [`HALO_MAX_PX`]).
pub fn halo_px(radius: f64) -> f64 {
    let r = if radius.is_nan() { 1.0 } else { radius };
    (r * HALO_MAX_SCALE).ceil().clamp(4.0, HALO_MAX_PX)
}

/// Makes `image` a disc of radius `r` pixels filled with gradient `key`
/// (resized to 2r × 2r and cleared first): a glow drawn once and then
/// scaled onto the canvas.
pub fn paint_disc(
    image: &Offscreen,
    grads: &mut Gradients,
    key: Grad,
    r: f64,
) -> Result<(), JsValue> {
    let side = to_px(2.0 * r);
    if !image.resize(side, side) {
        device_space(&image.ctx)?;
        image.ctx.clear_rect(0.0, 0.0, 2.0 * r, 2.0 * r);
    }
    image.ctx.set_transform(r, 0.0, 0.0, r, r, r)?;
    grads.fill(&image.ctx, key)?;
    image.ctx.begin_path();
    circle(&image.ctx, 0.0, 0.0, 1.0)?;
    image.ctx.fill();
    Ok(())
}

fn to_px(v: f64) -> u32 {
    // Sheet sizes are small positive whole numbers.
    v.clamp(1.0, 32_000.0) as u32
}

/// The sprites of one bulb size, each in a canvas of its own: a software
/// canvas copies a whole small image about twice as fast as a part of a
/// large one.
#[derive(Debug, Default)]
pub struct BulbSprites {
    cells: Vec<Option<Offscreen>>,
    halos: [Option<Offscreen>; 2],
    grads: Gradients,
    scratch: Scratch,
    geom: Geom,
    /// One bit per cell drawn at the current size.
    drawn: u128,
    halo_r: f64,
    halo_drawn: [bool; 2],
    /// Halos at each sign and level's own size and opacity (see
    /// [`LevelHalo`]), one bit each in `level_halo_drawn`.
    level_halos: Vec<Option<Offscreen>>,
    level_halo_drawn: u64,
    /// Still copies of `cells` and `level_halos` (see [`offscreen::still`]),
    /// copied instead of the canvases where the browser makes them.
    stills: Vec<Option<ImageBitmap>>,
    level_stills: Vec<Option<ImageBitmap>>,
}

/// A halo of one brightness level drawn at its own size and opacity, to be
/// copied unscaled and opaque: while things move, a large network's halos
/// cost a plain copy each instead of a scaled, faded one (a software canvas
/// filters every pixel of a scaled copy). Its size and opacity are those of
/// the level just below the bulb's (see [`level_below`]): at most one level
/// smaller and fainter, never larger.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LevelHalo {
    /// Halo radius, device pixels.
    pub r: f64,
    /// Opacity.
    pub alpha: f64,
    /// The sprite is `2·half + 1` pixels square, the halo centred on pixel
    /// (`half`, `half`).
    pub half: f64,
}

impl LevelHalo {
    /// The halo of `level` around a bulb of `radius` device pixels (see
    /// [`Geom::new`] for the clamp), or None for an unlit level.
    pub fn new(radius: f64, level: usize) -> Option<LevelHalo> {
        let g = level_glow(false, level);
        let r = Geom::new(radius).radius * g.halo_scale;
        (g.halo.a >= 0.01).then(|| LevelHalo {
            r,
            alpha: g.halo.a,
            half: r.ceil(),
        })
    }
}

impl BulbSprites {
    /// Makes the sprites fit bulbs of `radius` device pixels: a different
    /// size clears every sprite (they are redrawn when next used).
    pub fn fit(&mut self, radius: f64) {
        let geom = Geom::new(radius);
        if geom != self.geom || self.cells.is_empty() {
            self.geom = geom;
            self.drawn = 0;
            self.halo_drawn = [false; 2];
            self.halo_r = halo_px(geom.radius);
            self.cells.resize_with(CELLS, || None);
            self.level_halo_drawn = 0;
            self.level_halos.resize_with(2 * LEVELS, || None);
            self.stills.clear();
            self.stills.resize_with(CELLS, || None);
            self.level_stills.clear();
            self.level_stills.resize_with(2 * LEVELS, || None);
        }
    }

    /// The sprites' geometry (after [`BulbSprites::fit`]).
    pub fn geom(&self) -> Geom {
        self.geom
    }

    /// Copies a part of a bulb centred at device pixel (`x`, `y`) onto
    /// `ctx` (identity transform expected), drawing its sprite first if new.
    pub fn draw(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        part: Part,
        negative: bool,
        level: usize,
        x: f64,
        y: f64,
    ) -> Result<(), JsValue> {
        let index = cell_index(part, negative, level);
        self.ensure(index, part, negative, level)?;
        let Some(Some(cell)) = self.cells.get(index) else {
            return Ok(());
        };
        let (dx, dy) = self.geom.place(x, y);
        let still = self.stills.get(index).and_then(Option::as_ref);
        let canvas = &cell.canvas;
        offscreen::Source { canvas, still }.draw_at(ctx, dx, dy)
    }

    /// Draws the halo of a bulb centred at device pixel (`x`, `y`) with
    /// radius `r` device pixels (identity transform expected; the caller
    /// sets the alpha and the "lighter" composite).
    pub fn draw_halo(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        negative: bool,
        x: f64,
        y: f64,
        r: f64,
    ) -> Result<(), JsValue> {
        let sign = usize::from(negative);
        let hr = self.halo_r;
        let (Some(slot), Some(drawn)) = (self.halos.get_mut(sign), self.halo_drawn.get_mut(sign))
        else {
            return Ok(());
        };
        let halo = offscreen::lazy(slot)?;
        if !*drawn {
            let key = if negative {
                Grad::HaloCool
            } else {
                Grad::HaloWarm
            };
            paint_disc(halo, &mut self.grads, key, hr)?;
            *drawn = true;
        }
        ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
            &halo.canvas,
            x - r,
            y - r,
            2.0 * r,
            2.0 * r,
        )
    }

    /// Copies the halo of a bulb of `level` centred at device pixel (`x`,
    /// `y`) unscaled (identity transform, alpha 1 and the "lighter"
    /// composite expected), drawing its sprite first if new. Unlit levels
    /// have none.
    pub fn draw_level_halo(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        negative: bool,
        level: usize,
        x: f64,
        y: f64,
    ) -> Result<(), JsValue> {
        let level = level.min(LEVELS - 1);
        let Some(h) = LevelHalo::new(self.geom.radius, level) else {
            return Ok(());
        };
        let index = usize::from(negative) * LEVELS + level;
        let bit = 1u64 << (index % 64);
        let Some(slot) = self.level_halos.get_mut(index) else {
            return Ok(());
        };
        let image = offscreen::lazy(slot)?;
        if self.level_halo_drawn & bit == 0 {
            self.level_halo_drawn |= bit;
            let side = 2.0 * h.half + 1.0;
            let c = &image.ctx;
            if !image.resize(to_px(side), to_px(side)) {
                device_space(c)?;
                c.clear_rect(0.0, 0.0, side, side);
            }
            c.set_transform(h.r, 0.0, 0.0, h.r, h.half + 0.5, h.half + 0.5)?;
            c.set_global_alpha(h.alpha);
            let key = if negative {
                Grad::HaloCool
            } else {
                Grad::HaloWarm
            };
            self.grads.fill(c, key)?;
            c.begin_path();
            circle(c, 0.0, 0.0, 1.0)?;
            c.fill();
            c.set_global_alpha(1.0);
            if let Some(still) = self.level_stills.get_mut(index) {
                *still = offscreen::still(&image.canvas).ok();
            }
        }
        let still = self.level_stills.get(index).and_then(Option::as_ref);
        let canvas = &image.canvas;
        offscreen::Source { canvas, still }.draw_at(ctx, x.floor() - h.half, y.floor() - h.half)
    }

    /// Draws cell `index` unless it already is at the current size.
    fn ensure(
        &mut self,
        index: usize,
        part: Part,
        negative: bool,
        level: usize,
    ) -> Result<(), JsValue> {
        let bit = 1u128 << (index % 128);
        if index >= CELLS || self.drawn & bit != 0 {
            return Ok(());
        }
        self.drawn |= bit;
        let Some(slot) = self.cells.get_mut(index) else {
            return Ok(());
        };
        let cell = offscreen::lazy(slot)?;
        let g = self.geom;
        let ctx = &cell.ctx;
        if !cell.resize(to_px(g.w), to_px(g.h)) {
            device_space(ctx)?;
            ctx.clear_rect(0.0, 0.0, g.w, g.h);
        }
        ctx.set_transform(g.radius, 0.0, 0.0, g.radius, g.ox + 0.5, g.oy + 0.5)?;
        ctx.set_line_cap("round");
        ctx.set_global_alpha(1.0);
        let glow = level_glow(negative, level);
        let lit = level_lit(level);
        let (grads, s) = (&mut self.grads, &mut self.scratch);
        match part {
            Part::Under => bulb_shape::draw_under(ctx, grads, s, &glow, lit),
            Part::Over => bulb_shape::draw_over(ctx, grads, s, &glow, lit),
            Part::FilamentGlow => {
                bulb_shape::draw_filament_glow(ctx, s, &level_glow(negative, LEVELS - 1))
            }
        }?;
        if let Some(still) = self.stills.get_mut(index) {
            *still = offscreen::still(&cell.canvas).ok();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_cover_zero_to_one() {
        assert_eq!(level(0.0), 0);
        assert_eq!(level(-3.0), 0);
        assert_eq!(level(f64::NAN), 0);
        assert_eq!(level(1.0), LEVELS - 1);
        assert_eq!(level(7.0), LEVELS - 1);
        let mut prev = 0;
        for k in 0..=1000 {
            let lit = f64::from(k) / 1000.0;
            let l = level(lit);
            assert!(l >= prev && l < LEVELS);
            // The sprite is never more than half a level off.
            assert!((level_lit(l) - lit).abs() <= 0.5 / (LEVELS - 1) as f64 + 1e-12);
            prev = l;
        }
        for l in 0..LEVELS {
            assert_eq!(level(level_lit(l)), l);
        }
    }

    #[test]
    fn the_level_below_is_never_brighter_and_at_most_one_level_off() {
        assert_eq!(level_below(0.0), 0);
        assert_eq!(level_below(f64::NAN), 0);
        assert_eq!(level_below(-1.0), 0);
        assert_eq!(level_below(5.0), LEVELS - 1);
        for k in 0..=1000 {
            let lit = f64::from(k) / 1000.0;
            let l = level_below(lit);
            assert!(level_lit(l) <= lit + 1e-9, "{lit}");
            assert!(lit - level_lit(l) < 1.0 / (LEVELS - 1) as f64, "{lit}");
            assert!(l <= level(lit));
        }
        for l in 0..LEVELS {
            assert_eq!(level_below(level_lit(l)), l);
        }
    }

    #[test]
    fn a_level_glow_is_as_lit_as_its_level() {
        for l in 0..LEVELS {
            for negative in [false, true] {
                let g = level_glow(negative, l);
                assert!((lit_of(&g) - level_lit(l)).abs() < 1e-9);
                assert_eq!(g.negative, negative && l > 0);
            }
        }
    }

    #[test]
    fn cells_are_distinct() {
        let mut seen = [false; CELLS];
        for part in [Part::Under, Part::Over] {
            for negative in [false, true] {
                for l in 0..LEVELS {
                    let i = cell_index(part, negative, l);
                    assert!(i < CELLS);
                    if negative && l == 0 {
                        // An unlit bulb has no sign.
                        assert_eq!(i, cell_index(part, false, 0));
                        continue;
                    }
                    assert!(!seen[i], "{part:?} {negative} {l}");
                    seen[i] = true;
                }
            }
        }
        for negative in [false, true] {
            for l in [0, 5, LEVELS - 1] {
                let i = cell_index(Part::FilamentGlow, negative, l);
                assert_eq!(i, cell_index(Part::FilamentGlow, negative, 0));
            }
            seen[cell_index(Part::FilamentGlow, negative, 0)] = true;
        }
        // Every cell but the two unlit negative ones is used.
        assert_eq!(seen.iter().filter(|s| !**s).count(), 2);
        assert_eq!(cell_index(Part::Under, false, 99), LEVELS - 1);
    }

    #[test]
    fn geometry_holds_the_bulb_and_places_it_on_whole_pixels() {
        for r in [1.0, 4.3, 14.0, 33.7, 102.0] {
            let g = Geom::new(r);
            assert_eq!(g.radius, r);
            for v in [g.w, g.h, g.ox, g.oy] {
                assert_eq!(v, v.round());
            }
            // Globe and rim left, right and above; the base below (the
            // centre is at ox + 0.5, oy + 0.5).
            assert!(g.ox + 0.5 >= r * 1.03 + 1.0 && g.w - g.ox - 0.5 >= r * 1.03 + 1.0);
            assert!(g.oy + 0.5 >= r * 1.03 + 1.0);
            assert!(g.h - g.oy - 0.5 >= r * BASE_BOTTOM + 1.0);
            // Symmetric left and right.
            assert_eq!(g.w - g.ox - 1.0, g.ox);
            let (dx, dy) = g.place(100.4, 50.6);
            assert_eq!((dx + g.ox, dy + g.oy), (100.0, 50.0));
        }
        assert_eq!(Geom::new(f64::NAN).radius, 1.0);
        assert_eq!(Geom::new(1e9).radius, MAX_RADIUS);
        assert_eq!(Geom::new(-2.0).radius, 1.0);
    }

    #[test]
    fn level_halos_grow_and_brighten_with_the_level_and_fit_their_sprite() {
        assert_eq!(LevelHalo::new(14.0, 0), None);
        let mut prev: Option<LevelHalo> = None;
        for l in 1..LEVELS {
            let h = LevelHalo::new(14.0, l).expect("lit levels have a halo");
            // As large and as opaque as the exact halo of a bulb that lit.
            assert!((h.r - 14.0 * (1.0 + (HALO_MAX_SCALE - 1.0) * level_lit(l))).abs() < 1e-9);
            assert!((h.alpha - level_lit(l)).abs() < 1e-9);
            // The disc fits the sprite around the centre of pixel (half, half).
            assert!(h.half + 0.5 >= h.r && h.half == h.half.round());
            if let Some(p) = prev {
                assert!(h.r > p.r && h.alpha > p.alpha);
            }
            prev = Some(h);
        }
        let full = LevelHalo::new(14.0, LEVELS - 1).expect("lit");
        assert_eq!((full.r, full.alpha), (14.0 * HALO_MAX_SCALE, 1.0));
        assert_eq!(LevelHalo::new(14.0, LEVELS + 5), Some(full));
    }

    #[test]
    fn halo_sprites_are_as_large_as_the_largest_halo_up_to_a_cap() {
        assert_eq!(halo_px(10.0), 30.0);
        assert_eq!(halo_px(10.2), 31.0);
        assert_eq!(halo_px(1000.0), HALO_MAX_PX);
        assert_eq!(halo_px(0.1), 4.0);
        assert_eq!(halo_px(f64::NAN), 4.0);
    }
}
