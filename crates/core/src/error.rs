//! The one error type of the core. Every message names the offending value.

use crate::clip::clip;
use thiserror::Error;

/// A number as a message shows it: as Rust writes it when that takes at
/// most 12 characters ("0.25", "-7", "5000"), otherwise in scientific form
/// with two significant digits ("-1.0e300", "1.2e-20"), so that a
/// 300-digit value never floods a message.
pub fn short_number(v: &f64) -> String {
    let plain = v.to_string();
    if plain.len() <= 12 {
        plain
    } else {
        format!("{v:.1e}")
    }
}

/// Result alias used throughout the core.
pub type Result<T> = std::result::Result<T, Error>;

/// Everything that can go wrong in the core. Configuration is checked once, at
/// construction, so the training hot path never returns these.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum Error {
    /// A number lies outside its allowed range.
    #[error("{what} must be between {min} and {max}, got {}", short_number(.value))]
    OutOfRange {
        /// What was out of range, e.g. "hidden layers".
        what: String,
        /// The offending value.
        value: f64,
        /// Smallest allowed value.
        min: f64,
        /// Largest allowed value.
        max: f64,
    },
    /// A name that is not one of the known ones.
    #[error("unknown {what} \"{name}\"; expected one of: {expected}")]
    UnknownName {
        /// Which kind of name, e.g. "activation".
        what: String,
        /// The name that was given.
        name: String,
        /// The accepted names, comma separated.
        expected: String,
    },
    /// Arrays whose shapes do not fit together.
    #[error("{what} has shape {got}, expected {expected}")]
    Shape {
        /// What had the wrong shape, with its path.
        what: String,
        /// The expected shape.
        expected: String,
        /// The shape that was given.
        got: String,
    },
    /// A number that must be finite is NaN or infinite.
    #[error("{what} must be a finite number, got {value}")]
    NotFinite {
        /// Where the number was, e.g. `layers[1].weights[0][3]`.
        what: String,
        /// The offending value.
        value: f64,
    },
    /// A configuration that is self-contradictory, e.g. softmax on a hidden layer.
    #[error("{0}")]
    Invalid(String),
    /// A step the session's history does not hold (too old, or not reached).
    #[error("step {step} is not in the history (it holds steps {first}–{last})")]
    NotInHistory {
        /// The step asked for.
        step: u64,
        /// The oldest step held.
        first: u64,
        /// The newest step held.
        last: u64,
    },
    /// A change at a past step while later steps exist: they must be dropped
    /// or kept as a branch first.
    #[error(
        "the session is at step {step} but its history runs on to step {last}: \
         drop the later steps or keep them as a branch before changing anything"
    )]
    LaterSteps {
        /// The step the session is at.
        step: u64,
        /// The newest step of the history.
        last: u64,
    },
    /// A model or session file that cannot be read.
    #[error("{path}: {message}")]
    File {
        /// JSON path of the problem, e.g. `training.optimizer`.
        path: String,
        /// What is wrong there.
        message: String,
    },
}

impl Error {
    /// Shorthand for [`Error::OutOfRange`].
    pub fn out_of_range(what: impl Into<String>, value: f64, min: f64, max: f64) -> Self {
        Error::OutOfRange {
            what: what.into(),
            value,
            min,
            max,
        }
    }

    /// Shorthand for [`Error::UnknownName`]. The name is passed through
    /// [`clip`]: it comes from outside and may be any length.
    pub fn unknown(what: impl Into<String>, name: impl Into<String>, expected: &[&str]) -> Self {
        Error::UnknownName {
            what: what.into(),
            name: clip(&name.into()),
            expected: expected.join(", "),
        }
    }

    /// Shorthand for [`Error::File`].
    pub fn file(path: impl Into<String>, message: impl Into<String>) -> Self {
        Error::File {
            path: path.into(),
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_names_are_clipped() {
        let e = Error::unknown("dataset", "x".repeat(100_000), &["circle"]);
        assert!(e.to_string().len() < 120, "{e}");
        assert!(e.to_string().contains(&format!("\"{}…\"", "x".repeat(40))));
    }

    #[test]
    fn long_numbers_are_cut_in_messages() {
        assert_eq!(short_number(&0.25), "0.25");
        assert_eq!(short_number(&-1e300), "-1.0e300");
        assert_eq!(short_number(&1.234e-20), "1.2e-20");
        let e = Error::OutOfRange {
            what: "x1".into(),
            value: -1e300,
            min: -6.0,
            max: 6.0,
        };
        assert_eq!(e.to_string(), "x1 must be between -6 and 6, got -1.0e300");
    }
}
