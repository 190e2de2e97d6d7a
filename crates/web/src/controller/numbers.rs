//! The "Show numbers" table and the hover read-outs: every number of the
//! view as text (also the accessible alternative to the canvas).

use super::narrate::num;
use crate::scene::Scene;
use lightbulb_core::{Activation, Network, Trace};
use std::fmt::Write;

/// The table of every layer's activations, deltas, biases and weights, as HTML.
/// `scene` holds what is on screen (one example's values).
pub fn table(scene: &Scene, network: &Network, out: &mut String) {
    out.clear();
    let sizes = scene.sizes();
    for (l, &n) in sizes.iter().enumerate() {
        let title = if l == 0 {
            "Inputs".to_string()
        } else if l + 1 == sizes.len() {
            format!(
                "Output ({})",
                network
                    .layers()
                    .get(l - 1)
                    .map_or("", |x| x.activation.name())
            )
        } else {
            format!(
                "Layer {l} ({})",
                network
                    .layers()
                    .get(l - 1)
                    .map_or("", |x| x.activation.name())
            )
        };
        let _ = write!(out, "<table class=\"layer\" data-layer=\"{l}\"><caption>{title}</caption><thead><tr><th scope=\"col\">neuron</th><th scope=\"col\">a</th>");
        if l > 0 {
            out.push_str(
                "<th scope=\"col\">z</th><th scope=\"col\">δ</th><th scope=\"col\">b</th>",
            );
            let cols = sizes.get(l - 1).copied().unwrap_or(0);
            for i in 0..cols {
                let _ = write!(out, "<th scope=\"col\">w←{}</th>", i + 1);
            }
            if scene.grad_w(l - 1).is_some() {
                for i in 0..cols {
                    let _ = write!(
                        out,
                        "<th scope=\"col\" title=\"batch mean of δ·a\">∂L/∂w←{}</th>",
                        i + 1
                    );
                }
            }
        }
        out.push_str("</tr></thead><tbody>");
        for j in 0..n {
            let name = if l == 0 {
                scene.input_label(j).to_string()
            } else {
                (j + 1).to_string()
            };
            let a = scene.a(l).and_then(|v| v.get(j)).copied();
            let _ = write!(
                out,
                "<tr><th scope=\"row\">{name}</th><td data-a=\"{l},{j}\">{}</td>",
                opt(a)
            );
            if l > 0 {
                let z = scene.z(l).and_then(|v| v.get(j)).copied();
                let d = scene.delta(l).and_then(|v| v.get(j)).copied();
                let b = network
                    .layers()
                    .get(l - 1)
                    .and_then(|x| x.biases.get(j))
                    .copied();
                let _ = write!(
                    out,
                    "<td>{}</td><td data-d=\"{l},{j}\">{}</td><td>{}</td>",
                    opt(z),
                    opt(d),
                    opt(b)
                );
                if let Some(layer) = network.layers().get(l - 1) {
                    if let Some(row) = layer.weights.rows().into_iter().nth(j) {
                        for (i, w) in row.iter().enumerate() {
                            let _ =
                                write!(out, "<td data-w=\"{},{j},{i}\">{}</td>", l - 1, num(*w));
                        }
                    }
                }
                let cols = sizes.get(l - 1).copied().unwrap_or(0);
                if let Some(g) = scene.grad_w(l - 1) {
                    let row = g.get(j * cols..(j + 1) * cols).unwrap_or(&[]);
                    for (i, v) in row.iter().enumerate() {
                        let _ = write!(out, "<td data-g=\"{},{j},{i}\">{}</td>", l - 1, num(*v));
                    }
                }
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
    }
}

fn opt(v: Option<f64>) -> String {
    v.map_or_else(|| "·".to_string(), num)
}

fn paren(v: f64) -> String {
    if v < 0.0 {
        format!("({})", num(v))
    } else {
        num(v)
    }
}

/// `z = 0.41·0.73 + (−1.2)·0.05 + 0.1 = 0.339 → tanh(z) = 0.327`, plus δ if shown.
pub fn neuron_equation(scene: &Scene, network: &Network, layer: usize, index: usize) -> String {
    if layer == 0 {
        let a = scene
            .a(0)
            .and_then(|v| v.get(index))
            .copied()
            .unwrap_or(0.0);
        return format!("input {} = {}", scene.input_label(index), num(a));
    }
    let Some(l) = network.layers().get(layer - 1) else {
        return String::new();
    };
    let Some(row) = l.weights.rows().into_iter().nth(index) else {
        return String::new();
    };
    let inputs = scene.a(layer - 1).unwrap_or(&[]);
    let mut s = String::from("z = ");
    for (i, (w, a)) in row.iter().zip(inputs).enumerate() {
        if i > 0 {
            s.push_str(" + ");
        }
        let _ = write!(s, "{}·{}", paren(*w), paren(*a));
    }
    let b = l.biases.get(index).copied().unwrap_or(0.0);
    let z = row.iter().zip(inputs).map(|(w, a)| w * a).sum::<f64>() + b;
    let a = scene
        .a(layer)
        .and_then(|v| v.get(index))
        .copied()
        .unwrap_or(0.0);
    let f = match l.activation {
        Activation::Softmax => "softmax",
        other => other.name(),
    };
    let _ = write!(s, " + {} = {} → {f}(z) = {}", paren(b), num(z), num(a));
    if let Some(d) = scene.delta(layer).and_then(|v| v.get(index)) {
        let _ = write!(s, "; δ = ∂L/∂z = {}", num(*d));
    }
    s
}

/// `w`; this example's share `δⱼ·aᵢ` with both factors; the batch mean
/// `∂L/∂w` (what the update uses, regularization included when `regularized`);
/// and the last Δw. Every gradient is labelled with what it is of.
pub fn wire_text(
    scene: &Scene,
    trace: &Trace,
    network: &Network,
    regularized: bool,
    wire: (usize, usize, usize),
) -> String {
    let (m, from, to) = wire;
    let Some(w) = network
        .layers()
        .get(m)
        .and_then(|l| l.weights.get((to, from)))
        .copied()
    else {
        return String::new();
    };
    let mut s = format!(
        "w = {} (from {} to neuron {} of the next layer)",
        num(w),
        from + 1,
        to + 1
    );
    let a = scene.a(m).and_then(|v| v.get(from)).copied();
    let d = scene.delta(m + 1).and_then(|v| v.get(to)).copied();
    let rows = trace.rows();
    if let (Some(a), Some(d)) = (a, d) {
        let whole = if rows == 1 { " (the whole batch)" } else { "" };
        let _ = write!(
            s,
            " · this example{whole}: δ·a = {}·{} = {}",
            paren(d),
            paren(a),
            num(d * a)
        );
        if let Some(g) = trace.grad_w(m).and_then(|g| g.get((to, from)).copied()) {
            let with = if regularized {
                ", with the regularization term"
            } else {
                ""
            };
            let over = if rows == 1 {
                String::new()
            } else {
                format!(" of {rows} examples")
            };
            let _ = write!(s, " · batch mean{over}{with}: ∂L/∂w = {}", num(g));
        }
    }
    if let Some(dw) = trace.delta_w(m).and_then(|g| g.get((to, from)).copied()) {
        let _ = write!(s, " · last update Δw = {}", num(dw));
    }
    s
}
