//! Choosing the bulb radius and font sizes that fit a canvas.
//!
//! A bulb "cell", top to bottom, in CSS px from the globe centre `y`:
//! globe top `y - r`, screw base down to `y + BASE_BOTTOM·r`, then a gap
//! and one line of value text (when shown).

/// Where the screw base starts below the globe centre, in radii.
pub const BASE_TOP: f64 = 0.72;
/// Bottom of the screw base (contact tip included), in radii.
pub const BASE_BOTTOM: f64 = 1.42;
/// Half width of the screw base, in radii.
pub const BASE_HALF_WIDTH: f64 = 0.44;
/// Gap between the screw base and the value text, CSS px.
pub const TEXT_GAP: f64 = 2.0;
/// Line height as a multiple of the font size.
pub const LINE: f64 = 1.2;
/// Estimated advance of one glyph of the value font, in font sizes
/// (tabular digits of system UI fonts are ≈0.55–0.6 em).
pub const GLYPH: f64 = 0.6;
/// Longest value label in glyphs ("−0.047").
pub const VALUE_GLYPHS: f64 = 6.0;
/// Smallest legible font, CSS px.
pub const MIN_FONT: f64 = 8.0;
/// Bulbs smaller than this drop their value text to stay bigger.
pub const MIN_RADIUS_WITH_TEXT: f64 = 5.0;

/// The result of fitting bulbs into a grid pitch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fit {
    pub radius: f64,
    pub font: f64,
    pub show_values: bool,
}

/// Value font size for bulb radius `r`.
pub fn value_font(r: f64) -> f64 {
    (r * 0.5 + 4.0).clamp(MIN_FONT, 14.0)
}

/// Width of the widest value label at font size `f`.
pub fn value_width(f: f64) -> f64 {
    VALUE_GLYPHS * GLYPH * f
}

/// Vertical space between neighbouring cells, CSS px.
pub fn cell_gap(r: f64) -> f64 {
    (r * 0.3).max(2.0)
}

/// Height of a bulb cell (globe, base, and text when `text` is true).
pub fn cell_height(r: f64, f: f64, text: bool) -> f64 {
    let bulb = r * (1.0 + BASE_BOTTOM);
    if text {
        bulb + TEXT_GAP + f * LINE
    } else {
        bulb
    }
}

/// Largest radius (≤ `cap`) such that cells fit a column pitch `px` and a
/// row pitch `py`; value text, at least `min_font` px, is kept when it fits
/// and leaves bulbs legible.
pub fn fit(px: f64, py: f64, cap: f64, min_font: f64) -> Fit {
    // Leave at least half of the column pitch to the wires.
    let r_h = (px * 0.22).min(cap);
    let value_font = |r: f64| value_font(r).max(min_font);
    let fits = |r: f64| cell_height(r, value_font(r), true) + cell_gap(r) <= py;
    let mut r = r_h;
    while r > MIN_RADIUS_WITH_TEXT && !fits(r) {
        r -= 0.25;
    }
    let f = value_font(r);
    if r >= MIN_RADIUS_WITH_TEXT && fits(r) && value_width(f) + 8.0 <= px {
        return Fit {
            radius: r,
            font: f,
            show_values: true,
        };
    }
    // Without text: solve r·(1 + BASE_BOTTOM) + max(0.3r, 2) ≤ py.
    let by_height = ((py - 2.0) / (1.0 + BASE_BOTTOM)).min(py / (1.3 + BASE_BOTTOM));
    Fit {
        radius: r_h.min(by_height).max(0.5),
        font: MIN_FONT.max(min_font),
        show_values: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_roomy_and_tight_grids() {
        let roomy = fit(200.0, 200.0, 30.0, 0.0);
        assert_eq!(roomy.radius, 30.0);
        assert!(roomy.show_values);
        let tight = fit(26.0, 20.0, 30.0, 0.0);
        assert!(!tight.show_values);
        assert!(tight.radius * (1.0 + BASE_BOTTOM) + cell_gap(tight.radius) <= 20.0 + 1e-9);
    }

    #[test]
    fn a_minimum_font_is_kept_or_the_values_go() {
        // Room for 24 px values: 86.4 px wide (6 glyphs of 0.6 em), a 28.8 px line.
        let big = fit(300.0, 200.0, 34.0, 24.0);
        assert!(big.show_values);
        assert_eq!(big.font, 24.0);
        // Without it the same grid uses the radius's own font (34 / 2 + 4 → 14).
        assert_eq!(fit(300.0, 200.0, 34.0, 0.0).font, 14.0);
        // A column pitch under 86.4 + 8 px cannot hold 24 px values: none are drawn.
        let narrow = fit(90.0, 200.0, 34.0, 24.0);
        assert!(!narrow.show_values);
    }
}
