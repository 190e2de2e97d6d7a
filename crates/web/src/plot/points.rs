//! The marks on top of the heatmap: data points (train filled with a light
//! ring, test hollow with a dark edge), the followed example's pulsing
//! ring and the probe's crosshair.

use std::f64::consts::TAU;

use wasm_bindgen::JsValue;
use web_sys::CanvasRenderingContext2d;

use super::canvas::{circle, Pen};
use super::geometry::PlotRect;
use super::palette::{class_color, signed_color, CLASSES};
use crate::color::Rgba;
use crate::scene::plot::{DataPoint, Labels, PlotPoints};

/// Ring of a training point.
const TRAIN_RING: Rgba = Rgba {
    r: 255.0,
    g: 255.0,
    b: 255.0,
    a: 0.8,
};
/// Edge around a test point's hollow ring.
const TEST_EDGE: Rgba = Rgba {
    r: 6.0,
    g: 8.0,
    b: 12.0,
    a: 0.6,
};
/// The followed example's ring and the probe.
const MARK: Rgba = Rgba::rgb(255.0, 246.0, 214.0);
const SHADOW: Rgba = Rgba {
    r: 0.0,
    g: 0.0,
    b: 0.0,
    a: 0.55,
};

/// Point radius in CSS px for a plot of `side` px.
pub fn point_radius(side: f64) -> f64 {
    (side / 90.0).clamp(2.5, 5.5)
}

/// The colour of a point: its class, or its value for regression.
pub fn point_color(p: &DataPoint, labels: Labels) -> Rgba {
    match labels {
        Labels::Classes(_) => class_color(p.class()),
        Labels::Values => signed_color(p.label),
    }
}

/// Pulse of the followed example's ring, 0..=1, from a frame counter.
pub fn pulse(frame: u64) -> f64 {
    0.5 + 0.5 * ((frame % 120) as f64 / 120.0 * TAU).sin()
}

/// Draws every point: classes batched into one path each; regression
/// points one by one (each has its own colour).
pub fn draw_points(
    ctx: &CanvasRenderingContext2d,
    pen: &mut Pen,
    rect: &PlotRect,
    data: &PlotPoints,
    show_test: bool,
) -> Result<(), JsValue> {
    let r = point_radius(rect.side);
    // Test points first, so the training points stay on top.
    let sets: [(&[DataPoint], bool); 2] = [(&data.test, false), (&data.train, true)];
    for (points, train) in sets {
        if !train && !show_test {
            continue;
        }
        match data.labels {
            Labels::Classes(classes) => {
                for k in 0..classes.min(CLASSES.len()) {
                    let mut any = false;
                    ctx.begin_path();
                    for p in points
                        .iter()
                        .filter(|p| p.class() % CLASSES.len() == k && p.is_finite())
                    {
                        let (x, y) = rect.to_px(p.x1, p.x2);
                        circle(ctx, x, y, r)?;
                        any = true;
                    }
                    if any {
                        style_current(ctx, pen, class_color(k), r, train);
                    }
                }
            }
            Labels::Values => {
                for p in points.iter().filter(|p| p.is_finite()) {
                    let (x, y) = rect.to_px(p.x1, p.x2);
                    ctx.begin_path();
                    circle(ctx, x, y, r)?;
                    style_current(ctx, pen, signed_color(p.label), r, train);
                }
            }
        }
    }
    Ok(())
}

/// Fills and rings the current path of points of colour `c`.
fn style_current(ctx: &CanvasRenderingContext2d, pen: &mut Pen, c: Rgba, r: f64, train: bool) {
    if train {
        pen.fill(ctx, c);
        ctx.fill();
        pen.stroke(ctx, TRAIN_RING);
        ctx.set_line_width((r * 0.26).clamp(0.8, 1.4));
        ctx.stroke();
    } else {
        let w = (r * 0.45).clamp(1.2, 2.2);
        pen.stroke(ctx, TEST_EDGE);
        ctx.set_line_width(w + 1.2);
        ctx.stroke();
        pen.stroke(ctx, c);
        ctx.set_line_width(w);
        ctx.stroke();
    }
}

/// Draws the followed example bold with a pulsing ring.
pub fn draw_highlight(
    ctx: &CanvasRenderingContext2d,
    pen: &mut Pen,
    rect: &PlotRect,
    p: &DataPoint,
    labels: Labels,
    frame: u64,
) -> Result<(), JsValue> {
    if !p.is_finite() {
        return Ok(());
    }
    let (x, y) = rect.to_px(p.x1, p.x2);
    let r = point_radius(rect.side);
    let k = pulse(frame);
    let ring = r * 2.2 + 3.0 * k;
    // Soft outer glow, a crisp ring, then the point itself, larger.
    pen.stroke(ctx, MARK.with_alpha(0.18 + 0.22 * (1.0 - k)));
    ctx.set_line_width(5.0);
    ctx.begin_path();
    circle(ctx, x, y, ring)?;
    ctx.stroke();
    pen.stroke(ctx, MARK.with_alpha(0.95));
    ctx.set_line_width(2.0);
    ctx.stroke();
    ctx.begin_path();
    circle(ctx, x, y, r * 1.35)?;
    pen.fill(ctx, point_color(p, labels));
    ctx.fill();
    pen.stroke(ctx, MARK);
    ctx.set_line_width(1.6);
    ctx.stroke();
    Ok(())
}

/// Draws the probe point as a ring with a crosshair.
pub fn draw_probe(
    ctx: &CanvasRenderingContext2d,
    pen: &mut Pen,
    rect: &PlotRect,
    probe: (f64, f64),
) -> Result<(), JsValue> {
    if !(probe.0.is_finite() && probe.1.is_finite()) {
        return Ok(());
    }
    let (x, y) = rect.to_px(probe.0, probe.1);
    let ring = (rect.side / 48.0).clamp(5.0, 8.0);
    let (gap, arm) = (ring + 2.0, ring + 7.0);
    let path = |ctx: &CanvasRenderingContext2d| -> Result<(), JsValue> {
        ctx.begin_path();
        circle(ctx, x, y, ring)?;
        for (dx, dy) in [(1.0, 0.0), (-1.0, 0.0), (0.0, 1.0), (0.0, -1.0)] {
            ctx.move_to(x + dx * gap, y + dy * gap);
            ctx.line_to(x + dx * arm, y + dy * arm);
        }
        Ok(())
    };
    path(ctx)?;
    pen.stroke(ctx, SHADOW);
    ctx.set_line_width(3.6);
    ctx.stroke();
    pen.stroke(ctx, MARK);
    ctx.set_line_width(1.5);
    ctx.stroke();
    ctx.begin_path();
    circle(ctx, x, y, 1.6)?;
    pen.fill(ctx, MARK);
    ctx.fill();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::color::{WEIGHT_NEG, WEIGHT_POS};

    #[test]
    fn colours_match_the_heatmap_hues() {
        let at = |label| DataPoint {
            x1: 0.0,
            x2: 0.0,
            label,
        };
        let c = Labels::Classes(2);
        assert_eq!(point_color(&at(0.0), c), WEIGHT_NEG);
        assert_eq!(point_color(&at(1.0), c), WEIGHT_POS);
        let r = Labels::Values;
        assert_eq!(point_color(&at(1.0), r), WEIGHT_POS);
        assert_eq!(point_color(&at(-1.0), r), WEIGHT_NEG);
    }

    #[test]
    fn radius_and_pulse_stay_in_range() {
        assert_eq!(point_radius(0.0), 2.5);
        assert_eq!(point_radius(1e6), 5.5);
        for f in [0, 30, 60, 90, 119, 120, u64::MAX] {
            let p = pulse(f);
            assert!((0.0..=1.0).contains(&p));
        }
    }
}
