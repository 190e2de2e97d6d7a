//! The focused (hovered or selected) item: a highlight ring around a
//! neuron, and a small tooltip with its numbers.

use std::f64::consts::TAU;

use wasm_bindgen::JsValue;

use super::frame::Frame;
use super::number::push_value;
use super::paint::{css_space, text_width, Font, Scratch};
use crate::color::Rgba;
use crate::hit::Hit;
use crate::layout::{Point, BASE_BOTTOM};

const PANEL: Rgba = Rgba {
    r: 14.0,
    g: 17.0,
    b: 25.0,
    a: 0.9,
};
const BORDER: Rgba = Rgba {
    r: 150.0,
    g: 165.0,
    b: 200.0,
    a: 0.35,
};
const TEXT: Rgba = Rgba::rgb(226.0, 232.0, 242.0);

/// Up to three tooltip lines (a wire: w, this example's δ·a, the batch mean ∂L/∂w), built in the scratch text buffer as
/// "line1\nline2\nline3".
fn write_lines(f: &Frame, hit: Hit, buf: &mut String) {
    buf.clear();
    let s = f.scene;
    match hit {
        Hit::Neuron { layer, index } => {
            let a = s.a(layer).and_then(|v| v.get(index)).copied();
            if layer == 0 && !s.input_label(index).is_empty() {
                buf.push_str(s.input_label(index));
                buf.push_str(" = ");
            } else {
                buf.push_str("a = ");
            }
            push_value(buf, a.unwrap_or(0.0));
            if let Some(&z) = s.z(layer).and_then(|v| v.get(index)) {
                buf.push_str("\nz = ");
                push_value(buf, z);
            }
            if let Some(&d) = s.delta(layer).and_then(|v| v.get(index)) {
                if layer > 0 {
                    buf.push_str("\nδ = ");
                    push_value(buf, d);
                }
            }
        }
        Hit::Wire { layer, from, to } => {
            buf.push_str("w = ");
            push_value(buf, s.weight(layer, from, to).unwrap_or(0.0));
            let cols = s.sizes().get(layer).copied().unwrap_or(0);
            let a = s.a(layer).and_then(|v| v.get(from)).copied();
            let d = s.delta(layer + 1).and_then(|v| v.get(to)).copied();
            if let (Some(a), Some(d)) = (a, d) {
                buf.push_str("\nthis example: δ·a = ");
                push_value(buf, d * a);
            }
            if let Some(&g) = s.grad_w(layer).and_then(|v| v.get(to * cols + from)) {
                buf.push_str("\nbatch mean: ∂L/∂w = ");
                push_value(buf, g);
            }
        }
    }
}

/// Where the tooltip points to and how far above it should sit.
fn anchor(f: &Frame, hit: Hit) -> Option<(Point, f64)> {
    match hit {
        Hit::Neuron { layer, index } => {
            let c = f.layout.neuron(layer, index)?;
            Some((c, f.layout.radius() * 1.5 + 4.0))
        }
        Hit::Wire { layer, from, to } => Some((f.layout.wire(layer, from, to)?.point(0.5), 6.0)),
    }
}

/// Top-left corner of a `w` × `h` tooltip for `hit` anchored at `p`:
/// beside a neuron (right, else left) so its column stays visible, above a
/// wire (else below); always inside the canvas.
fn place(f: &Frame, hit: Hit, p: Point, lift: f64, w: f64, h: f64) -> (f64, f64) {
    let (cw, ch) = (f.layout.width(), f.layout.height());
    let (x, y) = match hit {
        Hit::Neuron { .. } => {
            let right = p.x + lift + 6.0;
            let x = if right + w <= cw - 2.0 {
                right
            } else {
                p.x - lift - 6.0 - w
            };
            (x, p.y - h * 0.5)
        }
        Hit::Wire { .. } => {
            let above = p.y - lift - h;
            (p.x - w * 0.5, if above >= 2.0 { above } else { p.y + lift })
        }
    };
    (
        x.clamp(2.0, (cw - w - 2.0).max(2.0)),
        y.clamp(2.0, (ch - h - 2.0).max(2.0)),
    )
}

/// Draws the focus ring and tooltip (CSS space expected).
pub fn draw_focus(f: &Frame, s: &mut Scratch, font: &mut Font) -> Result<(), JsValue> {
    let Some(hit) = f.focus else {
        return Ok(());
    };
    let Some((p, lift)) = anchor(f, hit) else {
        return Ok(());
    };
    let ctx = f.ctx;
    css_space(ctx, f.dpr)?;
    if let Hit::Neuron { .. } = hit {
        let r = f.layout.radius();
        s.stroke(ctx, Rgba::rgb(255.0, 255.0, 255.0).with_alpha(0.7));
        ctx.set_line_width(1.5);
        ctx.begin_path();
        ctx.ellipse(
            p.x,
            p.y + r * 0.2,
            r * 1.45,
            r * (1.0 + BASE_BOTTOM) * 0.66,
            0.0,
            0.0,
            TAU,
        )?;
        ctx.stroke();
    }

    write_lines(f, hit, &mut s.text);
    let size = (f.layout.value_font() + 1.0)
        .clamp(10.0, 14.0)
        .max(f.layout.min_font());
    let line_h = size * 1.3;
    let lines = s.text.split('\n').count() as f64;
    let w = s
        .text
        .split('\n')
        .map(|l| text_width(l, size))
        .fold(0.0, f64::max)
        + 16.0;
    let h = lines * line_h + 10.0;
    let (x, y) = place(f, hit, p, lift, w, h);
    s.fill(ctx, PANEL);
    ctx.begin_path();
    ctx.round_rect_with_f64(x, y, w, h, 6.0)?;
    ctx.fill();
    s.stroke(ctx, BORDER);
    ctx.set_line_width(1.0);
    ctx.stroke();
    font.apply(ctx, size, 500);
    ctx.set_text_align("left");
    ctx.set_text_baseline("middle");
    s.fill(ctx, TEXT);
    for (k, line) in s.text.split('\n').enumerate() {
        ctx.fill_text(line, x + 8.0, y + 5.0 + line_h * (k as f64 + 0.5))?;
    }
    Ok(())
}
