//! Short value labels: 2–3 significant digits and a typographic minus.

use std::fmt::Write;

/// The typographic minus sign (U+2212).
pub const MINUS: char = '\u{2212}';

/// Writes `v` into `buf` (replacing its contents) as a short label:
/// "0.33", "−1.2", "0.047", "12", "123", "1.2k", "0". At most six glyphs
/// for |v| < 10⁹; NaN is "NaN", infinities "∞" / "−∞". Reuses `buf`.
pub fn write_value(buf: &mut String, v: f64) {
    buf.clear();
    push_value(buf, v);
}

/// Appends `v` to `buf` formatted as in [`write_value`].
pub fn push_value(buf: &mut String, v: f64) {
    if v.is_nan() {
        buf.push_str("NaN");
        return;
    }
    let m = v.abs();
    // Labels that round to zero show as a plain "0" without sign.
    if m < 0.0005 {
        buf.push('0');
        return;
    }
    if v < 0.0 {
        buf.push(MINUS);
    }
    if m.is_infinite() {
        buf.push('∞');
        return;
    }
    // Pick decimals by magnitude, re-checking after rounding so that
    // 9.96 becomes "10" rather than "10.0".
    let decimals = |m: f64| -> usize {
        if m < 0.1 {
            3
        } else if m < 1.0 {
            2
        } else if m < 10.0 {
            1
        } else {
            0
        }
    };
    if m < 1000.0 {
        let mut d = decimals(m);
        let rounded = round_to(m, d);
        d = decimals(rounded).min(d);
        if round_to(m, d) >= 1000.0 {
            return write_suffixed(buf, m);
        }
        let _ = write!(buf, "{m:.d$}");
        return;
    }
    write_suffixed(buf, m);
}

fn round_to(m: f64, decimals: usize) -> f64 {
    let p = 10f64.powi(i32::try_from(decimals).unwrap_or(0));
    (m * p).round() / p
}

/// Writes a magnitude ≥ 1000 with a k/M/G suffix.
fn write_suffixed(buf: &mut String, m: f64) {
    let (scaled, suffix) = if m < 999_500.0 {
        (m / 1e3, 'k')
    } else if m < 999_500_000.0 {
        (m / 1e6, 'M')
    } else {
        (m / 1e9, 'G')
    };
    if scaled < 9.95 {
        let _ = write!(buf, "{scaled:.1}{suffix}");
    } else if scaled < 1000.0 {
        let _ = write!(buf, "{scaled:.0}{suffix}");
    } else {
        let _ = write!(buf, "≫{suffix}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(v: f64) -> String {
        let mut s = String::new();
        write_value(&mut s, v);
        s
    }

    #[test]
    fn short_labels() {
        assert_eq!(fmt(0.0), "0");
        assert_eq!(fmt(-0.0001), "0");
        assert_eq!(fmt(0.333), "0.33");
        assert_eq!(fmt(-1.2), "−1.2");
        assert_eq!(fmt(0.996), "1.0");
        assert_eq!(fmt(0.047), "0.047");
        assert_eq!(fmt(-0.0471), "−0.047");
        assert_eq!(fmt(12.34), "12");
        assert_eq!(fmt(123.4), "123");
        assert_eq!(fmt(9.96), "10");
        assert_eq!(fmt(0.0996), "0.10");
        assert_eq!(fmt(999.7), "1.0k");
        assert_eq!(fmt(1234.0), "1.2k");
        assert_eq!(fmt(-56_789.0), "−57k");
        assert_eq!(fmt(2.5e6), "2.5M");
        assert_eq!(fmt(f64::NAN), "NaN");
        assert_eq!(fmt(f64::NEG_INFINITY), "−∞");
    }

    #[test]
    fn push_appends() {
        let mut s = String::from("y ");
        push_value(&mut s, -0.25);
        assert_eq!(s, "y −0.25");
    }

    #[test]
    fn at_most_six_glyphs() {
        let mut s = String::new();
        let mut v = 1e-5;
        while v < 1e9 {
            for x in [v, -v, v * 1.7, -v * 9.99] {
                write_value(&mut s, x);
                assert!(s.chars().count() <= 6, "{x} → {s}");
            }
            v *= 1.31;
        }
    }
}
