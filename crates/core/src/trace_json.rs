//! The trace of one training step as one JSON value: what
//! `lightbulb step --trace` prints under `"trace"`, beside the updated model,
//! and what the page exports with a step (so the two can be compared byte
//! for byte).
//!
//! ```json
//! {"inputs": [[...]], "targets": [[...]], "loss": 0.5,
//!  "layers": [{"z": [[...]], "a": [[...]], "delta": [[...]],
//!              "grad_w": [[...]], "grad_b": [...], "delta_w": [[...]], "delta_b": [...]}]}
//! ```
//!
//! | key | shape | what |
//! | --- | --- | --- |
//! | `inputs` | rows × inputs | the network's input rows, after the model's features |
//! | `targets` | rows × outputs | encoded targets (`{"class": k}` becomes one-hot) |
//! | `loss` | number | batch-mean loss before the update, without regularisation |
//! | `layers[l].z` | rows × neurons | pre-activations `z = a_prev·Wᵀ + b` |
//! | `layers[l].a` | rows × neurons | activations `a = f(z)` |
//! | `layers[l].delta` | rows × neurons | `δ = ∂Lₙ/∂z` of each example's own loss |
//! | `layers[l].grad_w` | neurons × inputs | batch-mean `∂J/∂W`, regularisation included |
//! | `layers[l].grad_b` | neurons | batch-mean `∂J/∂b` (biases are not regularised) |
//! | `layers[l].delta_w` | neurons × inputs | the change the optimizer applied to `W` |
//! | `layers[l].delta_b` | neurons | the change applied to `b` |
//!
//! Layers run from the first hidden layer (0) to the output layer; row `n`
//! of `z`, `a` and `delta` is example `n` of the batch. An array the step
//! has not computed is `null`.
//!
//! **Exactness.** Every number is printed as the shortest decimal that reads
//! back to the same 64-bit float, and object keys are sorted, so the same
//! model and batch files give the same bytes on every run (the step has no
//! randomness), and a reader gets the core's own bits back. The updated
//! model's weights are exactly `W + delta_w` and `b + delta_b`; with SGD,
//! `delta_w = −η·grad_w` exactly. `crates/cli/tests/cli.rs` checks all of
//! this against the core's trainer.

use crate::trace::Trace;
use ndarray::{ArrayView1, ArrayView2};
use serde_json::{json, Map, Value};

/// A matrix as a list of rows.
pub fn matrix(a: ArrayView2<f64>) -> Value {
    Value::Array(a.rows().into_iter().map(vector).collect())
}

/// A vector as a list of numbers (a non-finite number becomes `null`).
pub fn vector(a: ArrayView1<f64>) -> Value {
    Value::Array(a.iter().map(|&x| Value::from(x)).collect())
}

/// Every array of `trace`.
pub fn trace_value(trace: &Trace) -> Value {
    let layers: Vec<Value> = (0..trace.depth())
        .map(|l| {
            let mut layer = Map::new();
            let mut put = |key: &str, v: Option<Value>| {
                layer.insert(key.to_owned(), v.unwrap_or(Value::Null));
            };
            put("z", trace.z(l).map(matrix));
            put("a", trace.a(l).map(matrix));
            put("delta", trace.delta(l).map(matrix));
            put("grad_w", trace.grad_w(l).map(matrix));
            put("grad_b", trace.grad_b(l).map(vector));
            put("delta_w", trace.delta_w(l).map(matrix));
            put("delta_b", trace.delta_b(l).map(vector));
            Value::Object(layer)
        })
        .collect();
    json!({
        "inputs": matrix(trace.inputs()),
        "targets": matrix(trace.targets()),
        "loss": trace.loss(),
        "layers": layers,
    })
}
