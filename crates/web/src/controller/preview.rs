//! The dataset picker's live thumbnails, the data half: a few hundred
//! points of the real generator at the page's noise and class count, as
//! plain points for [`crate::plot::preview`] to draw.

use super::plot_scene::fill_points;
use crate::scene::plot::PlotPoints;
use lightbulb_core::{DatasetKind, DatasetParams};

/// Points per thumbnail (train and test together).
pub const PREVIEW_POINTS: usize = 240;
/// A fixed seed, so a thumbnail only changes when noise or classes do.
pub const PREVIEW_SEED: u64 = 7;

/// The parameters of a thumbnail. `kind` is a dataset name (`"circle"`,
/// `"multi_gauss"`, …); `noise` is in percent, 0..=50; `classes` must be
/// 2..=10 for every kind (only blobs and spiral use it). Errors name the
/// bad value: an unknown kind, a non-finite or out-of-range noise, a class
/// count outside 2..=10.
pub fn preview_params(
    kind: &str,
    classes: usize,
    noise: f64,
) -> lightbulb_core::Result<DatasetParams> {
    let kind = DatasetKind::parse(kind)?;
    DatasetParams::new(kind)
        .with_points(PREVIEW_POINTS)?
        .with_noise(noise)?
        .with_classes(classes)
        .map(|p| p.with_seed(PREVIEW_SEED))
}

/// The points of a thumbnail (see [`preview_params`] for the arguments
/// and the errors).
pub fn preview_points(
    kind: &str,
    classes: usize,
    noise: f64,
) -> lightbulb_core::Result<PlotPoints> {
    let data = lightbulb_core::generate(&preview_params(kind, classes, noise)?);
    let mut points = PlotPoints::default();
    fill_points(&mut points, &data);
    Ok(points)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plot::preview::preview_rect;

    #[test]
    fn params_follow_the_page() {
        let p = preview_params("spiral", 5, 20.0).unwrap();
        assert_eq!(p.kind(), DatasetKind::Spiral);
        assert_eq!(p.classes(), 5);
        assert_eq!(p.noise(), 20.0);
        assert_eq!(p.points(), PREVIEW_POINTS);
        // Kinds without a class count ignore it (but it is still checked).
        assert_eq!(preview_params("circle", 7, 0.0).unwrap().classes(), 2);
        assert_eq!(preview_params("plane", 2, 0.0).unwrap().classes(), 0);
        for name in DatasetKind::NAMES {
            assert!(preview_params(name, 3, 50.0).is_ok(), "{name}");
        }
    }

    #[test]
    fn bad_input_is_named() {
        let e = preview_params("spirals", 2, 0.0).unwrap_err().to_string();
        assert!(e.contains("\"spirals\""), "{e}");
        let e = preview_params("xor", 2, f64::NAN).unwrap_err().to_string();
        assert!(e.contains("noise") && e.contains("NaN"), "{e}");
        let e = preview_params("xor", 2, 60.0).unwrap_err().to_string();
        assert!(e.contains("noise"), "{e}");
        for k in [0, 1, 11, usize::MAX] {
            let e = preview_params("blobs", k, 0.0).unwrap_err().to_string();
            assert!(e.contains("classes"), "{e}");
        }
    }

    #[test]
    fn generated_previews_lie_in_the_square() {
        for name in DatasetKind::NAMES {
            let data = preview_points(name, 10, 50.0).unwrap();
            assert_eq!(data.train.len() + data.test.len(), PREVIEW_POINTS);
            let r = preview_rect(48.0, 48.0);
            for p in data.train.iter().chain(&data.test) {
                let (x, y) = r.to_px(p.x1, p.x2);
                assert!((0.0..=48.0).contains(&x) && (0.0..=48.0).contains(&y));
            }
        }
    }
}
