//! Turning points into the network's input and target matrices.

use ndarray::Array2;
use serde::{Deserialize, Serialize};

use super::Point;
use crate::error::{Error, Result};
use crate::features::FeatureSet;

/// How labels become network targets; follows the output activation and loss.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TargetEncoding {
    /// One output in [−1, 1] (tanh + MSE): class 0 → −1, class 1 → +1.
    PlusMinusOne,
    /// One output in [0, 1] (sigmoid + binary cross-entropy): class 0 → 0, class 1 → 1.
    ZeroOne,
    /// One output per class (softmax + cross-entropy): 1 at the class, 0 elsewhere.
    OneHot {
        /// Number of classes, i.e. outputs.
        classes: usize,
    },
    /// One output equal to the label (regression).
    Value,
}

impl TargetEncoding {
    /// Number of network outputs (target columns).
    pub fn outputs(self) -> usize {
        match self {
            TargetEncoding::OneHot { classes } => classes,
            _ => 1,
        }
    }

    /// Writes the target of one label into `out[..self.outputs()]`.
    ///
    /// Errors if the label is not representable: for the two-class encodings
    /// it must be 0 or 1, for one-hot a whole number in `0..classes`, for
    /// `Value` finite. `out` must hold at least `outputs()` entries
    /// (otherwise an [`Error::Shape`]).
    pub fn encode(self, label: f64, out: &mut [f64]) -> Result<()> {
        let needed = self.outputs();
        if out.len() < needed {
            return Err(Error::Shape {
                what: "target row".to_string(),
                expected: format!("[{needed}]"),
                got: format!("[{}]", out.len()),
            });
        }
        let class = |max: usize| -> Result<usize> {
            if label.fract() == 0.0 && label >= 0.0 && label <= max as f64 {
                Ok(label as usize)
            } else {
                Err(Error::Invalid(format!(
                    "label {label} is not a class index from 0 to {max} for {self:?} targets"
                )))
            }
        };
        match self {
            TargetEncoding::PlusMinusOne => out[0] = if class(1)? == 1 { 1.0 } else { -1.0 },
            TargetEncoding::ZeroOne => out[0] = class(1)? as f64,
            TargetEncoding::OneHot { classes } => {
                if classes == 0 {
                    return Err(Error::Invalid(
                        "one-hot targets need at least one class".into(),
                    ));
                }
                let c = class(classes - 1)?;
                for (j, slot) in out[..classes].iter_mut().enumerate() {
                    *slot = if j == c { 1.0 } else { 0.0 };
                }
            }
            TargetEncoding::Value => {
                if !label.is_finite() {
                    return Err(Error::NotFinite {
                        what: "label".into(),
                        value: label,
                    });
                }
                out[0] = label;
            }
        }
        Ok(())
    }
}

/// Makes `out` a standard-layout `rows × cols` matrix, reallocating only if
/// its shape or layout differs, and returns its elements row by row.
fn shaped(out: &mut Array2<f64>, rows: usize, cols: usize) -> &mut [f64] {
    if out.dim() != (rows, cols) || !out.is_standard_layout() {
        *out = Array2::zeros((rows, cols));
    }
    // A standard-layout array is always one contiguous slice.
    out.as_slice_mut().unwrap_or_default()
}

/// Fills `out` with one target row per point (`points.len() × encoding.outputs()`).
///
/// Does not allocate when `out` already has that shape (in standard layout).
/// Errors, naming the point index, if a label does not fit the encoding;
/// `out` is then partly written.
pub fn encode_targets(
    points: &[Point],
    encoding: TargetEncoding,
    out: &mut Array2<f64>,
) -> Result<()> {
    let cols = encoding.outputs();
    if cols == 0 {
        return Err(Error::Invalid(
            "one-hot targets need at least one class".into(),
        ));
    }
    let data = shaped(out, points.len(), cols);
    for (i, (p, row)) in points.iter().zip(data.chunks_exact_mut(cols)).enumerate() {
        encoding
            .encode(p.label, row)
            .map_err(|e| Error::Invalid(format!("point {i}: {e}")))?;
    }
    Ok(())
}

/// Fills `out` with one input row per point: `points.len() × features.len()`,
/// columns in the features' canonical order.
///
/// Does not allocate when `out` already has that shape (in standard layout).
pub fn encode_inputs(points: &[Point], features: &FeatureSet, out: &mut Array2<f64>) {
    let cols = features.len();
    let data = shaped(out, points.len(), cols);
    // `cols` is at least 1: a feature set is never empty.
    for (p, row) in points.iter().zip(data.chunks_exact_mut(cols.max(1))) {
        features.transform_into(p.x1, p.x2, row);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::Feature;
    use ndarray::array;

    fn pts(labels: &[f64]) -> Vec<Point> {
        labels
            .iter()
            .enumerate()
            .map(|(i, &l)| Point::new(i as f64, -(i as f64), l))
            .collect()
    }

    #[test]
    fn two_class_encodings() {
        let p = pts(&[0.0, 1.0, 1.0]);
        let mut out = Array2::zeros((0, 0));
        encode_targets(&p, TargetEncoding::PlusMinusOne, &mut out).unwrap();
        assert_eq!(out, array![[-1.0], [1.0], [1.0]]);
        encode_targets(&p, TargetEncoding::ZeroOne, &mut out).unwrap();
        assert_eq!(out, array![[0.0], [1.0], [1.0]]);
        let err = encode_targets(&pts(&[0.0, 2.0]), TargetEncoding::ZeroOne, &mut out);
        assert!(err.unwrap_err().to_string().starts_with("point 1: label 2"));
    }

    #[test]
    fn one_hot_and_value() {
        let mut out = Array2::zeros((0, 0));
        let enc = TargetEncoding::OneHot { classes: 3 };
        encode_targets(&pts(&[2.0, 0.0]), enc, &mut out).unwrap();
        assert_eq!(out, array![[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]);
        assert!(encode_targets(&pts(&[3.0]), enc, &mut out).is_err());
        assert!(encode_targets(&pts(&[1.5]), enc, &mut out).is_err());
        encode_targets(&pts(&[0.25, -1.0]), TargetEncoding::Value, &mut out).unwrap();
        assert_eq!(out, array![[0.25], [-1.0]]);
    }

    #[test]
    fn right_shape_is_reused_without_reallocating() {
        let mut out = Array2::from_elem((2, 3), 9.0);
        let before = out.as_ptr();
        let enc = TargetEncoding::OneHot { classes: 3 };
        encode_targets(&pts(&[1.0, 2.0]), enc, &mut out).unwrap();
        assert_eq!(out.as_ptr(), before);
        assert_eq!(out, array![[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]);

        let features = FeatureSet::new(&[Feature::X1, Feature::X1X2]).unwrap();
        let mut inputs = Array2::zeros((3, 2));
        let before = inputs.as_ptr();
        encode_inputs(&pts(&[0.0; 3]), &features, &mut inputs);
        assert_eq!(inputs.as_ptr(), before);
        assert_eq!(inputs, array![[0.0, -0.0], [1.0, -1.0], [2.0, -4.0]]);
    }

    #[test]
    fn encode_reports_short_output() {
        let mut short = [0.0; 2];
        let err = TargetEncoding::OneHot { classes: 3 }
            .encode(1.0, &mut short)
            .unwrap_err();
        assert!(matches!(err, Error::Shape { .. }));
    }
}
