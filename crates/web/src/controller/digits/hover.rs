//! The digits view's words: a bulb's equation with live numbers on hover,
//! the numbers table, and what a phase did.

use super::picture::Picture;
use super::task::Phase;
use lightbulb_core::digits::SIDE;
use lightbulb_core::Network;
use std::fmt::Write;

/// A bulb of the digits view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bulb {
    /// Input pixel `k` (row `k / 8`, column `k % 8`).
    Input(usize),
    /// Hidden neuron `j`.
    Hidden(usize),
    /// The output of digit `d`.
    Output(usize),
}

/// A number for reading: 3 decimals, a real minus sign, never NaN.
pub fn num(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let text = format!("{v:.3}");
    let text = if text == "-0.000" {
        "0.000".into()
    } else {
        text
    };
    text.replace('-', "−")
}

/// The 3 terms of `weights · inputs` largest in size, as "w·x + …".
fn largest_terms(weights: &[f64], inputs: &[f64]) -> String {
    let terms: Vec<(f64, f64)> = weights
        .iter()
        .copied()
        .zip(inputs.iter().copied())
        .collect();
    let mut largest = Vec::new();
    crate::digits_view::paint::strongest(terms.iter().map(|(w, x)| w * x), 3, &mut largest);
    let parts: Vec<String> = largest
        .iter()
        .filter_map(|&i| terms.get(i))
        .map(|(w, x)| format!("{}·{}", paren(w), num(*x)))
        .collect();
    parts.join(" + ")
}

fn paren(v: &f64) -> String {
    if *v < 0.0 {
        format!("({})", num(*v))
    } else {
        num(*v)
    }
}

/// The equation of `bulb` for the image of `picture`.
pub fn equation(picture: &Picture, network: &Network, bulb: Bulb) -> String {
    let layers = network.layers();
    match bulb {
        Bulb::Input(k) => {
            let x = picture.inputs.get(k).copied().unwrap_or(0.0);
            format!(
                "Pixel row {}, column {}: {} of 16 ink → x = {}",
                k / SIDE + 1,
                k % SIDE + 1,
                (x * 16.0).round(),
                num(x)
            )
        }
        Bulb::Hidden(j) => {
            let (Some(layer), Some(&z), Some(&a)) = (
                layers.first(),
                picture.hidden_z.get(j),
                picture.hidden.get(j),
            ) else {
                return format!("Hidden neuron {}: not computed yet", j + 1);
            };
            let w: Vec<f64> = layer.weights.row(j).to_vec();
            let b = layer.biases.get(j).copied().unwrap_or(0.0);
            let mut text = format!(
                "Hidden neuron {}: z = Σ₆₄ w·x + b = {} + … + {} = {} → {}(z) = {}",
                j + 1,
                largest_terms(&w, &picture.inputs),
                paren(&b),
                num(z),
                layer.activation.name(),
                num(a)
            );
            if let Some(d) = picture.hidden_delta.get(j) {
                let _ = write!(text, "; δ = {}", num(*d));
            }
            text
        }
        Bulb::Output(d) => {
            let (Some(layer), Some(&z), Some(&p)) =
                (layers.get(1), picture.out_z.get(d), picture.out.get(d))
            else {
                return format!("Output {d}: not computed yet");
            };
            let w: Vec<f64> = layer.weights.row(d).to_vec();
            let b = layer.biases.get(d).copied().unwrap_or(0.0);
            let mut text = format!(
                "Digit {d}: z = Σ w·a + b = {} + … + {} = {} → softmax: e^z ∕ Σ e^z = {} ({:.1} %)",
                largest_terms(&w, &picture.hidden),
                paren(&b),
                num(z),
                num(p),
                p * 100.0
            );
            if let Some(delta) = picture.out_delta.get(d) {
                let t = picture
                    .label
                    .map_or(0.0, |l| f64::from(u8::from(usize::from(l) == d)));
                let _ = write!(
                    text,
                    "; δ = p − t = {} − {} = {}",
                    num(p),
                    num(t),
                    num(*delta)
                );
            }
            text
        }
    }
}

/// The numbers panel: the hidden neurons' and the outputs' z, a and δ.
pub fn table(picture: &Picture) -> String {
    let mut out = String::with_capacity(4096);
    out.push_str(
        "<table class=\"numbers-table\"><caption>Hidden layer</caption><thead><tr>\
         <th scope=\"col\">neuron</th><th scope=\"col\">z</th><th scope=\"col\">a</th>\
         <th scope=\"col\">δ</th></tr></thead><tbody>",
    );
    for (j, (z, a)) in picture.hidden_z.iter().zip(&picture.hidden).enumerate() {
        let d = picture.hidden_delta.get(j).map_or("—".into(), |d| num(*d));
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{d}</td></tr>",
            j + 1,
            num(*z),
            num(*a)
        );
    }
    out.push_str(
        "</tbody></table><table class=\"numbers-table\"><caption>Outputs</caption><thead><tr>\
         <th scope=\"col\">digit</th><th scope=\"col\">z</th><th scope=\"col\">p</th>\
         <th scope=\"col\">δ</th></tr></thead><tbody>",
    );
    for (k, (z, p)) in picture.out_z.iter().zip(&picture.out).enumerate() {
        let d = picture.out_delta.get(k).map_or("—".into(), |d| num(*d));
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{k}</th><td>{}</td><td>{}</td><td>{d}</td></tr>",
            num(*z),
            num(*p)
        );
    }
    out.push_str("</tbody></table>");
    out
}

/// What a phase did, in words, with its numbers.
pub fn narrate(phase: Phase, picture: &Picture, batch: usize) -> String {
    let label = picture.label.map_or(String::new(), |l| format!(" (a {l})"));
    match phase {
        Phase::Forward(0) => format!(
            "Forward · hidden layer: each of the {} hidden neurons sums its 64 weighted pixels; \
             the bulbs show the batch's first image{label} of {batch}.",
            picture.hidden.len()
        ),
        Phase::Forward(_) => {
            let best = argmax(&picture.out);
            format!(
                "Forward · outputs: softmax turns the 10 sums into probabilities; the first \
                 image{label} gets {best} at {:.1} %.",
                picture.out.get(best).copied().unwrap_or(0.0) * 100.0
            )
        }
        Phase::Loss => format!(
            "Loss: the mean cross-entropy −ln p(true digit) over the batch of {batch} is {}.",
            picture.loss.map_or("—".into(), num)
        ),
        Phase::Backward(1) => format!(
            "Backward · outputs: δ = p − t for each digit; the true digit's δ is {}.",
            picture
                .label
                .and_then(|l| picture.out_delta.get(usize::from(l)))
                .map_or("—".into(), |d| num(*d))
        ),
        Phase::Backward(_) => format!(
            "Backward · hidden layer: δ flows back through the weights; the largest |δ| is {}.",
            num(picture
                .hidden_delta
                .iter()
                .fold(0.0, |m: f64, d| m.max(d.abs())))
        ),
        Phase::Update => {
            "Update: every weight moved against its gradient (mean over the batch).".into()
        }
    }
}

/// The digit the output bulbs mark as the network's answer: the largest
/// probability when it is shown ahead of every other at the 0.1 % the bulbs
/// show; `None` when the top is a tie as shown (an untrained network on a
/// blank pad gives 10.0 % to every digit) or there are no outputs.
pub fn shown_leader(probabilities: &[f64]) -> Option<usize> {
    let tenths = |p: f64| (p * 1000.0).round();
    let best = argmax(probabilities);
    let top = tenths(*probabilities.get(best)?);
    let ahead = probabilities
        .iter()
        .enumerate()
        .all(|(k, &p)| k == best || tenths(p) < top);
    ahead.then_some(best)
}

/// The index of the largest value (the first on a tie; 0 when empty).
pub fn argmax(values: &[f64]) -> usize {
    let mut best = (0, f64::NEG_INFINITY);
    for (k, &v) in values.iter().enumerate() {
        if v > best.1 {
            best = (k, v);
        }
    }
    best.0
}
