//! Evaluating the network over a grid of the input square, keeping every
//! neuron's output: the decision heatmap and every neuron's thumbnail.

use super::Session;
use crate::dataset::EXTENT;
use crate::error::{Error, Result};
use crate::network::Network;
use crate::trace::Trace;
use ndarray::Array2;

/// Finest grid accepted.
pub const MAX_GRID_RESOLUTION: usize = 200;

/// The point of grid cell `index` (row-major, row 0 at the top, i.e. at
/// x2 = +6), at the cell's centre.
pub fn grid_point(resolution: usize, index: usize) -> (f64, f64) {
    let cell = 2.0 * EXTENT / resolution as f64;
    let (r, c) = (index / resolution, index % resolution);
    (
        -EXTENT + (c as f64 + 0.5) * cell,
        EXTENT - (r as f64 + 0.5) * cell,
    )
}

#[derive(Clone, Debug)]
pub(crate) struct Grid {
    resolution: usize,
    inputs: Array2<f64>,
    trace: Trace,
}

impl Grid {
    pub(crate) fn new(network: &Network) -> Grid {
        Grid {
            resolution: 0,
            inputs: Array2::zeros((0, network.inputs())),
            trace: Trace::new(network, 1),
        }
    }
}

impl Session {
    /// Runs the network on every point of a `resolution × resolution` grid
    /// (see [`grid_point`]) and returns the trace: `a(l)` has one row per grid
    /// point and one column per neuron. Allocates only when the resolution changes.
    pub fn grid(&mut self, resolution: usize) -> Result<&Trace> {
        if !(2..=MAX_GRID_RESOLUTION).contains(&resolution) {
            return Err(Error::out_of_range(
                "grid resolution",
                resolution as f64,
                2.0,
                MAX_GRID_RESOLUTION as f64,
            ));
        }
        let network = self.trainer.network();
        let grid = &mut self.grid;
        if grid.resolution != resolution || !grid.trace.fits(network) {
            let n = resolution * resolution;
            let features = self.config.features;
            grid.inputs = Array2::zeros((n, features.len()));
            for (i, mut row) in grid.inputs.rows_mut().into_iter().enumerate() {
                let (x1, x2) = grid_point(resolution, i);
                if let Some(slice) = row.as_slice_mut() {
                    features.transform_into(x1, x2, slice);
                }
            }
            grid.trace = Trace::forward_only(network, n);
            grid.resolution = resolution;
        }
        grid.trace.load(grid.inputs.view(), None)?;
        network.forward(&mut grid.trace);
        Ok(&grid.trace)
    }

    /// The trace of the last [`Session::grid`] call, and its resolution.
    pub fn last_grid(&self) -> Option<(&Trace, usize)> {
        (self.grid.resolution > 0 && self.grid.trace.fits(self.trainer.network()))
            .then_some((&self.grid.trace, self.grid.resolution))
    }
}
