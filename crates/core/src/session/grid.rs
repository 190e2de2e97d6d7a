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
        self.pending_started = false;
        self.grid
            .compute(self.trainer.network(), &self.config.features, resolution);
        Ok(&self.grid)
    }

    /// [`Session::grid`] spread over calls: each call computes about `rows`
    /// more grid points of an evaluation of the weights as they were when it
    /// began, and true means it finished and [`Session::last_grid`] now
    /// holds it. Until then `last_grid` keeps the previous one. When there is
    /// no previous grid that fits the network at this resolution, the whole
    /// grid is computed at once (true). An evaluation whose network has since
    /// changed shape, or whose features changed, is dropped and another begun.
    pub fn grid_in_steps(&mut self, resolution: usize, rows: usize) -> Result<bool> {
        if self.last_grid().is_none() || !self.grid.made_for(&self.config.features, resolution) {
            self.grid(resolution)?;
            return Ok(true);
        }
        let features = &self.config.features;
        let network = self.trainer.network();
        if !self.pending_started
            || !self.pending.made_for(features, resolution)
            || !self.pending.fits(network)
        {
            self.pending.begin(network, features, resolution);
            self.pending_started = true;
        }
        if !self.pending.advance(rows) {
            return Ok(false);
        }
        std::mem::swap(&mut self.grid, &mut self.pending);
        self.pending_started = false;
        Ok(true)
    }

    /// The maps of the last [`Session::grid`] call (or finished
    /// [`Session::grid_in_steps`] evaluation), if they fit the network.
    pub fn last_grid(&self) -> Option<&Maps> {
        self.grid.fits(self.trainer.network()).then_some(&self.grid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::SessionConfig;

    fn bits(maps: &Maps) -> Vec<u32> {
        maps.output().unwrap().iter().map(|v| v.to_bits()).collect()
    }

    #[test]
    fn a_grid_in_steps_shows_the_weights_it_began_with_once_finished() {
        let mut s = Session::new(SessionConfig::default()).unwrap();
        // No grid yet: the whole one at once.
        assert!(s.grid_in_steps(20, 64).unwrap());
        let first = bits(s.last_grid().unwrap());
        s.step().unwrap();
        let at_begin = s.network().clone();
        // 400 points, 64 rows a call (one block): 7 calls.
        let mut calls = 1;
        while !s.grid_in_steps(20, 64).unwrap() {
            // Until finished, the previous grid stays.
            assert_eq!(bits(s.last_grid().unwrap()), first);
            s.step().unwrap();
            calls += 1;
        }
        assert_eq!(calls, 7);
        let mut expected = Maps::default();
        expected.compute(&at_begin, &s.config.features, 20);
        assert_eq!(bits(s.last_grid().unwrap()), bits(&expected));
        assert_ne!(bits(&expected), first, "the step changed the map");
        // A whole `grid` call drops the evaluation under way.
        assert!(!s.grid_in_steps(20, 64).unwrap());
        s.grid(20).unwrap();
        let mut now = Maps::default();
        now.compute(s.network(), &s.config.features, 20);
        assert_eq!(bits(s.last_grid().unwrap()), bits(&now));
        // Another resolution: at once.
        assert!(s.grid_in_steps(30, 64).unwrap());
        assert_eq!(s.last_grid().unwrap().resolution(), 30);
    }
}
