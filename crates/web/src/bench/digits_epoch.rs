//! [`DigitsEpochBench`]: one epoch of the digits defaults in wasm, as the
//! page's Play runs it: `EpochRunner::run` of the 64-32-10 network (tanh,
//! softmax, cross-entropy, SGD at 0.2, batches of 10) over the 1,347
//! training images, 135 steps, shuffled. The images are the core's embedded
//! copy (this bench build only; the shipped page fetches them).

use lightbulb_core::digits::{evaluate, training, Digits, EpochRunner};
use lightbulb_core::{Network, StepOutcome, Trainer};
use wasm_bindgen::prelude::*;

fn js(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// Epochs of the digits defaults (64-32-10, seed 1).
#[wasm_bindgen]
pub struct DigitsEpochBench {
    trainer: Trainer,
    runner: EpochRunner,
    data: &'static Digits,
}

#[wasm_bindgen]
impl DigitsEpochBench {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<DigitsEpochBench, JsError> {
        let data = Digits::embedded().map_err(js)?;
        let network = Network::new(&training::network_spec(training::SEED)).map_err(js)?;
        let trainer = Trainer::new(network, training::training_config()).map_err(js)?;
        let runner = EpochRunner::new(data.train(), training::SEED).map_err(js)?;
        Ok(DigitsEpochBench {
            trainer,
            runner,
            data,
        })
    }

    /// Training images per epoch.
    pub fn images(&self) -> Result<usize, JsError> {
        Ok(self.data.train().len())
    }

    /// Runs `epochs` epochs; returns the epochs done so far.
    pub fn run(&mut self, epochs: u32) -> Result<f64, JsError> {
        for _ in 0..epochs {
            if let StepOutcome::Diverged(d) = self.runner.run(&mut self.trainer).map_err(js)? {
                return Err(JsError::new(&format!("diverged: {d}")));
            }
        }
        Ok(self.runner.epoch() as f64)
    }

    /// Test accuracy now (0–1), so the bench can show the epochs trained.
    pub fn accuracy(&self) -> Result<f64, JsError> {
        Ok(evaluate(self.trainer.network(), self.data.test())
            .map_err(js)?
            .accuracy())
    }
}
