//! One bulb's vector drawing, in a unit space (1 unit = globe radius):
//! the screw base, the glass globe, the hot core, the filament and the
//! glint. [`super::sprites`] rasterises these once per size and
//! brightness level; nothing here runs per frame.

use std::f64::consts::{FRAC_PI_2, TAU};

use wasm_bindgen::JsValue;
use web_sys::CanvasRenderingContext2d;

use super::gradients::{Grad, Gradients};
use super::paint::Scratch;
use crate::color::Rgba;
use crate::glow::Glow;
use crate::layout::{BASE_BOTTOM, BASE_HALF_WIDTH};

/// Where the glass meets the screw base, in radii below the centre.
const NECK: f64 = 0.98;
/// Where the threaded part of the base ends.
const SCREW_END: f64 = 1.3;
/// Angle from straight down at which the globe turns into the neck.
const NECK_ANGLE: f64 = 0.78;

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
