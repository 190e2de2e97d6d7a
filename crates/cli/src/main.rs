//! `lightbulb`: the native command line of Lightbulb.
//!
//! Every failure is one line on stderr and an exit code (see `fail.rs`);
//! nothing a user gives it makes it panic.

mod arg_errors;
mod args;
mod completions;
mod eval;
mod help;
mod output;
mod progress;
mod step;
mod train;
mod train_args;
mod train_digits;
mod values;

use args::{Command, Parsed};
use fail::Outcome;
// The file readers live in the library target, where the tests reach them.
use lightbulb_cli::{batch, fail, files};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{failure}");
            ExitCode::from(failure.code)
        }
    }
}

fn run(args: &[std::ffi::OsString]) -> Outcome {
    match args::parse(args)? {
        Parsed::Print(text) => output::print_text(&text),
        Parsed::Run(Command::Step(a)) => {
            output::print_json(&step::run(&a.model, &a.batch, a.trace)?)
        }
        Parsed::Run(Command::Eval(a)) => output::print_json(&eval::run(&a.model, &a.batch)?),
        Parsed::Run(Command::Train(a)) => train::run(&a),
        Parsed::Run(Command::Completions { shell }) => {
            output::print_text(&completions::script(shell))
        }
    }
}
