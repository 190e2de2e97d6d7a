//! How a command fails: an exit code and one line for stderr.

use std::fmt;

/// Exit code for bad arguments, bad files, bad shapes and non-finite numbers.
pub const EXIT_INPUT: u8 = 2;
/// Exit code when the numbers overflow: a diverged step, non-finite outputs.
pub const EXIT_NUMERIC: u8 = 3;
/// Exit code when the output cannot be written.
pub const EXIT_IO: u8 = 1;

/// A failed command. `message` is one line, printed after `error: `.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The process exit code.
    pub code: u8,
    /// What went wrong, on one line.
    pub message: String,
}

impl Failure {
    /// Bad input: exit code 2.
    pub fn input(message: impl Into<String>) -> Failure {
        Failure::new(EXIT_INPUT, message)
    }

    /// A problem inside a named file: `file: message`, exit code 2.
    pub fn in_file(file: &str, message: impl fmt::Display) -> Failure {
        Failure::input(format!("{file}: {message}"))
    }

    /// Numbers that overflowed: exit code 3.
    pub fn numeric(message: impl Into<String>) -> Failure {
        Failure::new(EXIT_NUMERIC, message)
    }

    /// The output could not be written: exit code 1.
    pub fn io(message: impl Into<String>) -> Failure {
        Failure::new(EXIT_IO, message)
    }

    fn new(code: u8, message: impl Into<String>) -> Failure {
        // One line, whatever the message holds (file names and JSON errors included).
        let message = message.into().replace(['\n', '\r'], " ");
        Failure { code, message }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: {}", self.message)
    }
}

/// What a command returns.
pub type Outcome<T = ()> = Result<T, Failure>;
