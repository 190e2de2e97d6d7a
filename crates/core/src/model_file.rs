//! The model file: a versioned JSON document shared by the page and the CLI.
//!
//! ```json
//! {
//!   "format": "lightbulb-model", "version": 1,
//!   "features": ["x1", "x2"],
//!   "layers": [{"activation": "tanh", "weights": [[0.1, -0.2]], "biases": [0.1]}],
//!   "loss": "mse",
//!   "training": {"optimizer": "sgd", "learning_rate": 0.03, "regularization": "none",
//!                "regularization_rate": 0.0, "batch_size": 10, "seed": 1}
//! }
//! ```
//!
//! Reading validates everything and names the JSON path of the first problem.
//! Floats are written in shortest round-trip form, so writing and reading
//! gives back identical bits.

use crate::activation::Activation;
use crate::error::{Error, Result};
use crate::features::FeatureSet;
use crate::json_read::{parse, At};
use crate::layer::Layer;
use crate::loss::Loss;
use crate::network::Network;
use crate::optimizer::{Moments, OptimizerKind};
use crate::regularization::Regularization;
use crate::trainer::{Trainer, TrainingConfig};
use ndarray::{Array1, Array2};
use serde::Serialize;
use serde_json::Value;

/// The `format` value of a model file.
pub const MODEL_FORMAT: &str = "lightbulb-model";
/// The only version this build reads and writes.
pub const MODEL_VERSION: u64 = 1;

/// Saved optimizer state.
#[derive(Clone, Debug, PartialEq)]
pub struct OptimizerState {
    /// Updates applied so far.
    pub steps: u64,
    /// Per-layer moments.
    pub layers: Vec<Moments>,
}

/// Everything a model file holds, validated.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// The input transform of a 2-D point; `None` means raw inputs.
    pub features: Option<FeatureSet>,
    /// The network.
    pub network: Network,
    /// Loss and training settings.
    pub training: TrainingConfig,
    /// The seed the run started from.
    pub seed: u64,
    /// Optional optimizer state.
    pub state: Option<OptimizerState>,
}

impl Model {
    /// Captures a trainer's network, settings and optimizer state.
    pub fn from_trainer(trainer: &Trainer, features: Option<FeatureSet>, seed: u64) -> Model {
        let opt = trainer.optimizer();
        let state = (opt.kind() != OptimizerKind::Sgd && opt.steps() > 0).then(|| OptimizerState {
            steps: opt.steps(),
            layers: opt.state().to_vec(),
        });
        Model {
            features,
            network: trainer.network().clone(),
            training: *trainer.config(),
            seed,
            state,
        }
    }

    /// A trainer that continues from this model (with its optimizer state, if saved).
    pub fn trainer(&self) -> Result<Trainer> {
        let mut t = Trainer::new(self.network.clone(), self.training)?;
        if let Some(s) = &self.state {
            t.optimizer_mut().restore(s.steps, s.layers.clone())?;
        }
        Ok(t)
    }

    /// Reads and validates a model file.
    pub fn from_json(text: &str) -> Result<Model> {
        Model::from_value(&parse(text)?)
    }

    /// Validates a parsed model document (also used inside session files).
    pub fn from_value(value: &Value) -> Result<Model> {
        read(At::root(value))
    }

    /// The model as JSON, pretty-printed, keys in the documented order.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.doc()).unwrap_or_default()
    }

    /// The model as a JSON value.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self.doc()).unwrap_or(Value::Null)
    }

    fn doc(&self) -> Doc {
        Doc {
            format: MODEL_FORMAT,
            version: MODEL_VERSION,
            features: self.features.map(|f| f.names()),
            layers: self
                .network
                .layers()
                .iter()
                .map(|l| LayerDoc {
                    activation: l.activation.name(),
                    weights: rows(&l.weights),
                    biases: l.biases.to_vec(),
                })
                .collect(),
            loss: self.training.loss.name(),
            training: TrainingDoc {
                optimizer: self.training.optimizer.name(),
                learning_rate: self.training.learning_rate,
                regularization: self.training.regularization.name(),
                regularization_rate: self.training.regularization_rate,
                batch_size: self.training.batch_size,
                seed: self.seed,
                state: self.state.as_ref().map(|s| StateDoc {
                    steps: s.steps,
                    layers: s
                        .layers
                        .iter()
                        .map(|m| MomentsDoc {
                            m_w: rows(&m.m_w),
                            m_b: m.m_b.to_vec(),
                            v_w: rows(&m.v_w),
                            v_b: m.v_b.to_vec(),
                        })
                        .collect(),
                }),
            },
        }
    }
}

fn rows(a: &Array2<f64>) -> Vec<Vec<f64>> {
    a.rows().into_iter().map(|r| r.to_vec()).collect()
}

#[derive(Serialize)]
struct Doc {
    format: &'static str,
    version: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    features: Option<Vec<&'static str>>,
    layers: Vec<LayerDoc>,
    loss: &'static str,
    training: TrainingDoc,
}

#[derive(Serialize)]
struct LayerDoc {
    activation: &'static str,
    weights: Vec<Vec<f64>>,
    biases: Vec<f64>,
}

#[derive(Serialize)]
struct TrainingDoc {
    optimizer: &'static str,
    learning_rate: f64,
    regularization: &'static str,
    regularization_rate: f64,
    batch_size: usize,
    seed: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<StateDoc>,
}

#[derive(Serialize)]
struct StateDoc {
    steps: u64,
    layers: Vec<MomentsDoc>,
}

#[derive(Serialize)]
struct MomentsDoc {
    m_w: Vec<Vec<f64>>,
    m_b: Vec<f64>,
    v_w: Vec<Vec<f64>>,
    v_b: Vec<f64>,
}

fn read(root: At) -> Result<Model> {
    let map = root.object(&[
        "format", "version", "features", "layers", "loss", "training",
    ])?;
    let format = root.field(map, "format")?;
    if format.str()? != MODEL_FORMAT {
        return Err(format.error(format!(
            "expected \"{MODEL_FORMAT}\", got \"{}\"",
            crate::clip::clip(format.str()?)
        )));
    }
    let version = root.field(map, "version")?;
    let v = version.unsigned()?;
    if v != MODEL_VERSION {
        return Err(version.error(format!(
            "version {v} is not supported; this build reads version {MODEL_VERSION}"
        )));
    }
    let features = match root.optional(map, "features") {
        None => None,
        Some(f) => {
            let names: Vec<&str> = f.items()?.iter().map(At::str).collect::<Result<_>>()?;
            Some(FeatureSet::from_names_ordered(&names).map_err(|e| f.error(e.to_string()))?)
        }
    };
    let layers_at = root.field(map, "layers")?;
    let items = layers_at.items()?;
    if items.is_empty() {
        return Err(layers_at.error("needs at least one layer"));
    }
    let mut layers = Vec::with_capacity(items.len());
    for (l, item) in items.iter().enumerate() {
        let m = item.object(&["activation", "weights", "biases"])?;
        let activation = item
            .field(m, "activation")?
            .name(|s| s.parse::<Activation>())?;
        let weights_at = item.field(m, "weights")?;
        let weights = matrix(&weights_at)?;
        let biases = Array1::from(item.field(m, "biases")?.numbers()?);
        let expected_inputs = match layers.last() {
            Some(prev) => Layer::neurons(prev),
            None => features.map_or(weights.ncols(), |f| f.len()),
        };
        if weights.ncols() != expected_inputs {
            let why = if l == 0 {
                "the number of features"
            } else {
                "the previous layer's neurons"
            };
            return Err(weights_at.error(format!(
                "rows have {} entries, but {why} is {expected_inputs}",
                weights.ncols()
            )));
        }
        if biases.len() != weights.nrows() {
            return Err(Error::file(
                item.child_path("biases"),
                format!(
                    "has {} entries, but the layer has {} neurons",
                    biases.len(),
                    weights.nrows()
                ),
            ));
        }
        layers.push(Layer {
            weights,
            biases,
            activation,
        });
    }
    let network = Network::from_layers(layers).map_err(|e| layers_at.error(e.to_string()))?;
    let loss_at = root.field(map, "loss")?;
    let loss = loss_at.name(|s| s.parse::<Loss>())?;
    loss.check_output(network.output_activation())
        .map_err(|e| loss_at.error(e.to_string()))?;

    let tr = root.field(map, "training")?;
    let tm = tr.object(&[
        "optimizer",
        "learning_rate",
        "regularization",
        "regularization_rate",
        "batch_size",
        "seed",
        "state",
    ])?;
    let batch_at = tr.field(tm, "batch_size")?;
    let training = TrainingConfig {
        loss,
        optimizer: tr
            .field(tm, "optimizer")?
            .name(|s| s.parse::<OptimizerKind>())?,
        learning_rate: tr.field(tm, "learning_rate")?.number()?,
        regularization: tr
            .field(tm, "regularization")?
            .name(|s| s.parse::<Regularization>())?,
        regularization_rate: tr.field(tm, "regularization_rate")?.number()?,
        batch_size: usize::try_from(batch_at.unsigned()?).unwrap_or(usize::MAX),
    };
    training.validate().map_err(|e| tr.error(e.to_string()))?;
    let seed = tr.field(tm, "seed")?.unsigned()?;
    let state = match tr.optional(tm, "state") {
        None => None,
        Some(s) => Some(read_state(&s, &network)?),
    };
    Ok(Model {
        features,
        network,
        training,
        seed,
        state,
    })
}

fn matrix(at: &At) -> Result<Array2<f64>> {
    let rows = at.items()?;
    let data: Vec<Vec<f64>> = rows.iter().map(At::numbers).collect::<Result<_>>()?;
    let cols = data.first().map_or(0, Vec::len);
    if data.is_empty() || cols == 0 {
        return Err(at.error("must be a non-empty list of non-empty rows"));
    }
    if let Some((r, row)) = data.iter().enumerate().find(|(_, row)| row.len() != cols) {
        return Err(Error::file(
            format!("{}[{r}]", at.path()),
            format!("has {} entries, but row 0 has {cols}", row.len()),
        ));
    }
    let flat: Vec<f64> = data.into_iter().flatten().collect();
    Array2::from_shape_vec((rows.len(), cols), flat).map_err(|e| at.error(e.to_string()))
}

fn read_state(at: &At, network: &Network) -> Result<OptimizerState> {
    let m = at.object(&["steps", "layers"])?;
    let steps = at.field(m, "steps")?.unsigned()?;
    let layers_at = at.field(m, "layers")?;
    let items = layers_at.items()?;
    if items.len() != network.depth() {
        return Err(layers_at.error(format!(
            "has {} entries, but the network has {} layers",
            items.len(),
            network.depth()
        )));
    }
    let mut layers = Vec::with_capacity(items.len());
    for (item, layer) in items.iter().zip(network.layers()) {
        let lm = item.object(&["m_w", "m_b", "v_w", "v_b"])?;
        let get_w = |key: &str| -> Result<Array2<f64>> {
            let a = item.field(lm, key)?;
            let w = matrix(&a)?;
            if w.dim() != layer.weights.dim() {
                return Err(a.error(format!(
                    "has shape {:?}, expected {:?}",
                    w.dim(),
                    layer.weights.dim()
                )));
            }
            Ok(w)
        };
        let get_b = |key: &str| -> Result<Array1<f64>> {
            let a = item.field(lm, key)?;
            let b = a.numbers()?;
            if b.len() != layer.biases.len() {
                return Err(a.error(format!(
                    "has {} entries, expected {}",
                    b.len(),
                    layer.biases.len()
                )));
            }
            Ok(Array1::from(b))
        };
        layers.push(Moments {
            m_w: get_w("m_w")?,
            m_b: get_b("m_b")?,
            v_w: get_w("v_w")?,
            v_b: get_b("v_b")?,
        });
    }
    Ok(OptimizerState { steps, layers })
}
