//! The session file: the model file plus dataset settings, the points
//! (custom ones included), counters and history, so that a saved session
//! reopens exactly as it was and continues bit for bit.
//!
//! The file does not carry the timeline (the history of past steps, kept
//! branches and the hand edits undo can revert): a reopened session's
//! history starts at its saved step. Files written before the timeline
//! existed read as before; the format is unchanged (version 1). The page
//! says so on saving, naming what the file leaves out (the later and
//! earlier steps, the branches, a compared run: `save_note` in the web
//! crate's controller).

use super::{EpochRecord, Session, SessionConfig};
use crate::dataset::{Dataset, DatasetParams, Point};
use crate::error::{Error, Result};
use crate::init::Init;
use crate::json_read::{parse, At};
use crate::model_file::Model;
use crate::network::HiddenSpec;
use serde_json::{json, Value};

/// The `format` value of a session file.
pub const SESSION_FORMAT: &str = "lightbulb-session";
/// The only version this build reads and writes.
pub const SESSION_VERSION: u64 = 1;

fn points_json(points: &[Point]) -> Value {
    Value::Array(
        points
            .iter()
            .map(|p| json!([p.x1, p.x2, p.label]))
            .collect(),
    )
}

fn read_points(at: &At) -> Result<Vec<Point>> {
    at.items()?
        .iter()
        .map(|item| match item.numbers()?.as_slice() {
            &[x1, x2, label] => Ok(Point { x1, x2, label }),
            other => Err(item.error(format!(
                "expected [x1, x2, label], got {} numbers",
                other.len()
            ))),
        })
        .collect()
}

/// Prefixes the path of a file error (e.g. errors of the embedded model).
fn under(prefix: &str, e: Error) -> Error {
    match e {
        Error::File { path, message } => Error::file(format!("{prefix}.{path}"), message),
        other => Error::file(prefix, other.to_string()),
    }
}

impl Session {
    /// The session as JSON, pretty-printed.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.to_value()).unwrap_or_default()
    }

    /// The session as a JSON value.
    pub fn to_value(&self) -> Value {
        let model =
            Model::from_trainer(&self.trainer, Some(self.config.features), self.config.seed);
        json!({
            "format": SESSION_FORMAT,
            "version": SESSION_VERSION,
            "model": model.to_value(),
            "dataset": serde_json::to_value(self.config.dataset).unwrap_or(Value::Null),
            "init": self.config.init.map(Init::name),
            "points": {"train": points_json(&self.data.train), "test": points_json(&self.data.test)},
            "counters": {"epoch": self.epoch, "steps": self.steps, "cursor": self.cursor},
            "history": serde_json::to_value(&self.history).unwrap_or(Value::Null),
        })
    }

    /// Reads and validates a session file.
    pub fn from_json(text: &str) -> Result<Session> {
        let value = parse(text)?;
        let root = At::root(&value);
        let map = root.object(&[
            "format", "version", "model", "dataset", "init", "points", "counters", "history",
        ])?;
        let format = root.field(map, "format")?;
        if format.str()? != SESSION_FORMAT {
            return Err(format.error(format!("expected \"{SESSION_FORMAT}\"")));
        }
        let version = root.field(map, "version")?;
        if version.unsigned()? != SESSION_VERSION {
            return Err(version.error(format!("this build reads version {SESSION_VERSION}")));
        }
        let model =
            Model::from_value(root.field(map, "model")?.value).map_err(|e| under("model", e))?;
        let Some(features) = model.features else {
            return Err(Error::file(
                "model.features",
                "a session needs the model's features",
            ));
        };
        let dataset_at = root.field(map, "dataset")?;
        let dataset: DatasetParams = serde_json::from_value(dataset_at.value.clone())
            .map_err(|e| dataset_at.error(e.to_string()))?;
        let init = match root.optional(map, "init") {
            Some(at) if !at.value.is_null() => Some(at.name(|s| s.parse::<Init>())?),
            _ => None,
        };
        let layers = model.network.layers();
        let hidden = layers[..layers.len() - 1]
            .iter()
            .map(|l| HiddenSpec {
                neurons: l.neurons(),
                activation: l.activation,
            })
            .collect();
        let config = SessionConfig {
            dataset,
            features,
            hidden,
            init,
            seed: model.seed,
            training: model.training,
        };
        config
            .head()
            .map_err(|e| Error::file("model.loss", e.to_string()))?;

        let points_at = root.field(map, "points")?;
        let pm = points_at.object(&["train", "test"])?;
        let train = read_points(&points_at.field(pm, "train")?)?;
        let test = read_points(&points_at.field(pm, "test")?)?;
        let data =
            Dataset::from_points(dataset.problem(), train, test).map_err(|e| under("points", e))?;

        let mut session = Session::with_data(config, data)?;
        session
            .replace_trainer(model.trainer()?)
            .map_err(|e| under("model", e))?;

        let counters = root.field(map, "counters")?;
        let cm = counters.object(&["epoch", "steps", "cursor"])?;
        session.epoch = counters.field(cm, "epoch")?.unsigned()?;
        session.steps = counters.field(cm, "steps")?.unsigned()?;
        let cursor_at = counters.field(cm, "cursor")?;
        let cursor = usize::try_from(cursor_at.unsigned()?).unwrap_or(usize::MAX);
        if cursor > session.order.len() {
            return Err(cursor_at.error(format!(
                "{cursor} is past the {} training points",
                session.order.len()
            )));
        }
        session.shuffle();
        session.cursor = cursor;

        let history_at = root.field(map, "history")?;
        let records: Vec<EpochRecord> = serde_json::from_value(history_at.value.clone())
            .map_err(|e| history_at.error(e.to_string()))?;
        session.history.clear();
        for r in records {
            super::history::push_record(&mut session.history, r);
        }
        session.reset_timeline();
        Ok(session)
    }
}
