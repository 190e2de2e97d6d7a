//! The lightbulbs: halo, glass globe with highlight, filament, screw base,
//! and the δ ring shown during backprop. Bulbs are drawn in a unit space
//! (1 unit = bulb radius) so cached gradients fit every bulb.

use std::f64::consts::{FRAC_PI_2, TAU};

use wasm_bindgen::JsValue;
use web_sys::CanvasRenderingContext2d;

use super::frame::Frame;
use super::gradients::{Grad, Gradients};
use super::paint::{circle, unit_space, Scratch};
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

/// Draws the halos of all bulbs (additive light, under the glass).
pub fn draw_halos(f: &Frame, g: &mut Gradients) -> Result<(), JsValue> {
    let ctx = f.ctx;
    let r = f.layout.radius();
    ctx.set_global_composite_operation("lighter")?;
    for layer in 0..f.layout.layer_count() {
        for (index, &c) in f.layout.layer(layer).iter().enumerate() {
            let glow = shown_glow(f, layer, index);
            if glow.halo.a < 0.01 {
                continue;
            }
            g.fill(
                ctx,
                if glow.negative {
                    Grad::HaloCool
                } else {
                    Grad::HaloWarm
                },
            )?;
            ctx.set_global_alpha(glow.halo.a);
            unit_space(ctx, f.dpr, c, r * glow.halo_scale)?;
            ctx.begin_path();
            circle(ctx, 0.0, 0.0, 1.0)?;
            ctx.fill();
        }
    }
    ctx.set_global_alpha(1.0);
    ctx.set_global_composite_operation("source-over")?;
    Ok(())
}

/// Draws every bulb body, each hidden and output bulb with its map.
pub fn draw_bulbs(
    f: &Frame,
    g: &mut Gradients,
    s: &mut Scratch,
    thumbs: &ThumbAtlas,
) -> Result<(), JsValue> {
    let r = f.layout.radius();
    for layer in 0..f.layout.layer_count() {
        for (index, &c) in f.layout.layer(layer).iter().enumerate() {
            let glow = shown_glow(f, layer, index);
            let thumb = f.scene.thumb_tile(layer, index).map(|tile| (thumbs, tile));
            draw_bulb_with(f.ctx, g, s, f.dpr, c, r, &glow, thumb)?;
        }
    }
    Ok(())
}

/// Draws one bulb centred at `c` with globe radius `r` (CSS px).
pub fn draw_bulb(
    ctx: &CanvasRenderingContext2d,
    g: &mut Gradients,
    s: &mut Scratch,
    dpr: f64,
    c: Point,
    r: f64,
    glow: &Glow,
) -> Result<(), JsValue> {
    draw_bulb_with(ctx, g, s, dpr, c, r, glow, None)
}

/// [`draw_bulb`] with an optional thumbnail (atlas and tile) inside the
/// globe, over the glow and under the filament and glass highlight.
#[allow(clippy::too_many_arguments)]
pub fn draw_bulb_with(
    ctx: &CanvasRenderingContext2d,
    g: &mut Gradients,
    s: &mut Scratch,
    dpr: f64,
    c: Point,
    r: f64,
    glow: &Glow,
    thumb: Option<(&ThumbAtlas, usize)>,
) -> Result<(), JsValue> {
    unit_space(ctx, dpr, c, r)?;
    let lit = glow.intensity.powf(0.7);

    // Screw base first: the glass neck overlaps its top edge.
    draw_base(ctx, g, s)?;

    // Glass body.
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
    if let Some((atlas, tile)) = thumb {
        atlas.draw(ctx, tile, lit)?;
    }

    draw_filament(ctx, s, glow, lit)?;

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

/// The filament: two supports and a small coil, glowing when lit.
fn draw_filament(
    ctx: &CanvasRenderingContext2d,
    s: &mut Scratch,
    glow: &Glow,
    lit: f64,
) -> Result<(), JsValue> {
    let path = |ctx: &CanvasRenderingContext2d| {
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
    };
    if lit > 0.05 {
        ctx.set_global_composite_operation("lighter")?;
        s.stroke(ctx, glow.halo.with_alpha(0.5 * lit));
        ctx.set_line_width(0.2);
        path(ctx);
        ctx.stroke();
        ctx.set_global_composite_operation("source-over")?;
    }
    s.stroke(ctx, glow.filament.with_alpha(0.55 + 0.45 * lit));
    ctx.set_line_width(0.055);
    path(ctx);
    ctx.stroke();
    Ok(())
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
