//! The dataset picker's live thumbnails: a few hundred points (made by
//! [`crate::controller::preview`]) in the data plot's colours, drawn small
//! on each picker button's canvas.
//!
//! The maths (square, radius, colours) is in plain functions tested
//! natively; [`draw_preview`] only paints.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::canvas::{circle, Pen};
use super::geometry::PlotRect;
use super::palette::{class_color, NEUTRAL};
use super::points::point_color;
use crate::color::Rgba;
use crate::scene::plot::{DataPoint, Labels, PlotPoints};

/// CSS size used when the canvas is not laid out (e.g. hidden).
pub const FALLBACK_CSS: f64 = 48.0;
/// Inset of the point square from the canvas edge, as a share of the side.
const INSET: f64 = 0.06;
/// The thin dark edge that keeps touching points apart.
const EDGE: Rgba = Rgba {
    r: 6.0,
    g: 8.0,
    b: 12.0,
    a: 0.55,
};

/// The point square of a `w` × `h` CSS-px thumbnail: the largest centred
/// square, inset a little so that edge points stay whole. Non-finite or
/// negative sizes give an empty square at the origin.
pub fn preview_rect(w: f64, h: f64) -> PlotRect {
    let pos = |v: f64| if v.is_finite() { v.max(0.0) } else { 0.0 };
    let (w, h) = (pos(w), pos(h));
    let full = w.min(h);
    let side = full * (1.0 - 2.0 * INSET);
    PlotRect {
        left: (w - side) / 2.0,
        top: (h - side) / 2.0,
        side,
    }
}

/// Point radius in CSS px for a square of `side` px: ~1.3 px on a 48 px
/// button, so a few hundred points still show the shape.
pub fn preview_radius(side: f64) -> f64 {
    if side.is_finite() {
        (side / 36.0).clamp(0.8, 2.5)
    } else {
        0.8
    }
}

/// The backing-store size in device px of `css` CSS px at `dpr` (clamped
/// to 1..=3, NaN → 1), at least 1 px; a zero or non-finite `css` uses
/// [`FALLBACK_CSS`]. Returns (CSS px used, device px).
pub fn backing_size(css: f64, dpr: f64) -> (f64, u32) {
    let css = if css.is_finite() && css >= 1.0 {
        css.min(4096.0)
    } else {
        FALLBACK_CSS
    };
    let dpr = if dpr.is_finite() {
        dpr.clamp(1.0, 3.0)
    } else {
        1.0
    };
    // css ≤ 4096 and dpr ≤ 3, so the product fits a u32.
    (css, ((css * dpr).round() as u32).max(1))
}

/// The colour of a thumbnail point: as in the data plot (class colour, or
/// the signed blue ↔ orange scale for regression).
pub fn preview_color(p: &DataPoint, labels: Labels) -> Rgba {
    point_color(p, labels)
}

/// Resizes `canvas` for the device pixel ratio and draws `data` on it.
pub fn draw_preview(canvas: &HtmlCanvasElement, data: &PlotPoints) -> Result<(), JsValue> {
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("the canvas has no 2d context"))?
        .dyn_into()?;
    let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
    let (w, bw) = backing_size(f64::from(canvas.client_width()), dpr);
    let (h, bh) = backing_size(f64::from(canvas.client_height()), dpr);
    if canvas.width() != bw {
        canvas.set_width(bw);
    }
    if canvas.height() != bh {
        canvas.set_height(bh);
    }
    let (sx, sy) = (f64::from(bw) / w, f64::from(bh) / h);
    ctx.set_transform(sx, 0.0, 0.0, sy, 0.0, 0.0)?;

    let mut pen = Pen::default();
    pen.fill(&ctx, NEUTRAL);
    ctx.fill_rect(0.0, 0.0, w, h);

    let rect = preview_rect(w, h);
    let r = preview_radius(rect.side);
    let edge = (r * 0.35).clamp(0.4, 0.8);
    let points = || {
        data.train
            .iter()
            .chain(&data.test)
            .filter(|p| p.is_finite())
    };
    match data.labels {
        Labels::Classes(classes) => {
            // One path per class, as in the data plot.
            for k in 0..classes {
                ctx.begin_path();
                let mut any = false;
                for p in points().filter(|p| p.class() == k) {
                    let (x, y) = rect.to_px(p.x1, p.x2);
                    circle(&ctx, x, y, r)?;
                    any = true;
                }
                if any {
                    style(&ctx, &mut pen, class_color(k), edge);
                }
            }
        }
        Labels::Values => {
            for p in points() {
                let (x, y) = rect.to_px(p.x1, p.x2);
                ctx.begin_path();
                circle(&ctx, x, y, r)?;
                style(&ctx, &mut pen, preview_color(p, data.labels), edge);
            }
        }
    }
    Ok(())
}

fn style(ctx: &CanvasRenderingContext2d, pen: &mut Pen, c: Rgba, edge: f64) {
    pen.stroke(ctx, EDGE);
    ctx.set_line_width(edge);
    ctx.stroke();
    pen.fill(ctx, c);
    ctx.fill();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::color::{WEIGHT_NEG, WEIGHT_POS};
    use crate::scene::plot::EXTENT;

    #[test]
    fn the_data_square_fills_the_thumbnail() {
        let r = preview_rect(48.0, 48.0);
        let (x0, y0) = r.to_px(-EXTENT, EXTENT);
        let (x1, y1) = r.to_px(EXTENT, -EXTENT);
        assert!((x0 - 48.0 * INSET).abs() < 1e-9 && (y0 - 48.0 * INSET).abs() < 1e-9);
        assert!((x1 - 48.0 * (1.0 - INSET)).abs() < 1e-9);
        assert!((y1 - 48.0 * (1.0 - INSET)).abs() < 1e-9);
        // The centre maps to the centre, up is positive x2.
        assert_eq!(r.to_px(0.0, 0.0), (24.0, 24.0));
        assert!(r.y_px(3.0) < r.y_px(-3.0));
        // A wide canvas centres the square.
        let w = preview_rect(80.0, 40.0);
        assert_eq!(w.to_px(0.0, 0.0), (40.0, 20.0));
        assert!(w.left >= 0.0 && w.left + w.side <= 80.0);
        for bad in [f64::NAN, -5.0, f64::INFINITY] {
            assert_eq!(preview_rect(bad, 48.0).side, 0.0);
        }
    }

    #[test]
    fn sizes_stay_sane() {
        assert_eq!(backing_size(48.0, 2.0), (48.0, 96));
        assert_eq!(backing_size(48.0, 1.25), (48.0, 60));
        assert_eq!(backing_size(0.0, 1.0), (FALLBACK_CSS, 48));
        assert_eq!(backing_size(f64::NAN, f64::NAN), (FALLBACK_CSS, 48));
        assert_eq!(backing_size(48.0, 10.0), (48.0, 144));
        assert_eq!(backing_size(1e9, 3.0).1, 4096 * 3);
        assert!((0.8..=2.5).contains(&preview_radius(43.0)));
        assert_eq!(preview_radius(f64::NAN), 0.8);
        assert_eq!(preview_radius(1e6), 2.5);
    }

    #[test]
    fn colours_per_label_match_the_data_plot() {
        let at = |x1, label| DataPoint { x1, x2: x1, label };
        let two = Labels::Classes(2);
        assert_eq!(preview_color(&at(1.0, 0.0), two), WEIGHT_NEG);
        assert_eq!(preview_color(&at(1.0, 1.0), two), WEIGHT_POS);
        let many = Labels::Classes(5);
        assert_eq!(preview_color(&at(0.0, 4.0), many), class_color(4));
        let reg = Labels::Values;
        assert_eq!(preview_color(&at(0.0, 1.0), reg), WEIGHT_POS);
        assert_eq!(preview_color(&at(0.0, -1.0), reg), WEIGHT_NEG);
    }
}
