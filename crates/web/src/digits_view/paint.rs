//! Paints the digits view on its canvas: wires (the strongest few per
//! neuron, all of a hovered neuron's), the 8 × 8 input bulbs, each hidden
//! neuron's weights as an 8 × 8 picture and its bulb, and the 10 output
//! bulbs with their digit and probability. δ shows as a ring during a step.

use super::layout::DigitsLayout;
use crate::color::{grad_color, weight_color, wire_width, Rgba};
use crate::controller::digits::hover::{shown_leader, Bulb};
use crate::controller::digits::task::DigitsTask;
use crate::glow::{glow, glow_normalized, ActivationKind};
use crate::plot::canvas::{circle, Pen};
use lightbulb_core::digits::{CLASSES, PIXELS, SIDE};
use std::fmt::Write;
use wasm_bindgen::JsValue;
use web_sys::CanvasRenderingContext2d;

/// Wires drawn into each neuron when it is not hovered.
pub const STRONGEST: usize = 3;

/// The view's background (projector mode makes text legible against it).
pub const BACKGROUND: Rgba = Rgba::rgb(16.0, 18.0, 26.0);
const CELL: Rgba = Rgba::rgb(8.0, 9.0, 14.0);
const TEXT: Rgba = Rgba::rgb(214.0, 222.0, 236.0);
const MUTED: Rgba = Rgba::rgb(150.0, 160.0, 182.0);
const HOVER: Rgba = Rgba::rgb(255.0, 255.0, 255.0);

/// The indices of the `n` largest |values| (fewer when there are fewer),
/// largest first, the earlier of equal ones first (what a stable sort from
/// largest down gives). Picked one by one: `n` is small (the page asks for
/// [`STRONGEST`]), and no sort is instantiated for it (issue 13: the wasm's
/// size).
pub fn strongest(values: impl Iterator<Item = f64>, n: usize, out: &mut Vec<usize>) {
    out.clear();
    let all: Vec<f64> = values.map(f64::abs).collect();
    let mut taken = vec![false; all.len()];
    while out.len() < n.min(all.len()) {
        let mut best: Option<(usize, f64)> = None;
        for (i, (&v, &t)) in all.iter().zip(&taken).enumerate() {
            if !t && best.is_none_or(|(_, b)| v.total_cmp(&b).is_gt()) {
                best = Some((i, v));
            }
        }
        let Some((i, _)) = best else { break };
        if let Some(t) = taken.get_mut(i) {
            *t = true;
        }
        out.push(i);
    }
}

/// Largest |v| (at least a tiny positive number, so it can divide).
fn max_abs<'a>(values: impl Iterator<Item = &'a f64>) -> f64 {
    values.fold(
        1e-9,
        |m: f64, v| if v.is_finite() { m.max(v.abs()) } else { m },
    )
}

/// Paints the whole view of `task` with `hover` highlighted.
pub fn paint(
    ctx: &CanvasRenderingContext2d,
    pen: &mut Pen,
    l: &DigitsLayout,
    task: &DigitsTask,
    hover: Option<Bulb>,
) -> Result<(), JsValue> {
    pen.fill(ctx, BACKGROUND);
    ctx.fill_rect(0.0, 0.0, l.w, l.h);
    let layers = task.network().layers();
    let (Some(first), Some(second)) = (layers.first(), layers.get(1)) else {
        return Ok(());
    };
    let pic = task.picture();
    let w1 = &first.weights;
    let w2 = &second.weights;
    let scale1 = max_abs(w1.iter());
    let scale2 = max_abs(w2.iter());
    let hidden = first.neurons();
    let mut picked = Vec::new();
    ctx.set_line_cap("round");

    // Input → hidden wires, into the left edge of each weight picture.
    for j in 0..hidden {
        let all = matches!(hover, Some(Bulb::Hidden(h)) if h == j);
        picked.clear();
        if all {
            picked.extend(0..PIXELS);
        } else {
            strongest(w1.row(j).iter().copied(), STRONGEST, &mut picked);
            if let Some(Bulb::Input(k)) = hover {
                picked.clear();
                picked.push(k);
            }
        }
        let (px, py) = l.picture_at(j);
        for &k in &picked {
            let w = w1.get((j, k)).copied().unwrap_or(0.0);
            let (x, y) = l.input(k);
            line(ctx, pen, (x, y), (px, py + l.picture / 2.0), w, scale1)?;
        }
    }
    // Hidden → output wires.
    for d in 0..CLASSES {
        picked.clear();
        match hover {
            Some(Bulb::Output(o)) if o == d => picked.extend(0..hidden),
            Some(Bulb::Hidden(j)) => picked.push(j),
            _ => strongest(w2.row(d).iter().copied(), STRONGEST, &mut picked),
        }
        let to = l.output(d);
        for &j in &picked {
            let w = w2.get((d, j)).copied().unwrap_or(0.0);
            line(
                ctx,
                pen,
                l.hidden(j),
                (to.0 - l.out_r - 18.0, to.1),
                w,
                scale2,
            )?;
        }
    }

    // Input bulbs: the image.
    pen.fill(ctx, CELL);
    ctx.fill_rect(
        l.grid.0,
        l.grid.1,
        l.cell * SIDE as f64,
        l.cell * SIDE as f64,
    );
    for (k, &x) in pic.inputs.iter().enumerate() {
        let (cx, cy) = l.input(k);
        bulb(ctx, pen, cx, cy, l.cell * 0.42, glow_normalized(x).glass)?;
    }

    // Each hidden neuron: its incoming weights as an 8 × 8 picture, and its bulb.
    for j in 0..hidden {
        let (px, py) = l.picture_at(j);
        let px_side = l.picture / SIDE as f64;
        let row = w1.row(j);
        let scale = max_abs(row.iter());
        pen.fill(ctx, CELL);
        ctx.fill_rect(px, py, l.picture, l.picture);
        for (k, &w) in row.iter().enumerate() {
            pen.fill(ctx, weight_color(w, scale).with_alpha(1.0));
            let (r, c) = ((k / SIDE) as f64, (k % SIDE) as f64);
            ctx.fill_rect(px + c * px_side, py + r * px_side, px_side, px_side);
        }
        let (x, y) = l.hidden(j);
        let a = pic.hidden.get(j).copied().unwrap_or(0.0);
        bulb(
            ctx,
            pen,
            x,
            y,
            l.hidden_r,
            glow(a, ActivationKind::Tanh, 1.0).glass,
        )?;
        if let Some(&d) = pic.hidden_delta.get(j) {
            ring(
                ctx,
                pen,
                x,
                y,
                l.hidden_r + 2.5,
                grad_color(d, max_abs(pic.hidden_delta.iter())),
            )?;
        }
    }

    // Outputs with their digit and probability.
    let best = shown_leader(&pic.out);
    let font = (l.out_r * 1.1).clamp(10.0, 16.0);
    for d in 0..CLASSES {
        let (x, y) = l.output(d);
        let p = pic.out.get(d).copied();
        let color = glow(p.unwrap_or(0.0), ActivationKind::Softmax, 1.0).glass;
        bulb(ctx, pen, x, y, l.out_r, color)?;
        if let Some(&delta) = pic.out_delta.get(d) {
            ring(ctx, pen, x, y, l.out_r + 3.0, grad_color(delta, 1.0))?;
        }
        let strong = best == Some(d);
        pen.font(ctx, font, if strong { 700 } else { 500 });
        pen.text_fill(ctx, if strong { TEXT } else { MUTED });
        ctx.set_text_baseline("middle");
        ctx.set_text_align("right");
        pen.text.clear();
        let _ = write!(pen.text, "{d}");
        pen.fill_text(ctx, x - l.out_r - 6.0, y)?;
        ctx.set_text_align("left");
        pen.text.clear();
        match p {
            Some(p) => {
                let _ = write!(pen.text, "{:.1} %", p * 100.0);
            }
            None => pen.text.push('—'),
        }
        pen.fill_text(ctx, x + l.out_r + 6.0, y)?;
    }

    // Column titles.
    pen.font(ctx, 12.0, 600);
    pen.text_fill(ctx, MUTED);
    ctx.set_text_baseline("alphabetic");
    let titles = [
        (l.grid.0, "left", "64 pixels".to_string()),
        (l.hidden_x + l.hidden_r, "right", format!("{hidden} hidden")),
        (l.w - 10.0, "right", "10 digits".to_string()),
    ];
    for (x, align, title) in titles {
        ctx.set_text_align(align);
        pen.text.clear();
        pen.text.push_str(&title);
        pen.fill_text(ctx, x, l.title - 7.0)?;
    }
    ctx.set_text_align("left");

    // The hovered bulb.
    let spot = match hover {
        Some(Bulb::Input(k)) if k < PIXELS => Some((l.input(k), l.cell * 0.5)),
        Some(Bulb::Hidden(j)) if j < hidden => Some((l.hidden(j), l.hidden_r + 4.0)),
        Some(Bulb::Output(d)) if d < CLASSES => Some((l.output(d), l.out_r + 5.0)),
        _ => None,
    };
    if let Some(((x, y), r)) = spot {
        ring(ctx, pen, x, y, r, HOVER)?;
    }
    Ok(())
}

fn line(
    ctx: &CanvasRenderingContext2d,
    pen: &mut Pen,
    from: (f64, f64),
    to: (f64, f64),
    w: f64,
    scale: f64,
) -> Result<(), JsValue> {
    pen.stroke(ctx, weight_color(w, scale));
    ctx.set_line_width(wire_width(w, scale).min(3.0));
    ctx.begin_path();
    ctx.move_to(from.0, from.1);
    ctx.line_to(to.0, to.1);
    ctx.stroke();
    Ok(())
}

fn bulb(
    ctx: &CanvasRenderingContext2d,
    pen: &mut Pen,
    x: f64,
    y: f64,
    r: f64,
    glass: Rgba,
) -> Result<(), JsValue> {
    pen.fill(ctx, glass);
    ctx.begin_path();
    circle(ctx, x, y, r)?;
    ctx.fill();
    Ok(())
}

fn ring(
    ctx: &CanvasRenderingContext2d,
    pen: &mut Pen,
    x: f64,
    y: f64,
    r: f64,
    color: Rgba,
) -> Result<(), JsValue> {
    pen.stroke(ctx, color);
    ctx.set_line_width(2.0);
    ctx.begin_path();
    circle(ctx, x, y, r)?;
    ctx.stroke();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strongest_picks_the_largest_magnitudes() {
        let mut out = Vec::new();
        strongest([0.1, -0.9, 0.5, 0.0, 0.7].into_iter(), 3, &mut out);
        assert_eq!(out, vec![1, 4, 2]);
        strongest([0.1].into_iter(), 3, &mut out);
        assert_eq!(out, vec![0]);
    }

    /// The same indices as the stable sort it replaced, ties and NaNs too.
    #[test]
    fn strongest_is_a_stable_sort_from_largest_down() {
        let pool = [
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.0,
            -2.0,
            f64::NAN,
            f64::INFINITY,
            3.0,
        ];
        let mut seed = 13u64;
        let mut out = Vec::new();
        for case in 0..2000 {
            let len = case % 12;
            let values: Vec<f64> = (0..len)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    pool[(seed >> 33) as usize % pool.len()]
                })
                .collect();
            let mut sorted: Vec<usize> = (0..len).collect();
            sorted.sort_by(|&a, &b| values[b].abs().total_cmp(&values[a].abs()));
            for n in [0, 1, 3, 5, 20] {
                strongest(values.iter().copied(), n, &mut out);
                assert_eq!(out, sorted[..n.min(len)], "{values:?}, n = {n}");
            }
        }
    }
}
