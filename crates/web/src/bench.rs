//! The core benchmarks of `crates/core/benches/core.rs`, in wasm, for
//! `www/bench.html` (timed from JavaScript with `performance.now()`):
//!
//! - [`EpochBench`]: epochs of a 2-8-8-1 tanh network (MSE, SGD, learning
//!   rate 0.03) on the 250 training points of a 500-point circle dataset,
//!   batch size 10: 25 `Trainer::step` calls per epoch.
//! - [`GridBench`]: the forward pass over the 100×100 grid of [−6, 6]²
//!   (feature transform, `Trace::load`, `Network::forward`), for 2-8-8-1 or
//!   for the largest page network (7 features, 8 hidden layers × 16), in f64
//!   (`run`) and as the page's f32 maps (`run_maps`, see `lightbulb_core::maps`).
//!
//! - [`DrawBench`]: [`Renderer::draw`] of the network canvas alone.
//! - [`DigitsEpochBench`]: one epoch of the digits defaults (64-32-10).
//!
//! Same networks, seeds and data as the criterion benchmarks, so the two can
//! be compared directly.

use lightbulb_core::dataset::{encode_inputs, encode_targets, EXTENT};
use lightbulb_core::maps::Maps;
use lightbulb_core::ndarray::{Array2, Axis};
use lightbulb_core::{
    generate, Activation, DatasetKind, DatasetParams, FeatureSet, Loss, Network, NetworkSpec,
    OptimizerKind, Point, StepOutcome, TargetEncoding, Trace, Trainer, TrainingConfig,
};
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

mod digits_epoch;
pub use digits_epoch::DigitsEpochBench;

use crate::controller::sync;
use crate::render::Renderer;
use crate::scene::Scene;
use crate::thumbs::Thumbnails;
use crate::view::Surface;

const GRID: usize = 100;
const BATCH: usize = 10;

fn js(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

fn network(features: &FeatureSet, hidden: &[usize]) -> Result<Network, JsError> {
    let spec = NetworkSpec::new(
        features.len(),
        hidden,
        Activation::Tanh,
        1,
        Activation::Tanh,
    )
    .seed(1);
    Network::new(&spec).map_err(js)
}

/// Training epochs of 2-8-8-1 on 250 circle points, batch 10.
#[wasm_bindgen]
pub struct EpochBench {
    trainer: Trainer,
    x: Array2<f64>,
    y: Array2<f64>,
}

#[wasm_bindgen]
impl EpochBench {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<EpochBench, JsError> {
        let params = DatasetParams::new(DatasetKind::Circle)
            .with_points(500)
            .map_err(js)?;
        let data = generate(&params);
        let features = FeatureSet::default();
        let mut x = Array2::zeros((0, 0));
        let mut y = Array2::zeros((0, 0));
        encode_inputs(&data.train, &features, &mut x);
        encode_targets(&data.train, TargetEncoding::PlusMinusOne, &mut y).map_err(js)?;
        let config = TrainingConfig {
            loss: Loss::Mse,
            optimizer: OptimizerKind::Sgd,
            learning_rate: 0.03,
            batch_size: BATCH,
            ..TrainingConfig::default()
        };
        let trainer = Trainer::new(network(&features, &[8, 8])?, config).map_err(js)?;
        Ok(EpochBench { trainer, x, y })
    }

    /// Training points per epoch.
    pub fn points(&self) -> Result<usize, JsError> {
        Ok(self.x.nrows())
    }

    /// Runs `epochs` epochs; returns the number of steps taken.
    pub fn run(&mut self, epochs: u32) -> Result<u32, JsError> {
        let mut steps = 0;
        for _ in 0..epochs {
            let batches = self
                .x
                .axis_chunks_iter(Axis(0), BATCH)
                .zip(self.y.axis_chunks_iter(Axis(0), BATCH));
            for (x, y) in batches {
                if let StepOutcome::Diverged(d) = self.trainer.step(x, y).map_err(js)? {
                    return Err(JsError::new(&format!("diverged: {d:?}")));
                }
                steps += 1;
            }
        }
        Ok(steps)
    }
}

/// The 100×100 grid through a network, keeping every neuron's output.
#[wasm_bindgen]
pub struct GridBench {
    net: Network,
    features: FeatureSet,
    points: Vec<Point>,
    inputs: Array2<f64>,
    trace: Trace,
    maps: Maps,
}

#[wasm_bindgen]
impl GridBench {
    /// `largest`: 7 features and 8 hidden layers × 16; otherwise 2-8-8-1.
    #[wasm_bindgen(constructor)]
    pub fn new(largest: bool) -> Result<GridBench, JsError> {
        let (features, hidden) = if largest {
            (FeatureSet::all(), vec![16; 8])
        } else {
            (FeatureSet::default(), vec![8, 8])
        };
        let net = network(&features, &hidden)?;
        let cell = 2.0 * EXTENT / GRID as f64;
        let points: Vec<Point> = (0..GRID * GRID)
            .map(|k| {
                let (i, j) = (k / GRID, k % GRID);
                let x1 = -EXTENT + (j as f64 + 0.5) * cell;
                let x2 = EXTENT - (i as f64 + 0.5) * cell;
                Point::new(x1, x2, 0.0)
            })
            .collect();
        let inputs = Array2::zeros((points.len(), features.len()));
        let trace = Trace::new(&net, points.len());
        Ok(GridBench {
            net,
            features,
            points,
            inputs,
            trace,
            maps: Maps::default(),
        })
    }

    /// Runs the grid `times` times; returns the first cell's output.
    pub fn run(&mut self, times: u32) -> Result<f64, JsError> {
        let mut first = f64::NAN;
        for _ in 0..times {
            encode_inputs(&self.points, &self.features, &mut self.inputs);
            self.trace.load(self.inputs.view(), None).map_err(js)?;
            self.net.forward(&mut self.trace);
            first = self
                .trace
                .output()
                .and_then(|o| o.iter().next().copied())
                .unwrap_or(f64::NAN);
        }
        Ok(first)
    }

    /// Computes the page's f32 maps of the same grid `times` times (what
    /// `Session::grid` does); returns the first cell's output.
    pub fn run_maps(&mut self, times: u32) -> Result<f64, JsError> {
        let mut first = f64::NAN;
        for _ in 0..times {
            self.maps.compute(&self.net, &self.features, GRID);
            first = self
                .maps
                .output()
                .and_then(|o| o.iter().next().copied())
                .map_or(f64::NAN, f64::from);
        }
        Ok(first)
    }
}

/// The network canvas alone: [`Renderer::draw`] of 2-8-8-1 or of the
/// largest network on one canvas, as while playing (an idle scene whose
/// activations, weights and thumbnails change every frame), without the
/// numeric work of a frame. [`DrawBench::prepare`] changes the scene
/// (untimed); [`DrawBench::draw`] draws it.
#[wasm_bindgen]
pub struct DrawBench {
    net: Network,
    features: FeatureSet,
    probe: Trace,
    scene: Scene,
    renderer: Renderer,
    surface: Surface,
    base: Vec<f64>,
}

#[wasm_bindgen]
impl DrawBench {
    /// `largest`: 7 features and 8 hidden layers × 16; otherwise 2-8-8-1.
    /// Draws on `canvas` at its CSS size and the window's pixel ratio.
    #[wasm_bindgen(constructor)]
    pub fn new(largest: bool, canvas: HtmlCanvasElement) -> Result<DrawBench, JsError> {
        let mut grid = GridBench::new(largest)?;
        grid.run_maps(1)?;
        let net = grid.net.clone();
        let mut scene = Scene::new();
        let (mut sizes, mut kinds) = (Vec::new(), Vec::new());
        sync::structure(&mut scene, &net, &grid.features, &mut sizes, &mut kinds);
        Thumbnails::default().fill(&grid.maps, &mut scene);
        let base = net
            .layers()
            .iter()
            .flat_map(|l| l.weights.iter().copied())
            .collect();
        let probe = Trace::forward_only(&net, 1);
        Ok(DrawBench {
            net,
            features: grid.features,
            probe,
            scene,
            renderer: Renderer::new(),
            surface: Surface::new(canvas)?,
            base,
        })
    }

    /// Frame `i`'s scene: the probe point moves on a circle and the
    /// thumbnails count as new; with `weights`, every weight drifts too (the
    /// worst case for the wires: all of them change every frame).
    pub fn prepare(&mut self, i: u32, weights: bool) -> Result<(), JsError> {
        let t = f64::from(i) * 0.05;
        let (x1, x2) = (3.0 * t.cos(), 3.0 * t.sin());
        let mut input = [0.0; 7];
        let n = self.net.inputs();
        for (slot, f) in input.iter_mut().zip(self.features.iter()).take(n) {
            *slot = f.apply(x1, x2);
        }
        self.probe
            .load_one(input.get(..n).unwrap_or(&[]), None)
            .map_err(js)?;
        self.net.forward(&mut self.probe);
        sync::from_probe(&mut self.scene, &self.probe);
        let mut k = 0;
        let t = if weights { t } else { 0.0 };
        for m in 0..self.scene.layer_count().saturating_sub(1) {
            if let Some(dst) = self.scene.weights_mut(m) {
                for d in dst.iter_mut() {
                    let w = self.base.get(k).copied().unwrap_or(0.0);
                    *d = w * (1.0 + 0.2 * (t + k as f64).sin());
                    k += 1;
                }
            }
        }
        self.scene.touch_thumbs();
        Ok(())
    }

    /// Draws the scene once (layout, every bulb, wire and label).
    pub fn draw(&mut self) -> Result<(), JsError> {
        let (w, h, dpr) = self.surface.fit();
        self.renderer
            .draw(&self.surface.ctx, &self.scene, w, h, dpr)
            .map_err(|_| JsError::new("drawing the network failed"))
    }
}
