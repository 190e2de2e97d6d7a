//! Where the data square sits on the canvas, and the mapping between data
//! coordinates (x1, x2 in [−6, 6]) and CSS pixels.

use crate::scene::plot::EXTENT;

/// Tick values of both data axes.
pub const DATA_TICKS: [f64; 5] = [-6.0, -3.0, 0.0, 3.0, 6.0];

/// Room for the tick labels left of the square, CSS px.
pub const MARGIN_LEFT: f64 = 24.0;
/// Room for the tick labels below the square, CSS px.
pub const MARGIN_BOTTOM: f64 = 20.0;
/// Breathing room above and right of the square, CSS px.
pub const MARGIN_TOP: f64 = 8.0;
/// See [`MARGIN_TOP`].
pub const MARGIN_RIGHT: f64 = 8.0;

/// The plot square in CSS px of its canvas.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PlotRect {
    /// Left edge.
    pub left: f64,
    /// Top edge.
    pub top: f64,
    /// Side length (0 before the first layout).
    pub side: f64,
}

impl PlotRect {
    /// The largest square that fits a `w` × `h` canvas with room for the
    /// axis labels, centred in the space left over.
    pub fn fit(w: f64, h: f64) -> PlotRect {
        PlotRect::fit_grown(w, h, 1.0)
    }

    /// Like [`PlotRect::fit`] with the label margins `k` times as wide
    /// (projector mode's larger tick labels; `k` below 1 counts as 1).
    pub fn fit_grown(w: f64, h: f64, k: f64) -> PlotRect {
        let (w, h) = (finite_pos(w), finite_pos(h));
        let k = if k.is_finite() { k.max(1.0) } else { 1.0 };
        let (left, bottom) = (MARGIN_LEFT * k, MARGIN_BOTTOM * k);
        let room_w = w - left - MARGIN_RIGHT;
        let room_h = h - MARGIN_TOP - bottom;
        let side = room_w.min(room_h).max(0.0);
        PlotRect {
            left: left + (room_w - side).max(0.0) / 2.0,
            top: MARGIN_TOP + (room_h - side).max(0.0) / 2.0,
            side,
        }
    }

    /// CSS px of data x1.
    pub fn x_px(&self, x1: f64) -> f64 {
        self.left + (x1 + EXTENT) / (2.0 * EXTENT) * self.side
    }

    /// CSS px of data x2 (up is positive).
    pub fn y_px(&self, x2: f64) -> f64 {
        self.top + (EXTENT - x2) / (2.0 * EXTENT) * self.side
    }

    /// CSS px of a data point.
    pub fn to_px(&self, x1: f64, x2: f64) -> (f64, f64) {
        (self.x_px(x1), self.y_px(x2))
    }

    /// Data coordinates of CSS px (x, y), clamped to the square; (0, 0)
    /// before the first layout or for non-finite input.
    pub fn to_data(&self, x: f64, y: f64) -> (f64, f64) {
        if self.side.is_nan() || self.side <= 0.0 || !x.is_finite() || !y.is_finite() {
            return (0.0, 0.0);
        }
        let x1 = -EXTENT + 2.0 * EXTENT * (x - self.left) / self.side;
        let x2 = EXTENT - 2.0 * EXTENT * (y - self.top) / self.side;
        (x1.clamp(-EXTENT, EXTENT), x2.clamp(-EXTENT, EXTENT))
    }
}

fn finite_pos(v: f64) -> f64 {
    if v.is_finite() {
        v.max(0.0)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_is_square_centred_and_inside() {
        let r = PlotRect::fit(400.0, 300.0);
        assert_eq!(r.side, 300.0 - MARGIN_TOP - MARGIN_BOTTOM);
        assert_eq!(r.top, MARGIN_TOP);
        let right = 400.0 - r.left - r.side;
        assert!((r.left - MARGIN_LEFT - (right - MARGIN_RIGHT)).abs() < 1e-9);
        assert_eq!(PlotRect::fit(f64::NAN, 10.0).side, 0.0);
        assert_eq!(PlotRect::fit(5.0, 5.0).side, 0.0);
    }

    #[test]
    fn corners_and_centre_map_as_expected() {
        let r = PlotRect {
            left: 10.0,
            top: 20.0,
            side: 120.0,
        };
        assert_eq!(r.to_px(-6.0, 6.0), (10.0, 20.0));
        assert_eq!(r.to_px(6.0, -6.0), (130.0, 140.0));
        assert_eq!(r.to_px(0.0, 0.0), (70.0, 80.0));
    }

    #[test]
    fn to_data_inverts_to_px() {
        let r = PlotRect::fit(377.0, 291.0);
        for &(a, b) in &[
            (-6.0, 6.0),
            (0.0, 0.0),
            (1.25, -3.5),
            (5.9, -5.9),
            (-2.0, 4.0),
        ] {
            let (x, y) = r.to_px(a, b);
            let (c, d) = r.to_data(x, y);
            assert!(
                (a - c).abs() < 1e-9 && (b - d).abs() < 1e-9,
                "({a},{b}) → ({c},{d})"
            );
        }
        assert_eq!(r.to_data(-100.0, -100.0), (-6.0, 6.0));
        assert_eq!(r.to_data(f64::NAN, 0.0), (0.0, 0.0));
        assert_eq!(PlotRect::default().to_data(3.0, 3.0), (0.0, 0.0));
    }
}
