//! Lightbulb core (being written).
#![deny(missing_docs)]

pub mod error;
pub use error::{Error, Result};
