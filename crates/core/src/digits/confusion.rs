//! The confusion matrix of a classifier, and its accuracy.

use crate::error::{Error, Result};

/// Counts of (actual class, predicted class) pairs: row = the true label,
/// column = the network's answer. The diagonal holds the correct answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfusionMatrix {
    classes: usize,
    counts: Vec<u32>,
}

impl ConfusionMatrix {
    /// An empty matrix for `classes` classes (1 to 10).
    pub fn new(classes: usize) -> Result<ConfusionMatrix> {
        if !(1..=crate::dataset::MAX_CLASSES).contains(&classes) {
            return Err(Error::out_of_range(
                "confusion matrix classes",
                classes as f64,
                1.0,
                crate::dataset::MAX_CLASSES as f64,
            ));
        }
        Ok(ConfusionMatrix {
            classes,
            counts: vec![0; classes * classes],
        })
    }

    /// A matrix counting `(actual, predicted)` pairs.
    pub fn from_pairs(
        classes: usize,
        pairs: impl IntoIterator<Item = (usize, usize)>,
    ) -> Result<ConfusionMatrix> {
        let mut m = ConfusionMatrix::new(classes)?;
        for (actual, predicted) in pairs {
            m.add(actual, predicted)?;
        }
        Ok(m)
    }

    /// Counts one answer. Both classes must be below `classes`.
    pub fn add(&mut self, actual: usize, predicted: usize) -> Result<()> {
        let max = self.classes as f64 - 1.0;
        if actual >= self.classes {
            return Err(Error::out_of_range("actual class", actual as f64, 0.0, max));
        }
        if predicted >= self.classes {
            return Err(Error::out_of_range(
                "predicted class",
                predicted as f64,
                0.0,
                max,
            ));
        }
        self.counts[actual * self.classes + predicted] += 1;
        Ok(())
    }

    /// Number of classes.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// How often class `actual` was answered `predicted` (0 outside the matrix).
    pub fn count(&self, actual: usize, predicted: usize) -> u32 {
        if actual < self.classes && predicted < self.classes {
            self.counts[actual * self.classes + predicted]
        } else {
            0
        }
    }

    /// The row of class `actual`: its answers by predicted class (empty
    /// outside the matrix).
    pub fn row(&self, actual: usize) -> &[u32] {
        self.counts
            .get(actual * self.classes..(actual + 1) * self.classes)
            .unwrap_or(&[])
    }

    /// Number of answers counted.
    pub fn total(&self) -> u32 {
        self.counts.iter().sum()
    }

    /// Number of correct answers (the diagonal).
    pub fn correct(&self) -> u32 {
        (0..self.classes).map(|k| self.count(k, k)).sum()
    }

    /// The fraction of correct answers, or `None` when nothing was counted.
    pub fn accuracy(&self) -> Option<f64> {
        let total = self.total();
        (total > 0).then(|| f64::from(self.correct()) / f64::from(total))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_are_checked() {
        assert!(ConfusionMatrix::new(0).is_err());
        assert!(ConfusionMatrix::new(11)
            .unwrap_err()
            .to_string()
            .contains("11"));
        let mut m = ConfusionMatrix::new(3).unwrap();
        assert_eq!(m.accuracy(), None);
        assert!(m
            .add(3, 0)
            .unwrap_err()
            .to_string()
            .contains("actual class"));
        assert!(m.add(0, 5).unwrap_err().to_string().contains("got 5"));
        assert_eq!(m.total(), 0);
        assert_eq!(m.row(3), &[] as &[u32]);
    }
}
