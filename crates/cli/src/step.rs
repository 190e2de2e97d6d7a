//! `lightbulb step`: one training step on the whole batch.

use crate::batch;
use crate::fail::{Failure, Outcome};
use crate::files::read_model;
use crate::trace_json::trace_value;
use lightbulb_core::{Model, StepOutcome};
use serde_json::{json, Value};

/// Runs one step and returns what to print: the updated model, or
/// `{"model": …, "trace": …}` with `trace`.
pub fn run(model_path: &str, batch_path: &str, trace: bool) -> Outcome<Value> {
    let model = read_model(model_path)?;
    let batch = batch::read(batch_path, &model)?;
    let Some(targets) = batch.targets else {
        return Err(Failure::in_file(
            batch_path,
            "targets: is missing; a training step needs targets",
        ));
    };
    let mut trainer = model
        .trainer()
        .map_err(|e| Failure::in_file(model_path, e))?;
    // The trainer takes the whole batch as one update, whatever the model's
    // batch size: its trace grows to fit.
    let outcome = trainer
        .step(batch.inputs.view(), targets.view())
        .map_err(|e| Failure::in_file(batch_path, e))?;
    if let StepOutcome::Diverged(d) = outcome {
        return Err(Failure::numeric(format!(
            "training diverged: {d}; the model is unchanged"
        )));
    }
    let updated = Model::from_trainer(&trainer, model.features, model.seed).to_value();
    Ok(if trace {
        json!({"model": updated, "trace": trace_value(trainer.trace())})
    } else {
        updated
    })
}
