//! Writing JSON to stdout.

use crate::fail::{Failure, Outcome};
use serde_json::Value;
use std::io::Write;

/// Prints `value` pretty-printed, with a final newline, to stdout.
pub fn print_json(value: &Value) -> Outcome {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    serde_json::to_writer_pretty(&mut out, value)
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush())
        .map_err(|e| Failure::io(format!("cannot write the output: {e}")))
}

/// Prints text as is to stdout.
pub fn print_text(text: &str) -> Outcome {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| Failure::io(format!("cannot write the output: {e}")))
}
