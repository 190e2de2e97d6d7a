//! Input features: how a 2-D point `(x1, x2)` becomes the network's input vector.
//!
//! There are seven features, always applied in the canonical order of
//! [`Feature::ALL`]: `x1`, `x2`, `x1_sq`, `x2_sq`, `x1_x2`, `sin_x1`, `sin_x2`.
//! A [`FeatureSet`] is a validated, non-empty subset of them, kept in that order.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};
use crate::named::Named;

/// One input feature computed from a point `(x1, x2)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Feature {
    /// `x1` itself.
    X1,
    /// `x2` itself.
    X2,
    /// `x1²`.
    X1Sq,
    /// `x2²`.
    X2Sq,
    /// The product `x1·x2`.
    X1X2,
    /// `sin(x1)`.
    SinX1,
    /// `sin(x2)`.
    SinX2,
}

impl Feature {
    /// All features, in canonical order.
    pub const ALL: [Feature; 7] = [
        Feature::X1,
        Feature::X2,
        Feature::X1Sq,
        Feature::X2Sq,
        Feature::X1X2,
        Feature::SinX1,
        Feature::SinX2,
    ];

    /// The names of all features, in canonical order (as stored in model files).
    pub const NAMES: [&'static str; 7] =
        ["x1", "x2", "x1_sq", "x2_sq", "x1_x2", "sin_x1", "sin_x2"];

    /// Position of this feature in the canonical order (0..7).
    pub fn index(self) -> usize {
        self as usize
    }

    /// The snake-case name used in files, e.g. `"x1_sq"`.
    pub fn name(self) -> &'static str {
        Self::NAMES[self.index()]
    }

    /// A human label for the page, e.g. `"x₁²"` or `"sin(x₁)"`.
    pub fn label(self) -> &'static str {
        match self {
            Feature::X1 => "x₁",
            Feature::X2 => "x₂",
            Feature::X1Sq => "x₁²",
            Feature::X2Sq => "x₂²",
            Feature::X1X2 => "x₁x₂",
            Feature::SinX1 => "sin(x₁)",
            Feature::SinX2 => "sin(x₂)",
        }
    }

    /// Parses a feature from its snake-case name: [`Named::from_name`],
    /// which `str::parse` calls too; the error lists the accepted names.
    pub fn parse(name: &str) -> Result<Self> {
        <Self as Named>::from_name(name)
    }

    /// The value of this feature at the point `(x1, x2)`.
    #[inline]
    pub fn apply(self, x1: f64, x2: f64) -> f64 {
        match self {
            Feature::X1 => x1,
            Feature::X2 => x2,
            Feature::X1Sq => x1 * x1,
            Feature::X2Sq => x2 * x2,
            Feature::X1X2 => x1 * x2,
            Feature::SinX1 => libm::sin(x1),
            Feature::SinX2 => libm::sin(x2),
        }
    }

    fn bit(self) -> u8 {
        1 << self.index()
    }
}

crate::named::impl_named!(Feature, "feature");

/// A non-empty set of features, always iterated in canonical order.
///
/// Stored as a 7-bit mask, so it is `Copy` and order of construction does not
/// matter. Serializes as the list of feature names in canonical order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FeatureSet {
    mask: u8,
}

impl FeatureSet {
    /// Builds a set from features given in any order. Duplicates are allowed
    /// and count once. An empty list is an error.
    pub fn new(features: &[Feature]) -> Result<Self> {
        let mask = features.iter().fold(0u8, |m, f| m | f.bit());
        if mask == 0 {
            return Err(Error::Invalid(
                "the feature set is empty; select at least one input feature".to_string(),
            ));
        }
        Ok(Self { mask })
    }

    /// All seven features.
    pub fn all() -> Self {
        Self {
            mask: (1 << Feature::ALL.len()) - 1,
        }
    }

    /// Builds a set from names given in any order (duplicates count once).
    /// Unknown names and an empty list are errors.
    pub fn from_names<S: AsRef<str>>(names: &[S]) -> Result<Self> {
        let features = names
            .iter()
            .map(|n| Feature::parse(n.as_ref()))
            .collect::<Result<Vec<_>>>()?;
        Self::new(&features)
    }

    /// Builds a set from names that must be in canonical order with no
    /// duplicates, as the model file requires. The error names the offending
    /// entry and its position.
    pub fn from_names_ordered<S: AsRef<str>>(names: &[S]) -> Result<Self> {
        let mut previous: Option<Feature> = None;
        let mut mask = 0u8;
        for (i, name) in names.iter().enumerate() {
            let feature = Feature::parse(name.as_ref())?;
            if let Some(prev) = previous {
                if feature <= prev {
                    let problem = if feature == prev {
                        "is repeated"
                    } else {
                        "is out of order"
                    };
                    return Err(Error::Invalid(format!(
                        "features[{i}] \"{feature}\" {problem}: features must be listed once each, \
                         in the order {}",
                        Feature::NAMES.join(", ")
                    )));
                }
            }
            previous = Some(feature);
            mask |= feature.bit();
        }
        if mask == 0 {
            return Self::new(&[]);
        }
        Ok(Self { mask })
    }

    /// Number of features in the set (1..=7); also the network's input width.
    pub fn len(&self) -> usize {
        self.mask.count_ones() as usize
    }

    /// Always `false`: a feature set is never empty. Present for API symmetry.
    pub fn is_empty(&self) -> bool {
        self.mask == 0
    }

    /// Whether the set contains `feature`.
    pub fn contains(&self, feature: Feature) -> bool {
        self.mask & feature.bit() != 0
    }

    /// Column of `feature` in the transformed input, if the set contains it.
    pub fn position(&self, feature: Feature) -> Option<usize> {
        if self.contains(feature) {
            let below = self.mask & (feature.bit() - 1);
            Some(below.count_ones() as usize)
        } else {
            None
        }
    }

    /// The features, in canonical order.
    pub fn iter(&self) -> impl Iterator<Item = Feature> + '_ {
        let mask = self.mask;
        Feature::ALL
            .into_iter()
            .filter(move |f| mask & f.bit() != 0)
    }

    /// The feature names, in canonical order.
    pub fn names(&self) -> Vec<&'static str> {
        self.iter().map(Feature::name).collect()
    }

    /// Writes the transformed input of `(x1, x2)` into `out[..self.len()]`,
    /// without allocating. Entries of `out` past `self.len()` are untouched.
    ///
    /// # Panics
    ///
    /// If `out.len() < self.len()` (a programming error, not a user input).
    #[inline]
    pub fn transform_into(&self, x1: f64, x2: f64, out: &mut [f64]) {
        assert!(
            out.len() >= self.len(),
            "FeatureSet::transform_into: output has {} slots, need {}",
            out.len(),
            self.len()
        );
        let mut k = 0;
        for feature in Feature::ALL {
            if self.mask & feature.bit() != 0 {
                out[k] = feature.apply(x1, x2);
                k += 1;
            }
        }
    }

    /// Convenience: the transformed input of `(x1, x2)` as a new vector.
    pub fn transform(&self, x1: f64, x2: f64) -> Vec<f64> {
        let mut out = vec![0.0; self.len()];
        self.transform_into(x1, x2, &mut out);
        out
    }
}

impl Default for FeatureSet {
    /// `[x1, x2]`, as in TensorFlow Playground.
    fn default() -> Self {
        Self {
            mask: Feature::X1.bit() | Feature::X2.bit(),
        }
    }
}

impl Serialize for FeatureSet {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(Feature::name))
    }
}

impl<'de> Deserialize<'de> for FeatureSet {
    /// Accepts only names in canonical order, as written by `serialize`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let names = Vec::<String>::deserialize(deserializer)?;
        FeatureSet::from_names_ordered(&names).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_is_rejected() {
        for f in Feature::ALL {
            assert_eq!(f.name().parse::<Feature>(), Ok(f));
        }
        let err = Feature::parse("x3").unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown feature \"x3\"; expected one of: x1, x2, x1_sq, x2_sq, x1_x2, sin_x1, sin_x2"
        );
    }

    #[test]
    fn apply_matches_hand_computed_values() {
        let (a, b) = (1.5, -2.0);
        let expected = [1.5, -2.0, 2.25, 4.0, -3.0, 1.5f64.sin(), (-2.0f64).sin()];
        for (f, e) in Feature::ALL.into_iter().zip(expected) {
            assert_eq!(f.apply(a, b), e, "{f}");
        }
        assert!((Feature::SinX1.apply(std::f64::consts::FRAC_PI_2, 0.0) - 1.0).abs() < 1e-15);
    }

    #[test]
    fn set_is_canonical_whatever_the_input_order() {
        let set =
            FeatureSet::new(&[Feature::SinX2, Feature::X1, Feature::X1X2, Feature::X1]).unwrap();
        assert_eq!(set.len(), 3);
        assert_eq!(set.names(), vec!["x1", "x1_x2", "sin_x2"]);
        assert!(set.contains(Feature::X1X2));
        assert!(!set.contains(Feature::X2));
        assert_eq!(set.position(Feature::X1), Some(0));
        assert_eq!(set.position(Feature::X1X2), Some(1));
        assert_eq!(set.position(Feature::SinX2), Some(2));
        assert_eq!(set.position(Feature::X2), None);
        let mut out = [f64::NAN; 4];
        set.transform_into(3.0, 0.5, &mut out);
        assert_eq!(out[..3], [3.0, 1.5, 0.5f64.sin()]);
        assert!(out[3].is_nan(), "slot past len() must be untouched");
    }

    #[test]
    fn all_features_transform() {
        let set = FeatureSet::all();
        assert_eq!(set.len(), 7);
        assert_eq!(
            set.transform(2.0, 3.0),
            vec![2.0, 3.0, 4.0, 9.0, 6.0, 2.0f64.sin(), 3.0f64.sin()]
        );
    }

    #[test]
    fn empty_set_is_rejected_with_a_clear_message() {
        let err = FeatureSet::new(&[]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the feature set is empty; select at least one input feature"
        );
        let none: [&str; 0] = [];
        assert_eq!(FeatureSet::from_names(&none).unwrap_err(), err);
        assert_eq!(FeatureSet::from_names_ordered(&none).unwrap_err(), err);
    }

    #[test]
    fn default_is_x1_x2() {
        assert_eq!(FeatureSet::default().names(), vec!["x1", "x2"]);
    }

    #[test]
    fn ordered_names_reject_wrong_order_and_repeats() {
        let ok = FeatureSet::from_names_ordered(&["x1", "x2_sq", "sin_x1"]).unwrap();
        assert_eq!(ok.names(), vec!["x1", "x2_sq", "sin_x1"]);

        let err = FeatureSet::from_names_ordered(&["x1", "sin_x1", "x2"]).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.starts_with("features[2] \"x2\" is out of order"),
            "{msg}"
        );

        let err = FeatureSet::from_names_ordered(&["x1", "x1"]).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("features[1] \"x1\" is repeated"),
            "{err}"
        );

        let err = FeatureSet::from_names_ordered(&["x1", "cos_x1"]).unwrap_err();
        assert!(matches!(err, Error::UnknownName { .. }));

        // The lenient form accepts any order.
        let any = FeatureSet::from_names(&["sin_x1", "x1"]).unwrap();
        assert_eq!(any.names(), vec!["x1", "sin_x1"]);
    }

    #[test]
    fn serde_is_a_list_of_names() {
        let set = FeatureSet::new(&[Feature::X2, Feature::X1Sq]).unwrap();
        let json = serde_json::to_string(&set).unwrap();
        assert_eq!(json, r#"["x2","x1_sq"]"#);
        let back: FeatureSet = serde_json::from_str(&json).unwrap();
        assert_eq!(back, set);
        let bad = serde_json::from_str::<FeatureSet>(r#"["x1_sq","x2"]"#).unwrap_err();
        assert!(bad.to_string().contains("out of order"), "{bad}");
        assert!(serde_json::from_str::<FeatureSet>("[]").is_err());
    }
}
