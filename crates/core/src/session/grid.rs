//! Evaluating the network over a grid of the input square, keeping every
//! neuron's output: the decision heatmap and every neuron's thumbnail
//! (computed by [`Maps`]).

use super::Session;
use crate::error::{Error, Result};
use crate::maps::Maps;

/// Finest grid accepted.
pub const MAX_GRID_RESOLUTION: usize = 200;

impl Session {
    /// Runs the network on every point of a `resolution × resolution` grid
    /// (see [`crate::grid::grid_point`]) and returns every neuron's map, in f32 (see
    /// [`Maps`]). Allocates only when the resolution or the shape changes.
    pub fn grid(&mut self, resolution: usize) -> Result<&Maps> {
        if !(2..=MAX_GRID_RESOLUTION).contains(&resolution) {
            return Err(Error::out_of_range(
                "grid resolution",
                resolution as f64,
                2.0,
                MAX_GRID_RESOLUTION as f64,
            ));
        }
        self.grid
            .compute(self.trainer.network(), &self.config.features, resolution);
        Ok(&self.grid)
    }

    /// The maps of the last [`Session::grid`] call, if they fit the network.
    pub fn last_grid(&self) -> Option<&Maps> {
        self.grid.fits(self.trainer.network()).then_some(&self.grid)
    }
}
