//! `lightbulb eval`: the network's outputs on a batch, and the loss if the
//! batch has targets.

use crate::batch;
use crate::fail::{Failure, Outcome};
use crate::files::read_model;
use crate::output::matrix;
use lightbulb_core::Trace;
use serde_json::{Map, Value};

/// Returns `{"outputs": [[...]], "loss": x}` (`loss` only with targets).
pub fn run(model_path: &str, batch_path: &str) -> Outcome<Value> {
    let model = read_model(model_path)?;
    let batch = batch::read(batch_path, &model)?;
    let network = &model.network;
    let mut trace = Trace::new(network, batch.inputs.nrows());
    trace
        .load(
            batch.inputs.view(),
            batch.targets.as_ref().map(|t| t.view()),
        )
        .map_err(|e| Failure::in_file(batch_path, e))?;
    network.forward(&mut trace);
    let loss = match batch.targets {
        None => None,
        Some(_) => Some(
            network
                .compute_loss(model.training.loss, &mut trace)
                .map_err(|e| Failure::in_file(batch_path, e))?,
        ),
    };
    let Some(outputs) = trace.output() else {
        return Err(Failure::numeric("the forward pass produced no outputs"));
    };
    if let Some(row) = outputs
        .rows()
        .into_iter()
        .position(|r| r.iter().any(|v| !v.is_finite()))
    {
        return Err(Failure::numeric(format!(
            "the network's outputs for inputs[{row}] grew past floating-point range"
        )));
    }
    let mut doc = Map::new();
    doc.insert("outputs".into(), matrix(outputs));
    if let Some(loss) = loss {
        if !loss.is_finite() {
            return Err(Failure::numeric("the loss grew past floating-point range"));
        }
        doc.insert("loss".into(), Value::from(loss));
    }
    Ok(Value::Object(doc))
}
