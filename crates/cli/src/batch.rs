//! The batch file: `{"inputs": [[...], ...], "targets": [[...] or {"class": k}, ...]}`.
//!
//! Inputs are points `(x1, x2)` when the model has `features` (each point is
//! transformed into the network's input row), raw input rows otherwise.
//! Targets are optional; each row is one number per output, or
//! `{"class": k}` for a softmax output (one-hot encoded). Every error names
//! the JSON path of the offending value.

use crate::fail::{Failure, Outcome};
use crate::files::{parse_json, read_text};
use lightbulb_core::json_read::At;
use lightbulb_core::{Activation, FeatureSet, Model, Result};
use ndarray::Array2;
use serde_json::Value;

/// Most rows a batch file may hold.
pub const MAX_ROWS: usize = 100_000;

/// A batch ready for the network: inputs already transformed by the features.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    /// One row per example, `network.inputs()` columns.
    pub inputs: Array2<f64>,
    /// One row per example, `network.outputs()` columns, if the file had targets.
    pub targets: Option<Array2<f64>>,
}

/// What a batch must look like to fit a model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    /// The input transform; `None` for raw input rows.
    pub features: Option<FeatureSet>,
    /// Width of a raw input row (the network's inputs).
    pub inputs: usize,
    /// Width of a target row (the network's outputs).
    pub outputs: usize,
    /// Whether `{"class": k}` targets are allowed (softmax output).
    pub classes: bool,
}

impl Fit {
    /// The batch shape `model` takes.
    pub fn of(model: &Model) -> Fit {
        Fit {
            features: model.features,
            inputs: model.network.inputs(),
            outputs: model.network.outputs(),
            classes: model.network.output_activation() == Activation::Softmax,
        }
    }
}

/// Reads a batch file for `model`; errors start with the file name.
pub fn read(path: &str, model: &Model) -> Outcome<Batch> {
    parse_text(path, &read_text(path)?, Fit::of(model))
}

/// Parses the text of batch file `path` for a model of shape `fit`; errors
/// start with the file name. What [`read`] does once the file is read.
pub fn parse_text(path: &str, text: &str, fit: Fit) -> Outcome<Batch> {
    let value = parse_json(path, text)?;
    parse(&value, fit).map_err(|e| Failure::in_file(path, e))
}

/// Validates a parsed batch document against `fit`.
pub fn parse(value: &Value, fit: Fit) -> Result<Batch> {
    let root = At::root(value);
    let map = root.object(&["inputs", "targets"])?;
    let inputs_at = root.field(map, "inputs")?;
    let rows = row_count(&inputs_at)?;
    let inputs = read_inputs(&inputs_at, fit)?;
    let targets = match root.optional(map, "targets") {
        None => None,
        Some(t) => {
            let count = t.list()?.len();
            if count != rows {
                return Err(t.error(format!(
                    "has {}, but inputs has {}; give one target row per input row",
                    plural(count, "row"),
                    plural(rows, "row")
                )));
            }
            Some(read_targets(&t, fit)?)
        }
    };
    Ok(Batch { inputs, targets })
}

fn row_count(at: &At) -> Result<usize> {
    let n = at.list()?.len();
    if n == 0 {
        return Err(at.error("is empty; a batch needs at least one row"));
    }
    if n > MAX_ROWS {
        return Err(at.error(format!("has {n} rows; at most {MAX_ROWS} are allowed")));
    }
    Ok(n)
}

fn read_inputs(at: &At, fit: Fit) -> Result<Array2<f64>> {
    let (width, why) = match fit.features {
        Some(_) => (2, "the model's features take points (x1, x2)".to_string()),
        None => (
            fit.inputs,
            format!("the network has {}", plural(fit.inputs, "input")),
        ),
    };
    let items = at.items()?;
    let mut flat = Vec::with_capacity(items.len() * fit.inputs);
    for (i, item) in items.iter().enumerate() {
        let row = item.numbers()?;
        if row.len() != width {
            let message = if i == 0 {
                format!("has {}, but {why}", plural(row.len(), "value"))
            } else {
                format!(
                    "has {}, but {}[0] has {width}; rows must all be the same length",
                    plural(row.len(), "value"),
                    at.path()
                )
            };
            return Err(item.error(message));
        }
        match fit.features {
            Some(features) => {
                let start = flat.len();
                flat.resize(start + features.len(), 0.0);
                features.transform_into(row[0], row[1], &mut flat[start..]);
                if let Some(feature) = flat[start..]
                    .iter()
                    .zip(features.iter())
                    .find_map(|(v, f)| (!v.is_finite()).then_some(f))
                {
                    return Err(item.error(format!(
                        "feature {feature} of this point is not a finite number"
                    )));
                }
            }
            None => flat.extend_from_slice(&row),
        }
    }
    Array2::from_shape_vec((items.len(), fit.inputs), flat).map_err(|e| at.error(e.to_string()))
}

fn read_targets(at: &At, fit: Fit) -> Result<Array2<f64>> {
    let items = at.items()?;
    let mut flat = Vec::with_capacity(items.len() * fit.outputs);
    for item in &items {
        match item.value {
            Value::Object(_) => {
                let class = read_class(item, fit)?;
                flat.extend((0..fit.outputs).map(|j| if j == class { 1.0 } else { 0.0 }));
            }
            Value::Array(_) => {
                let row = item.numbers()?;
                if row.len() != fit.outputs {
                    return Err(item.error(format!(
                        "has {}, but the network has {}",
                        plural(row.len(), "value"),
                        plural(fit.outputs, "output")
                    )));
                }
                flat.extend_from_slice(&row);
            }
            _ => {
                return Err(
                    item.error("expected a list of numbers (one per output) or {\"class\": k}")
                )
            }
        }
    }
    Array2::from_shape_vec((items.len(), fit.outputs), flat).map_err(|e| at.error(e.to_string()))
}

fn read_class(item: &At, fit: Fit) -> Result<usize> {
    let map = item.object(&["class"])?;
    if !fit.classes {
        return Err(item.error(
            "{\"class\": k} targets need a softmax output layer; give one number per output instead",
        ));
    }
    let at = item.field(map, "class")?;
    let k = at.unsigned()?;
    match usize::try_from(k) {
        Ok(k) if k < fit.outputs => Ok(k),
        _ => Err(at.error(format!(
            "class {k} is out of range: the network has {}, so classes 0 to {}",
            plural(fit.outputs, "output"),
            fit.outputs.saturating_sub(1)
        ))),
    }
}

/// `1 row`, `2 rows`.
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
