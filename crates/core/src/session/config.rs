//! What a session is built from, checked once.

use crate::activation::Activation;
use crate::dataset::{DatasetParams, Problem, TargetEncoding};
use crate::error::{Error, Result};
use crate::features::FeatureSet;
use crate::init::Init;
use crate::loss::Loss;
use crate::network::{HiddenSpec, NetworkSpec};
use crate::trainer::TrainingConfig;

/// Everything needed to build a [`Session`](super::Session).
#[derive(Clone, Debug, PartialEq)]
pub struct SessionConfig {
    /// Which data, how much, how noisy.
    pub dataset: DatasetParams,
    /// The input transform.
    pub features: FeatureSet,
    /// Hidden layers, input side first.
    pub hidden: Vec<HiddenSpec>,
    /// Initialisation (`None`: per-activation default).
    pub init: Option<Init>,
    /// Seed of the weights and of the batch shuffling.
    pub seed: u64,
    /// Loss, optimizer, learning rate, regularisation, batch size. The loss
    /// picks the output layer: see [`SessionConfig::head`].
    pub training: TrainingConfig,
}

impl Default for SessionConfig {
    fn default() -> Self {
        SessionConfig {
            dataset: DatasetParams::default(),
            features: FeatureSet::default(),
            hidden: vec![
                HiddenSpec {
                    neurons: 4,
                    activation: Activation::Tanh,
                },
                HiddenSpec {
                    neurons: 2,
                    activation: Activation::Tanh,
                },
            ],
            init: None,
            seed: 1,
            training: TrainingConfig::default(),
        }
    }
}

/// The output layer and target encoding that a loss implies for a problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Head {
    /// Number of outputs.
    pub outputs: usize,
    /// Their activation.
    pub activation: Activation,
    /// How labels become targets.
    pub encoding: TargetEncoding,
}

impl SessionConfig {
    /// The output layer for this problem and loss: tanh + MSE (±1 targets) or
    /// sigmoid + BCE (0/1) for two classes, softmax + CE for any number of
    /// classes, linear + MSE for regression.
    pub fn head(&self) -> Result<Head> {
        let problem = self.dataset.problem();
        let head = |outputs, activation, encoding| {
            Ok(Head {
                outputs,
                activation,
                encoding,
            })
        };
        match (problem, self.training.loss) {
            (Problem::Regression, Loss::Mse) => head(1, Activation::Linear, TargetEncoding::Value),
            (Problem::Classification { classes: 2 }, Loss::Mse) => {
                head(1, Activation::Tanh, TargetEncoding::PlusMinusOne)
            }
            (Problem::Classification { classes: 2 }, Loss::Bce) => {
                head(1, Activation::Sigmoid, TargetEncoding::ZeroOne)
            }
            (Problem::Classification { classes }, Loss::SoftmaxCe) => head(
                classes,
                Activation::Softmax,
                TargetEncoding::OneHot { classes },
            ),
            (Problem::Regression, loss) => Err(Error::Invalid(format!(
                "loss \"{}\" is for classification; regression uses \"mse\"",
                loss.name()
            ))),
            (Problem::Classification { classes }, loss) => Err(Error::Invalid(format!(
                "loss \"{}\" handles two classes; {classes} classes need \"softmax_ce\"",
                loss.name()
            ))),
        }
    }

    /// The network this config describes.
    pub fn network_spec(&self) -> Result<NetworkSpec> {
        let head = self.head()?;
        Ok(NetworkSpec {
            inputs: self.features.len(),
            hidden: self.hidden.clone(),
            outputs: head.outputs,
            output_activation: head.activation,
            init: self.init,
            seed: self.seed,
        })
    }

    /// Checks everything.
    pub fn validate(&self) -> Result<()> {
        self.dataset.validate()?;
        self.training.validate()?;
        self.head()?;
        Ok(())
    }
}
