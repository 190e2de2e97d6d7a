//! `lightbulb completions SHELL`: a completion script generated from the
//! clap declaration in `args.rs`, so it always knows every command and flag.

use crate::args::{Cli, Shell};
use clap::CommandFactory;

/// The completion script for `shell`.
pub fn script(shell: Shell) -> String {
    let shell = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    // Generated into memory: `generate` panics if its writer fails, and
    // stdout may be a closed pipe (print_text reports that as exit code 1).
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "lightbulb", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}
