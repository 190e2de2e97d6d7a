//! Parsers of flag values. Each error names the value; clap adds the flag
//! (see `arg_errors.rs`), e.g. `--lr: expected a number, got "fast"`.

use lightbulb_core::{clip, DatasetKind, Error, FeatureSet};
use std::str::FromStr;

/// The name `--dataset digits` takes.
pub const DIGITS: &str = "digits";

/// What `--dataset` names: a generated 2-D dataset, or the digits images.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatasetChoice {
    /// One of the generated 2-D datasets.
    Generated(DatasetKind),
    /// The 8 × 8 images of handwritten digits (see `lightbulb_core::digits`).
    Digits,
}

/// Hidden layer sizes (`none`: no hidden layer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layers(pub Vec<usize>);

/// A path or name that must not be empty.
pub fn non_empty(s: &str) -> Result<String, String> {
    if s.is_empty() {
        Err("needs a non-empty value".to_owned())
    } else {
        Ok(s.to_owned())
    }
}

/// A finite number.
pub fn number(s: &str) -> Result<f64, String> {
    let v: f64 = parsed(s, "a number")?;
    if v.is_finite() {
        Ok(v)
    } else {
        Err(format!("expected a finite number, got \"{}\"", clip(s)))
    }
}

/// A whole number that fits a `usize`.
pub fn whole(s: &str) -> Result<usize, String> {
    parsed(s, "a whole number")
}

/// A whole number that fits a `u64`.
pub fn whole_u64(s: &str) -> Result<u64, String> {
    parsed(s, "a whole number")
}

/// A dataset name: one of the 2-D datasets, or `digits`.
pub fn dataset(s: &str) -> Result<DatasetChoice, String> {
    if s == DIGITS {
        return Ok(DatasetChoice::Digits);
    }
    DatasetKind::parse(s)
        .map(DatasetChoice::Generated)
        .map_err(|_| {
            let mut names = DatasetKind::NAMES.to_vec();
            names.push(DIGITS);
            Error::unknown("dataset", s, &names).to_string()
        })
}

/// A comma-separated list of feature names.
pub fn features(s: &str) -> Result<FeatureSet, String> {
    FeatureSet::from_names(&split(s)).map_err(|e| e.to_string())
}

/// Neuron counts like `8,8,8`, or `none`.
pub fn layers(s: &str) -> Result<Layers, String> {
    if s == "none" {
        return Ok(Layers(Vec::new()));
    }
    split(s)
        .into_iter()
        .map(str::parse::<usize>)
        .collect::<Result<Vec<_>, _>>()
        .map(Layers)
        .map_err(|_| {
            format!(
                "expected neuron counts like 8,8,8 (or none), got \"{}\"",
                clip(s)
            )
        })
}

fn parsed<T: FromStr>(s: &str, what: &str) -> Result<T, String> {
    s.parse::<T>()
        .map_err(|_| format!("expected {what}, got \"{}\"", clip(s)))
}

fn split(list: &str) -> Vec<&str> {
    list.split(',').map(str::trim).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_their_errors() {
        assert_eq!(number("0.5"), Ok(0.5));
        assert_eq!(
            number("fast"),
            Err("expected a number, got \"fast\"".into())
        );
        assert_eq!(
            number("inf"),
            Err("expected a finite number, got \"inf\"".into())
        );
        assert_eq!(whole("12"), Ok(12));
        assert!(whole("-1").unwrap_err().contains("\"-1\""));
        assert_eq!(layers("8, 4"), Ok(Layers(vec![8, 4])));
        assert_eq!(layers("none"), Ok(Layers(vec![])));
        assert!(layers("8,,8").unwrap_err().contains("\"8,,8\""));
        assert!(features("x1,x3").unwrap_err().contains("x3"));
        assert_eq!(dataset("digits"), Ok(DatasetChoice::Digits));
        assert_eq!(
            dataset("moons"),
            Ok(DatasetChoice::Generated(DatasetKind::Moons))
        );
        let unknown = dataset("digit").unwrap_err();
        assert!(unknown.contains("\"digit\""), "{unknown}");
        assert!(unknown.contains("multi_gauss, digits"), "{unknown}");
        assert!(non_empty("").is_err());
        let long = "9".repeat(1000) + "x";
        assert!(number(&long).unwrap_err().len() < 100);
    }
}
