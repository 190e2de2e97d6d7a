//! The command line, declared with clap's derive API:
//! `lightbulb <command> --flag value …`.
//!
//! Flags are `--name value` or `--name=value`; each may be given once.
//! `--help` (or `-h`) after a command prints that command's help, and
//! `lightbulb help [command]` does the same. Parse failures become one line
//! and exit code 2 (see `arg_errors.rs`).

use crate::arg_errors::from_clap;
use crate::fail::Outcome;
use crate::help;
use crate::values::{
    dataset, features, layers, non_empty, number, whole, whole_u64, DatasetChoice, Layers,
};
use clap::{Args, ColorChoice, Parser, Subcommand, ValueEnum};
use lightbulb_core::{Activation, FeatureSet, Init, Loss, OptimizerKind, Regularization};
use std::ffi::OsString;

/// The layout of every help text: the usage line first.
const TEMPLATE: &str = "usage: {usage}\n\n{about}\n\n{all-args}{after-help}\n";

/// Train and inspect Lightbulb neural networks from the command line.
#[derive(Debug, Parser)]
#[command(
    name = "lightbulb",
    color = ColorChoice::Never,
    help_template = TEMPLATE,
    subcommand_required = true,
    after_help = help::GENERAL,
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// What the user asked for.
#[derive(Debug, Clone, PartialEq, Subcommand)]
pub enum Command {
    /// One training step of a model on a batch; prints the updated model.
    #[command(help_template = TEMPLATE, after_help = help::STEP)]
    Step(StepArgs),
    /// A model's outputs (and loss) on a batch.
    #[command(help_template = TEMPLATE, after_help = help::EVAL)]
    Eval(EvalArgs),
    /// Train a new model on a built-in dataset; prints or writes it.
    #[command(help_template = TEMPLATE, after_help = help::TRAIN, allow_negative_numbers = true)]
    Train(Box<TrainArgs>),
    /// Print a shell completion script for bash, zsh or fish.
    #[command(help_template = TEMPLATE, after_help = help::COMPLETIONS)]
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: Shell,
    },
}

/// The shells `lightbulb completions` writes scripts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    /// Bash.
    Bash,
    /// Zsh.
    Zsh,
    /// Fish.
    Fish,
}

/// The flags of `lightbulb step`.
#[derive(Debug, Clone, PartialEq, Eq, Args)]
pub struct StepArgs {
    /// The model file (as written by the page or this command).
    #[arg(long, value_name = "M.json", value_parser = non_empty)]
    pub model: String,
    /// The batch file; targets are required.
    #[arg(long, value_name = "B.json", value_parser = non_empty)]
    pub batch: String,
    /// Also print every array of the step.
    #[arg(long)]
    pub trace: bool,
}

/// The flags of `lightbulb eval`.
#[derive(Debug, Clone, PartialEq, Eq, Args)]
pub struct EvalArgs {
    /// The model file.
    #[arg(long, value_name = "M.json", value_parser = non_empty)]
    pub model: String,
    /// The batch file; targets are optional.
    #[arg(long, value_name = "B.json", value_parser = non_empty)]
    pub batch: String,
}

/// The flags of `lightbulb train`, all optional; `train_args.rs` checks how
/// they fit together.
#[derive(Debug, Clone, Default, PartialEq, Args)]
pub struct TrainArgs {
    /// circle (default), xor, gauss, spiral, moons, checkerboard, blobs,
    /// plane, multi_gauss, or digits (8 × 8 images of handwritten digits,
    /// with their own defaults: see below).
    #[arg(long, value_name = "NAME", value_parser = dataset, help_heading = "Data")]
    pub dataset: Option<DatasetChoice>,
    /// Points in all, train and test (default 500).
    #[arg(long, value_name = "N", value_parser = whole, help_heading = "Data")]
    pub points: Option<usize>,
    /// 0 to 50 (default 0).
    #[arg(long, value_name = "PERCENT", value_parser = number, help_heading = "Data")]
    pub noise: Option<f64>,
    /// Share of points used for training, 10 to 90 (default 50).
    #[arg(long, value_name = "PERCENT", value_parser = number, help_heading = "Data")]
    pub train_percent: Option<f64>,
    /// 2 to 10, for blobs and spiral only.
    #[arg(long, value_name = "K", value_parser = whole, help_heading = "Data")]
    pub classes: Option<usize>,
    /// Comma-separated, from x1, x2, x1_sq, x2_sq, x1_x2, sin_x1, sin_x2
    /// (default x1,x2).
    #[arg(long, value_name = "LIST", value_parser = features, help_heading = "Network")]
    pub features: Option<FeatureSet>,
    /// Hidden layer sizes, e.g. 8,8,8, or none (default 4,2).
    #[arg(long, value_name = "LIST", value_parser = layers, help_heading = "Network")]
    pub layers: Option<Layers>,
    /// Hidden activation: tanh (default), relu, leaky_relu, sigmoid, linear.
    #[arg(long, value_name = "NAME", help_heading = "Network")]
    pub activation: Option<Activation>,
    /// xavier, he, uniform or zeros (default: he for relu and leaky_relu,
    /// xavier otherwise).
    #[arg(long, value_name = "NAME", help_heading = "Network")]
    pub init: Option<Init>,
    /// mse, bce or softmax_ce; it picks the output layer (default: softmax_ce
    /// for more than 2 classes, else mse).
    #[arg(long, value_name = "NAME", help_heading = "Network")]
    pub loss: Option<Loss>,
    /// sgd (default), momentum, adam.
    #[arg(long, value_name = "NAME", help_heading = "Training")]
    pub optimizer: Option<OptimizerKind>,
    /// Learning rate (default 0.03).
    #[arg(long, value_name = "RATE", value_parser = number, help_heading = "Training")]
    pub lr: Option<f64>,
    /// Examples per update, 1 to 5000 (default 10).
    #[arg(long, value_name = "N", value_parser = whole, help_heading = "Training")]
    pub batch_size: Option<usize>,
    /// none (default), l1, l2.
    #[arg(long, value_name = "NAME", help_heading = "Training")]
    pub regularization: Option<Regularization>,
    /// Regularisation rate (default 0).
    #[arg(long, value_name = "RATE", value_parser = number, help_heading = "Training")]
    pub reg_rate: Option<f64>,
    /// Epochs to train, 1 to 100000 (default 100).
    #[arg(long, value_name = "N", value_parser = whole_u64, help_heading = "Training")]
    pub epochs: Option<u64>,
    /// Seed of the data, the weights and the shuffling (default 1).
    #[arg(long, value_name = "N", value_parser = whole_u64, help_heading = "Training")]
    pub seed: Option<u64>,
    /// Continue a session file written by --session; the flags above except
    /// --epochs are then not allowed.
    #[arg(long, value_name = "S.json", value_parser = non_empty, help_heading = "Training")]
    pub resume: Option<String>,
    /// Write the model file there (default: print it to stdout).
    #[arg(long, value_name = "M.json", value_parser = non_empty, help_heading = "Output")]
    pub out: Option<String>,
    /// Also write the session file (data, network, optimizer state, counters,
    /// history), which --resume and the page read.
    #[arg(long, value_name = "S.json", value_parser = non_empty, help_heading = "Output")]
    pub session: Option<String>,
    /// No progress bar; print one JSON document to stdout (see below).
    #[arg(long, help_heading = "Output")]
    pub json: bool,
}

/// What parsing gave: a command to run, or text to print (help) and exit 0.
#[derive(Debug)]
pub enum Parsed {
    /// Run this command.
    Run(Command),
    /// Print this text to stdout.
    Print(String),
}

/// Parses the arguments after the program name.
pub fn parse(args: &[OsString]) -> Outcome<Parsed> {
    let all = std::iter::once(OsString::from("lightbulb")).chain(args.iter().cloned());
    match Cli::try_parse_from(all) {
        Ok(cli) => Ok(Parsed::Run(cli.command)),
        Err(e) => match e.kind() {
            clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                Ok(Parsed::Print(e.to_string()))
            }
            _ => Err(from_clap(&e, args)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn run(args: &[&str]) -> Outcome<Parsed> {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        parse(&args)
    }

    fn command(args: &[&str]) -> Command {
        match run(args) {
            Ok(Parsed::Run(c)) => c,
            other => panic!("{args:?}: {other:?}"),
        }
    }

    #[test]
    fn the_declaration_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn flags_in_any_order_and_with_equals() {
        let expected = Command::Step(StepArgs {
            model: "m.json".into(),
            batch: "b.json".into(),
            trace: true,
        });
        assert_eq!(
            command(&["step", "--trace", "--batch", "b.json", "--model=m.json"]),
            expected
        );
        assert_eq!(
            command(&["eval", "--model", "m", "--batch", "b"]),
            Command::Eval(EvalArgs {
                model: "m".into(),
                batch: "b".into()
            })
        );
    }

    #[test]
    fn help_forms_print_the_usage_first() {
        for args in [
            &["--help"][..],
            &["help"],
            &["help", "eval"],
            &["step", "-h"],
            &["completions", "--help"],
        ] {
            match run(args) {
                Ok(Parsed::Print(text)) => assert!(text.starts_with("usage: lightbulb"), "{text}"),
                other => panic!("{args:?}: {other:?}"),
            }
        }
        let Ok(Parsed::Print(step)) = run(&["help", "step"]) else {
            panic!("help step");
        };
        assert!(
            step.starts_with("usage: lightbulb step [OPTIONS] --model <M.json> --batch <B.json>"),
            "{step}"
        );
        assert!(step.contains("--trace"), "{step}");
        let Ok(Parsed::Print(train)) = run(&["help", "train"]) else {
            panic!("help train");
        };
        assert!(train.contains("multi_gauss, or digits"), "{train}");
        assert!(
            train.contains("--dataset digits trains on 8 x 8 images"),
            "{train}"
        );
        assert!(train.contains("\"confusion\""), "{train}");
    }

    #[test]
    fn train_flags_are_typed() {
        let Command::Train(t) = command(&[
            "train",
            "--lr=0.1",
            "--json",
            "--layers",
            "8,8",
            "--dataset",
            "spiral",
        ]) else {
            panic!("train");
        };
        assert_eq!(t.lr, Some(0.1));
        assert_eq!(t.layers, Some(Layers(vec![8, 8])));
        assert_eq!(
            t.dataset,
            Some(DatasetChoice::Generated(
                lightbulb_core::DatasetKind::Spiral
            ))
        );
        assert!(t.json);
        assert!(t.out.is_none());
        assert!(run(&["train", "--model", "m"]).is_err());
    }

    #[test]
    fn completions_take_one_of_three_shells() {
        assert_eq!(
            command(&["completions", "zsh"]),
            Command::Completions { shell: Shell::Zsh }
        );
        let err = run(&["completions", "tcsh"]).expect_err("tcsh");
        assert_eq!(err.code, 2);
        assert!(err.message.contains("\"tcsh\""), "{err}");
        assert!(err.message.contains("bash, zsh, fish"), "{err}");
    }
}
