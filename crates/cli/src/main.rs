//! `lightbulb`: the native command line of Lightbulb.
//!
//! Every failure is one line on stderr and an exit code (see `fail.rs`);
//! nothing a user gives it makes it panic.

mod args;
mod eval;
mod help;
mod output;
mod progress;
mod step;
mod trace_json;
mod train;
mod train_args;

use args::Command;
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
        Command::Help(name) => output::print_text(&help::text(name)),
        Command::Step {
            model,
            batch,
            trace,
        } => output::print_json(&step::run(&model, &batch, trace)?),
        Command::Eval { model, batch } => output::print_json(&eval::run(&model, &batch)?),
        Command::Train(flags) => train::run(&flags),
    }
}
