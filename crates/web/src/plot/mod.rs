//! The data plot (decision heatmap, points, probe), the loss chart, and the
//! bulbs' thumbnails. (Minimal first version; being written.)

use crate::scene::Scene;
use lightbulb_core::session::Head;
use lightbulb_core::{Dataset, EpochRecord, Point, Trace};
use wasm_bindgen::JsValue;
use web_sys::CanvasRenderingContext2d;

/// What the data plot shows in one frame.
pub struct DataView<'a> {
    /// The grid evaluation: `a(l)` has one row per grid point (row-major,
    /// row 0 at the top, x2 = +6) and one column per neuron.
    pub grid: &'a Trace,
    /// Grid points per side.
    pub resolution: usize,
    /// Output layer and target encoding.
    pub head: Head,
    /// A hovered neuron (scene numbering: layer 1 = first hidden layer) whose
    /// own map replaces the output's.
    pub hovered: Option<(usize, usize)>,
    /// The points.
    pub data: &'a Dataset,
    /// Draw test points too.
    pub show_test: bool,
    /// Flat colours instead of a gradient.
    pub discretize: bool,
    /// The probe point (x1, x2).
    pub probe: (f64, f64),
    /// The training point being learned, if followed.
    pub highlight: Option<Point>,
}

/// Drawing state of the data plot and the chart, reused between frames.
#[derive(Debug, Default)]
pub struct Plots {
    plot: (f64, f64, f64, f64),
}

impl Plots {
    /// Empty state.
    pub fn new() -> Self {
        Self::default()
    }

    /// Data coordinates of a CSS-pixel position on the data plot.
    pub fn to_data(&self, x: f64, y: f64) -> (f64, f64) {
        let (left, top, w, h) = self.plot;
        if w <= 0.0 || h <= 0.0 {
            return (0.0, 0.0);
        }
        let x1 = -6.0 + 12.0 * (x - left) / w;
        let x2 = 6.0 - 12.0 * (y - top) / h;
        (x1.clamp(-6.0, 6.0), x2.clamp(-6.0, 6.0))
    }

    /// Fills the scene's per-neuron thumbnails from the grid.
    pub fn thumbnails(&mut self, _grid: &Trace, _resolution: usize, _scene: &mut Scene) {}

    /// Draws the data plot.
    pub fn draw_data(&mut self, ctx: &CanvasRenderingContext2d, w: f64, h: f64, dpr: f64, _view: &DataView) -> Result<(), JsValue> {
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
        ctx.set_fill_style_str("#10131a");
        ctx.fill_rect(0.0, 0.0, w, h);
        let side = w.min(h);
        self.plot = ((w - side) / 2.0, (h - side) / 2.0, side, side);
        Ok(())
    }

    /// Draws the loss chart.
    pub fn draw_chart(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        w: f64,
        h: f64,
        dpr: f64,
        _history: &[EpochRecord],
        _log: bool,
        _hover: Option<f64>,
    ) -> Result<(), JsValue> {
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
        ctx.set_fill_style_str("#10131a");
        ctx.fill_rect(0.0, 0.0, w, h);
        Ok(())
    }

    /// The chart read-out at CSS x.
    pub fn chart_readout(&self, _x: f64, _history: &[EpochRecord]) -> String {
        String::new()
    }
}
