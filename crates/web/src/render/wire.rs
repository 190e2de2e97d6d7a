//! Wires: weight colour and width, the ∂L/∂w overlay during backprop, and
//! the highlight of wires touching the focused item.

use wasm_bindgen::JsValue;
use web_sys::CanvasRenderingContext2d;

use super::frame::Frame;
use super::paint::Scratch;
use super::timing;
use crate::color::{grad_color, weight_color, wire_width, Rgba};
use crate::layout::Bezier;

/// Strokes one Bézier curve (CSS space).
pub fn stroke_curve(ctx: &CanvasRenderingContext2d, c: &Bezier) {
    ctx.begin_path();
    ctx.move_to(c.p0.x, c.p0.y);
    ctx.bezier_curve_to(c.p1.x, c.p1.y, c.p2.x, c.p2.y, c.p3.x, c.p3.y);
    ctx.stroke();
}

/// Opacity factor for a wire given the focus: wires touching the focused
/// item keep full strength, the others recede.
fn focus_factor(in_focus: Option<bool>) -> f64 {
    match in_focus {
        Some(false) => 0.28,
        _ => 1.0,
    }
}

/// Draws every wire coloured and sized by its (shown) weight.
pub fn draw_wires(f: &Frame, s: &mut Scratch) -> Result<(), JsValue> {
    let ctx = f.ctx;
    for m in 0..f.layout.layer_count().saturating_sub(1) {
        let Some(ws) = f.scene.weights(m) else {
            continue;
        };
        let presence = timing::wire_presence(f.scene.phase, f.t, m);
        let density = f.wire_density(m);
        let thin = 0.55 + 0.45 * density;
        for wr in f.wires(m) {
            let Some(&w) = ws.get(wr.k) else {
                continue;
            };
            let w = f.shown_weight(m, wr.k, w);
            let c = weight_color(w, f.w_scale);
            let alpha = c.a * presence * density * focus_factor(f.wire_in_focus(m, wr.from, wr.to));
            s.stroke(ctx, c.with_alpha(alpha));
            ctx.set_line_width(wire_width(w, f.w_scale) * thin);
            stroke_curve(ctx, &f.layout.wire_between(wr.a, wr.b));
        }
    }
    Ok(())
}

/// Overlays ∂L/∂w on the wires already reached by backprop: a glowing
/// magenta (positive) or mint (negative) line over the weight colour,
/// its width following |∂L/∂w|.
pub fn draw_grad_overlay(f: &Frame, s: &mut Scratch) -> Result<(), JsValue> {
    let ctx = f.ctx;
    for m in 0..f.layout.layer_count().saturating_sub(1) {
        let strength = timing::grad_overlay(f.scene.phase, f.t, m);
        let Some(gs) = f.scene.grad_w(m) else {
            continue;
        };
        if strength <= 0.0 {
            continue;
        }
        let density = f.wire_density(m).sqrt();
        for wr in f.wires(m) {
            let Some(&g) = gs.get(wr.k) else {
                continue;
            };
            let c = grad_color(g, f.g_scale);
            let mag = (g / f.g_scale).abs().min(1.0);
            if mag < 0.02 {
                continue;
            }
            let focus = focus_factor(f.wire_in_focus(m, wr.from, wr.to));
            s.stroke(ctx, c.with_alpha(c.a * 0.85 * strength * focus * density));
            ctx.set_line_width((0.8 + 3.2 * mag.sqrt()) * density);
            stroke_curve(ctx, &f.layout.wire_between(wr.a, wr.b));
        }
    }
    Ok(())
}

/// Redraws the wires touching the focused item on top, with a soft white
/// underglow so they stand out from the rest.
pub fn draw_focus_wires(f: &Frame, s: &mut Scratch) -> Result<(), JsValue> {
    if f.focus.is_none() {
        return Ok(());
    }
    let ctx = f.ctx;
    for m in 0..f.layout.layer_count().saturating_sub(1) {
        let Some(ws) = f.scene.weights(m) else {
            continue;
        };
        for wr in f.wires(m) {
            if f.wire_in_focus(m, wr.from, wr.to) != Some(true) {
                continue;
            }
            let Some(&w) = ws.get(wr.k) else {
                continue;
            };
            let w = f.shown_weight(m, wr.k, w);
            let curve = f.layout.wire_between(wr.a, wr.b);
            let width = wire_width(w, f.w_scale);
            s.stroke(ctx, Rgba::rgb(255.0, 255.0, 255.0).with_alpha(0.22));
            ctx.set_line_width(width + 4.0);
            stroke_curve(ctx, &curve);
            let c = weight_color(w, f.w_scale);
            s.stroke(ctx, c.with_alpha(0.5 + 0.5 * c.a));
            ctx.set_line_width(width.max(1.2));
            stroke_curve(ctx, &curve);
        }
    }
    Ok(())
}
