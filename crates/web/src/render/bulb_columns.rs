//! The bulbs while things move, kept as images: each layer's column has
//! one image of its halos and one of its bulbs (glass, map, filament glow
//! and filament). A frame copies each image once and draws into them only
//! the bulbs whose look changed ([`super::column_plan`] decides which): on
//! the largest network about 20 copies a frame and a few bulbs, instead of
//! about 800 copies, most of them of unchanged bulbs.
//!
//! Used only while things move, and only for networks of at least
//! [`FROM_BULBS`] bulbs: a small network's maps change every frame (its
//! grid is cheap enough to recompute every step), so nearly every bulb
//! would be drawn into its column and then the column copied, which costs
//! more than copying each bulb (measured on the phone proxy's default
//! network: about 1.5 ms more main-thread time a frame at 4 ×).
//!
//! A cached bulb's map and filament glow take the opacity of its
//! brightness level (at most half a level off), as the halos already do
//! while moving; the glow and the map's tint are blended against the
//! bulb's own glass, not what lies under it, which differs only at the
//! glass's antialiased edge. A settled picture is drawn exactly, bulb by
//! bulb (see [`super::bulb::draw_bulbs`]).

use wasm_bindgen::JsValue;
use web_sys::CanvasRenderingContext2d;

use super::bulb::Shown;
use super::column_plan::{bounds, meeting, plan, Face, Look, Redraw, MAPS_PER_FRAME};
use super::paint::device_space;
use super::sprites::{level_below, level_lit, BulbSprites, Geom, LevelHalo, Part, LEVELS};
use crate::layout::{Layout, Rect};
use crate::offscreen::{self, Offscreen};
use crate::thumbs::{Placed, ThumbAtlas};

/// Networks with fewer bulbs are drawn bulb by bulb even while moving.
pub const FROM_BULBS: usize = 40;

/// One image of a column and the looks it holds.
#[derive(Debug, Default)]
struct Cached {
    image: Option<Offscreen>,
    /// Device pixel of the image's top-left corner.
    origin: (f64, f64),
    looks: Vec<Option<Look>>,
}

/// A layer's two images.
#[derive(Debug, Default)]
struct Column {
    halos: Cached,
    bodies: Cached,
}

/// Every layer's column as images, kept between frames.
#[derive(Debug, Default)]
pub struct BulbColumns {
    columns: Vec<Column>,
    /// The sprite geometry the images hold.
    geom: Geom,
    wanted: Vec<Look>,
    chosen: Vec<usize>,
}

impl BulbColumns {
    /// Brings the columns up to date with `bulbs` (laid out by `layout`,
    /// layer by layer, as [`super::bulb::collect`] lists them) and copies
    /// them onto `ctx`: every halo ("lighter"), then every bulb.
    pub fn draw(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        sprites: &mut BulbSprites,
        thumbs: &ThumbAtlas,
        layout: &Layout,
        bulbs: &[Shown],
    ) -> Result<(), JsValue> {
        let geom = sprites.geom();
        if geom != self.geom {
            self.geom = geom;
            for c in &mut self.columns {
                c.halos.looks.clear();
                c.bodies.looks.clear();
            }
        }
        let halo_half = LevelHalo::new(geom.radius, LEVELS - 1).map_or(0.0, |h| h.half);
        let maps = thumbs.generation();
        let mut maps_left = MAPS_PER_FRAME;
        // Halos have no maps.
        let mut no_maps = 0;
        let layers = layout.layer_count();
        self.columns.resize_with(layers, Column::default);
        let mut rest = bulbs;
        for (layer, column) in self.columns.iter_mut().enumerate() {
            let n = layout.layer(layer).len().min(rest.len());
            let (these, after) = rest.split_at(n);
            rest = after;

            self.wanted.clear();
            self.wanted
                .extend(these.iter().map(|b| halo_look(b, halo_half)));
            column.halos.show(
                &self.wanted,
                &mut no_maps,
                &mut self.chosen,
                "lighter",
                |c, l| sprites.draw_level_halo(c, l.face.negative, l.face.level, l.x, l.y),
            )?;

            self.wanted.clear();
            self.wanted
                .extend(these.iter().map(|b| body_look(b, geom, thumbs, maps)));
            column.bodies.show(
                &self.wanted,
                &mut maps_left,
                &mut self.chosen,
                "source-over",
                |c, l| draw_body(c, sprites, thumbs, l),
            )?;
        }
        device_space(ctx)?;
        ctx.set_global_alpha(1.0);
        ctx.set_global_composite_operation("lighter")?;
        for c in &self.columns {
            // An unlit bulb has no halo: a column of them, nothing to copy.
            if c.halos.looks.iter().flatten().any(|l| l.face.level > 0) {
                c.halos.copy_onto(ctx)?;
            }
        }
        ctx.set_global_composite_operation("source-over")?;
        for c in &self.columns {
            c.bodies.copy_onto(ctx)?;
        }
        Ok(())
    }
}

impl Cached {
    /// Brings the image up to `wanted` (see [`plan`] for `maps_left` and
    /// `chosen`), drawing each look with `draw` and `composite`.
    fn show(
        &mut self,
        wanted: &[Look],
        maps_left: &mut usize,
        chosen: &mut Vec<usize>,
        composite: &str,
        draw: impl FnMut(&CanvasRenderingContext2d, &Look) -> Result<(), JsValue>,
    ) -> Result<(), JsValue> {
        let redraw = plan(&mut self.looks, wanted, maps_left, chosen);
        self.update(redraw, wanted, chosen, composite, draw)
    }

    /// Draws what `redraw` says into the image with `composite`, each look
    /// with `draw` (in device pixels; the image's offset is set here).
    fn update(
        &mut self,
        redraw: Redraw,
        wanted: &[Look],
        chosen: &[usize],
        composite: &str,
        mut draw: impl FnMut(&CanvasRenderingContext2d, &Look) -> Result<(), JsValue>,
    ) -> Result<(), JsValue> {
        if redraw == Redraw::Nothing {
            return Ok(());
        }
        let Some(all) = bounds(wanted) else {
            return Ok(());
        };
        let image = offscreen::lazy(&mut self.image)?;
        let c = &image.ctx;
        if redraw == Redraw::Whole {
            self.origin = (all.x, all.y);
            // Whole pixels (the looks' rectangles are).
            let (w, h) = (all.w.clamp(1.0, 32_000.0), all.h.clamp(1.0, 32_000.0));
            if !image.resize(w as u32, h as u32) {
                device_space(c)?;
                c.clear_rect(0.0, 0.0, w, h);
            }
        }
        c.set_transform(1.0, 0.0, 0.0, 1.0, -self.origin.0, -self.origin.1)?;
        c.set_global_alpha(1.0);
        c.set_global_composite_operation(composite)?;
        if redraw == Redraw::Whole {
            for l in self.looks.iter().flatten() {
                draw(c, l)?;
            }
        } else {
            for r in chosen.iter().filter_map(|&i| wanted.get(i).map(|l| l.rect)) {
                c.clear_rect(r.x, r.y, r.w, r.h);
                c.save();
                c.begin_path();
                c.rect(r.x, r.y, r.w, r.h);
                c.clip();
                for l in meeting(&self.looks, r) {
                    draw(c, l)?;
                }
                c.restore();
            }
        }
        c.set_global_composite_operation("source-over")
    }

    /// Copies the image onto `ctx` (identity transform; the caller sets the
    /// composite).
    fn copy_onto(&self, ctx: &CanvasRenderingContext2d) -> Result<(), JsValue> {
        match &self.image {
            Some(image) if !self.looks.is_empty() => {
                ctx.draw_image_with_html_canvas_element(&image.canvas, self.origin.0, self.origin.1)
            }
            _ => Ok(()),
        }
    }
}

/// A bulb's halo as cached: the halo of the level just below its own,
/// never larger nor brighter than its exact halo (see
/// [`super::sprites::LevelHalo`]), in the square of the largest halo so
/// that a shrinking halo is cleared whole.
fn halo_look(b: &Shown, half: f64) -> Look {
    let level = level_below(b.lit);
    let (x, y) = (b.x.floor(), b.y.floor());
    Look {
        x: b.x,
        y: b.y,
        rect: Rect::new(x - half, y - half, 2.0 * half + 1.0, 2.0 * half + 1.0),
        map: None,
        face: Face {
            negative: b.negative && level > 0,
            level,
            tile: None,
        },
        maps: 0,
    }
}

/// A bulb's glass, map and filament as cached, in its sprite's rectangle
/// (its map where [`ThumbAtlas::square`] puts it).
fn body_look(b: &Shown, geom: Geom, thumbs: &ThumbAtlas, maps: u64) -> Look {
    let (x, y) = geom.place(b.x, b.y);
    Look {
        x: b.x,
        y: b.y,
        rect: Rect::new(x, y, geom.w, geom.h),
        map: b.tile.map(|_| thumbs.square(b.x, b.y)),
        face: Face {
            negative: b.negative && b.level > 0,
            level: b.level,
            tile: b.tile,
        },
        maps: if b.tile.is_some() { maps } else { 0 },
    }
}

/// Draws one cached bulb: glass, its map at its level's opacity, the
/// filament glow ("lighter"), then filament and glint.
fn draw_body(
    ctx: &CanvasRenderingContext2d,
    sprites: &mut BulbSprites,
    thumbs: &ThumbAtlas,
    l: &Look,
) -> Result<(), JsValue> {
    let Face {
        negative,
        level,
        tile,
    } = l.face;
    let lit = level_lit(level);
    sprites.draw(ctx, Part::Under, negative, level, l.x, l.y)?;
    if let Some(tile) = tile {
        let placed = Placed {
            x: l.x,
            y: l.y,
            lit,
            tile,
        };
        thumbs.draw_one(ctx, placed)?;
    }
    if lit > 0.05 {
        ctx.set_global_composite_operation("lighter")?;
        ctx.set_global_alpha(lit);
        sprites.draw(ctx, Part::FilamentGlow, negative, level, l.x, l.y)?;
        ctx.set_global_alpha(1.0);
        ctx.set_global_composite_operation("source-over")?;
    }
    sprites.draw(ctx, Part::Over, negative, level, l.x, l.y)
}
