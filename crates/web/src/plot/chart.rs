//! The loss chart: train and test loss per epoch with a legend, nice ticks,
//! an optional log scale and a hover line. Non-finite values are gaps.

use wasm_bindgen::JsValue;
use web_sys::CanvasRenderingContext2d;

use super::canvas::{circle, Pen};
use super::chart_axes::{losses, nearest, ChartAxes};
use super::data_plot::BACKGROUND;
use super::ticks::{nice_ticks, write_decade, write_tick};
use crate::color::Rgba;
use crate::scene::plot::ChartRecord;

/// Colour of the train loss line.
pub const TRAIN: Rgba = Rgba::rgb(255.0, 204.0, 120.0);
/// Colour of the test loss line.
pub const TEST: Rgba = Rgba::rgb(120.0, 196.0, 255.0);
const GRID: Rgba = Rgba {
    r: 200.0,
    g: 215.0,
    b: 240.0,
    a: 0.09,
};
const AXIS: Rgba = Rgba {
    r: 200.0,
    g: 215.0,
    b: 240.0,
    a: 0.28,
};
const LABEL: Rgba = Rgba {
    r: 170.0,
    g: 182.0,
    b: 204.0,
    a: 0.75,
};
/// Colour of the other run's train loss, while comparing two runs.
pub const OTHER: Rgba = Rgba::rgb(206.0, 150.0, 255.0);
/// The cursor at the past step on screen.
const CURSOR: Rgba = Rgba::rgb(255.0, 236.0, 170.0);
/// The veil over the steps after it.
const LATER: Rgba = Rgba {
    r: 16.0,
    g: 19.0,
    b: 26.0,
    a: 0.6,
};
const HOVER: Rgba = Rgba {
    r: 240.0,
    g: 244.0,
    b: 255.0,
    a: 0.55,
};

/// Drawing state of the chart, reused between frames.
#[derive(Debug, Default)]
pub struct Chart {
    /// The axes of the last frame.
    pub axes: ChartAxes,
    /// Colours, fonts and text (projector mode sets its floor).
    pub pen: Pen,
    /// The loss labels of the last frame, "|"-separated (buffer reused).
    pub y_labels: String,
    /// CSS x of the last frame's cursor at a past step, if it drew one.
    pub cursor_x: Option<f64>,
    /// The last frame drew a second run's curve.
    pub other_drawn: bool,
}

impl Chart {
    /// Draws one frame.
    #[allow(clippy::too_many_arguments)]
    pub fn draw(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        w: f64,
        h: f64,
        dpr: f64,
        history: &[ChartRecord],
        log: bool,
        hover: Option<f64>,
        cursor: Option<f64>,
        other: Option<(&[ChartRecord], &str)>,
    ) -> Result<(), JsValue> {
        self.cursor_x = None;
        self.other_drawn = false;
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
        ctx.set_global_alpha(1.0);
        ctx.set_fill_style_str(BACKGROUND);
        ctx.fill_rect(0.0, 0.0, w, h);
        let mut ax = ChartAxes::fit(w, h, history, log);
        let other_name = other.map_or("", |o| o.1);
        let other = other
            .map(|o| o.0)
            .filter(|o| drawable(&ChartAxes::fit(w, h, o, log), o));
        if let Some(o) = other {
            ax = ax.union(&ChartAxes::fit(w, h, o, log), drawable(&ax, history));
        }
        // Text is drawn at 10 px and more: projector mode's floor grows it,
        // and the margins with it.
        let k = self.pen.grow(10.0);
        let ax = ax.grown(w, h, k);
        self.axes = ax;
        if !(drawable(&ax, history) || other.is_some()) {
            let pen = &mut self.pen;
            pen.font(ctx, 13.0, 500);
            pen.text_fill(ctx, LABEL);
            ctx.set_text_align("center");
            ctx.set_text_baseline("middle");
            pen.text.clear();
            pen.text.push_str("Train to see the loss");
            return pen.fill_text(ctx, w / 2.0, h / 2.0);
        }
        self.draw_axes(ctx, &ax)?;
        ctx.save();
        ctx.begin_path();
        ctx.rect(ax.left - 2.0, ax.top - 4.0, ax.width + 4.0, ax.height + 6.0);
        ctx.clip();
        ctx.set_line_join("round");
        ctx.set_line_cap("round");
        if let Some(o) = other {
            self.pen.stroke(ctx, OTHER);
            ctx.set_line_width(1.8);
            line(ctx, &ax, o, 0);
            ctx.stroke();
            self.other_drawn = true;
        }
        for (series, colour, width) in [(1, TEST, 1.6), (0, TRAIN, 2.0)] {
            self.pen.stroke(ctx, colour);
            ctx.set_line_width(width);
            line(ctx, &ax, history, series);
            ctx.stroke();
        }
        ctx.restore();
        if let Some(epoch) = cursor.filter(|e| e.is_finite()) {
            self.draw_cursor(ctx, &ax, epoch);
        }
        let legend_test = history
            .iter()
            .any(|r| r.test_loss.is_some_and(f64::is_finite));
        self.draw_legend(ctx, &ax, legend_test, other.map(|_| other_name))?;
        if let Some(i) = hover.and_then(|x| nearest(history, ax.epoch_at(x))) {
            if let Some(r) = history.get(i) {
                self.draw_hover(ctx, &ax, r)?;
            }
        }
        Ok(())
    }

    fn draw_axes(&mut self, ctx: &CanvasRenderingContext2d, ax: &ChartAxes) -> Result<(), JsValue> {
        let pen = &mut self.pen;
        let (l, t, wd, ht) = (ax.left, ax.top, ax.width, ax.height);
        let bottom = t + ht;
        pen.font(ctx, 10.0, 500);
        ctx.set_line_width(1.0);
        // Horizontal grid lines with loss labels.
        ctx.set_text_align("right");
        ctx.set_text_baseline("middle");
        self.y_labels.clear();
        pen.stroke(ctx, GRID);
        pen.text_fill(ctx, LABEL);
        ctx.begin_path();
        if ax.log {
            let (lo, hi) = (
                ax.values.0.log10().round() as i32,
                ax.values.1.log10().round() as i32,
            );
            let every = ((hi - lo) / 5 + 1).max(1);
            for e in (lo..=hi).filter(|e| (e - lo) % every == 0) {
                if let Some(y) = ax.y_px(10f64.powi(e)) {
                    ctx.move_to(l, y.round() + 0.5);
                    ctx.line_to(l + wd, y.round() + 0.5);
                    write_decade(&mut pen.text, e);
                    pen.fill_text(ctx, l - 6.0, y)?;
                    push_label(&mut self.y_labels, &pen.text);
                }
            }
        } else {
            // Four labels, or fewer when grown labels would crowd a short chart.
            let k = pen.grow(10.0);
            let most = if k > 1.0 {
                (ht / (20.0 * k)).clamp(1.0, 4.0) as usize
            } else {
                4
            };
            let ticks = nice_ticks(ax.values.0, ax.values.1, most, 0.0);
            for v in ticks.iter() {
                if let Some(y) = ax.y_px(v) {
                    ctx.move_to(l, y.round() + 0.5);
                    ctx.line_to(l + wd, y.round() + 0.5);
                    write_tick(&mut pen.text, v, ticks.step);
                    pen.fill_text(ctx, l - 6.0, y)?;
                    push_label(&mut self.y_labels, &pen.text);
                }
            }
        }
        ctx.stroke();
        // Epoch ticks below.
        let target = (wd / (70.0 * pen.grow(10.0))).clamp(2.0, 8.0) as usize;
        let ticks = nice_ticks(ax.epochs.0, ax.epochs.1, target, 1.0);
        ctx.set_text_align("center");
        ctx.set_text_baseline("top");
        pen.stroke(ctx, AXIS);
        ctx.begin_path();
        ctx.move_to(l, bottom + 0.5);
        ctx.line_to(l + wd, bottom + 0.5);
        for v in ticks.iter() {
            let x = ax.x_px(v).round() + 0.5;
            ctx.move_to(x, bottom + 0.5);
            ctx.line_to(x, bottom + 4.0);
            write_tick(&mut pen.text, v, ticks.step);
            pen.fill_text(ctx, x, bottom + 6.0)?;
        }
        ctx.stroke();
        Ok(())
    }

    fn draw_legend(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        ax: &ChartAxes,
        test: bool,
        other: Option<&str>,
    ) -> Result<(), JsValue> {
        let pen = &mut self.pen;
        pen.font(ctx, 11.0, 600);
        let k = pen.grow(11.0);
        ctx.set_text_align("left");
        ctx.set_text_baseline("middle");
        let y = ax.top * 0.5;
        let mut x = ax.left + 4.0;
        // Three items fit the page's narrow chart with shorter words (the
        // chart's title says it is the loss).
        let (train, test_name) = if other.is_some() {
            ("train", "test")
        } else {
            ("train loss", "test loss")
        };
        let items: [(&str, Rgba, bool); 3] = [
            (train, TRAIN, true),
            (test_name, TEST, test),
            (other.unwrap_or(""), OTHER, other.is_some()),
        ];
        for (name, colour, shown) in items {
            if !shown {
                continue;
            }
            pen.stroke(ctx, colour);
            ctx.set_line_width(2.5);
            ctx.begin_path();
            ctx.move_to(x, y);
            ctx.line_to(x + 14.0 * k, y);
            ctx.stroke();
            pen.text_fill(ctx, colour);
            pen.text.clear();
            pen.text.push_str(name);
            pen.fill_text(ctx, x + 19.0 * k, y)?;
            x += (19.0 + 16.0) * k + ctx.measure_text(&pen.text)?.width();
        }
        if ax.log {
            pen.font(ctx, 10.0, 500);
            pen.text_fill(ctx, LABEL);
            ctx.set_text_align("right");
            pen.text.clear();
            pen.text.push_str("log scale");
            pen.fill_text(ctx, ax.left + ax.width, y)?;
        }
        Ok(())
    }

    /// The step on screen: a line at its epoch, the later steps veiled.
    fn draw_cursor(&mut self, ctx: &CanvasRenderingContext2d, ax: &ChartAxes, epoch: f64) {
        let x = ax.x_px(epoch).clamp(ax.left, ax.left + ax.width).round() + 0.5;
        self.pen.fill(ctx, LATER);
        ctx.fill_rect(
            x,
            ax.top - 4.0,
            ax.left + ax.width + 2.0 - x,
            ax.height + 4.0,
        );
        self.pen.stroke(ctx, CURSOR);
        ctx.set_line_width(1.5);
        ctx.begin_path();
        ctx.move_to(x, ax.top - 4.0);
        ctx.line_to(x, ax.top + ax.height);
        ctx.stroke();
        self.cursor_x = Some(x);
    }

    fn draw_hover(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        ax: &ChartAxes,
        r: &ChartRecord,
    ) -> Result<(), JsValue> {
        let pen = &mut self.pen;
        let x = ax.x_px(r.epoch as f64).round() + 0.5;
        pen.stroke(ctx, HOVER);
        ctx.set_line_width(1.0);
        ctx.begin_path();
        ctx.move_to(x, ax.top);
        ctx.line_to(x, ax.top + ax.height);
        ctx.stroke();
        for (v, colour) in losses(r).into_iter().zip([TRAIN, TEST]) {
            if let Some(y) = v.and_then(|v| ax.y_px(v)) {
                ctx.begin_path();
                circle(ctx, x, y, 3.5)?;
                pen.fill(ctx, colour);
                ctx.fill();
                pen.stroke(ctx, Rgba::rgb(16.0, 19.0, 26.0));
                ctx.set_line_width(1.5);
                ctx.stroke();
            }
        }
        Ok(())
    }
}

/// Appends series `series` (0 train, 1 test) as a polyline to a new path,
/// lifting the pen over gaps; long histories are thinned to about two
/// points per CSS px.
fn line(ctx: &CanvasRenderingContext2d, ax: &ChartAxes, history: &[ChartRecord], series: usize) {
    ctx.begin_path();
    let stride = (history.len() as f64 / (2.0 * ax.width)).ceil().max(1.0) as usize;
    let last = history.len().saturating_sub(1);
    let mut down = false;
    for (i, r) in history.iter().enumerate() {
        if i % stride != 0 && i != last {
            continue;
        }
        let y = losses(r)
            .get(series)
            .copied()
            .flatten()
            .and_then(|v| ax.y_px(v));
        match y {
            Some(y) => {
                let x = ax.x_px(r.epoch as f64);
                if down {
                    ctx.line_to(x, y);
                } else {
                    ctx.move_to(x, y);
                    // A lone point still shows as a dot (round caps).
                    ctx.line_to(x + 0.01, y);
                    down = true;
                }
            }
            None => down = false,
        }
    }
}

/// Whether any loss of `history` has a place on the axes `ax`.
fn drawable(ax: &ChartAxes, history: &[ChartRecord]) -> bool {
    history
        .iter()
        .flat_map(losses)
        .flatten()
        .any(|v| ax.y_px(v).is_some())
}

fn push_label(labels: &mut String, label: &str) {
    if !labels.is_empty() {
        labels.push('|');
    }
    labels.push_str(label);
}
