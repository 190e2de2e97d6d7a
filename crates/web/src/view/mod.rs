//! The view: owns the canvases and paints what the controller hands over
//! in a [`Frame`]: the network (through the [`Renderer`]), the data plot
//! and the loss chart (through [`Plots`]).

mod surface;

pub use surface::Surface;

use crate::controller::Frame;
use crate::hit::Hit;
use crate::plot::{DataView, Plots};
use crate::render::Renderer;
use crate::scene::plot::ChartRecord;
use crate::scene::Scene;
use crate::thumbs::Thumbnails;

/// Why a canvas could not be drawn.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DrawError(pub &'static str);

/// The painting half of the page.
pub struct View {
    renderer: Renderer,
    plots: Plots,
    thumbs: Thumbnails,
    network: Option<Surface>,
    data: Option<Surface>,
    chart: Option<Surface>,
}

impl Default for View {
    fn default() -> Self {
        View::new()
    }
}

impl View {
    /// A view with no canvases yet.
    pub fn new() -> View {
        View {
            renderer: Renderer::new(),
            plots: Plots::new(),
            thumbs: Thumbnails::default(),
            network: None,
            data: None,
            chart: None,
        }
    }

    /// The canvases to draw on: the network view, the data plot and the loss chart.
    pub fn attach(&mut self, network: Surface, data: Surface, chart: Surface) {
        self.network = Some(network);
        self.data = Some(data);
        self.chart = Some(chart);
    }

    /// Projector mode's type on every canvas: text at least
    /// [`crate::legible::PROJECTOR_TEXT`] px and 7:1 contrast, or the
    /// ordinary page's.
    pub fn set_projector(&mut self, on: bool) {
        let px = if on {
            crate::legible::PROJECTOR_TEXT
        } else {
            0.0
        };
        self.renderer.set_min_font(px);
        self.plots.set_min_font(px);
    }

    /// Paints one frame.
    pub fn draw(&mut self, frame: Frame<'_>) -> Result<(), DrawError> {
        if frame.grid_fresh {
            self.thumbs.fill(frame.grid, frame.scene);
        }
        if let Some(s) = &self.network {
            let (w, h, dpr) = s.fit();
            self.renderer
                .draw(&s.ctx, frame.scene, w, h, dpr)
                .map_err(|_| DrawError("drawing the network failed"))?;
        }
        if let Some(s) = &self.data {
            let (w, h, dpr) = s.fit();
            let view = DataView {
                grid: frame.grid,
                plot: frame.plot,
            };
            self.plots
                .draw_data(&s.ctx, w, h, dpr, &view, self.thumbs.layers())
                .map_err(|_| DrawError("drawing the data plot failed"))?;
        }
        if let Some(s) = &self.chart {
            let (w, h, dpr) = s.fit();
            self.plots
                .draw_chart(
                    &s.ctx,
                    w,
                    h,
                    dpr,
                    &frame.plot.history,
                    frame.plot.log_chart,
                    frame.plot.chart_hover,
                    frame.plot.chart_cursor,
                    frame
                        .plot
                        .other_name
                        .map(|name| (frame.plot.other_history.as_slice(), name)),
                )
                .map_err(|_| DrawError("drawing the loss chart failed"))?;
        }
        Ok(())
    }

    /// The bulb or wire under CSS px (x, y) of the network canvas.
    pub fn hit(&self, x: f64, y: f64) -> Option<Hit> {
        (x.is_finite() && y.is_finite())
            .then(|| self.renderer.hit(x, y))
            .flatten()
    }

    /// Data coordinates of CSS px (x, y) on the data plot.
    pub fn plot_point(&self, x: f64, y: f64) -> (f64, f64) {
        self.plots.to_data(x, y)
    }

    /// The loss chart's read-out at CSS x ("" off the chart).
    pub fn chart_readout(&self, x: f64, history: &[ChartRecord]) -> String {
        self.plots.chart_readout(x, history)
    }

    /// What the last frame drew, as JSON, for tests and tools that cannot
    /// read a canvas: the legend's words and whether the loss had room, how
    /// many input bulbs carried their name (of how many), and the loss
    /// chart's y labels, the x of its cursor at a past step (null at the newest)
    /// and whether it drew a second run's curve.
    pub fn report(&self, scene: &Scene) -> String {
        let (words, loss) = self
            .renderer
            .legend_plan()
            .map_or((Vec::new(), false), |p| {
                (crate::render::legend::words(p.tier).to_vec(), p.loss)
            });
        let quoted = |list: &mut dyn Iterator<Item = &str>| {
            list.map(|w| format!("\"{}\"", w.replace('"', "")))
                .collect::<Vec<_>>()
                .join(",")
        };
        format!(
            "{{\"legend\":[{}],\"legendLoss\":{loss},\"inputLabels\":{},\"inputs\":{},\"chartLabels\":[{}],\"chartCursor\":{},\"chartOther\":{}}}",
            quoted(&mut words.into_iter()),
            self.renderer.input_labels(),
            scene.sizes().first().copied().unwrap_or(0),
            quoted(&mut self.plots.chart_labels().split('|').filter(|s| !s.is_empty())),
            self.plots
                .chart_cursor_x()
                .map_or_else(|| "null".to_string(), |x| format!("{x:.1}")),
            self.plots.chart_other_drawn(),
        )
    }
}
