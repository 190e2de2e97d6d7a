//! `lightbulb eval`: the network's outputs on a batch, and the loss if the
//! batch has targets.

use crate::batch;
use crate::fail::{Failure, Outcome};
use crate::files::read_model;
use lightbulb_core::trace_json::vector;
use lightbulb_core::Trace;
use ndarray::s;
use serde_json::{Map, Value};

/// Rows evaluated at a time, so that memory stays small whatever the batch.
const CHUNK: usize = 1024;

/// Returns `{"outputs": [[...]], "loss": x}` (`loss` only with targets).
pub fn run(model_path: &str, batch_path: &str) -> Outcome<Value> {
    let model = read_model(model_path)?;
    let batch = batch::read(batch_path, &model)?;
    let network = &model.network;
    let rows = batch.inputs.nrows();
    let mut trace = Trace::new(network, rows.min(CHUNK));
    let mut outputs = Vec::with_capacity(rows);
    let mut loss_sum = 0.0;
    for start in (0..rows).step_by(CHUNK) {
        let range = s![start..(start + CHUNK).min(rows), ..];
        let x = batch.inputs.slice(range);
        let y = batch.targets.as_ref().map(|t| t.slice(range));
        trace
            .load(x, y)
            .map_err(|e| Failure::in_file(batch_path, e))?;
        network.forward(&mut trace);
        if y.is_some() {
            let loss = network
                .compute_loss(model.training.loss, &mut trace)
                .map_err(|e| Failure::in_file(batch_path, e))?;
            loss_sum += loss * x.nrows() as f64;
        }
        let Some(out) = trace.output() else {
            return Err(Failure::numeric("the forward pass produced no outputs"));
        };
        for (k, row) in out.rows().into_iter().enumerate() {
            if row.iter().any(|v| !v.is_finite()) {
                return Err(Failure::numeric(format!(
                    "the network's outputs for inputs[{}] grew past floating-point range",
                    start + k
                )));
            }
            outputs.push(vector(row));
        }
    }
    let mut doc = Map::new();
    doc.insert("outputs".into(), Value::Array(outputs));
    if batch.targets.is_some() {
        let loss = loss_sum / rows as f64;
        if !loss.is_finite() {
            return Err(Failure::numeric("the loss grew past floating-point range"));
        }
        doc.insert("loss".into(), Value::from(loss));
    }
    Ok(Value::Object(doc))
}
