//! Datasets: seeded 2-D toy problems in the square [−6, 6]², custom points,
//! CSV import, and encoding points as network inputs and targets.
//!
//! - [`DatasetParams`] (validated once) → [`generate`] → [`Dataset`].
//! - [`Dataset::add_point`], [`Dataset::remove_nearest`], [`Dataset::clear`] edit data by hand.
//! - [`parse_csv`] reads `x1,x2,label` rows.
//! - [`encode_inputs`] / [`encode_targets`] fill the matrices training needs.

mod csv;
mod custom;
mod generators;
mod params;
mod targets;

use serde::{Deserialize, Serialize};

pub use self::csv::{parse_csv, CsvError, CsvErrors};
pub use self::generators::generate;
pub use self::params::{DatasetKind, DatasetParams};
pub use self::targets::{encode_inputs, encode_targets, TargetEncoding};

/// Every point lies in the square [−`EXTENT`, `EXTENT`]².
pub const EXTENT: f64 = 6.0;

/// Fewest classes a classification problem may have.
pub const MIN_CLASSES: usize = 2;

/// Most classes a classification problem may have.
pub const MAX_CLASSES: usize = 10;

/// One example: a point and its label.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// First coordinate, in [−6, 6].
    pub x1: f64,
    /// Second coordinate, in [−6, 6].
    pub x2: f64,
    /// The class index (0.0, 1.0, …) for classification, the target value in
    /// [−1, 1] for regression.
    pub label: f64,
}

impl Point {
    /// A point with its label.
    pub fn new(x1: f64, x2: f64, label: f64) -> Self {
        Self { x1, x2, label }
    }

    /// The class index of a classification label (labels are validated whole
    /// numbers, so this is exact for points of a [`Dataset`]).
    pub fn class(&self) -> usize {
        if self.label >= 0.0 {
            self.label as usize
        } else {
            0
        }
    }
}

/// What the network has to learn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Problem {
    /// Assign each point one of `classes` classes, labelled 0..classes.
    Classification {
        /// Number of classes, 2..=10.
        classes: usize,
    },
    /// Predict a value in [−1, 1] for each point.
    Regression,
}

impl Problem {
    /// Number of classes, or `None` for regression.
    pub fn classes(&self) -> Option<usize> {
        match *self {
            Problem::Classification { classes } => Some(classes),
            Problem::Regression => None,
        }
    }

    /// Checks that the problem itself is valid (2..=10 classes).
    pub fn validate(&self) -> crate::Result<()> {
        if let Problem::Classification { classes } = *self {
            if !(MIN_CLASSES..=MAX_CLASSES).contains(&classes) {
                return Err(crate::Error::out_of_range(
                    "classes",
                    classes as f64,
                    MIN_CLASSES as f64,
                    MAX_CLASSES as f64,
                ));
            }
        }
        Ok(())
    }
}

/// A problem with its training and test points.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// What the labels mean.
    pub problem: Problem,
    /// Points the network trains on.
    pub train: Vec<Point>,
    /// Held-out points, used only to measure the test loss.
    pub test: Vec<Point>,
}

impl Dataset {
    /// An empty dataset, e.g. to draw points into by hand.
    pub fn empty(problem: Problem) -> Self {
        Self {
            problem,
            train: Vec::new(),
            test: Vec::new(),
        }
    }

    /// Total number of points (train + test).
    pub fn len(&self) -> usize {
        self.train.len() + self.test.len()
    }

    /// Whether there are no points at all.
    pub fn is_empty(&self) -> bool {
        self.train.is_empty() && self.test.is_empty()
    }

    /// All points: train first, then test.
    pub fn points(&self) -> impl Iterator<Item = &Point> + '_ {
        self.train.iter().chain(self.test.iter())
    }
}
