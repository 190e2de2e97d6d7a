//! `lightbulb step`: one training step on the whole batch.

use crate::batch;
use crate::fail::{Failure, Outcome};
use crate::files::read_model;
use lightbulb_core::trace_json::trace_value;
use lightbulb_core::{Model, StepOutcome};
use serde_json::{json, Value};

/// Most memory the trace of one step may take: it keeps z, a and δ of every
/// neuron for every row.
pub const MAX_TRACE_BYTES: usize = 1 << 30;

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
    check_size(&model, batch.inputs.nrows(), batch_path)?;
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

/// Refuses a batch whose trace would not fit in [`MAX_TRACE_BYTES`].
fn check_size(model: &Model, rows: usize, batch_path: &str) -> Outcome {
    let neurons: usize = model.network.sizes().iter().sum();
    let bytes = rows
        .saturating_mul(neurons)
        .saturating_mul(3 * std::mem::size_of::<f64>());
    if bytes > MAX_TRACE_BYTES {
        return Err(Failure::in_file(
            batch_path,
            format!(
                "inputs: {rows} rows are too many for one step of this network (its trace \
                 would take {} MiB, at most {} MiB); split the batch",
                bytes >> 20,
                MAX_TRACE_BYTES >> 20
            ),
        ));
    }
    Ok(())
}
