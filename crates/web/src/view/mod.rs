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
use crate::scene::{PlotScene, Scene};
use crate::thumbs::Thumbnails;

/// Why a canvas could not be drawn.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DrawError(pub &'static str);

/// The canvases, in the order of [`View::set_visible`]'s `which`.
const NETWORK: usize = 0;
const DATA: usize = 1;
const CHART: usize = 2;

/// A canvas's size as drawn: CSS width, height and pixel ratio, as bits.
type Size = (u64, u64, u64);

fn size_key((w, h, dpr): (f64, f64, f64)) -> Size {
    (w.to_bits(), h.to_bits(), dpr.to_bits())
}

/// What the loss chart was last painted from.
#[derive(Debug, Default)]
struct ChartKey {
    size: Size,
    history: Vec<ChartRecord>,
    log: bool,
    hover: Option<u64>,
    cursor: Option<u64>,
    other: Vec<ChartRecord>,
    other_name: Option<&'static str>,
}

impl ChartKey {
    fn matches(&self, size: Size, plot: &PlotScene) -> bool {
        self.size == size
            && self.log == plot.log_chart
            && self.hover == plot.chart_hover.map(f64::to_bits)
            && self.cursor == plot.chart_cursor.map(f64::to_bits)
            && self.other_name == plot.other_name
            && same_records(&self.history, &plot.history)
            && same_records(&self.other, &plot.other_history)
    }

    fn remember(&mut self, size: Size, plot: &PlotScene) {
        self.size = size;
        self.log = plot.log_chart;
        self.hover = plot.chart_hover.map(f64::to_bits);
        self.cursor = plot.chart_cursor.map(f64::to_bits);
        self.other_name = plot.other_name;
        self.history.clone_from(&plot.history);
        self.other.clone_from(&plot.other_history);
    }
}

/// The same records bit for bit (a NaN loss equals itself: the same picture).
fn same_records(a: &[ChartRecord], b: &[ChartRecord]) -> bool {
    let bits = |r: &ChartRecord| {
        (
            r.epoch,
            [r.train_loss, r.test_loss, r.train_accuracy, r.test_accuracy]
                .map(|v| v.map(f64::to_bits)),
        )
    };
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| bits(x) == bits(y))
}

/// The painting half of the page.
///
/// A canvas is painted only when its picture changes: the view remembers
/// what each was last painted from (the network's scene and size, the loss
/// chart's epochs and settings; the data plot keeps its own) and leaves a
/// canvas alone when that is the same, so the browser has nothing new to
/// raster and hand to the compositor. While playing, a canvas the page
/// reports off screen ([`View::set_visible`]) is not painted at all; it is
/// painted in the first frame after it comes back or Play stops.
pub struct View {
    renderer: Renderer,
    plots: Plots,
    thumbs: Thumbnails,
    network: Option<Surface>,
    data: Option<Surface>,
    chart: Option<Surface>,
    /// Each canvas is on (or near) the screen.
    visible: [bool; 3],
    /// What the network canvas was last painted from (`None`: paint it).
    network_key: Option<Size>,
    network_scene: Scene,
    chart_key: Option<ChartKey>,
    /// How many times each canvas was painted, for tests and tools.
    painted: [u64; 3],
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
            visible: [true; 3],
            network_key: None,
            network_scene: Scene::default(),
            chart_key: None,
            painted: [0; 3],
        }
    }

    /// Forgets what every canvas shows: the next frame paints them all.
    fn repaint_all(&mut self) {
        self.network_key = None;
        self.chart_key = None;
        self.plots.repaint_data();
    }

    /// Canvas `which` (0 the network, 1 the data plot, 2 the loss chart) is
    /// on or near the screen, or not. One coming back is painted in the
    /// next frame.
    pub fn set_visible(&mut self, which: usize, on: bool) {
        let Some(v) = self.visible.get_mut(which) else {
            return;
        };
        if on && !*v {
            match which {
                NETWORK => self.network_key = None,
                DATA => self.plots.repaint_data(),
                _ => self.chart_key = None,
            }
        }
        *v = on;
    }

    /// How many times each canvas has been painted: network, data plot,
    /// loss chart.
    pub fn painted(&self) -> [u64; 3] {
        self.painted
    }

    /// The canvases to draw on: the network view, the data plot and the loss chart.
    pub fn attach(&mut self, network: Surface, data: Surface, chart: Surface) {
        self.network = Some(network);
        self.data = Some(data);
        self.chart = Some(chart);
        self.repaint_all();
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
        self.repaint_all();
    }

    /// Paints one frame: each canvas whose picture changed, and, while
    /// playing, only those on screen.
    pub fn draw(&mut self, frame: Frame<'_>) -> Result<(), DrawError> {
        if frame.grid_fresh {
            self.thumbs.fill(frame.grid, frame.scene);
        }
        let waits =
            |which: usize| frame.playing && !self.visible.get(which).copied().unwrap_or(true);
        if let Some(s) = self.network.as_ref().filter(|_| !waits(NETWORK)) {
            let (w, h, dpr) = s.fit();
            let size = size_key((w, h, dpr));
            if self.network_key != Some(size) || !self.network_scene.looks_like(frame.scene) {
                self.network_key = None;
                self.renderer
                    .draw(&s.ctx, frame.scene, w, h, dpr)
                    .map_err(|_| DrawError("drawing the network failed"))?;
                self.network_scene.remember(frame.scene);
                self.network_key = Some(size);
                self.painted[NETWORK] += 1;
            }
        }
        if let Some(s) = self.data.as_ref().filter(|_| !waits(DATA)) {
            let (w, h, dpr) = s.fit();
            let view = DataView {
                grid: frame.grid,
                plot: frame.plot,
            };
            let painted = self
                .plots
                .draw_data(&s.ctx, w, h, dpr, &view, self.thumbs.layers())
                .map_err(|_| DrawError("drawing the data plot failed"))?;
            self.painted[DATA] += u64::from(painted);
        }
        if let Some(s) = self.chart.as_ref().filter(|_| !waits(CHART)) {
            let (w, h, dpr) = s.fit();
            let size = size_key((w, h, dpr));
            let plot = frame.plot;
            if !self
                .chart_key
                .as_ref()
                .is_some_and(|k| k.matches(size, plot))
            {
                let mut key = self.chart_key.take().unwrap_or_default();
                self.plots
                    .draw_chart(
                        &s.ctx,
                        w,
                        h,
                        dpr,
                        &plot.history,
                        plot.log_chart,
                        plot.chart_hover,
                        plot.chart_cursor,
                        plot.other_name
                            .map(|name| (plot.other_history.as_slice(), name)),
                    )
                    .map_err(|_| DrawError("drawing the loss chart failed"))?;
                key.remember(size, plot);
                self.chart_key = Some(key);
                self.painted[CHART] += 1;
            }
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
