//! Which dataset to generate, and its validated parameters.

use serde::{Deserialize, Serialize};

use super::Problem;
use crate::error::{Error, Result};
use crate::named::Named;

/// The built-in datasets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatasetKind {
    /// Two classes: a disc (class 1) inside a ring (class 0).
    Circle,
    /// Two classes by quadrant: class 1 where `x1·x2 ≥ 0`, class 0 elsewhere.
    Xor,
    /// Two Gaussian clouds at (2, 2) (class 1) and (−2, −2) (class 0).
    Gauss,
    /// Interleaved spiral arms, one per class (2 classes by default).
    Spiral,
    /// Two interleaving half circles.
    Moons,
    /// A 4×4 checkerboard of alternating classes over the square.
    Checkerboard,
    /// One Gaussian blob per class, centres evenly spaced on a circle of radius 4.
    Blobs,
    /// Regression: a tilted plane, label ∝ `x1 + x2`.
    Plane,
    /// Regression: six signed bumps, TensorFlow Playground's "multi Gaussian".
    MultiGauss,
}

impl DatasetKind {
    /// All kinds, in the order the page lists them.
    pub const ALL: [DatasetKind; 9] = [
        DatasetKind::Circle,
        DatasetKind::Xor,
        DatasetKind::Gauss,
        DatasetKind::Spiral,
        DatasetKind::Moons,
        DatasetKind::Checkerboard,
        DatasetKind::Blobs,
        DatasetKind::Plane,
        DatasetKind::MultiGauss,
    ];

    /// The snake-case names of [`DatasetKind::ALL`], as stored in files.
    pub const NAMES: [&'static str; 9] = [
        "circle",
        "xor",
        "gauss",
        "spiral",
        "moons",
        "checkerboard",
        "blobs",
        "plane",
        "multi_gauss",
    ];

    /// The snake-case name, e.g. `"multi_gauss"`.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// A human label for the page, e.g. `"Two Gaussians"`.
    pub fn label(self) -> &'static str {
        match self {
            DatasetKind::Circle => "Circle",
            DatasetKind::Xor => "Exclusive or",
            DatasetKind::Gauss => "Two Gaussians",
            DatasetKind::Spiral => "Spiral",
            DatasetKind::Moons => "Moons",
            DatasetKind::Checkerboard => "Checkerboard",
            DatasetKind::Blobs => "Blobs",
            DatasetKind::Plane => "Plane",
            DatasetKind::MultiGauss => "Multi Gaussian",
        }
    }

    /// Parses a kind from its snake-case name: [`Named::from_name`], which
    /// `str::parse` calls too.
    pub fn parse(name: &str) -> Result<Self> {
        <Self as Named>::from_name(name)
    }

    /// Whether the labels are values rather than classes.
    pub fn is_regression(self) -> bool {
        matches!(self, DatasetKind::Plane | DatasetKind::MultiGauss)
    }

    /// Whether the number of classes can be chosen (2..=10): blobs and spiral.
    pub fn has_class_count(self) -> bool {
        matches!(self, DatasetKind::Blobs | DatasetKind::Spiral)
    }

    /// Number of classes used when none is chosen: 3 for blobs, 2 otherwise.
    pub fn default_classes(self) -> usize {
        if self == DatasetKind::Blobs {
            3
        } else {
            2
        }
    }
}

crate::named::impl_named!(DatasetKind, "dataset");

/// Validated parameters of a generated dataset.
///
/// Build with [`DatasetParams::new`] and the `with_*` methods; each checks its
/// value, so a `DatasetParams` is always valid and [`super::generate`] cannot
/// fail. Deserialization runs the same checks (missing fields take defaults).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawParams")]
pub struct DatasetParams {
    kind: DatasetKind,
    points: usize,
    noise: f64,
    train_percent: f64,
    seed: u64,
    classes: usize,
}

impl DatasetParams {
    /// Default number of points.
    pub const DEFAULT_POINTS: usize = 500;
    /// Fewest points: 2, so that both train and test can be non-empty.
    pub const MIN_POINTS: usize = 2;
    /// Most points.
    pub const MAX_POINTS: usize = 5_000;
    /// Largest noise, in percent (smallest is 0).
    pub const MAX_NOISE: f64 = 50.0;
    /// Default share of points used for training, in percent.
    pub const DEFAULT_TRAIN_PERCENT: f64 = 50.0;
    /// Smallest training share, in percent.
    pub const MIN_TRAIN_PERCENT: f64 = 10.0;
    /// Largest training share, in percent.
    pub const MAX_TRAIN_PERCENT: f64 = 90.0;

    /// Defaults for `kind`: 500 points, noise 0 %, train share 50 %, seed 0,
    /// and [`DatasetKind::default_classes`] classes.
    pub fn new(kind: DatasetKind) -> Self {
        Self {
            kind,
            points: Self::DEFAULT_POINTS,
            noise: 0.0,
            train_percent: Self::DEFAULT_TRAIN_PERCENT,
            seed: 0,
            classes: kind.default_classes(),
        }
    }

    /// Changes the kind, keeping the other parameters (the chosen class
    /// count is kept too, and used again if the kind has a class count).
    pub fn with_kind(mut self, kind: DatasetKind) -> Self {
        self.kind = kind;
        self
    }

    /// Sets the number of points, 2..=5,000.
    pub fn with_points(mut self, points: usize) -> Result<Self> {
        if !(Self::MIN_POINTS..=Self::MAX_POINTS).contains(&points) {
            return Err(Error::out_of_range(
                "number of points",
                points as f64,
                Self::MIN_POINTS as f64,
                Self::MAX_POINTS as f64,
            ));
        }
        self.points = points;
        Ok(self)
    }

    /// Sets the noise in percent, 0..=50.
    pub fn with_noise(mut self, percent: f64) -> Result<Self> {
        check_percent("noise", percent, 0.0, Self::MAX_NOISE)?;
        self.noise = percent;
        Ok(self)
    }

    /// Sets the share of points used for training, in percent, 10..=90.
    pub fn with_train_percent(mut self, percent: f64) -> Result<Self> {
        check_percent(
            "training share (%)",
            percent,
            Self::MIN_TRAIN_PERCENT,
            Self::MAX_TRAIN_PERCENT,
        )?;
        self.train_percent = percent;
        Ok(self)
    }

    /// Sets the random seed.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Sets the number of classes, 2..=10. Only blobs and spiral use it; the
    /// other classification kinds always have 2 classes.
    pub fn with_classes(mut self, classes: usize) -> Result<Self> {
        Problem::Classification { classes }.validate()?;
        self.classes = classes;
        Ok(self)
    }

    /// Checks every field; all constructors already guarantee this holds.
    pub fn validate(&self) -> Result<()> {
        Self::new(self.kind)
            .with_points(self.points)?
            .with_noise(self.noise)?
            .with_train_percent(self.train_percent)?
            .with_classes(self.classes)
            .map(|_| ())
    }

    /// The dataset kind.
    pub fn kind(&self) -> DatasetKind {
        self.kind
    }

    /// Total number of points (train + test).
    pub fn points(&self) -> usize {
        self.points
    }

    /// Noise, in percent (0..=50).
    pub fn noise(&self) -> f64 {
        self.noise
    }

    /// Training share, in percent (10..=90).
    pub fn train_percent(&self) -> f64 {
        self.train_percent
    }

    /// The random seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The number of classes actually generated: the chosen count for blobs
    /// and spiral, 2 for the other classification kinds, 0 for regression.
    pub fn classes(&self) -> usize {
        if self.kind.is_regression() {
            0
        } else if self.kind.has_class_count() {
            self.classes
        } else {
            2
        }
    }

    /// The problem the generated dataset poses.
    pub fn problem(&self) -> Problem {
        if self.kind.is_regression() {
            Problem::Regression
        } else {
            Problem::Classification {
                classes: self.classes(),
            }
        }
    }

    /// Number of training points: `round(points · share / 100)`, kept within
    /// `1..=points − 1` so that neither split is empty.
    pub fn train_count(&self) -> usize {
        let n = self.points;
        let wanted = (n as f64 * self.train_percent / 100.0).round() as usize;
        wanted.clamp(1, n.saturating_sub(1).max(1))
    }
}

impl Default for DatasetParams {
    /// The circle dataset with default parameters.
    fn default() -> Self {
        Self::new(DatasetKind::Circle)
    }
}

fn check_percent(what: &str, value: f64, min: f64, max: f64) -> Result<()> {
    if !value.is_finite() {
        return Err(Error::NotFinite {
            what: what.to_string(),
            value,
        });
    }
    if !(min..=max).contains(&value) {
        return Err(Error::out_of_range(what, value, min, max));
    }
    Ok(())
}

/// The unvalidated form deserialized from a file.
#[derive(Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawParams {
    kind: DatasetKind,
    points: usize,
    noise: f64,
    train_percent: f64,
    seed: u64,
    classes: Option<usize>,
}

impl Default for RawParams {
    fn default() -> Self {
        let d = DatasetParams::default();
        Self {
            kind: d.kind,
            points: d.points,
            noise: d.noise,
            train_percent: d.train_percent,
            seed: d.seed,
            classes: None,
        }
    }
}

impl TryFrom<RawParams> for DatasetParams {
    type Error = Error;

    fn try_from(raw: RawParams) -> Result<Self> {
        let params = Self {
            kind: raw.kind,
            points: raw.points,
            noise: raw.noise,
            train_percent: raw.train_percent,
            seed: raw.seed,
            classes: raw.classes.unwrap_or(raw.kind.default_classes()),
        };
        params.validate()?;
        Ok(params)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_round_trip_through_serde_and_parse() {
        for (kind, name) in DatasetKind::ALL.into_iter().zip(DatasetKind::NAMES) {
            assert_eq!(kind.name(), name);
            assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{name}\""));
            assert_eq!(name.parse::<DatasetKind>(), Ok(kind));
        }
        let err = DatasetKind::parse("donut").unwrap_err();
        assert!(
            err.to_string().starts_with("unknown dataset \"donut\""),
            "{err}"
        );
    }

    #[test]
    fn builders_reject_out_of_range_values() {
        let p = DatasetParams::default();
        assert_eq!(
            p.with_points(1).unwrap_err(),
            Error::out_of_range("number of points", 1.0, 2.0, 5000.0)
        );
        assert!(p.with_points(5001).is_err());
        assert!(p.with_points(2).is_ok());
        assert!(p.with_points(5000).is_ok());
        assert!(p.with_noise(-0.1).is_err());
        assert!(p.with_noise(50.1).is_err());
        assert!(matches!(
            p.with_noise(f64::NAN),
            Err(Error::NotFinite { .. })
        ));
        assert!(p.with_noise(50.0).is_ok());
        assert!(p.with_train_percent(9.0).is_err());
        assert!(p.with_train_percent(91.0).is_err());
        assert!(p.with_train_percent(f64::INFINITY).is_err());
        assert!(p.with_classes(1).is_err());
        assert!(p.with_classes(11).is_err());
        assert!(p.with_classes(10).is_ok());
    }

    #[test]
    fn two_class_kinds_force_two_classes() {
        let p = DatasetParams::new(DatasetKind::Blobs)
            .with_classes(5)
            .unwrap();
        assert_eq!(p.problem(), Problem::Classification { classes: 5 });
        let circle = p.with_kind(DatasetKind::Circle);
        assert_eq!(circle.problem(), Problem::Classification { classes: 2 });
        assert_eq!(circle.with_kind(DatasetKind::Spiral).classes(), 5);
        assert_eq!(
            p.with_kind(DatasetKind::Plane).problem(),
            Problem::Regression
        );
    }

    #[test]
    fn train_count_rounds_and_keeps_both_splits_non_empty() {
        let p = DatasetParams::default();
        let count = |n, share| {
            p.with_points(n)
                .unwrap()
                .with_train_percent(share)
                .unwrap()
                .train_count()
        };
        assert_eq!(count(500, 50.0), 250);
        assert_eq!(count(500, 10.0), 50);
        assert_eq!(count(101, 50.0), 51); // 50.5 rounds up
        assert_eq!(count(7, 30.0), 2); // 2.1
        assert_eq!(count(2, 10.0), 1); // 0.2 → 0, kept at 1
        assert_eq!(count(2, 90.0), 1); // 1.8 → 2, kept at 1
        assert_eq!(count(5000, 90.0), 4500);
    }

    #[test]
    fn serde_validates_and_fills_defaults() {
        let p = DatasetParams::new(DatasetKind::Spiral)
            .with_classes(4)
            .unwrap()
            .with_noise(15.0)
            .unwrap()
            .with_seed(42);
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"spiral","points":500,"noise":15.0,"train_percent":50.0,"seed":42,"classes":4}"#
        );
        assert_eq!(serde_json::from_str::<DatasetParams>(&json).unwrap(), p);

        let partial: DatasetParams = serde_json::from_str(r#"{"kind":"xor"}"#).unwrap();
        assert_eq!(partial, DatasetParams::new(DatasetKind::Xor));
        let blobs: DatasetParams = serde_json::from_str(r#"{"kind":"blobs","seed":3}"#).unwrap();
        assert_eq!(blobs, DatasetParams::new(DatasetKind::Blobs).with_seed(3));
        assert_eq!(blobs.classes(), 3);

        let bad = serde_json::from_str::<DatasetParams>(r#"{"kind":"xor","noise":80}"#);
        let msg = bad.unwrap_err().to_string();
        assert!(
            msg.contains("noise must be between 0 and 50, got 80"),
            "{msg}"
        );
        assert!(serde_json::from_str::<DatasetParams>(r#"{"kind":"xor","pts":3}"#).is_err());
    }
}
