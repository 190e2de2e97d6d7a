//! Editing a dataset by hand, and the checks every custom point goes through.

use super::{Dataset, Point, Problem, EXTENT};
use crate::error::{Error, Result};

/// Checks one coordinate: finite and within [−6, 6].
pub(crate) fn check_coordinate(what: &str, value: f64) -> Result<()> {
    if !value.is_finite() {
        return Err(Error::NotFinite {
            what: what.to_string(),
            value,
        });
    }
    if !(-EXTENT..=EXTENT).contains(&value) {
        return Err(Error::out_of_range(what, value, -EXTENT, EXTENT));
    }
    Ok(())
}

/// Checks a label against the problem: a whole number in `0..classes` for
/// classification, a finite value in [−1, 1] for regression.
pub(crate) fn check_label(problem: Problem, label: f64) -> Result<()> {
    if !label.is_finite() {
        return Err(Error::NotFinite {
            what: "label".to_string(),
            value: label,
        });
    }
    match problem {
        Problem::Classification { classes } => {
            let max = classes.saturating_sub(1) as f64;
            if label.fract() != 0.0 {
                return Err(Error::Invalid(format!(
                    "label {label} is not a class index; expected a whole number from 0 to {max}"
                )));
            }
            if !(0.0..=max).contains(&label) {
                return Err(Error::out_of_range("label", label, 0.0, max));
            }
        }
        Problem::Regression => {
            if !(-1.0..=1.0).contains(&label) {
                return Err(Error::out_of_range("label", label, -1.0, 1.0));
            }
        }
    }
    Ok(())
}

/// Checks a whole point against the problem.
pub(crate) fn check_point(problem: Problem, point: &Point) -> Result<()> {
    check_coordinate("x1", point.x1)?;
    check_coordinate("x2", point.x2)?;
    check_label(problem, point.label)
}

impl Dataset {
    /// Builds a dataset from given points (e.g. parsed CSV or a session file),
    /// checking the problem and every point as [`Dataset::add_point`] does.
    /// Errors name the split and index, e.g. `train[3]: x1 must be …`.
    pub fn from_points(problem: Problem, train: Vec<Point>, test: Vec<Point>) -> Result<Self> {
        problem.validate()?;
        for (split, points) in [("train", &train), ("test", &test)] {
            for (i, p) in points.iter().enumerate() {
                check_point(problem, p)
                    .map_err(|e| Error::Invalid(format!("{split}[{i}]: {e}")))?;
            }
        }
        Ok(Self {
            problem,
            train,
            test,
        })
    }

    /// Adds a point to the training set (`to_train`) or the test set.
    ///
    /// `x1` and `x2` must be finite and within [−6, 6]. The label must be a
    /// class index — a whole number in `0..classes` — for classification,
    /// and a finite value in [−1, 1] for regression. Nothing is added on error.
    pub fn add_point(&mut self, x1: f64, x2: f64, label: f64, to_train: bool) -> Result<()> {
        let point = Point { x1, x2, label };
        check_point(self.problem, &point)?;
        if to_train {
            self.train.push(point);
        } else {
            self.test.push(point);
        }
        Ok(())
    }

    /// Removes and returns the point nearest to `(x1, x2)`, searching both
    /// train and test (on a tie, the first found, train before test).
    /// Returns `None` if there are no points or the position is not finite.
    pub fn remove_nearest(&mut self, x1: f64, x2: f64) -> Option<Point> {
        if !x1.is_finite() || !x2.is_finite() {
            return None;
        }
        let dist2 = |p: &Point| (p.x1 - x1).powi(2) + (p.x2 - x2).powi(2);
        let mut best: Option<(bool, usize, f64)> = None;
        for (in_train, points) in [(true, &self.train), (false, &self.test)] {
            for (i, p) in points.iter().enumerate() {
                let d = dist2(p);
                if best.is_none_or(|(_, _, b)| d < b) {
                    best = Some((in_train, i, d));
                }
            }
        }
        let (in_train, i, _) = best?;
        // `remove` keeps the order of the remaining points stable.
        Some(if in_train {
            self.train.remove(i)
        } else {
            self.test.remove(i)
        })
    }

    /// Removes every point, keeping the problem.
    pub fn clear(&mut self) {
        self.train.clear();
        self.test.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_class() -> Dataset {
        Dataset::empty(Problem::Classification { classes: 2 })
    }

    #[test]
    fn add_point_validates_position_and_label() {
        let mut d = two_class();
        d.add_point(1.0, -2.0, 1.0, true).unwrap();
        d.add_point(-6.0, 6.0, 0.0, false).unwrap();
        assert_eq!(d.train, vec![Point::new(1.0, -2.0, 1.0)]);
        assert_eq!(d.test, vec![Point::new(-6.0, 6.0, 0.0)]);

        assert_eq!(
            d.add_point(6.5, 0.0, 0.0, true).unwrap_err().to_string(),
            "x1 must be between -6 and 6, got 6.5"
        );
        assert!(matches!(
            d.add_point(0.0, f64::NAN, 0.0, true),
            Err(Error::NotFinite { .. })
        ));
        assert_eq!(
            d.add_point(0.0, 0.0, 2.0, true).unwrap_err(),
            Error::out_of_range("label", 2.0, 0.0, 1.0)
        );
        assert!(d.add_point(0.0, 0.0, -1.0, true).is_err());
        let frac = d.add_point(0.0, 0.0, 0.5, true).unwrap_err().to_string();
        assert!(frac.contains("not a class index"), "{frac}");
        assert_eq!(d.len(), 2, "failed adds must not add");

        let mut r = Dataset::empty(Problem::Regression);
        r.add_point(0.0, 0.0, -0.25, true).unwrap();
        assert!(r.add_point(0.0, 0.0, 1.5, true).is_err());
        assert!(r.add_point(0.0, 0.0, f64::INFINITY, true).is_err());
    }

    #[test]
    fn remove_nearest_searches_both_splits() {
        let mut d = two_class();
        d.add_point(0.0, 0.0, 0.0, true).unwrap();
        d.add_point(5.0, 5.0, 1.0, true).unwrap();
        d.add_point(-3.0, 1.0, 1.0, false).unwrap();
        assert_eq!(
            d.remove_nearest(-2.5, 1.5),
            Some(Point::new(-3.0, 1.0, 1.0))
        );
        assert!(d.test.is_empty());
        assert_eq!(d.remove_nearest(f64::NAN, 0.0), None);
        assert_eq!(d.remove_nearest(4.0, 4.0), Some(Point::new(5.0, 5.0, 1.0)));
        assert_eq!(d.train, vec![Point::new(0.0, 0.0, 0.0)]);
        d.clear();
        assert!(d.is_empty());
        assert_eq!(d.remove_nearest(0.0, 0.0), None);
    }

    #[test]
    fn from_points_names_the_bad_point() {
        let p = Problem::Classification { classes: 3 };
        let good = vec![Point::new(0.0, 0.0, 2.0)];
        assert!(Dataset::from_points(p, good.clone(), vec![]).is_ok());
        let bad = vec![Point::new(0.0, 0.0, 1.0), Point::new(0.0, 9.0, 1.0)];
        let err = Dataset::from_points(p, good, bad).unwrap_err().to_string();
        assert_eq!(err, "test[1]: x2 must be between -6 and 6, got 9");
        let one_class = Problem::Classification { classes: 1 };
        assert!(Dataset::from_points(one_class, vec![], vec![]).is_err());
    }
}
