//! Reading custom points from CSV text: one `x1,x2,label` row per line.
//!
//! - Fields are separated by commas; spaces around fields and one pair of
//!   surrounding double quotes are ignored. Line ends may be `\n` or `\r\n`;
//!   a leading byte-order mark is ignored.
//! - Blank lines are skipped.
//! - The first non-blank line is a header, and skipped, if none of its fields
//!   is a number (e.g. `x1,x2,label`).
//! - Each row is checked as [`super::Dataset::add_point`] checks a point.
//!
//! Every bad row is reported, with its 1-based line number. Parsing never
//! panics and takes time linear in the input.

use std::fmt;

use super::custom::{check_coordinate, check_label};
use super::{Point, Problem};
use crate::clip::clip;

/// One bad row, or a problem with the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvError {
    /// The 1-based line number, or `None` for the file as a whole.
    pub line: Option<usize>,
    /// What is wrong, e.g. `label "cat" is not a number`.
    pub message: String,
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// All the problems found in a CSV text, in line order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvErrors {
    /// The problems; never empty.
    pub errors: Vec<CsvError>,
}

impl fmt::Display for CsvErrors {
    /// One problem per line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for CsvErrors {}

/// Parses CSV rows `x1,x2,label` into points for `problem`.
///
/// Returns every bad row (not only the first), or a single file-level error
/// if there are no data rows at all or `problem` itself is invalid.
pub fn parse_csv(text: &str, problem: Problem) -> Result<Vec<Point>, CsvErrors> {
    if let Err(e) = problem.validate() {
        return Err(CsvErrors {
            errors: vec![CsvError {
                line: None,
                message: e.to_string(),
            }],
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut points = Vec::new();
    let mut errors = Vec::new();
    let mut seen_content = false;
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let first = !seen_content;
        seen_content = true;
        if first && is_header(line) {
            continue;
        }
        match parse_row(line, problem) {
            Ok(point) => points.push(point),
            Err(message) => errors.push(CsvError {
                line: Some(index + 1),
                message,
            }),
        }
    }
    if points.is_empty() && errors.is_empty() {
        errors.push(CsvError {
            line: None,
            message: "no data rows; expected lines of x1,x2,label".to_string(),
        });
    }
    if errors.is_empty() {
        Ok(points)
    } else {
        Err(CsvErrors { errors })
    }
}

fn is_header(line: &str) -> bool {
    line.split(',')
        .all(|field| clean(field).parse::<f64>().is_err())
}

/// Trims spaces and one pair of surrounding double quotes.
fn clean(field: &str) -> &str {
    let field = field.trim();
    field
        .strip_prefix('"')
        .and_then(|f| f.strip_suffix('"'))
        .map(str::trim)
        .unwrap_or(field)
}

fn parse_row(line: &str, problem: Problem) -> Result<Point, String> {
    let mut fields = line.split(',');
    let (Some(a), Some(b), Some(c), None) =
        (fields.next(), fields.next(), fields.next(), fields.next())
    else {
        // Count at most a few more, so a line of commas stays linear and the
        // message short.
        let count = line.split(',').take(100).count();
        let shown = if count == 100 {
            "100 or more".to_string()
        } else {
            count.to_string()
        };
        return Err(format!("expected 3 fields x1,x2,label, found {shown}"));
    };
    let x1 = number("x1", a)?;
    let x2 = number("x2", b)?;
    let label = number("label", c)?;
    check_coordinate("x1", x1).map_err(|e| e.to_string())?;
    check_coordinate("x2", x2).map_err(|e| e.to_string())?;
    check_label(problem, label).map_err(|e| e.to_string())?;
    Ok(Point { x1, x2, label })
}

fn number(what: &str, field: &str) -> Result<f64, String> {
    let text = clean(field);
    if text.is_empty() {
        return Err(format!("{what} is empty"));
    }
    text.parse::<f64>()
        .map_err(|_| format!("{what} {} is not a number", quote(text)))
}

/// The text in double quotes, shortened by [`clip`].
fn quote(text: &str) -> String {
    format!("\"{}\"", clip(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: Problem = Problem::Classification { classes: 2 };

    #[test]
    fn quote_shortens_long_text_on_char_boundaries() {
        assert_eq!(quote("cat"), "\"cat\"");
        let long = "é".repeat(100);
        assert_eq!(
            quote(&long),
            format!("\"{}…\"", "é".repeat(crate::clip::CLIP_CHARS))
        );
    }

    #[test]
    fn header_detection() {
        assert!(is_header("x1,x2,label"));
        assert!(is_header("\"a\", \"b\", \"c\""));
        assert!(!is_header("x1,x2,1"));
        assert!(!is_header("1,2,3"));
    }

    #[test]
    fn quoted_and_padded_fields_parse() {
        let pts = parse_csv(" \"1.5\" , -2 ,\"1\"\r\n", TWO).unwrap();
        assert_eq!(pts, vec![Point::new(1.5, -2.0, 1.0)]);
    }
}
