//! A network with its optimizer, training configuration and trace: one
//! training step as separate, named phases.

use crate::backward::Objective;
use crate::divergence::Divergence;
use crate::error::{Error, Result};
use crate::loss::Loss;
use crate::network::Network;
use crate::optimizer::{Optimizer, OptimizerKind};
use crate::regularization::Regularization;
use crate::trace::Trace;
use ndarray::ArrayView2;
use serde::{Deserialize, Serialize};

/// Largest learning rate accepted. Rates this large diverge at once, which is
/// exactly what the divergence check is for.
pub const MAX_LEARNING_RATE: f64 = 1e6;
/// Largest regularisation rate accepted.
pub const MAX_REGULARIZATION_RATE: f64 = 10.0;
/// Largest batch size accepted.
pub const MAX_BATCH_SIZE: usize = 5000;

/// How to train: checked once by [`TrainingConfig::validate`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainingConfig {
    /// The loss.
    pub loss: Loss,
    /// The update rule.
    pub optimizer: OptimizerKind,
    /// Step size η, in [0, 1e6].
    pub learning_rate: f64,
    /// Weight penalty.
    pub regularization: Regularization,
    /// Its rate, in [0, 10].
    pub regularization_rate: f64,
    /// Examples per update, 1 to 5,000.
    pub batch_size: usize,
}

impl Default for TrainingConfig {
    fn default() -> Self {
        TrainingConfig {
            loss: Loss::Mse,
            optimizer: OptimizerKind::Sgd,
            learning_rate: 0.03,
            regularization: Regularization::None,
            regularization_rate: 0.0,
            batch_size: 10,
        }
    }
}

impl TrainingConfig {
    /// Checks every number.
    pub fn validate(&self) -> Result<()> {
        check_rate("learning rate", self.learning_rate, MAX_LEARNING_RATE)?;
        check_rate(
            "regularization rate",
            self.regularization_rate,
            MAX_REGULARIZATION_RATE,
        )?;
        if self.batch_size == 0 || self.batch_size > MAX_BATCH_SIZE {
            return Err(Error::out_of_range(
                "batch size",
                self.batch_size as f64,
                1.0,
                MAX_BATCH_SIZE as f64,
            ));
        }
        Ok(())
    }

    /// The objective the backward pass differentiates.
    pub fn objective(&self) -> Objective {
        Objective {
            loss: self.loss,
            regularization: self.regularization,
            rate: self.regularization_rate,
        }
    }
}

fn check_rate(what: &str, value: f64, max: f64) -> Result<()> {
    if !value.is_finite() {
        return Err(Error::NotFinite {
            what: what.into(),
            value,
        });
    }
    if !(0.0..=max).contains(&value) {
        return Err(Error::out_of_range(what, value, 0.0, max));
    }
    Ok(())
}

/// What one step did.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum StepOutcome {
    /// The update was applied; the batch loss before it.
    Applied {
        /// Mean loss of the batch, before the update.
        loss: f64,
    },
    /// Something went non-finite; nothing was changed.
    Diverged(Divergence),
}

/// A network, its optimizer and its trace, trained one step at a time.
#[derive(Clone, Debug)]
pub struct Trainer {
    network: Network,
    optimizer: Optimizer,
    trace: Trace,
    config: TrainingConfig,
}

impl Trainer {
    /// Checks the configuration and that the loss fits the output layer.
    pub fn new(network: Network, config: TrainingConfig) -> Result<Trainer> {
        config.validate()?;
        config.loss.check_output(network.output_activation())?;
        let optimizer = Optimizer::new(config.optimizer, &network);
        let trace = Trace::new(&network, config.batch_size);
        Ok(Trainer {
            network,
            optimizer,
            trace,
            config,
        })
    }

    /// The network.
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// The trace of the current (or last) step.
    pub fn trace(&self) -> &Trace {
        &self.trace
    }

    /// The optimizer and its state.
    pub fn optimizer(&self) -> &Optimizer {
        &self.optimizer
    }

    /// Mutable optimizer, e.g. to restore saved state.
    pub fn optimizer_mut(&mut self) -> &mut Optimizer {
        &mut self.optimizer
    }

    /// The configuration.
    pub fn config(&self) -> &TrainingConfig {
        &self.config
    }

    /// Changes the learning rate, optimizer, regularisation or batch size
    /// without touching the weights. The loss cannot change here (it is tied
    /// to the output layer). Switching optimizer restarts its state.
    pub fn reconfigure(&mut self, config: TrainingConfig) -> Result<()> {
        config.validate()?;
        if config.loss != self.config.loss {
            return Err(Error::Invalid(
                "the loss is tied to the network; rebuild it to change the loss".into(),
            ));
        }
        if config.optimizer != self.config.optimizer {
            self.optimizer.switch(config.optimizer);
        }
        self.config = config;
        Ok(())
    }

    /// Sets one weight (see [`Network::set_weight`]); the current step restarts.
    pub fn set_weight(&mut self, layer: usize, to: usize, from: usize, value: f64) -> Result<()> {
        self.network.set_weight(layer, to, from, value)?;
        self.trace.restart();
        Ok(())
    }

    /// The parts a saved training state is restored into: the network, the
    /// optimizer and the configuration (already validated when it was saved).
    /// The trace restarts.
    pub(crate) fn restore_parts(&mut self) -> (&mut Network, &mut Optimizer, &mut TrainingConfig) {
        self.trace.restart();
        (&mut self.network, &mut self.optimizer, &mut self.config)
    }

    /// One whole step on a batch: forward, loss, backward, update.
    /// Errors only on shapes that do not fit the network.
    pub fn step(
        &mut self,
        inputs: ArrayView2<f64>,
        targets: ArrayView2<f64>,
    ) -> Result<StepOutcome> {
        self.trace.load(inputs, Some(targets))?;
        self.network.forward(&mut self.trace);
        self.network
            .backward(self.config.objective(), &mut self.trace)?;
        Ok(self.apply())
    }

    /// Phase 0: loads a batch and starts a step.
    pub fn begin(&mut self, inputs: ArrayView2<f64>, targets: ArrayView2<f64>) -> Result<()> {
        self.trace.load(inputs, Some(targets))
    }

    /// Forward phase for layer `l` (0 = first hidden layer).
    pub fn forward_layer(&mut self, l: usize) -> Result<()> {
        self.network.forward_layer(l, &mut self.trace)
    }

    /// Loss phase.
    pub fn compute_loss(&mut self) -> Result<f64> {
        self.network.compute_loss(self.config.loss, &mut self.trace)
    }

    /// Backward phase for layer `l` (the output layer first).
    pub fn backward_layer(&mut self, l: usize) -> Result<()> {
        self.network
            .backward_layer(l, self.config.objective(), &mut self.trace)
    }

    /// Update phase. Needs the whole backward pass.
    pub fn update(&mut self) -> Result<StepOutcome> {
        if self.trace.progress.backward_from != 0
            || !self.trace.progress.loss
            || self.trace.progress.updated
        {
            return Err(Error::Invalid(
                "the update needs the whole backward pass first".into(),
            ));
        }
        Ok(self.apply())
    }

    fn apply(&mut self) -> StepOutcome {
        let loss = self.trace.loss;
        match self.optimizer.update(
            &mut self.network,
            &mut self.trace,
            self.config.learning_rate,
        ) {
            Ok(()) => StepOutcome::Applied { loss },
            Err(d) => StepOutcome::Diverged(d),
        }
    }

    /// Runs a forward pass only, on `inputs`, into `trace` (which must have
    /// been made for this network). Used for probes and grids; it never
    /// touches the training trace.
    pub fn evaluate(&self, inputs: ArrayView2<f64>, trace: &mut Trace) -> Result<()> {
        if !trace.fits(&self.network) {
            return Err(Error::Invalid(
                "the trace was made for another network".into(),
            ));
        }
        trace.load(inputs, None)?;
        self.network.forward(trace);
        Ok(())
    }

    /// Takes the network out.
    pub fn into_network(self) -> Network {
        self.network
    }
}
