//! What the controller hands the view each frame: the scene to paint and
//! the data behind the plots, borrowed, nothing copied.

use super::{ControlError, Controller};
use crate::scene::Scene;
use lightbulb_core::maps::Maps;
use lightbulb_core::session::Head;
use lightbulb_core::{Dataset, EpochRecord, Point};

/// One frame's worth of what to paint.
pub struct Frame<'a> {
    /// The network scene (the view refreshes its thumbnails when `grid_fresh`).
    pub scene: &'a mut Scene,
    /// The grid evaluation behind the heatmap and the thumbnails.
    pub grid: &'a Maps,
    /// The grid was recomputed since the last frame.
    pub grid_fresh: bool,
    /// Output layer and target encoding.
    pub head: Head,
    /// A hovered neuron (scene numbering) whose map replaces the output's.
    pub hovered: Option<(usize, usize)>,
    /// The points.
    pub data: &'a Dataset,
    /// Draw test points too.
    pub show_test: bool,
    /// Flat colours instead of a gradient.
    pub discretize: bool,
    /// The probe point (x1, x2).
    pub probe: (f64, f64),
    /// The training point the bulbs show, ringed on the plot.
    pub highlight: Option<Point>,
    /// The loss chart's epochs.
    pub history: &'a [EpochRecord],
    /// The loss chart's cursor (in epochs) at the past step on screen.
    pub chart_cursor: Option<f64>,
    /// The other run's epochs and name ("run A"), while comparing two runs.
    pub other_history: Option<(&'a [EpochRecord], &'static str)>,
    /// Log scale for the loss chart.
    pub log_chart: bool,
    /// The loss chart's hovered CSS x.
    pub chart_hover: Option<f64>,
}

impl Controller {
    /// What to paint, after [`Controller::frame`].
    pub fn frame_view(&mut self) -> Result<Frame<'_>, ControlError> {
        let highlight = self
            .followed_point()
            .and_then(|i| self.session.data().train.get(i).copied());
        let grid_fresh = std::mem::take(&mut self.grid_fresh);
        let chart_cursor = self.chart_cursor();
        let grid = self.session.last_grid().ok_or(ControlError::GridMissing)?;
        Ok(Frame {
            scene: &mut self.scene,
            grid,
            grid_fresh,
            head: self.session.head(),
            hovered: self.hovered_neuron,
            data: self.session.data(),
            show_test: self.state.show_test,
            discretize: self.state.discretize,
            probe: (self.state.x1, self.state.x2),
            highlight,
            chart_cursor,
            history: self.past.chart(&self.session),
            other_history: self.pinned.as_ref().map(|p| (p.history(), p.name())),
            log_chart: self.log_chart,
            chart_hover: self.chart_hover,
        })
    }
}
