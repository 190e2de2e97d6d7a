//! Reading the model and batch files: size limit, JSON parsing, and errors
//! that start with the file's name.

use crate::fail::{Failure, Outcome};
use lightbulb_core::Model;
use serde_json::Value;
use std::io::Read;

/// Largest file read, in bytes. A batch of 100,000 rows of a few numbers
/// each is far smaller.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a UTF-8 text file of at most [`MAX_FILE_BYTES`].
pub fn read_text(path: &str) -> Outcome<String> {
    let file = std::fs::File::open(path).map_err(|e| Failure::in_file(path, io_reason(&e)))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::in_file(path, io_reason(&e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Failure::in_file(
            path,
            format!(
                "the file is larger than {} MiB",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        Failure::in_file(
            path,
            format!(
                "not UTF-8 text (bad byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// Reads and parses a JSON file.
pub fn read_json(path: &str) -> Outcome<Value> {
    parse_json(path, &read_text(path)?)
}

/// Parses the text of file `path` as JSON.
pub fn parse_json(path: &str, text: &str) -> Outcome<Value> {
    serde_json::from_str(text).map_err(|e| Failure::in_file(path, format!("not valid JSON: {e}")))
}

/// Reads and validates a model file.
pub fn read_model(path: &str) -> Outcome<Model> {
    let value = read_json(path)?;
    Model::from_value(&value).map_err(|e| Failure::in_file(path, e))
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => format!("cannot read: {e}"),
    }
}
