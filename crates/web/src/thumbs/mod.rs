//! A bulb's thumbnail, its own map over the grid, in one module:
//!
//! - [`downsample`]: every hidden and output neuron's map box-averaged from
//!   the grid into the scene's atlas (`THUMB_RES`² RGBA tiles), refreshed
//!   when the grid is;
//! - [`tiles`]: the atlas resampled to the bulbs' size in device pixels, cut
//!   to discs, and drawn inside the globes every frame.

pub mod downsample;
pub mod tiles;

pub use downsample::THUMB_RES;
pub use tiles::{Placed, ThumbAtlas};

use crate::glow::ActivationKind;
use crate::plot::data_plot::LayerInfo;
use crate::scene::plot::GridMaps;
use crate::scene::Scene;

/// What the last refresh of the atlas learnt, reused between frames.
#[derive(Debug, Default)]
pub struct Thumbnails {
    /// Activation kind per scene layer.
    kinds: Vec<ActivationKind>,
    /// Largest |a| per scene layer over the grid (0 for the inputs).
    maxima: Vec<f64>,
    scratch: downsample::Scratch,
}

impl Thumbnails {
    /// Fills the scene's per-neuron thumbnails from the grid, and remembers
    /// the layers' activation kinds and ranges (for the hovered neuron's map).
    pub fn fill(&mut self, grid: &dyn GridMaps, scene: &mut Scene) {
        self.kinds.clear();
        self.kinds
            .extend((0..scene.layer_count()).map(|l| scene.kind(l)));
        downsample::fill(scene, grid, &mut self.maxima, &mut self.scratch);
    }

    /// Largest |a| of a scene layer over the last refresh's grid (0 if unknown).
    pub fn layer_max(&self, layer: usize) -> f64 {
        self.maxima.get(layer).copied().unwrap_or(0.0)
    }

    /// The layers' kinds and ranges, as the data plot reads them.
    pub fn layers(&self) -> LayerInfo<'_> {
        LayerInfo {
            kinds: &self.kinds,
            maxima: &self.maxima,
        }
    }
}
