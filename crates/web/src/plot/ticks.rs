//! Axis maths for the loss chart: "nice" linear ticks (1, 2, 5 × 10ⁿ),
//! decade ticks for a log scale, value ↔ axis mapping, and tick labels.
//! Pure functions; nothing allocates except the label into a reused buffer.

use std::fmt::Write;

/// Evenly spaced ticks `first + k·step` for `k` in `0..count`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ticks {
    /// The first tick.
    pub first: f64,
    /// The spacing.
    pub step: f64,
    /// How many.
    pub count: usize,
}

impl Ticks {
    /// The tick values.
    pub fn iter(self) -> impl Iterator<Item = f64> {
        (0..self.count).map(move |k| self.first + k as f64 * self.step)
    }
}

/// The "nice" step (1, 2 or 5 × 10ⁿ) nearest to `raw` (1 for a useless input).
pub fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let r = raw / mag;
    let m = if r < 1.5 {
        1.0
    } else if r < 3.0 {
        2.0
    } else if r < 7.0 {
        5.0
    } else {
        10.0
    };
    m * mag
}

/// About `target` nice ticks inside `lo..=hi` (at least a step of
/// `min_step`, e.g. 1 for whole epochs). A degenerate range gives one tick.
pub fn nice_ticks(lo: f64, hi: f64, target: usize, min_step: f64) -> Ticks {
    if !(lo.is_finite() && hi.is_finite()) {
        return Ticks {
            first: 0.0,
            step: 1.0,
            count: 0,
        };
    }
    let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    let span = hi - lo;
    if span <= 0.0 {
        return Ticks {
            first: lo,
            step: 1.0,
            count: 1,
        };
    }
    let step = nice_step(span / target.max(1) as f64).max(min_step);
    let first = (lo / step - 1e-9).ceil() * step;
    let count = ((hi - first) / step + 1e-9).floor() as usize + 1;
    Ticks {
        first,
        step,
        count: count.min(1000),
    }
}

/// `hi` rounded up to the next nice tick of about `target` ticks from 0
/// (1 for a useless input): the top of a linear loss axis.
pub fn nice_ceiling(hi: f64, target: usize) -> f64 {
    if !(hi.is_finite() && hi > 0.0) {
        return 1.0;
    }
    let step = nice_step(hi / target.max(1) as f64);
    ((hi / step - 1e-9).ceil() * step).max(step)
}

/// The decades `10^lo ..= 10^hi` enclosing the positive finite range
/// `min..=max` (at least one decade), as exponents.
pub fn log_bounds(min: f64, max: f64) -> (i32, i32) {
    let ok = |v: f64| v.is_finite() && v > 0.0;
    let (min, max) = match (ok(min), ok(max)) {
        (true, true) => (min.min(max), min.max(max)),
        (true, false) => (min, min),
        (false, true) => (max, max),
        (false, false) => (0.1, 1.0),
    };
    let lo = min.log10().floor().clamp(-300.0, 300.0) as i32;
    let hi = (max.log10().ceil().clamp(-300.0, 300.0) as i32).max(lo + 1);
    (lo, hi)
}

/// Position of `v` along an axis from `lo` to `hi` as 0..1 (linear or log10;
/// `lo`, `hi` are values, not exponents). None for a value the axis cannot
/// show (non-finite, or ≤ 0 on a log axis).
pub fn axis_fraction(v: f64, lo: f64, hi: f64, log: bool) -> Option<f64> {
    if !v.is_finite() {
        return None;
    }
    let (v, lo, hi) = if log {
        if v <= 0.0 || lo <= 0.0 || hi <= 0.0 {
            return None;
        }
        (v.log10(), lo.log10(), hi.log10())
    } else {
        (v, lo, hi)
    };
    let span = hi - lo;
    let f = if span.abs() > 0.0 && span.is_finite() {
        (v - lo) / span
    } else {
        0.5
    };
    f.is_finite().then_some(f)
}

/// Writes tick `v` with as many decimals as `step` needs ("0.05", "20",
/// "1.5"); far from 1 (|v| ≥ 10⁴, or steps below 0.001) in engineering
/// notation ("320M", "12µ"), so a label never needs more than 6 glyphs.
pub fn write_tick(buf: &mut String, v: f64, step: f64) {
    buf.clear();
    let far = v.abs() >= 1e4 || (step.is_finite() && step > 0.0 && step < 1e-3);
    if v != 0.0 && far && v.abs() >= step.abs() * 1e-6 {
        crate::render::number::push_engineering(buf, v);
        return;
    }
    let decimals = if step.is_finite() && step > 0.0 {
        (-step.log10().floor()).clamp(0.0, 8.0) as usize
    } else {
        0
    };
    if v.abs() < step.abs() * 1e-6 || v == 0.0 {
        buf.push('0');
        return;
    }
    let _ = write!(buf, "{v:.decimals$}");
}

/// Writes the decade 10^e ("0.01", "1", "100", "10⁻⁵" far out).
pub fn write_decade(buf: &mut String, e: i32) {
    buf.clear();
    let _ = match e {
        0..=4 => write!(buf, "{}", 10u64.pow(e.unsigned_abs())),
        -4..=-1 => write!(buf, "{:.*}", e.unsigned_abs() as usize, 10f64.powi(e)),
        _ => {
            crate::render::number::push_power_of_ten(buf, e);
            Ok(())
        }
    };
}

/// Writes `v` with three significant digits ("0.0834", "1.25", "312"),
/// or "–" when it is not finite.
pub fn write_sig3(buf: &mut String, v: f64) {
    if !v.is_finite() {
        buf.push('–');
        return;
    }
    if v == 0.0 {
        buf.push('0');
        return;
    }
    let mag = v.abs().log10().floor();
    if !(-4.0..6.0).contains(&mag) {
        let _ = write!(buf, "{v:.2e}");
        return;
    }
    let decimals = (2.0 - mag).clamp(0.0, 8.0) as usize;
    let _ = write!(buf, "{v:.decimals$}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_steps_are_1_2_5() {
        assert_eq!(nice_step(0.8), 1.0);
        assert_eq!(nice_step(1.3), 1.0);
        assert_eq!(nice_step(2.03), 2.0);
        assert_eq!(nice_step(3.0), 5.0);
        assert_eq!(nice_step(7.0), 10.0);
        assert!((nice_step(0.023) - 0.02).abs() < 1e-12);
        assert_eq!(nice_step(250.0), 200.0);
        assert_eq!(nice_step(400.0), 500.0);
        assert_eq!(nice_step(f64::NAN), 1.0);
        assert_eq!(nice_step(-2.0), 1.0);
    }

    #[test]
    fn nice_ticks_cover_the_range() {
        let t = nice_ticks(0.0, 1.0, 5, 0.0);
        assert_eq!(t.step, 0.2);
        assert_eq!(t.count, 6);
        let v: Vec<f64> = t.iter().collect();
        assert_eq!(v.first(), Some(&0.0));
        assert!((v.last().copied().unwrap_or(0.0) - 1.0).abs() < 1e-9);
        let e = nice_ticks(1.0, 37.0, 5, 1.0);
        assert_eq!((e.first, e.step, e.count), (10.0, 10.0, 3));
        let small = nice_ticks(0.0, 3.0, 6, 1.0);
        assert_eq!(small.step, 1.0, "whole epochs");
        assert_eq!(nice_ticks(2.0, 2.0, 5, 0.0).count, 1);
        assert_eq!(nice_ticks(f64::NAN, 2.0, 5, 0.0).count, 0);
        assert_eq!(nice_ticks(5.0, 0.0, 5, 0.0).first, 0.0, "reversed range");
    }

    #[test]
    fn nice_ceiling_rounds_up() {
        assert_eq!(nice_ceiling(0.69, 4), 0.8);
        assert_eq!(nice_ceiling(1.0, 4), 1.0);
        assert_eq!(nice_ceiling(0.0, 4), 1.0);
        assert_eq!(nice_ceiling(f64::INFINITY, 4), 1.0);
        assert_eq!(nice_ceiling(37.0, 4), 40.0);
    }

    #[test]
    fn log_bounds_enclose_and_guard() {
        assert_eq!(log_bounds(0.0123, 0.7), (-2, 0));
        assert_eq!(log_bounds(0.5, 0.5), (-1, 0));
        assert_eq!(log_bounds(1.0, 1.0), (0, 1));
        assert_eq!(log_bounds(-1.0, 0.0), (-1, 0), "nothing positive");
        assert_eq!(log_bounds(0.0, 20.0), (1, 2));
        assert_eq!(log_bounds(f64::NAN, 3.0), (0, 1));
    }

    #[test]
    fn axis_fraction_linear_log_and_guards() {
        assert_eq!(axis_fraction(5.0, 0.0, 10.0, false), Some(0.5));
        let f = axis_fraction(0.1, 0.01, 1.0, true).unwrap_or(-1.0);
        assert!((f - 0.5).abs() < 1e-12);
        assert_eq!(axis_fraction(0.0, 0.01, 1.0, true), None);
        assert_eq!(axis_fraction(-1.0, 0.01, 1.0, true), None);
        assert_eq!(axis_fraction(f64::NAN, 0.0, 1.0, false), None);
        assert_eq!(axis_fraction(f64::INFINITY, 0.0, 1.0, false), None);
        assert_eq!(axis_fraction(3.0, 2.0, 2.0, false), Some(0.5));
    }

    #[test]
    fn labels() {
        let mut b = String::new();
        write_tick(&mut b, 0.2, 0.2);
        assert_eq!(b, "0.2");
        write_tick(&mut b, 0.05, 0.05);
        assert_eq!(b, "0.05");
        write_tick(&mut b, 40.0, 10.0);
        assert_eq!(b, "40");
        write_tick(&mut b, -1e-17, 0.1);
        assert_eq!(b, "0");
        write_tick(&mut b, 3e8, 1e8);
        assert_eq!(b, "300M");
        write_tick(&mut b, 2.5e8, 5e7);
        assert_eq!(b, "250M");
        write_tick(&mut b, 4e-5, 1e-5);
        assert_eq!(b, "40µ");
        // Every tick of a 0 … 3.2×10⁸ axis fits six glyphs.
        let mut v = 0.0;
        while v <= 3.2e8 {
            write_tick(&mut b, v, 5e7);
            assert!(b.chars().count() <= 6, "{v} → {b}");
            v += 5e7;
        }
        write_decade(&mut b, -2);
        assert_eq!(b, "0.01");
        write_decade(&mut b, 2);
        assert_eq!(b, "100");
        write_decade(&mut b, -7);
        assert_eq!(b, "10⁻⁷");
        b.clear();
        write_sig3(&mut b, 0.08341);
        assert_eq!(b, "0.0834");
        b.clear();
        write_sig3(&mut b, 1.2549);
        assert_eq!(b, "1.25");
        b.clear();
        write_sig3(&mut b, f64::NAN);
        assert_eq!(b, "–");
    }
}
