//! The data plot (decision heatmap, points, probe) and the loss chart,
//! painted from the plain [`PlotScene`](crate::scene::PlotScene).
//!
//! - [`palette`], [`heatmap`]: colours and pixel maths (pure, tested).
//! - [`geometry`]: data ↔ CSS px of the plot square.
//! - [`ticks`], [`chart_axes`]: axis maths and the chart read-out.
//! - [`upsample`]: smooth heatmaps (values interpolated before colouring).
//! - [`preview`]: the dataset picker's live thumbnails.
//! - [`data_plot`], [`points`], [`chart`], [`canvas`]: drawing.

pub mod canvas;
pub mod chart;
pub mod chart_axes;
pub mod data_plot;
pub mod geometry;
pub mod heatmap;
pub mod palette;
pub mod points;
pub mod preview;
pub mod ticks;
pub mod upsample;

use crate::scene::plot::{ChartRecord, GridMaps, PlotScene};
use chart::Chart;
use data_plot::{DataPlot, LayerInfo};
use wasm_bindgen::JsValue;
use web_sys::CanvasRenderingContext2d;

/// What the data plot shows in one frame.
#[derive(Clone, Copy)]
pub struct DataView<'a> {
    /// The grid evaluation behind the heatmap.
    pub grid: &'a dyn GridMaps,
    /// The points, the probe and the switches.
    pub plot: &'a PlotScene,
}

/// Drawing state of the data plot and the chart, reused between frames.
#[derive(Debug, Default)]
pub struct Plots {
    data: DataPlot,
    chart: Chart,
}

impl Plots {
    /// Empty state.
    pub fn new() -> Self {
        Self::default()
    }

    /// Projector mode's type on both plots: no text under `px` CSS px, and
    /// every text at least 7:1 against the background (0: the ordinary page).
    pub fn set_min_font(&mut self, px: f64) {
        let px = if px.is_finite() { px.max(0.0) } else { 0.0 };
        let on = (px > 0.0).then_some(data_plot::BACKGROUND_RGB);
        for pen in [&mut self.data.pen, &mut self.chart.pen] {
            pen.floor = px;
            pen.legible_on = on;
        }
    }

    /// Data coordinates of a CSS-pixel position on the data plot (clamped
    /// to the square; the inverse of the last frame's drawing transform).
    pub fn to_data(&self, x: f64, y: f64) -> (f64, f64) {
        self.data.rect.to_data(x, y)
    }

    /// The plot square of the last frame, CSS px.
    pub fn plot_rect(&self) -> geometry::PlotRect {
        self.data.rect
    }

    /// The next [`Plots::draw_data`] paints, changed or not.
    pub fn repaint_data(&mut self) {
        self.data.repaint();
    }

    /// Draws the data plot when its picture changed; returns whether it did.
    pub fn draw_data(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        w: f64,
        h: f64,
        dpr: f64,
        view: &DataView,
        layers: LayerInfo,
    ) -> Result<bool, JsValue> {
        self.data.draw(ctx, w, h, dpr, view, layers)
    }

    /// The loss chart's y labels of the last frame, "|"-separated.
    pub fn chart_labels(&self) -> &str {
        &self.chart.y_labels
    }

    /// Draws the loss chart; `cursor`, in epochs, marks a past step on
    /// screen; `other` is a second run's epochs and name (its train loss is
    /// drawn too, named in the legend).
    #[allow(clippy::too_many_arguments)]
    pub fn draw_chart(
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
        self.chart
            .draw(ctx, w, h, dpr, history, log, hover, cursor, other)
    }

    /// Whether the last frame drew a second run's curve on the loss chart.
    pub fn chart_other_drawn(&self) -> bool {
        self.chart.other_drawn
    }

    /// CSS x of the loss chart's cursor in the last frame (a past step on screen).
    pub fn chart_cursor_x(&self) -> Option<f64> {
        self.chart.cursor_x
    }

    /// The chart read-out at CSS x ("" off the chart or without history):
    /// "epoch 37 · train loss 0.0834 · test loss 0.0911 · accuracy 97.2 % / 96.0 %".
    pub fn chart_readout(&self, x: f64, history: &[ChartRecord]) -> String {
        let mut s = String::new();
        if let Some(r) =
            chart_axes::nearest(history, self.chart.axes.epoch_at(x)).and_then(|i| history.get(i))
        {
            chart_axes::write_readout(&mut s, r);
        }
        s
    }
}

#[cfg(test)]
mod tests;
