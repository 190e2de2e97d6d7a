//! Writing JSON to stdout, and arrays as JSON lists.

use crate::fail::{Failure, Outcome};
use ndarray::{ArrayView1, ArrayView2};
use serde_json::Value;
use std::io::Write;

/// A matrix as a list of rows.
pub fn matrix(a: ArrayView2<f64>) -> Value {
    Value::Array(a.rows().into_iter().map(vector).collect())
}

/// A vector as a list of numbers (a non-finite number becomes `null`).
pub fn vector(a: ArrayView1<f64>) -> Value {
    Value::Array(a.iter().map(|&x| Value::from(x)).collect())
}

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
