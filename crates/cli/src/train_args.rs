//! The flags of `lightbulb train`, turned into a session configuration.

use crate::args::Flags;
use crate::fail::{Failure, Outcome};
use lightbulb_core::dataset::Problem;
use lightbulb_core::network::HiddenSpec;
use lightbulb_core::{
    Activation, DatasetKind, DatasetParams, FeatureSet, Init, Loss, OptimizerKind, Regularization,
    SessionConfig, TrainingConfig,
};
use std::str::FromStr;

/// Epochs trained when `--epochs` is not given.
pub const DEFAULT_EPOCHS: u64 = 100;
/// Most epochs one run may train.
pub const MAX_EPOCHS: u64 = 100_000;

/// Flags that describe a new session, which `--resume` does not take.
const NEW_SESSION_FLAGS: [&str; 16] = [
    "dataset",
    "points",
    "noise",
    "train-percent",
    "classes",
    "features",
    "layers",
    "activation",
    "init",
    "loss",
    "optimizer",
    "lr",
    "batch-size",
    "regularization",
    "reg-rate",
    "seed",
];

/// Where training starts from.
#[derive(Debug, Clone, PartialEq)]
pub enum Start {
    /// A new session built from the flags.
    New(Box<SessionConfig>),
    /// A saved session file, continued.
    Resume(String),
}

/// Everything `lightbulb train` was asked to do.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// Where training starts from.
    pub start: Start,
    /// Epochs to train.
    pub epochs: u64,
    /// Where to write the model file (`None`: stdout, unless `--json`).
    pub out: Option<String>,
    /// Where to write the session file.
    pub session: Option<String>,
    /// Print a JSON summary instead of a progress bar.
    pub json: bool,
}

/// Reads the flags.
pub fn plan(flags: &Flags) -> Outcome<Plan> {
    let epochs = parse::<u64>(flags, "epochs", "a whole number")?.unwrap_or(DEFAULT_EPOCHS);
    if !(1..=MAX_EPOCHS).contains(&epochs) {
        return Err(Failure::input(format!(
            "--epochs must be between 1 and {MAX_EPOCHS}, got {epochs}"
        )));
    }
    let start = match flags.get("resume") {
        Some(path) => {
            if let Some(flag) = NEW_SESSION_FLAGS.iter().find(|f| flags.has(f)) {
                return Err(Failure::input(format!(
                    "--{flag} cannot be used with --resume: the session file holds the data, \
                     network and training settings"
                )));
            }
            Start::Resume(path.to_owned())
        }
        None => Start::New(Box::new(config(flags)?)),
    };
    Ok(Plan {
        start,
        epochs,
        out: flags.get("out").map(str::to_owned),
        session: flags.get("session").map(str::to_owned),
        json: flags.has("json"),
    })
}

fn config(flags: &Flags) -> Outcome<SessionConfig> {
    let defaults = SessionConfig::default();
    let kind = name::<DatasetKind>(flags, "dataset")?.unwrap_or(defaults.dataset.kind());
    let seed = parse::<u64>(flags, "seed", "a whole number")?.unwrap_or(defaults.seed);
    let mut dataset = DatasetParams::new(kind).with_seed(seed);
    if let Some(n) = parse::<usize>(flags, "points", "a whole number")? {
        dataset = dataset
            .with_points(n)
            .map_err(|e| flag_error("points", e))?;
    }
    if let Some(p) = number(flags, "noise")? {
        dataset = dataset.with_noise(p).map_err(|e| flag_error("noise", e))?;
    }
    if let Some(p) = number(flags, "train-percent")? {
        dataset = dataset
            .with_train_percent(p)
            .map_err(|e| flag_error("train-percent", e))?;
    }
    if let Some(k) = parse::<usize>(flags, "classes", "a whole number")? {
        if !kind.has_class_count() {
            return Err(Failure::input(format!(
                "--classes: the {kind} dataset has a fixed number of classes; \
                 only blobs and spiral take --classes"
            )));
        }
        dataset = dataset
            .with_classes(k)
            .map_err(|e| flag_error("classes", e))?;
    }
    let features = match flags.get("features") {
        Some(list) => {
            FeatureSet::from_names(&split(list)).map_err(|e| flag_error("features", e))?
        }
        None => defaults.features,
    };
    let activation = name::<Activation>(flags, "activation")?.unwrap_or(Activation::Tanh);
    if activation == Activation::Softmax {
        return Err(Failure::input(
            "--activation: softmax is for the output layer only; the loss picks it",
        ));
    }
    let hidden = match flags.get("layers") {
        None => defaults
            .hidden
            .iter()
            .map(|h| HiddenSpec { activation, ..*h })
            .collect(),
        Some("none") => Vec::new(),
        Some(list) => split(list)
            .into_iter()
            .map(|n| {
                n.parse::<usize>()
                    .map(|neurons| HiddenSpec {
                        neurons,
                        activation,
                    })
                    .map_err(|_| {
                        Failure::input(format!(
                            "--layers: expected neuron counts like 8,8,8 (or none), got \"{}\"",
                            clip(list)
                        ))
                    })
            })
            .collect::<Outcome<_>>()?,
    };
    let loss = match name::<Loss>(flags, "loss")? {
        Some(loss) => loss,
        None => match dataset.problem() {
            Problem::Classification { classes } if classes > 2 => Loss::SoftmaxCe,
            _ => Loss::Mse,
        },
    };
    let base = TrainingConfig::default();
    let training = TrainingConfig {
        loss,
        optimizer: name::<OptimizerKind>(flags, "optimizer")?.unwrap_or(base.optimizer),
        learning_rate: number(flags, "lr")?.unwrap_or(base.learning_rate),
        regularization: name::<Regularization>(flags, "regularization")?
            .unwrap_or(base.regularization),
        regularization_rate: number(flags, "reg-rate")?.unwrap_or(base.regularization_rate),
        batch_size: parse::<usize>(flags, "batch-size", "a whole number")?
            .unwrap_or(base.batch_size),
    };
    let config = SessionConfig {
        dataset,
        features,
        hidden,
        init: name::<Init>(flags, "init")?,
        seed,
        training,
    };
    config
        .validate()
        .map_err(|e| Failure::input(e.to_string()))?;
    Ok(config)
}

/// `--flag`'s value parsed as `T`, named `what` in the error.
fn parse<T: FromStr>(flags: &Flags, flag: &str, what: &str) -> Outcome<Option<T>> {
    flags
        .get(flag)
        .map(|v| {
            v.parse::<T>().map_err(|_| {
                Failure::input(format!("--{flag}: expected {what}, got \"{}\"", clip(v)))
            })
        })
        .transpose()
}

/// `--flag`'s value as a finite number.
fn number(flags: &Flags, flag: &str) -> Outcome<Option<f64>> {
    let value = parse::<f64>(flags, flag, "a number")?;
    match value {
        Some(v) if !v.is_finite() => Err(Failure::input(format!(
            "--{flag}: expected a finite number, got \"{}\"",
            flags.get(flag).map(clip).unwrap_or_default()
        ))),
        _ => Ok(value),
    }
}

/// `--flag`'s value as one of the core's names.
fn name<T: FromStr<Err = lightbulb_core::Error>>(flags: &Flags, flag: &str) -> Outcome<Option<T>> {
    flags
        .get(flag)
        .map(|v| v.parse::<T>().map_err(|e| flag_error(flag, e)))
        .transpose()
}

fn flag_error(flag: &str, e: lightbulb_core::Error) -> Failure {
    Failure::input(format!("--{flag}: {e}"))
}

fn split(list: &str) -> Vec<&str> {
    list.split(',').map(str::trim).collect()
}

fn clip(s: &str) -> String {
    lightbulb_core::json_read::clip(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args::{parse as parse_args, Command};
    use std::ffi::OsString;

    fn plan_of(args: &[&str]) -> Outcome<Plan> {
        let mut all = vec![OsString::from("train")];
        all.extend(args.iter().map(OsString::from));
        match parse_args(&all)? {
            Command::Train(flags) => plan(&flags),
            other => panic!("not train: {other:?}"),
        }
    }

    #[test]
    fn the_example_command_line() {
        let plan = plan_of(&[
            "--dataset",
            "spiral",
            "--layers",
            "8,8,8",
            "--activation",
            "tanh",
            "--loss",
            "bce",
            "--optimizer",
            "adam",
            "--lr",
            "0.01",
            "--epochs",
            "300",
            "--seed",
            "7",
            "--out",
            "model.json",
        ])
        .expect("valid");
        assert_eq!(plan.epochs, 300);
        assert_eq!(plan.out.as_deref(), Some("model.json"));
        let Start::New(config) = plan.start else {
            panic!("new session expected");
        };
        assert_eq!(config.dataset.kind(), DatasetKind::Spiral);
        assert_eq!(config.hidden.len(), 3);
        assert!(config.hidden.iter().all(|h| h.neurons == 8));
        assert_eq!(config.training.loss, Loss::Bce);
        assert_eq!(config.training.optimizer, OptimizerKind::Adam);
        assert_eq!(config.training.learning_rate, 0.01);
        assert_eq!(config.seed, 7);
        assert_eq!(config.dataset.seed(), 7);
    }

    #[test]
    fn defaults_and_automatic_loss() {
        let Start::New(c) = plan_of(&[]).expect("valid").start else {
            panic!("new");
        };
        assert_eq!(c.training.loss, Loss::Mse);
        let Start::New(c) = plan_of(&["--dataset", "blobs"]).expect("valid").start else {
            panic!("new");
        };
        assert_eq!(c.training.loss, Loss::SoftmaxCe);
        let Start::New(c) = plan_of(&["--layers", "none"]).expect("valid").start else {
            panic!("new");
        };
        assert!(c.hidden.is_empty());
    }

    #[test]
    fn bad_values_name_their_flag() {
        let cases: [(&[&str], &str); 11] = [
            (
                &["--dataset", "spirals"],
                "--dataset: unknown dataset \"spirals\"",
            ),
            (&["--lr", "fast"], "--lr: expected a number, got \"fast\""),
            (&["--lr", "NaN"], "--lr: expected a finite number"),
            (&["--lr", "-1"], "learning rate must be between"),
            (&["--epochs", "0"], "--epochs must be between 1 and 100000"),
            (&["--layers", "8,x"], "--layers: expected neuron counts"),
            (&["--points", "1"], "--points: "),
            (
                &["--classes", "3"],
                "--classes: the circle dataset has a fixed number",
            ),
            (
                &["--loss", "bce", "--dataset", "blobs"],
                "3 classes need \"softmax_ce\"",
            ),
            (
                &["--activation", "softmax"],
                "softmax is for the output layer only",
            ),
            (
                &["--resume", "s.json", "--lr", "0.1"],
                "--lr cannot be used with --resume",
            ),
        ];
        for (args, needle) in cases {
            let err = plan_of(args).expect_err(needle);
            assert_eq!(err.code, 2);
            assert!(
                err.message.contains(needle),
                "{err} should contain {needle}"
            );
        }
    }
}
