//! The digits results panel as HTML: test accuracy, the confusion matrix
//! and the misclassified test images (buttons that load one as the input).

use lightbulb_core::digits::{DigitImage, Evaluation, MAX_PIXEL, SIDE};
use std::fmt::Write;

/// Most misclassified images listed (the rest are counted).
pub const MAX_MISSES: usize = 40;

/// The panel for `evaluation` of the `test` images.
pub fn html(evaluation: &Evaluation, test: &[DigitImage]) -> String {
    let m = &evaluation.confusion;
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        "<p class=\"digits-accuracy\">Test accuracy: <b id=\"digits-accuracy\">{:.1} %</b> \
         ({} of {} right)</p>",
        evaluation.accuracy() * 100.0,
        m.correct(),
        m.total()
    );
    out.push_str(
        "<table class=\"confusion\" id=\"confusion\"><caption>Confusion matrix: a row for each \
         true digit, a column for each answer</caption><thead><tr><th scope=\"col\">true ↓ answer →</th>",
    );
    for p in 0..m.classes() {
        let _ = write!(out, "<th scope=\"col\">{p}</th>");
    }
    out.push_str("</tr></thead><tbody>");
    for a in 0..m.classes() {
        let row = m.row(a);
        let total: u32 = row.iter().sum();
        let _ = write!(out, "<tr><th scope=\"row\">{a}</th>");
        for (p, &count) in row.iter().enumerate() {
            let share = if total > 0 {
                f64::from(count) / f64::from(total)
            } else {
                0.0
            };
            let class = if a == p { "hit" } else { "miss" };
            // The share of the row in tenths, for the cell's shade (no inline style: CSP).
            let tenths = (share * 10.0).round() as u32;
            let _ = write!(
                out,
                "<td class=\"{class} s{tenths}\" data-a=\"{a}\" data-p=\"{p}\">{count}</td>"
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    let misses = &evaluation.misclassified;
    let _ = write!(
        out,
        "<h3 class=\"misses-title\">Misclassified test images ({}): click one to load it</h3>\
         <div class=\"misses\" id=\"misses\">",
        misses.len()
    );
    for &k in misses.iter().take(MAX_MISSES) {
        let (Some(image), Some(&answer)) = (test.get(k), evaluation.predictions.get(k)) else {
            continue;
        };
        let _ = write!(
            out,
            "<button type=\"button\" class=\"miss-image\" data-test=\"{k}\" \
             aria-label=\"Test image {k}: a {label}, answered {answer}\" \
             title=\"Test image {k}: a {label}, answered {answer}\">",
            label = image.label
        );
        svg(&mut out, &image.pixels);
        let _ = write!(out, "<span>{} → {answer}</span></button>", image.label);
    }
    if misses.len() > MAX_MISSES {
        let _ = write!(
            out,
            "<p class=\"muted\">and {} more</p>",
            misses.len() - MAX_MISSES
        );
    }
    out.push_str("</div>");
    out
}

/// An 8 × 8 image as a small SVG: one square per inked pixel, its opacity
/// the pixel's value.
pub fn svg(out: &mut String, pixels: &[u8]) {
    out.push_str("<svg viewBox=\"0 0 8 8\" aria-hidden=\"true\"><rect width=\"8\" height=\"8\" fill=\"#000\"/>");
    for (i, &p) in pixels.iter().enumerate() {
        if p > 0 {
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"1\" height=\"1\" fill=\"#fff\" fill-opacity=\"{:.3}\"/>",
                i % SIDE,
                i / SIDE,
                f64::from(p) / f64::from(MAX_PIXEL)
            );
        }
    }
    out.push_str("</svg>");
}
