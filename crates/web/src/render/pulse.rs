//! Pulses travelling along wires: the signal w·a flowing forward into the
//! layer being computed, and ∂L/∂w flowing back during backprop.

use wasm_bindgen::JsValue;
use web_sys::CanvasRenderingContext2d;

use super::frame::Frame;
use super::gradients::{Grad, Gradients};
use super::paint::device_space;
use super::sprites::paint_disc;
use super::timing;
use crate::layout::Curve;
use crate::offscreen::{self, Offscreen};
use crate::scene::Phase;

/// Radius in pixels of the pulse images (pulses are at most about 20 CSS px
/// across, so this is sharp up to a pixel ratio of 3).
const SPRITE_R: f64 = 32.0;

/// The four pulse glows (warm, cool, gradient +, gradient −) as images,
/// drawn once and scaled per pulse.
#[derive(Debug, Default)]
pub struct PulseSprites {
    images: [Option<Offscreen>; 4],
    grads: Gradients,
}

/// The image slot of a pulse gradient.
fn slot(key: Grad) -> usize {
    match key {
        Grad::PulseCool => 1,
        Grad::PulseGradPos => 2,
        Grad::PulseGradNeg => 3,
        _ => 0,
    }
}

impl PulseSprites {
    /// Draws the `key` glow centred at device pixel (`x`, `y`) with radius
    /// `r` device pixels (device space; the caller sets alpha and
    /// composite).
    fn draw(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        key: Grad,
        x: f64,
        y: f64,
        r: f64,
    ) -> Result<(), JsValue> {
        let Some(image) = self.images.get_mut(slot(key)) else {
            return Ok(());
        };
        if image.is_none() {
            paint_disc(offscreen::lazy(image)?, &mut self.grads, key, SPRITE_R)?;
        }
        if let Some(image) = image {
            ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
                &image.canvas,
                x - r,
                y - r,
                2.0 * r,
                2.0 * r,
            )?;
        }
        Ok(())
    }
}

/// Trail of a pulse: (offset behind the head along the wire, size, alpha).
const TRAIL: [(f64, f64, f64); 3] = [(0.0, 1.0, 1.0), (0.045, 0.7, 0.45), (0.09, 0.45, 0.2)];

/// Draws one pulse with its trail at curve parameter `p`, moving towards
/// increasing (`forward`) or decreasing parameter.
fn draw_pulse(
    f: &Frame,
    g: &mut PulseSprites,
    curve: &Curve,
    p: f64,
    forward: bool,
    key: Grad,
    magnitude: f64,
) -> Result<(), JsValue> {
    let ctx = f.ctx;
    let m = magnitude.clamp(0.0, 1.0).sqrt();
    let size = (1.6 + 4.4 * m) * (f.layout.radius() / 14.0).clamp(0.6, 1.4);
    for (back, scale, alpha) in TRAIL {
        let q = if forward { p - back } else { p + back };
        if !(0.0..=1.0).contains(&q) {
            continue;
        }
        ctx.set_global_alpha((0.3 + 0.7 * m) * alpha);
        let c = curve.point(q);
        let r = size * 2.2 * scale * f.dpr;
        g.draw(ctx, key, c.x * f.dpr, c.y * f.dpr, r)?;
    }
    Ok(())
}

/// Draws the pulses of the current phase (none outside Forward/Backward).
pub fn draw_pulses(f: &Frame, g: &mut PulseSprites) -> Result<(), JsValue> {
    let (matrix, forward) = match f.scene.phase {
        Phase::Forward(l) if l > 0 => (l - 1, true),
        Phase::Backward(l) if l > 0 => (l - 1, false),
        _ => return Ok(()),
    };
    let ctx = f.ctx;
    let Some(ws) = f.scene.weights(matrix) else {
        return Ok(());
    };
    let n_right = f.layout.layer(matrix + 1).len();
    device_space(ctx)?;
    ctx.set_global_composite_operation("lighter")?;
    if forward {
        let a = f.scene.a(matrix).unwrap_or(&[]);
        // Scale signals by the largest |w·a| into this layer.
        let scale = f
            .wires(matrix)
            .map(|wr| signal(ws, a, wr.k, wr.from))
            .fold(0.0, |acc: f64, s| acc.max(s.abs()));
        for wr in f.wires(matrix) {
            let Some(p) = timing::forward_pulse(f.t, wr.to, n_right) else {
                continue;
            };
            let s = signal(ws, a, wr.k, wr.from);
            let key = if s < 0.0 {
                Grad::PulseCool
            } else {
                Grad::PulseWarm
            };
            let mag = if scale > 0.0 { s.abs() / scale } else { 0.0 };
            let curve = f.layout.wire_between(wr.a, wr.b);
            draw_pulse(f, g, &curve, timing::ease(p), true, key, mag)?;
        }
    } else {
        let gs = f.scene.grad_w(matrix);
        let deltas = f.scene.delta(matrix + 1);
        for wr in f.wires(matrix) {
            let Some(p) = timing::backward_pulse(f.t, wr.to, n_right) else {
                continue;
            };
            // Prefer ∂L/∂w; fall back to δ of the sending neuron.
            let (v, scale) = match (
                gs.and_then(|x| x.get(wr.k)),
                deltas.and_then(|d| d.get(wr.to)),
            ) {
                (Some(&gv), _) => (gv, f.g_scale),
                (None, Some(&dv)) => (dv, f.d_scale),
                (None, None) => (0.0, 1.0),
            };
            let key = if v < 0.0 {
                Grad::PulseGradNeg
            } else {
                Grad::PulseGradPos
            };
            let mag = if v.is_finite() {
                (v / scale).abs()
            } else {
                0.0
            };
            let curve = f.layout.wire_between(wr.a, wr.b);
            draw_pulse(f, g, &curve, 1.0 - timing::ease(p), false, key, mag)?;
        }
    }
    ctx.set_global_alpha(1.0);
    ctx.set_global_composite_operation("source-over")?;
    Ok(())
}

/// The signal w·a carried by entry `k` (from input `from`); 0 if missing
/// or not finite.
fn signal(ws: &[f64], a: &[f64], k: usize, from: usize) -> f64 {
    let s = ws.get(k).copied().unwrap_or(0.0) * a.get(from).copied().unwrap_or(0.0);
    if s.is_finite() {
        s
    } else {
        0.0
    }
}
