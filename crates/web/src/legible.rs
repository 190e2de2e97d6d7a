//! Projector mode's type: the smallest text size and the contrast every
//! canvas text keeps against its background (WCAG 2 relative luminance).

use crate::color::Rgba;

/// Smallest text of projector mode, CSS px (at 1920 × 1080).
pub const PROJECTOR_TEXT: f64 = 24.0;

/// Contrast ratio a legible text reaches; 7:1 is WCAG's AAA level, and the
/// margin covers the rounding of colour channels to bytes.
pub const TARGET_CONTRAST: f64 = 7.5;

/// WCAG 2 relative luminance of an opaque colour (alpha ignored).
pub fn luminance(c: Rgba) -> f64 {
    let f = |v: f64| {
        let s = (v / 255.0).clamp(0.0, 1.0);
        if s <= 0.039_28 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b)
}

/// WCAG 2 contrast ratio of two opaque colours, 1 to 21.
pub fn contrast(a: Rgba, b: Rgba) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// `c` painted over the opaque `bg`: an opaque colour.
pub fn over(c: Rgba, bg: Rgba) -> Rgba {
    let a = if c.a.is_finite() {
        c.a.clamp(0.0, 1.0)
    } else {
        1.0
    };
    let mix = |f: f64, b: f64| f * a + b * (1.0 - a);
    Rgba::rgb(mix(c.r, bg.r), mix(c.g, bg.g), mix(c.b, bg.b))
}

/// The text colour `c` made legible on the dark `bg`: painted opaque, then
/// mixed with white just until it reaches [`TARGET_CONTRAST`] (a colour
/// that already does is only made opaque). The hue is kept as far as the
/// contrast allows, so a coloured name still matches its line.
pub fn legible(c: Rgba, bg: Rgba) -> Rgba {
    let base = over(c, bg);
    let white = Rgba::rgb(255.0, 255.0, 255.0);
    let mut t = 0.0;
    loop {
        let mixed = Rgba::rgb(
            base.r + (white.r - base.r) * t,
            base.g + (white.g - base.g) * t,
            base.b + (white.b - base.b) * t,
        );
        if t >= 1.0 || contrast(mixed, bg) >= TARGET_CONTRAST {
            return mixed;
        }
        t = (t + 0.02_f64).min(1.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_on_black_is_21_to_1() {
        let (w, b) = (Rgba::rgb(255.0, 255.0, 255.0), Rgba::rgb(0.0, 0.0, 0.0));
        assert!((contrast(w, b) - 21.0).abs() < 1e-9);
        assert!((contrast(b, b) - 1.0).abs() < 1e-12);
        // Mid grey #777 on white: 4.48:1 (a value often quoted by WCAG checkers).
        let grey = Rgba::rgb(119.0, 119.0, 119.0);
        assert!(
            (contrast(grey, w) - 4.48).abs() < 0.01,
            "{}",
            contrast(grey, w)
        );
    }

    #[test]
    fn faint_text_is_lifted_to_the_target_and_no_further_than_needed() {
        let bg = Rgba::rgb(26.0, 31.0, 44.0); // #1a1f2c
        let faint = Rgba {
            r: 160.0,
            g: 170.0,
            b: 190.0,
            a: 0.55,
        };
        assert!(contrast(over(faint, bg), bg) < 7.0, "the check can fail");
        let lifted = legible(faint, bg);
        let k = contrast(lifted, bg);
        assert!((TARGET_CONTRAST..TARGET_CONTRAST + 0.6).contains(&k), "{k}");
        assert_eq!(lifted.a, 1.0);
        // Already legible: only made opaque.
        let white = Rgba::rgb(255.0, 255.0, 255.0);
        assert_eq!(legible(white, bg), white);
    }

    #[test]
    fn half_transparent_white_on_black_is_mid_grey() {
        let c = over(
            Rgba::rgb(255.0, 255.0, 255.0).with_alpha(0.5),
            Rgba::rgb(0.0, 0.0, 0.0),
        );
        assert_eq!((c.r, c.g, c.b, c.a), (127.5, 127.5, 127.5, 1.0));
    }
}
