//! The lightbulbs: halo, glass globe with highlight, filament, screw base,
//! and the δ ring shown during backprop. A bulb's parts are drawn in a unit
//! space (1 unit = bulb radius) into sprites once (see [`super::sprites`]);
//! each frame copies the sprites.

use std::f64::consts::{FRAC_PI_2, TAU};

use wasm_bindgen::JsValue;
use web_sys::CanvasRenderingContext2d;

use super::frame::Frame;
use super::paint::{device_space, unit_space, Scratch};
use super::sprites::{level, level_below, lit_of, BulbSprites, Part};
use super::timing;
use crate::color::grad_color;
use crate::glow::{glow_normalized, normalize, Glow};
use crate::layout::Point;
use crate::thumbs::{Placed, ThumbAtlas};

/// The glow of neuron `index` of `layer` as shown now.
pub fn shown_glow(f: &Frame, layer: usize, index: usize) -> Glow {
    let a = f
        .scene
        .a(layer)
        .and_then(|v| v.get(index))
        .copied()
        .unwrap_or(0.0);
    let n = normalize(a, f.scene.kind(layer), f.scene.layer_max_abs(layer));
    glow_normalized(n * f.lit(layer, index))
}

/// What one bulb shows this frame: where (device pixels), its sign and
/// brightness, its halo and its map.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Shown {
    /// Centre, device pixels.
    pub x: f64,
    pub y: f64,
    pub negative: bool,
    /// How lit (0..=1), see [`lit_of`].
    pub lit: f64,
    /// Sprite level of `lit`.
    pub level: usize,
    /// Halo opacity and radius (device pixels).
    pub halo_a: f64,
    pub halo_r: f64,
    /// Thumbnail tile, for hidden and output bulbs.
    pub tile: Option<usize>,
}

/// Fills `out` with every bulb of the frame, layer by layer (reusing its
/// buffer).
pub fn collect(f: &Frame, out: &mut Vec<Shown>) {
    out.clear();
    let (r, dpr) = (f.layout.radius(), f.dpr);
    for layer in 0..f.layout.layer_count() {
        for (index, &c) in f.layout.layer(layer).iter().enumerate() {
            let glow = shown_glow(f, layer, index);
            let lit = lit_of(&glow);
            out.push(Shown {
                x: c.x * dpr,
                y: c.y * dpr,
                negative: glow.negative,
                lit,
                level: level(lit),
                halo_a: glow.halo.a,
                halo_r: r * dpr * glow.halo_scale,
                tile: f.scene.thumb_tile(layer, index),
            });
        }
    }
}

/// Draws the halos of all bulbs (additive light, under the glass): each
/// at its exact size and opacity, or with `by_level` (while things move)
/// the halo of the brightness level just below its own, copied unscaled
/// (see [`super::sprites::LevelHalo`]).
pub fn draw_halos(
    ctx: &CanvasRenderingContext2d,
    sprites: &mut BulbSprites,
    bulbs: &[Shown],
    by_level: bool,
) -> Result<(), JsValue> {
    device_space(ctx)?;
    ctx.set_global_composite_operation("lighter")?;
    if by_level {
        for b in bulbs {
            let level = level_below(b.lit);
            if level > 0 {
                sprites.draw_level_halo(ctx, b.negative, level, b.x, b.y)?;
            }
        }
    } else {
        for b in bulbs.iter().filter(|b| b.halo_a >= 0.01) {
            ctx.set_global_alpha(b.halo_a);
            sprites.draw_halo(ctx, b.negative, b.x, b.y, b.halo_r)?;
        }
    }
    ctx.set_global_alpha(1.0);
    ctx.set_global_composite_operation("source-over")
}

/// Draws every bulb body, each hidden and output bulb with its map. Bulbs
/// never overlap, so each layer is drawn for all bulbs before the next
/// one: composite modes change a few times a frame, not per bulb.
pub fn draw_bulbs(
    ctx: &CanvasRenderingContext2d,
    sprites: &mut BulbSprites,
    thumbs: &ThumbAtlas,
    bulbs: &[Shown],
) -> Result<(), JsValue> {
    device_space(ctx)?;
    for b in bulbs {
        sprites.draw(ctx, Part::Under, b.negative, b.level, b.x, b.y)?;
    }
    let placed = bulbs.iter().filter_map(|b| {
        b.tile.map(|tile| Placed {
            x: b.x,
            y: b.y,
            lit: b.lit,
            tile,
        })
    });
    thumbs.draw_all(ctx, placed)?;
    draw_filament_glows(ctx, sprites, bulbs)?;
    for b in bulbs {
        sprites.draw(ctx, Part::Over, b.negative, b.level, b.x, b.y)?;
    }
    Ok(())
}

/// The added glow of every lit filament.
fn draw_filament_glows(
    ctx: &CanvasRenderingContext2d,
    sprites: &mut BulbSprites,
    bulbs: &[Shown],
) -> Result<(), JsValue> {
    if bulbs.iter().all(|b| b.lit <= 0.05) {
        return Ok(());
    }
    ctx.set_global_composite_operation("lighter")?;
    for b in bulbs.iter().filter(|b| b.lit > 0.05) {
        ctx.set_global_alpha(b.lit);
        sprites.draw(ctx, Part::FilamentGlow, b.negative, b.level, b.x, b.y)?;
    }
    ctx.set_global_alpha(1.0);
    ctx.set_global_composite_operation("source-over")
}

/// Draws one bulb without a map centred at `c` with globe radius `r`
/// (CSS px), from `sprites` (fitted to that size here).
pub fn draw_bulb(
    ctx: &CanvasRenderingContext2d,
    sprites: &mut BulbSprites,
    dpr: f64,
    c: Point,
    r: f64,
    glow: &Glow,
) -> Result<(), JsValue> {
    sprites.fit(r * dpr);
    let lit = lit_of(glow);
    let b = Shown {
        x: c.x * dpr,
        y: c.y * dpr,
        negative: glow.negative,
        lit,
        level: level(lit),
        ..Shown::default()
    };
    device_space(ctx)?;
    sprites.draw(ctx, Part::Under, b.negative, b.level, b.x, b.y)?;
    draw_filament_glows(ctx, sprites, std::slice::from_ref(&b))?;
    sprites.draw(ctx, Part::Over, b.negative, b.level, b.x, b.y)
}

/// Draws δ rings around the bulbs whose layer has been reached by
/// backprop: colour = sign, thickness = |δ|, sweeping in as they appear.
pub fn draw_rings(f: &Frame, s: &mut Scratch) -> Result<(), JsValue> {
    let ctx = f.ctx;
    let r = f.layout.radius();
    for layer in 1..f.layout.layer_count() {
        let (grow, alpha) = timing::ring(f.scene.phase, f.t, layer);
        if grow <= 0.0 || alpha <= 0.0 {
            continue;
        }
        let Some(deltas) = f.scene.delta(layer) else {
            continue;
        };
        for (&c, &d) in f.layout.layer(layer).iter().zip(deltas) {
            let mag = (d / f.d_scale).abs();
            let mag = if mag.is_finite() { mag.min(1.0) } else { 0.0 };
            let col = grad_color(d, f.d_scale);
            let width = 0.06 + 0.18 * mag.sqrt();
            unit_space(ctx, f.dpr, c, r)?;
            let start = -FRAC_PI_2;
            let end = start + TAU * grow;
            let ring_r = 1.12 + width * 0.5;
            // Soft outer glow, then the crisp ring.
            ctx.set_global_composite_operation("lighter")?;
            s.stroke(ctx, col.with_alpha(col.a * 0.35 * alpha));
            ctx.set_line_width(width * 2.6);
            ctx.begin_path();
            ctx.arc(0.0, 0.0, ring_r, start, end)?;
            ctx.stroke();
            ctx.set_global_composite_operation("source-over")?;
            s.stroke(ctx, col.with_alpha(col.a.max(0.5) * alpha));
            ctx.set_line_width(width);
            ctx.begin_path();
            ctx.arc(0.0, 0.0, ring_r, start, end)?;
            ctx.stroke();
        }
    }
    Ok(())
}
