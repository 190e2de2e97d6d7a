//! What the controller hands the view each frame: the network scene and
//! the plot scene to paint, and the grid behind the heatmap and the
//! thumbnails, read in place as plain slices.

use super::{ControlError, Controller};
use crate::scene::plot::{ChartRecord, GridMaps};
use crate::scene::{PlotScene, Scene};

/// One frame's worth of what to paint.
pub struct Frame<'a> {
    /// The network scene (the view refreshes its thumbnails when `grid_fresh`).
    pub scene: &'a mut Scene,
    /// The grid evaluation behind the heatmap and the thumbnails.
    pub grid: &'a dyn GridMaps,
    /// The grid was recomputed since the last frame.
    pub grid_fresh: bool,
    /// The data plot and the loss chart.
    pub plot: &'a PlotScene,
    /// Training is playing: a canvas off screen may wait (the view paints
    /// it when it comes back or Play stops).
    pub playing: bool,
}

impl Controller {
    /// What to paint, after [`Controller::frame`].
    pub fn frame_view(&mut self) -> Result<Frame<'_>, ControlError> {
        let highlight = self
            .followed_point()
            .and_then(|i| self.session.data().train.get(i))
            .map(super::plot_scene::data_point);
        let grid_fresh = std::mem::take(&mut self.grid_fresh);
        let chart_cursor = self.chart_cursor();
        let fill = &mut self.plot;
        fill.points(self.session.data());
        fill.history(self.past.chart(&self.session));
        fill.other(self.pinned.as_ref().map(|p| (p.history(), p.name())));
        fill.head(self.session.head());
        let plot = &mut fill.scene;
        plot.hovered = self.hovered_neuron;
        plot.show_test = self.state.show_test;
        plot.discretize = self.state.discretize;
        plot.probe = (self.state.x1, self.state.x2);
        plot.highlight = highlight;
        plot.chart_cursor = chart_cursor;
        plot.log_chart = self.log_chart;
        plot.chart_hover = self.chart_hover;
        let grid = self.session.last_grid().ok_or(ControlError::GridMissing)?;
        let playing = self.playing;
        Ok(Frame {
            scene: &mut self.scene,
            grid,
            grid_fresh,
            plot: &self.plot.scene,
            playing,
        })
    }

    /// The loss chart's epochs as of now, as the chart draws them (for the
    /// read-out between frames).
    pub fn chart_records(&mut self) -> &[ChartRecord] {
        self.plot.history(self.past.chart(&self.session));
        &self.plot.scene.history
    }
}
