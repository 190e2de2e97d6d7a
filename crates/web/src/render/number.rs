//! Short value labels: 2–3 significant digits and a typographic minus.

use std::fmt::Write;

/// The typographic minus sign (U+2212).
pub const MINUS: char = '\u{2212}';

/// Appends 10 to the power `exp` as a textbook writes it: "10⁻⁵", "10¹²⁰".
pub fn push_power_of_ten(buf: &mut String, exp: i32) {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    buf.push_str("10");
    if exp < 0 {
        buf.push('⁻');
    }
    let e = exp.unsigned_abs();
    let mut place = 1;
    while place <= e / 10 {
        place *= 10;
    }
    while place > 0 {
        // A digit, so the index is in range.
        buf.push(
            DIGITS
                .get((e / place % 10) as usize)
                .copied()
                .unwrap_or('⁰'),
        );
        place /= 10;
    }
}

/// Writes `v` into `buf` (replacing its contents) as a short label:
/// "0.33", "−1.2", "0.047", "12", "123", "1.2k", "320M", "3.2G", "0". At
/// most six glyphs up to 10¹⁰⁰ (engineering notation past 1000, see
/// [`push_engineering`]); NaN is "NaN", infinities "∞" / "−∞". Reuses `buf`.
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

/// Writes a magnitude ≥ 1000 in engineering form: a mantissa of at most
/// three digits and an SI suffix (k, M, G, T), or `e15`, `e18`, … beyond.
fn write_suffixed(buf: &mut String, m: f64) {
    push_engineering(buf, m);
}

/// Appends `v` in engineering notation with a fixed width: at most three
/// significant glyphs of mantissa (one decimal below 10) and a suffix for
/// the power of 1000: "950", "1.2k", "320M", "3.2G", "45T", "1.0e15",
/// "12µ". At most 6 glyphs (7 with a minus) from 10⁻¹² to 10¹⁰⁰, 7 (8)
/// farther out; "∞"
/// for infinities and "NaN". Zero is "0".
pub fn push_engineering(buf: &mut String, v: f64) {
    if v.is_nan() {
        buf.push_str("NaN");
        return;
    }
    if v < 0.0 {
        buf.push(MINUS);
    }
    let m = v.abs();
    if m.is_infinite() {
        buf.push('∞');
        return;
    }
    if m == 0.0 {
        buf.push('0');
        return;
    }
    // The power of 1000, chosen after rounding so 999.7 becomes "1.0k".
    let mut e3 = (m.log10() / 3.0).floor() as i32 * 3;
    let mut scaled = m / 10f64.powi(e3);
    let digits = |s: f64| if s < 9.95 { 1 } else { 0 };
    if round_to(scaled, digits(scaled)) >= 999.5 {
        e3 += 3;
        scaled = m / 10f64.powi(e3);
    }
    let d = digits(scaled);
    let _ = write!(buf, "{scaled:.d$}");
    match e3 {
        0 => {}
        3 => buf.push('k'),
        6 => buf.push('M'),
        9 => buf.push('G'),
        12 => buf.push('T'),
        -3 => buf.push('m'),
        -6 => buf.push('µ'),
        -9 => buf.push('n'),
        -12 => buf.push('p'),
        e => {
            let _ = write!(buf, "e{e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn powers_of_ten_are_written_with_superscripts() {
        for (e, want) in [
            (0, "10⁰"),
            (7, "10⁷"),
            (-5, "10⁻⁵"),
            (10, "10¹⁰"),
            (-310, "10⁻³¹⁰"),
            (i32::MIN, "10⁻²¹⁴⁷⁴⁸³⁶⁴⁸"),
        ] {
            let mut b = String::from("x");
            push_power_of_ten(&mut b, e);
            assert_eq!(b, format!("x{want}"));
        }
    }

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
        assert_eq!(fmt(3.2e8), "320M");
        assert_eq!(fmt(3.2e9), "3.2G");
        assert_eq!(fmt(-4.5e13), "−45T");
        assert_eq!(fmt(1.0e300), "1.0e300");
        assert_eq!(fmt(999.7e9), "1.0T");
        assert_eq!(fmt(f64::NAN), "NaN");
        assert_eq!(fmt(f64::NEG_INFINITY), "−∞");
    }

    #[test]
    fn engineering_has_a_fixed_width_and_no_overflow_marks() {
        let mut s = String::new();
        let mut v = 1e-14;
        while v < 1e300 {
            for x in [v, -v, v * 1.7, -v * 9.99] {
                s.clear();
                push_engineering(&mut s, x);
                let glyphs = s.chars().filter(|&c| c != MINUS).count();
                // Between 10⁻¹² and 10¹⁰⁰ the mantissa and suffix fit 6
                // glyphs; farther out ("100e-15", "1.0e300") 7.
                let limit = if x.abs() >= 1e100 || x.abs() < 1e-12 {
                    7
                } else {
                    6
                };
                assert!(glyphs <= limit, "{x} → {s}");
                assert!(!s.contains('≫'), "{x} → {s}");
                // The value read back is within 5 % of the original.
                let back = read_engineering(&s);
                assert!((back - x).abs() <= 0.05 * x.abs(), "{x} → {s} → {back}");
            }
            v *= 1.37;
        }
    }

    /// Parses what push_engineering wrote, for the round-trip check.
    fn read_engineering(s: &str) -> f64 {
        let s = s.replace(MINUS, "-");
        let (body, scale) = match s.chars().last() {
            Some('k') => (&s[..s.len() - 1], 1e3),
            Some('M') => (&s[..s.len() - 1], 1e6),
            Some('G') => (&s[..s.len() - 1], 1e9),
            Some('T') => (&s[..s.len() - 1], 1e12),
            Some('m') => (&s[..s.len() - 1], 1e-3),
            Some('n') => (&s[..s.len() - 1], 1e-9),
            Some('p') => (&s[..s.len() - 1], 1e-12),
            _ if s.ends_with('µ') => (&s[..s.len() - 'µ'.len_utf8()], 1e-6),
            _ => (s.as_str(), 1.0),
        };
        body.parse::<f64>().unwrap_or(f64::NAN) * scale
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
