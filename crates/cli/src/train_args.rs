//! The flags of `lightbulb train`, turned into a session configuration.
//! clap has parsed each value (see `args.rs`); here they are checked
//! together.

use crate::args::TrainArgs;
use crate::fail::{Failure, Outcome};
use crate::values::DatasetChoice;
use lightbulb_core::dataset::Problem;
use lightbulb_core::digits::{training as digits, CLASSES, PIXELS};
use lightbulb_core::network::HiddenSpec;
use lightbulb_core::{
    Activation, DatasetKind, DatasetParams, Loss, Network, NetworkSpec, SessionConfig,
    TrainingConfig,
};

/// Epochs trained when `--epochs` is not given.
pub const DEFAULT_EPOCHS: u64 = 100;
/// Most epochs one run may train.
pub const MAX_EPOCHS: u64 = 100_000;

/// Where training starts from.
#[derive(Debug, Clone, PartialEq)]
pub enum Start {
    /// A new session built from the flags.
    New(Box<SessionConfig>),
    /// A saved session file, continued.
    Resume(String),
    /// A new network trained on the digits' fixed training split.
    Digits(Box<DigitsConfig>),
}

/// A digits run: the network to train, how, and the seed of the epochs'
/// shuffles.
#[derive(Debug, Clone, PartialEq)]
pub struct DigitsConfig {
    /// The new network, 64 pixels in, 10 digits out (softmax).
    pub network: Network,
    /// The training settings; the loss is always softmax cross-entropy.
    pub training: TrainingConfig,
    /// Seed of the weights and of the shuffles.
    pub seed: u64,
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

/// Checks the flags together.
pub fn plan(args: &TrainArgs) -> Outcome<Plan> {
    let is_digits = args.dataset == Some(DatasetChoice::Digits);
    let epochs = args.epochs.unwrap_or(if is_digits {
        digits::EPOCHS
    } else {
        DEFAULT_EPOCHS
    });
    if !(1..=MAX_EPOCHS).contains(&epochs) {
        return Err(Failure::input(format!(
            "--epochs must be between 1 and {MAX_EPOCHS}, got {epochs}"
        )));
    }
    let start = match (&args.resume, args.dataset) {
        (Some(path), _) => {
            if let Some(flag) = new_session_flags(args).first() {
                return Err(Failure::input(format!(
                    "--{flag} cannot be used with --resume: the session file holds the data, \
                     network and training settings"
                )));
            }
            Start::Resume(path.clone())
        }
        (None, Some(DatasetChoice::Digits)) => Start::Digits(Box::new(digits_config(args)?)),
        (None, Some(DatasetChoice::Generated(kind))) => Start::New(Box::new(config(args, kind)?)),
        (None, None) => {
            let kind = SessionConfig::default().dataset.kind();
            Start::New(Box::new(config(args, kind)?))
        }
    };
    Ok(Plan {
        start,
        epochs,
        out: args.out.clone(),
        session: args.session.clone(),
        json: args.json,
    })
}

/// The flags given that describe a new session, which `--resume` does not take.
fn new_session_flags(a: &TrainArgs) -> Vec<&'static str> {
    [
        ("dataset", a.dataset.is_some()),
        ("points", a.points.is_some()),
        ("noise", a.noise.is_some()),
        ("train-percent", a.train_percent.is_some()),
        ("classes", a.classes.is_some()),
        ("features", a.features.is_some()),
        ("layers", a.layers.is_some()),
        ("activation", a.activation.is_some()),
        ("init", a.init.is_some()),
        ("loss", a.loss.is_some()),
        ("optimizer", a.optimizer.is_some()),
        ("lr", a.lr.is_some()),
        ("batch-size", a.batch_size.is_some()),
        ("regularization", a.regularization.is_some()),
        ("reg-rate", a.reg_rate.is_some()),
        ("seed", a.seed.is_some()),
    ]
    .into_iter()
    .filter_map(|(name, given)| given.then_some(name))
    .collect()
}

/// The flags given that only the 2-D datasets take, and why the digits
/// do not.
fn two_d_only_flags(a: &TrainArgs) -> Option<(&'static str, &'static str)> {
    const FIXED: &str = "the digits are a fixed set of 1,797 images with a fixed train/test split";
    [
        ("points", a.points.is_some(), FIXED),
        ("noise", a.noise.is_some(), FIXED),
        ("train-percent", a.train_percent.is_some(), FIXED),
        (
            "classes",
            a.classes.is_some(),
            "the digits have 10 classes, 0 to 9",
        ),
        (
            "features",
            a.features.is_some(),
            "the inputs are the 64 pixels of the image",
        ),
        (
            "session",
            a.session.is_some(),
            "session files hold the 2-D datasets; use --out for the model",
        ),
    ]
    .into_iter()
    .find_map(|(flag, given, why)| given.then_some((flag, why)))
}

/// The digits run: the digits defaults unless a flag overrides them.
fn digits_config(args: &TrainArgs) -> Outcome<DigitsConfig> {
    if let Some((flag, why)) = two_d_only_flags(args) {
        return Err(Failure::input(format!(
            "--{flag} cannot be used with --dataset digits: {why}"
        )));
    }
    if let Some(loss) = args.loss.filter(|&l| l != digits::LOSS) {
        return Err(Failure::input(format!(
            "--loss: the digits are {CLASSES} classes and need \"{}\", got \"{}\"",
            digits::LOSS.name(),
            loss.name()
        )));
    }
    let activation = hidden_activation(args, digits::HIDDEN_ACTIVATION)?;
    let seed = args.seed.unwrap_or(digits::SEED);
    let hidden = match &args.layers {
        Some(layers) => layers.0.clone(),
        None => vec![digits::HIDDEN_NEURONS],
    };
    let mut spec = NetworkSpec::new(
        PIXELS,
        &hidden,
        activation,
        CLASSES,
        digits::OUTPUT_ACTIVATION,
    )
    .seed(seed);
    spec.init = args.init;
    let network = Network::new(&spec).map_err(|e| Failure::input(e.to_string()))?;
    let base = digits::training_config();
    let training = TrainingConfig {
        loss: digits::LOSS,
        optimizer: args.optimizer.unwrap_or(base.optimizer),
        learning_rate: args.lr.unwrap_or(base.learning_rate),
        regularization: args.regularization.unwrap_or(base.regularization),
        regularization_rate: args.reg_rate.unwrap_or(base.regularization_rate),
        batch_size: args.batch_size.unwrap_or(base.batch_size),
    };
    training
        .validate()
        .map_err(|e| Failure::input(e.to_string()))?;
    Ok(DigitsConfig {
        network,
        training,
        seed,
    })
}

/// `--activation`, or `default`; softmax is refused (the output layer's).
fn hidden_activation(args: &TrainArgs, default: Activation) -> Outcome<Activation> {
    let activation = args.activation.unwrap_or(default);
    if activation == Activation::Softmax {
        return Err(Failure::input(
            "--activation: softmax is for the output layer only; the loss picks it",
        ));
    }
    Ok(activation)
}

/// A new 2-D session on the dataset `kind`.
fn config(args: &TrainArgs, kind: DatasetKind) -> Outcome<SessionConfig> {
    let defaults = SessionConfig::default();
    let seed = args.seed.unwrap_or(defaults.seed);
    let mut dataset = DatasetParams::new(kind).with_seed(seed);
    if let Some(n) = args.points {
        dataset = dataset
            .with_points(n)
            .map_err(|e| flag_error("points", e))?;
    }
    if let Some(p) = args.noise {
        dataset = dataset.with_noise(p).map_err(|e| flag_error("noise", e))?;
    }
    if let Some(p) = args.train_percent {
        dataset = dataset
            .with_train_percent(p)
            .map_err(|e| flag_error("train-percent", e))?;
    }
    if let Some(k) = args.classes {
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
    let features = args.features.unwrap_or(defaults.features);
    let activation = hidden_activation(args, Activation::Tanh)?;
    let hidden = match &args.layers {
        None => defaults
            .hidden
            .iter()
            .map(|h| HiddenSpec { activation, ..*h })
            .collect(),
        Some(layers) => layers
            .0
            .iter()
            .map(|&neurons| HiddenSpec {
                neurons,
                activation,
            })
            .collect(),
    };
    let loss = match args.loss {
        Some(loss) => loss,
        None => match dataset.problem() {
            Problem::Classification { classes } if classes > 2 => Loss::SoftmaxCe,
            _ => Loss::Mse,
        },
    };
    let base = TrainingConfig::default();
    let training = TrainingConfig {
        loss,
        optimizer: args.optimizer.unwrap_or(base.optimizer),
        learning_rate: args.lr.unwrap_or(base.learning_rate),
        regularization: args.regularization.unwrap_or(base.regularization),
        regularization_rate: args.reg_rate.unwrap_or(base.regularization_rate),
        batch_size: args.batch_size.unwrap_or(base.batch_size),
    };
    let config = SessionConfig {
        dataset,
        features,
        hidden,
        init: args.init,
        seed,
        training,
    };
    config
        .validate()
        .map_err(|e| Failure::input(e.to_string()))?;
    Ok(config)
}

fn flag_error(flag: &str, e: lightbulb_core::Error) -> Failure {
    Failure::input(format!("--{flag}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args::{parse as parse_args, Command, Parsed};
    use lightbulb_core::OptimizerKind;
    use std::ffi::OsString;

    fn plan_of(args: &[&str]) -> Outcome<Plan> {
        let mut all = vec![OsString::from("train")];
        all.extend(args.iter().map(OsString::from));
        match parse_args(&all)? {
            Parsed::Run(Command::Train(args)) => plan(&args),
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
    fn digits_take_their_own_defaults_and_overrides() {
        let plan = plan_of(&["--dataset", "digits"]).expect("valid");
        assert_eq!(plan.epochs, digits::EPOCHS);
        let Start::Digits(c) = plan.start else {
            panic!("digits expected");
        };
        assert_eq!(c.network.sizes(), vec![64, 32, 10]);
        assert_eq!(c.network.output_activation(), Activation::Softmax);
        assert_eq!(c.training, digits::training_config());
        assert_eq!(c.seed, digits::SEED);
        let expected = Network::new(&digits::network_spec(digits::SEED)).expect("spec");
        assert_eq!(c.network, expected);

        let plan = plan_of(&[
            "--dataset",
            "digits",
            "--layers",
            "16,8",
            "--activation",
            "relu",
            "--loss",
            "softmax_ce",
            "--optimizer",
            "adam",
            "--lr",
            "0.01",
            "--batch-size",
            "32",
            "--epochs",
            "3",
            "--seed",
            "9",
        ])
        .expect("valid");
        assert_eq!(plan.epochs, 3);
        let Start::Digits(c) = plan.start else {
            panic!("digits expected");
        };
        assert_eq!(c.network.sizes(), vec![64, 16, 8, 10]);
        assert_eq!(c.training.optimizer, OptimizerKind::Adam);
        assert_eq!(c.training.learning_rate, 0.01);
        assert_eq!(c.training.batch_size, 32);
        assert_eq!(c.seed, 9);
        let Start::Digits(c) = plan_of(&["--dataset", "digits", "--layers", "none"])
            .expect("valid")
            .start
        else {
            panic!("digits expected");
        };
        assert_eq!(c.network.sizes(), vec![64, 10]);
    }

    #[test]
    fn digits_refuse_the_2d_flags_and_other_losses() {
        let cases: [(&[&str], &str); 9] = [
            (
                &["--points", "100"],
                "--points cannot be used with --dataset digits",
            ),
            (
                &["--noise", "10"],
                "--noise cannot be used with --dataset digits",
            ),
            (&["--train-percent", "60"], "--train-percent cannot be used"),
            (
                &["--classes", "3"],
                "--classes cannot be used with --dataset digits",
            ),
            (&["--features", "x1"], "--features cannot be used"),
            (&["--session", "s.json"], "--session cannot be used"),
            (
                &["--loss", "mse"],
                "--loss: the digits are 10 classes and need \"softmax_ce\", got \"mse\"",
            ),
            (&["--lr", "-2"], "learning rate must be between"),
            (
                &["--activation", "softmax"],
                "softmax is for the output layer only",
            ),
        ];
        for (args, needle) in cases {
            let mut all = vec!["--dataset", "digits"];
            all.extend(args);
            let err = plan_of(&all).expect_err(needle);
            assert_eq!(err.code, 2);
            assert!(
                err.message.contains(needle),
                "{err} should contain {needle}"
            );
        }
        let err = plan_of(&["--resume", "s.json", "--dataset", "digits"]).expect_err("resume");
        assert!(
            err.message
                .contains("--dataset cannot be used with --resume"),
            "{err}"
        );
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
