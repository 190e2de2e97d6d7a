//! The trace of one training step as one JSON value.
//!
//! ```json
//! {"inputs": [[...]], "targets": [[...]], "loss": 0.5,
//!  "layers": [{"z": [[...]], "a": [[...]], "delta": [[...]],
//!              "grad_w": [[...]], "grad_b": [...], "delta_w": [[...]], "delta_b": [...]}]}
//! ```
//!
//! `inputs` are the network's input rows (after the features); per layer,
//! `z`, `a` and `delta` have one row per example, `grad_w` and `delta_w` are
//! neurons × inputs. An array the step has not computed is `null`.

use crate::output::{matrix, vector};
use lightbulb_core::Trace;
use serde_json::{json, Map, Value};

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
