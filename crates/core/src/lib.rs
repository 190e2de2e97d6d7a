//! # Lightbulb core
//!
//! The pure Rust heart of Lightbulb, a neural network you watch while it
//! learns. It holds the network maths, training, datasets and the model file,
//! and knows nothing of drawing.
//!
//! One training step is four named phases, each of which fills a reusable
//! [`Trace`] that a visualiser can draw: the forward pass
//! ([`Network::forward_layer`]), the loss ([`Network::compute_loss`]), the
//! backward pass ([`Network::backward_layer`]) and the update
//! ([`Optimizer::update`]). [`Trainer`] runs them together.
//!
//! Besides the 2-D tasks of [`dataset`], [`digits`] holds an image task: the
//! 1,797 handwritten 8 × 8 digits of the UCI "Optical Recognition of
//! Handwritten Digits" collection (Alpaydin and Kaynak, CC BY 4.0), embedded
//! with a fixed split, with the 64-32-10 training defaults.
//!
//! ```
//! use lightbulb_core::{Activation, Loss, Network, NetworkSpec, StepOutcome, Trainer, TrainingConfig};
//! use ndarray::array;
//!
//! let spec = NetworkSpec::new(2, &[4], Activation::Tanh, 1, Activation::Tanh).seed(7);
//! let network = Network::new(&spec)?;
//! let config = TrainingConfig { loss: Loss::Mse, learning_rate: 0.1, ..TrainingConfig::default() };
//! let mut trainer = Trainer::new(network, config)?;
//!
//! // XOR with ±1 targets.
//! let x = array![[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0]];
//! let y = array![[1.0], [-1.0], [-1.0], [1.0]];
//! let mut first = None;
//! let mut last = 0.0;
//! for _ in 0..500 {
//!     if let StepOutcome::Applied { loss } = trainer.step(x.view(), y.view())? {
//!         first.get_or_insert(loss);
//!         last = loss;
//!     }
//! }
//! assert!(last < first.unwrap() / 10.0);
//! // Every array of the last step is there to draw:
//! let delta = trainer.trace().delta(0).unwrap();
//! assert_eq!(delta.dim(), (4, 4));
//! # Ok::<(), lightbulb_core::Error>(())
//! ```
#![deny(missing_docs)]

pub mod activation;
pub mod backward;
mod clip;
pub mod dataset;
pub mod digits;
pub mod divergence;
pub mod error;
pub mod example_share;
mod fastmath;
mod fastmath32;
pub mod features;
pub mod forward;
pub mod gradient_check;
mod grid;
pub mod init;
pub mod json_read;
mod kernels;
pub mod layer;
pub mod loss;
pub mod maps;
pub mod model_file;
mod named;
pub mod network;
pub mod optimizer;
pub mod regularization;
pub mod session;
pub mod trace;
pub mod trace_json;
pub mod trainer;

pub use ndarray;

pub use activation::Activation;
pub use backward::Objective;
pub use clip::{clip, CLIP_CHARS};
pub use dataset::{generate, Dataset, DatasetKind, DatasetParams, Point, Problem, TargetEncoding};
pub use digits::{DigitImage, Digits};
pub use divergence::{Divergence, DivergenceCause};
pub use error::{Error, Result};
pub use features::{Feature, FeatureSet};
pub use grid::grid_point;
pub use init::Init;
pub use layer::Layer;
pub use loss::Loss;
pub use model_file::{Model, OptimizerState};
pub use named::Named;
pub use network::{HiddenSpec, Network, NetworkSpec};
pub use optimizer::{Moments, Optimizer, OptimizerKind};
pub use regularization::Regularization;
pub use session::{
    Change, Diverged, EpochRecord, Phase, PhaseReport, Session, SessionConfig, Timeline, WeightEdit,
};
pub use trace::Trace;
pub use trainer::{StepOutcome, Trainer, TrainingConfig};
