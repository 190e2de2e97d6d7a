//! Plain data from the controller to the view, decoupled from the core:
//!
//! - [`network`]: the network view's frame ([`Scene`]): sizes, values, the
//!   phase on screen, the thumbnail atlas;
//! - [`plot`]: what the data plot and the loss chart paint ([`PlotScene`]):
//!   the grid's maps as `f32` slices, the points, the loss history.

pub mod network;
pub mod plot;

pub use network::{Phase, Scene};
pub use plot::PlotScene;
