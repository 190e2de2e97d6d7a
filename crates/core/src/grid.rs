//! The grid over the input square on which the network is drawn: where each
//! of its cells lies. [`crate::maps::Maps`] evaluates the network on it, and
//! [`crate::session::Session::grid`] hands those maps out.

use crate::dataset::EXTENT;

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
