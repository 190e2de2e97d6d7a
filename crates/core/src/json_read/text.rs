//! A JSON text parser into [`serde_json::Value`], smaller in wasm than
//! `serde_json::from_str` (issue 13: the shipped `.wasm`'s size).
//!
//! It accepts exactly what `serde_json::from_str::<Value>` accepts and builds
//! the same value: numbers are read as serde_json reads them (a whole number
//! that fits is a `u64`, or an `i64` when negative; `-0`, larger whole
//! numbers and the rest are `f64`s, rounded to the nearest like serde_json's
//! `float_roundtrip` feature, here by the standard library's `str::parse`,
//! which is correctly rounded too; a number beyond `f64` is an error), keys
//! repeated in an object keep their last value, and nesting 128 levels deep
//! or more is refused. The tests below compare it with serde_json on many inputs.
//! The error messages are its own (with the line and column).

use serde_json::{Map, Number, Value};

/// How deep lists and objects may nest: serde_json refuses the 128th level.
const MAX_DEPTH: usize = 127;

/// Parses a whole JSON text.
pub(crate) fn parse_value(text: &str) -> Result<Value, String> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        at: 0,
        depth: 0,
    };
    p.skip_space();
    let value = p.value()?;
    p.skip_space();
    if p.at < p.bytes.len() {
        return Err(p.error("trailing characters"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    depth: usize,
}

impl Parser<'_> {
    /// `message` with the line and column (1-based, in characters) of the
    /// current position.
    fn error(&self, message: &str) -> String {
        let before = &self.bytes[..self.at.min(self.bytes.len())];
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = 1 + before[start..]
            .iter()
            .filter(|&&b| (b & 0xC0) != 0x80)
            .count();
        format!("{message} at line {line} column {column}")
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// Consumes `word` (after its first byte was seen) or fails.
    fn literal(&mut self, word: &str, value: Value) -> Result<Value, String> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a value"))
        }
    }

    fn value(&mut self) -> Result<Value, String> {
        match self.peek() {
            None => Err(self.error("end of text while parsing a value")),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'"') => Ok(Value::String(self.string()?)),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') => self.nested(|p| p.list()),
            Some(b'{') => self.nested(|p| p.object()),
            Some(_) => Err(self.error("expected a value")),
        }
    }

    fn nested(
        &mut self,
        read: impl FnOnce(&mut Self) -> Result<Value, String>,
    ) -> Result<Value, String> {
        if self.depth == MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        self.depth += 1;
        self.at += 1;
        let value = read(self);
        self.depth -= 1;
        value
    }

    /// After `[`.
    fn list(&mut self) -> Result<Value, String> {
        let mut items = Vec::new();
        if self.closes_at_once(b']') {
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_space();
            items.push(self.value()?);
            if !self.more(b']', "a list")? {
                return Ok(Value::Array(items));
            }
        }
    }

    /// After `{`.
    fn object(&mut self) -> Result<Value, String> {
        let mut map = Map::new();
        if self.closes_at_once(b'}') {
            return Ok(Value::Object(map));
        }
        loop {
            self.skip_space();
            self.sees(b'"', "expected a key in double quotes", "an object")?;
            let key = self.string()?;
            self.skip_space();
            self.sees(b':', "expected `:`", "an object")?;
            self.at += 1;
            self.skip_space();
            let value = self.value()?;
            map.insert(key, value);
            if !self.more(b'}', "an object")? {
                return Ok(Value::Object(map));
            }
        }
    }

    /// An empty list or object: `close` is next (and is consumed).
    fn closes_at_once(&mut self, close: u8) -> bool {
        self.skip_space();
        let empty = self.peek() == Some(close);
        if empty {
            self.at += 1;
        }
        empty
    }

    /// After an item of a list or object (`within`): `,` and another item
    /// (true) or `close`, the end (false); both consumed.
    fn more(&mut self, close: u8, within: &str) -> Result<bool, String> {
        self.skip_space();
        match self.peek() {
            Some(b',') => {
                self.at += 1;
                Ok(true)
            }
            Some(b) if b == close => {
                self.at += 1;
                Ok(false)
            }
            None => Err(self.error(&format!("end of text while parsing {within}"))),
            Some(_) => Err(self.error(&format!("expected `,` or `{}`", char::from(close)))),
        }
    }

    /// `byte` is next (not consumed), or the error `expected` (or the end
    /// of the text while parsing `within`).
    fn sees(&self, byte: u8, expected: &str, within: &str) -> Result<(), String> {
        match self.peek() {
            Some(b) if b == byte => Ok(()),
            None => Err(self.error(&format!("end of text while parsing {within}"))),
            Some(_) => Err(self.error(expected)),
        }
    }

    /// A string, from its opening quote.
    fn string(&mut self) -> Result<String, String> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // The stops are ASCII, so both ends are character boundaries.
            out.push_str(&self.text[start..self.at]);
            match self.peek() {
                None => return Err(self.error("end of text while parsing a string")),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let c = self.escape()?;
                    out.push(c);
                }
                Some(_) => return Err(self.error("control character in a string")),
            }
        }
    }

    /// After a backslash.
    fn escape(&mut self) -> Result<char, String> {
        let Some(b) = self.peek() else {
            return Err(self.error("end of text while parsing a string"));
        };
        self.at += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                let code = match first {
                    0xD800..=0xDBFF => {
                        if !self.bytes[self.at..].starts_with(b"\\u") {
                            return Err(self.error("lone leading surrogate in hex escape"));
                        }
                        self.at += 2;
                        let second = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return Err(self.error("lone leading surrogate in hex escape"));
                        }
                        0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    }
                    0xDC00..=0xDFFF => {
                        return Err(self.error("lone trailing surrogate in hex escape"))
                    }
                    _ => first,
                };
                char::from_u32(code).ok_or_else(|| self.error("invalid escape"))?
            }
            _ => return Err(self.error("invalid escape")),
        })
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                None => return Err(self.error("end of text while parsing a string")),
                Some(_) => return Err(self.error("invalid escape")),
            };
            code = code * 16 + u32::from(digit);
            self.at += 1;
        }
        Ok(code)
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
        self.at - start
    }

    /// A number, from its `-` or first digit.
    fn number(&mut self) -> Result<Value, String> {
        let start = self.at;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        let whole_start = self.at;
        match self.peek() {
            Some(b'0') => {
                self.at += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.error("invalid number"));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            None => return Err(self.error("end of text while parsing a value")),
            Some(_) => return Err(self.error("invalid number")),
        }
        let whole_end = self.at;
        let mut fraction = false;
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self.error(if self.at == self.bytes.len() {
                    "end of text while parsing a value"
                } else {
                    "invalid number"
                }));
            }
            fraction = true;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.error(if self.at == self.bytes.len() {
                    "end of text while parsing a value"
                } else {
                    "invalid number"
                }));
            }
            fraction = true;
        }
        if !fraction {
            // serde_json's whole numbers: u64, negative i64, else f64 (and -0).
            if let Ok(n) = self.text[whole_start..whole_end].parse::<u64>() {
                if !negative {
                    return Ok(Value::Number(n.into()));
                }
                let neg = (n as i64).wrapping_neg();
                if neg < 0 {
                    return Ok(Value::Number(neg.into()));
                }
            }
        }
        let v: f64 = self.text[start..self.at]
            .parse()
            .map_err(|_| self.error("invalid number"))?;
        Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| self.error("number out of range"))
    }
}

#[cfg(test)]
mod tests;
