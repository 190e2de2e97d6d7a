//! Colours of the data plot: the blue ↔ orange diverging map of two-class
//! and regression outputs (the bulbs' cool/warm palette), ten categorical
//! class colours, and the muted "heat" versions painted behind the points.
//!
//! Everything is total: NaN maps to the neutral colour, never to NaN.

use crate::color::{byte, lerp, signed_unit, unit, Rgba, WEIGHT_NEG, WEIGHT_POS};

/// The dark, neutral centre of every heatmap (an undecided region).
pub const NEUTRAL: Rgba = Rgba::rgb(27.0, 30.0, 40.0);

/// How far towards the full class colour a certain region is painted; the
/// points use the full colour, so they stand out against the map.
pub const HEAT_MAX: f64 = 0.66;

/// Ten class colours, bright on a dark stage and distinguishable with the
/// common colour-vision deficiencies (after Okabe–Ito and Tol): class 0 is
/// the cool blue and class 1 the warm orange of the two-class plot.
pub const CLASSES: [Rgba; 10] = [
    WEIGHT_NEG,
    WEIGHT_POS,
    Rgba::rgb(46.0, 196.0, 160.0),
    Rgba::rgb(232.0, 106.0, 184.0),
    Rgba::rgb(240.0, 228.0, 66.0),
    Rgba::rgb(160.0, 124.0, 240.0),
    Rgba::rgb(128.0, 220.0, 255.0),
    Rgba::rgb(224.0, 80.0, 58.0),
    Rgba::rgb(168.0, 196.0, 58.0),
    Rgba::rgb(200.0, 204.0, 212.0),
];

/// The colour of class `k` (wrapping past ten).
pub fn class_color(k: usize) -> Rgba {
    CLASSES.get(k % CLASSES.len()).copied().unwrap_or(NEUTRAL)
}

/// The full (point) colour of a signed value `v` in −1..=1 (clamped, NaN →
/// neutral grey): blue for negative, orange for positive, brightness from |v|.
pub fn signed_color(v: f64) -> Rgba {
    const MID: Rgba = Rgba::rgb(112.0, 116.0, 130.0);
    let n = signed_unit(v, 1.0);
    if n < 0.0 {
        lerp(MID, WEIGHT_NEG, -n)
    } else {
        lerp(MID, WEIGHT_POS, n)
    }
}

/// Opaque RGBA bytes of a colour.
pub fn bytes(c: Rgba) -> [u8; 4] {
    [byte(c.r), byte(c.g), byte(c.b), 255]
}

/// The heatmap colour of `c` at certainty `t` in 0..=1 (clamped, NaN → 0):
/// neutral at 0, the muted class colour at 1.
pub fn heat(c: Rgba, t: f64) -> [u8; 4] {
    // A gentle gamma so that half-certain regions already show their hue.
    bytes(lerp(NEUTRAL, c, HEAT_MAX * unit(t).powf(0.8)))
}

/// The hue of positive regions: the points' orange, a little deeper so
/// that the muted map reads as amber rather than brown.
pub const HEAT_POS: Rgba = Rgba::rgb(255.0, 136.0, 36.0);
/// The hue of negative regions.
pub const HEAT_NEG: Rgba = Rgba::rgb(52.0, 128.0, 255.0);

/// The heatmap colour of a signed value `v` in −1..=1 (clamped, NaN → 0).
pub fn heat_signed(v: f64) -> [u8; 4] {
    let n = signed_unit(v, 1.0);
    if n < 0.0 {
        heat(HEAT_NEG, -n)
    } else {
        heat(HEAT_POS, n)
    }
}

/// The dark zero of the bulbs' thumbnails.
pub const THUMB_ZERO: Rgba = Rgba::rgb(14.0, 16.0, 22.0);

/// A thumbnail colour: `c` at strength `t` in 0..=1 (clamped, NaN → 0)
/// over [`THUMB_ZERO`], at full brightness (unlike the muted [`heat`]).
pub fn vivid(c: Rgba, t: f64) -> [u8; 4] {
    // sqrt: a cheap gamma, so faint activity already shows.
    bytes(lerp(THUMB_ZERO, c, unit(t).sqrt()))
}

/// The thumbnail colour of a signed value `v` in −1..=1 (clamped, NaN → 0).
pub fn vivid_signed(v: f64) -> [u8; 4] {
    let n = signed_unit(v, 1.0);
    if n < 0.0 {
        vivid(WEIGHT_NEG, -n)
    } else {
        vivid(WEIGHT_POS, n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_are_distinct_and_wrap() {
        for (i, a) in CLASSES.iter().enumerate() {
            for b in CLASSES.iter().skip(i + 1) {
                let d = (a.r - b.r).abs() + (a.g - b.g).abs() + (a.b - b.b).abs();
                assert!(d > 60.0, "{a:?} vs {b:?}");
            }
        }
        assert_eq!(class_color(12), class_color(2));
        assert_eq!(class_color(0), WEIGHT_NEG);
        assert_eq!(class_color(1), WEIGHT_POS);
    }

    #[test]
    fn heat_is_neutral_at_zero_and_nan() {
        assert_eq!(heat_signed(0.0), bytes(NEUTRAL));
        assert_eq!(heat_signed(f64::NAN), bytes(NEUTRAL));
        assert_eq!(heat(WEIGHT_POS, f64::NAN), bytes(NEUTRAL));
        assert_eq!(heat_signed(5.0), heat_signed(1.0));
        let pos = heat_signed(1.0);
        let neg = heat_signed(-1.0);
        assert!(pos[0] > pos[2] && neg[2] > neg[0]);
    }

    #[test]
    fn vivid_thumb_colours_span_dark_to_full() {
        assert_eq!(vivid_signed(0.0), bytes(THUMB_ZERO));
        assert_eq!(vivid_signed(f64::NAN), bytes(THUMB_ZERO));
        assert_eq!(vivid_signed(1.0), bytes(WEIGHT_POS));
        assert_eq!(vivid_signed(-3.0), bytes(WEIGHT_NEG));
        assert_eq!(vivid(class_color(4), 1.0), bytes(class_color(4)));
    }

    #[test]
    fn signed_colour_is_finite() {
        for v in [f64::NAN, f64::INFINITY, -2.0, 0.0, 0.3] {
            let c = signed_color(v);
            assert!(c.r.is_finite() && c.g.is_finite() && c.b.is_finite());
        }
        assert_eq!(signed_color(1.0), WEIGHT_POS);
        assert_eq!(signed_color(-1.0), WEIGHT_NEG);
    }
}
