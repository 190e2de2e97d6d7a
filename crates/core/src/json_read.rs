//! Reading validated values out of parsed JSON, with errors that name the
//! JSON path of the offending value (e.g. `layers[1].weights[0][3]`).

use crate::clip::clip;
use crate::error::{Error, Result};
use serde_json::{Map, Value};

mod text;

/// A JSON value together with its path, for error messages.
#[derive(Clone, Debug)]
pub struct At<'a> {
    /// The value.
    pub value: &'a Value,
    path: String,
}

/// Parses text into JSON, with a message that says where it broke.
pub fn parse(text: &str) -> Result<Value> {
    text::parse_value(text).map_err(|e| Error::Invalid(format!("not valid JSON: {e}")))
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

impl<'a> At<'a> {
    /// The root of a document.
    pub fn root(value: &'a Value) -> At<'a> {
        At {
            value,
            path: String::new(),
        }
    }

    /// The path of this value, `(root)` for the root.
    pub fn path(&self) -> &str {
        if self.path.is_empty() {
            "(root)"
        } else {
            &self.path
        }
    }

    /// An error at this path.
    pub fn error(&self, message: impl Into<String>) -> Error {
        Error::file(self.path(), message)
    }

    /// This value as an object whose keys are all in `allowed`.
    pub fn object(&self, allowed: &[&str]) -> Result<&'a Map<String, Value>> {
        let map = self
            .value
            .as_object()
            .ok_or_else(|| self.error(format!("expected an object, got {}", kind(self.value))))?;
        if let Some(key) = map.keys().find(|k| !allowed.contains(&k.as_str())) {
            return Err(self.error(format!(
                "unknown key \"{}\"; allowed keys: {}",
                clip(key),
                allowed.join(", ")
            )));
        }
        Ok(map)
    }

    /// A field of an object, which must be present.
    pub fn field(&self, map: &'a Map<String, Value>, key: &str) -> Result<At<'a>> {
        let path = self.child_path(key);
        match map.get(key) {
            Some(value) => Ok(At { value, path }),
            None => Err(Error::file(path, "is missing")),
        }
    }

    /// A field of an object, which may be absent.
    pub fn optional(&self, map: &'a Map<String, Value>, key: &str) -> Option<At<'a>> {
        map.get(key).map(|value| At {
            value,
            path: self.child_path(key),
        })
    }

    /// The items of this list, each with its path.
    pub fn items(&self) -> Result<Vec<At<'a>>> {
        Ok(self
            .list()?
            .iter()
            .enumerate()
            .map(|(i, value)| At {
                value,
                path: format!("{}[{i}]", self.path()),
            })
            .collect())
    }

    /// The path of a field of this object.
    pub fn child_path(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// This value as a list.
    pub fn list(&self) -> Result<&'a Vec<Value>> {
        self.value
            .as_array()
            .ok_or_else(|| self.error(format!("expected a list, got {}", kind(self.value))))
    }

    /// This value as a string.
    pub fn str(&self) -> Result<&'a str> {
        self.value
            .as_str()
            .ok_or_else(|| self.error(format!("expected a string, got {}", kind(self.value))))
    }

    /// This value as a finite number.
    pub fn number(&self) -> Result<f64> {
        match self.value {
            Value::Number(n) => n
                .as_f64()
                .filter(|v| v.is_finite())
                .ok_or_else(|| self.error(format!("{n} is not a finite number"))),
            Value::String(s) => Err(self.error(format!(
                "must be a finite number, got the string \"{}\"",
                clip(s)
            ))),
            other => Err(self.error(format!("must be a finite number, got {}", kind(other)))),
        }
    }

    /// This value as a non-negative integer.
    pub fn unsigned(&self) -> Result<u64> {
        self.value.as_u64().ok_or_else(|| {
            self.error(format!(
                "must be a whole number ≥ 0, got {}",
                short(self.value)
            ))
        })
    }

    /// Parses a name with `parse`, reporting the path on failure.
    pub fn name<T>(&self, parse: impl Fn(&str) -> Result<T>) -> Result<T> {
        let s = self.str()?;
        parse(s).map_err(|e| self.error(e.to_string()))
    }
}

impl At<'_> {
    /// This value as a list of finite numbers.
    pub fn numbers(&self) -> Result<Vec<f64>> {
        self.items()?.iter().map(At::number).collect()
    }
}

fn short(v: &Value) -> String {
    match v {
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("the string \"{}\"", clip(s)),
        other => kind(other).to_string(),
    }
}
