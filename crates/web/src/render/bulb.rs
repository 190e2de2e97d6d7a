//! The lightbulbs: halo, glass globe with highlight, filament, screw base,
//! and the δ ring shown during backprop. A bulb's parts are drawn in a unit
//! space (1 unit = bulb radius) into sprites once (see [`super::sprites`]);
//! each frame copies the sprites.

use std::f64::consts::{FRAC_PI_2, TAU};

use wasm_bindgen::JsValue;
use web_sys::CanvasRenderingContext2d;

use super::frame::Frame;
use super::gradients::{Grad, Gradients};
use super::paint::{device_space, unit_space, Scratch};
use super::sprites::{level, lit_of, BulbSprites, Part};
use super::thumbs::ThumbAtlas;
use super::timing;
use crate::color::{grad_color, Rgba};
use crate::glow::{glow_normalized, normalize, Glow};
use crate::layout::{Point, BASE_BOTTOM, BASE_HALF_WIDTH};

/// Where the glass meets the screw base, in radii below the centre.
const NECK: f64 = 0.98;
/// Where the threaded part of the base ends.
const SCREW_END: f64 = 1.3;
/// Angle from straight down at which the globe turns into the neck.
const NECK_ANGLE: f64 = 0.78;

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

/// Appends the bulb silhouette (globe and neck) to a new path.
fn globe_path(ctx: &CanvasRenderingContext2d) -> Result<(), JsValue> {
    let (sx, cy) = (NECK_ANGLE.sin(), NECK_ANGLE.cos());
    let hw = BASE_HALF_WIDTH;
    ctx.begin_path();
    ctx.arc_with_anticlockwise(
        0.0,
        0.0,
        1.0,
        FRAC_PI_2 - NECK_ANGLE,
        FRAC_PI_2 + NECK_ANGLE,
        true,
    )?;
    ctx.quadratic_curve_to(-hw, cy + 0.08, -hw, NECK);
    ctx.line_to(hw, NECK);
    ctx.quadratic_curve_to(hw, cy + 0.08, sx, cy);
    ctx.close_path();
    Ok(())
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

/// Draws the halos of all bulbs (additive light, under the glass).
pub fn draw_halos(
    ctx: &CanvasRenderingContext2d,
    sprites: &mut BulbSprites,
    bulbs: &[Shown],
) -> Result<(), JsValue> {
    device_space(ctx)?;
    ctx.set_global_composite_operation("lighter")?;
    for b in bulbs.iter().filter(|b| b.halo_a >= 0.01) {
        ctx.set_global_alpha(b.halo_a);
        sprites.draw_halo(ctx, b.negative, b.x, b.y, b.halo_r)?;
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
    thumbs.draw_all(ctx, bulbs)?;
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

/// Screw base, glass body and hot core of a bulb lit to `lit`, in unit
/// space (1 unit = globe radius): the layers under its map.
pub fn draw_under(
    ctx: &CanvasRenderingContext2d,
    g: &mut Gradients,
    s: &mut Scratch,
    glow: &Glow,
    lit: f64,
) -> Result<(), JsValue> {
    // Screw base first: the glass neck overlaps its top edge.
    draw_base(ctx, g, s)?;
    globe_path(ctx)?;
    s.fill(ctx, glow.glass);
    ctx.fill();
    if lit > 0.02 {
        g.fill(
            ctx,
            if glow.negative {
                Grad::CoreCool
            } else {
                Grad::CoreWarm
            },
        )?;
        ctx.set_global_alpha(lit);
        ctx.fill();
        ctx.set_global_alpha(1.0);
    }
    Ok(())
}

/// Filament, glass shading, rim and glint of a bulb lit to `lit`, in unit
/// space: the layers over its map.
pub fn draw_over(
    ctx: &CanvasRenderingContext2d,
    g: &mut Gradients,
    s: &mut Scratch,
    glow: &Glow,
    lit: f64,
) -> Result<(), JsValue> {
    s.stroke(ctx, glow.filament.with_alpha(0.55 + 0.45 * lit));
    ctx.set_line_width(0.055);
    filament_path(ctx);
    ctx.stroke();
    // Shading and highlight over everything inside the glass.
    globe_path(ctx)?;
    g.fill(ctx, Grad::Glass)?;
    ctx.fill();
    s.stroke(
        ctx,
        Rgba::rgb(210.0, 222.0, 240.0).with_alpha(0.28 - 0.12 * lit),
    );
    ctx.set_line_width(0.045);
    ctx.stroke();
    // A crisp specular glint.
    s.fill(ctx, Rgba::rgb(255.0, 255.0, 255.0).with_alpha(0.55));
    ctx.begin_path();
    ctx.ellipse(-0.42, -0.5, 0.16, 0.08, -0.75, 0.0, TAU)?;
    ctx.fill();
    Ok(())
}

/// The soft glow around a fully lit filament of `glow`'s hue, in unit
/// space (drawn faded by the bulb's brightness, additively).
pub fn draw_filament_glow(
    ctx: &CanvasRenderingContext2d,
    s: &mut Scratch,
    glow: &Glow,
) -> Result<(), JsValue> {
    s.stroke(ctx, glow.halo.with_alpha(0.5));
    ctx.set_line_width(0.2);
    filament_path(ctx);
    ctx.stroke();
    Ok(())
}

/// The filament as a new path: two supports and a small coil.
fn filament_path(ctx: &CanvasRenderingContext2d) {
    ctx.begin_path();
    ctx.move_to(-0.16, NECK);
    ctx.line_to(-0.2, 0.12);
    ctx.move_to(0.16, NECK);
    ctx.line_to(0.2, 0.12);
    ctx.move_to(-0.2, 0.12);
    for k in 0..4 {
        let x0 = -0.2 + 0.1 * f64::from(k);
        let up = if k % 2 == 0 { -0.05 } else { 0.29 };
        ctx.quadratic_curve_to(x0 + 0.05, up, x0 + 0.1, 0.12);
    }
}

/// The screw base: metal sleeve with threads, insulator and contact tip.
fn draw_base(
    ctx: &CanvasRenderingContext2d,
    g: &mut Gradients,
    s: &mut Scratch,
) -> Result<(), JsValue> {
    let hw = BASE_HALF_WIDTH;
    g.fill(ctx, Grad::Metal)?;
    ctx.begin_path();
    ctx.round_rect_with_f64(-hw, NECK - 0.06, 2.0 * hw, SCREW_END - NECK + 0.06, 0.06)?;
    ctx.fill();
    // Threads: slanted dark grooves.
    s.stroke(ctx, Rgba::rgb(18.0, 20.0, 26.0).with_alpha(0.75));
    ctx.set_line_width(0.045);
    ctx.begin_path();
    for k in 0..3 {
        let y = NECK + 0.06 + 0.085 * f64::from(k);
        ctx.move_to(-hw, y + 0.03);
        ctx.line_to(hw, y - 0.01);
    }
    ctx.stroke();
    // Insulator and contact tip.
    s.fill(ctx, Rgba::rgb(24.0, 25.0, 30.0));
    ctx.begin_path();
    ctx.move_to(-hw * 0.72, SCREW_END);
    ctx.line_to(hw * 0.72, SCREW_END);
    ctx.line_to(hw * 0.3, BASE_BOTTOM);
    ctx.line_to(-hw * 0.3, BASE_BOTTOM);
    ctx.close_path();
    ctx.fill();
    Ok(())
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
