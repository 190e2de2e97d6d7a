//! Colour scales of the network view: weights, gradients, the decision
//! heatmap, and CSS string formatting without per-frame allocation.
//!
//! Every function is total: NaN and infinities map to a defined colour.

use std::fmt::Write;

/// A colour with channels in 0..=255 (as f64 for smooth interpolation) and
/// alpha in 0..=1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rgba {
    pub r: f64,
    pub g: f64,
    pub b: f64,
    pub a: f64,
}

impl Rgba {
    /// An opaque colour.
    pub const fn rgb(r: f64, g: f64, b: f64) -> Self {
        Rgba { r, g, b, a: 1.0 }
    }

    /// The same colour with another alpha (clamped to 0..=1).
    pub fn with_alpha(self, a: f64) -> Self {
        Rgba { a: unit(a), ..self }
    }

    /// Relative luminance-like brightness in 0..=1 (Rec. 709 weights).
    pub fn luma(self) -> f64 {
        (0.2126 * self.r + 0.7152 * self.g + 0.0722 * self.b) / 255.0
    }
}

/// Warm orange of positive weights.
pub const WEIGHT_POS: Rgba = Rgba::rgb(255.0, 158.0, 64.0);
/// Cool blue of negative weights.
pub const WEIGHT_NEG: Rgba = Rgba::rgb(72.0, 152.0, 255.0);
/// Near-invisible grey of a zero weight.
pub const WEIGHT_ZERO: Rgba = Rgba::rgb(92.0, 98.0, 112.0);
/// Magenta of a positive gradient (the weight will go down).
pub const GRAD_POS: Rgba = Rgba::rgb(255.0, 84.0, 214.0);
/// Mint green of a negative gradient (the weight will go up).
pub const GRAD_NEG: Rgba = Rgba::rgb(64.0, 240.0, 168.0);

/// Hot near-white core that strong gradients blend towards.
const GRAD_HOT: Rgba = Rgba::rgb(255.0, 244.0, 250.0);

/// Thinnest wire, CSS px.
pub const WIRE_MIN_WIDTH: f64 = 0.5;
/// Thickest wire, CSS px.
pub const WIRE_MAX_WIDTH: f64 = 6.0;

/// `v` clamped to 0..=1, NaN mapped to 0.
pub fn unit(v: f64) -> f64 {
    if v.is_nan() {
        0.0
    } else {
        v.clamp(0.0, 1.0)
    }
}

/// `v / scale` clamped to -1..=1; NaN (or a useless scale) maps to 0.
pub fn signed_unit(v: f64, scale: f64) -> f64 {
    let s = if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    };
    let n = v / s;
    if n.is_nan() {
        0.0
    } else {
        n.clamp(-1.0, 1.0)
    }
}

/// Linear interpolation between two colours, `t` clamped to 0..=1.
pub fn lerp(a: Rgba, b: Rgba, t: f64) -> Rgba {
    let t = unit(t);
    Rgba {
        r: a.r + (b.r - a.r) * t,
        g: a.g + (b.g - a.g) * t,
        b: a.b + (b.b - a.b) * t,
        a: a.a + (b.a - a.a) * t,
    }
}

/// Perceptual emphasis of a magnitude in 0..=1: small values still show.
fn emphasis(m: f64) -> f64 {
    unit(m).sqrt()
}

/// Wire colour of weight `w`; `scale` is the magnitude shown at full
/// strength (e.g. the largest |w| in the network). Hue from the sign,
/// saturation and opacity from the magnitude.
pub fn weight_color(w: f64, scale: f64) -> Rgba {
    let n = signed_unit(w, scale);
    let m = emphasis(n.abs());
    let hue = if n < 0.0 { WEIGHT_NEG } else { WEIGHT_POS };
    lerp(WEIGHT_ZERO, hue, m).with_alpha(0.12 + 0.6 * m)
}

/// Wire width in CSS px from |w|, clamped to
/// [`WIRE_MIN_WIDTH`, `WIRE_MAX_WIDTH`].
pub fn wire_width(w: f64, scale: f64) -> f64 {
    let m = signed_unit(w, scale).abs();
    WIRE_MIN_WIDTH + (WIRE_MAX_WIDTH - WIRE_MIN_WIDTH) * m
}

/// Colour of a gradient (∂L/∂w or δ = ∂L/∂z) during backprop: magenta for
/// positive, mint for negative, alpha from the magnitude relative to `scale`.
pub fn grad_color(g: f64, scale: f64) -> Rgba {
    let n = signed_unit(g, scale);
    let m = emphasis(n.abs());
    let hue = if n < 0.0 { GRAD_NEG } else { GRAD_POS };
    lerp(hue, GRAD_HOT, 0.3 * m).with_alpha(0.25 + 0.75 * m)
}

/// Heatmap colour for `v` in -1..=1 (clamped; NaN → 0): deep blue through a
/// dark neutral centre to warm orange. Opaque, as RGBA bytes for ImageData.
pub fn heat_rgba(v: f64) -> [u8; 4] {
    const NEG: Rgba = Rgba::rgb(46.0, 122.0, 255.0);
    const MID: Rgba = Rgba::rgb(30.0, 32.0, 40.0);
    const POS: Rgba = Rgba::rgb(255.0, 150.0, 46.0);
    let n = signed_unit(v, 1.0);
    let c = if n < 0.0 {
        lerp(MID, NEG, -n)
    } else {
        lerp(MID, POS, n)
    };
    [byte(c.r), byte(c.g), byte(c.b), 255]
}

/// A channel in 0..=255 rounded to a byte (NaN → 0).
pub fn byte(c: f64) -> u8 {
    if c.is_nan() {
        0
    } else {
        // In range after the clamp, so the cast is exact.
        c.clamp(0.0, 255.0).round() as u8
    }
}

/// Writes `rgba(r,g,b,a)` into `buf`, replacing its contents; reuses the
/// buffer's capacity, so steady-state drawing does not allocate.
pub fn write_css(buf: &mut String, c: Rgba) {
    buf.clear();
    let a = (unit(c.a) * 1000.0).round() / 1000.0;
    // Writing into a String cannot fail.
    let _ = write!(buf, "rgba({},{},{},{})", byte(c.r), byte(c.g), byte(c.b), a);
}

/// Allocating convenience around [`write_css`], for non-hot paths.
pub fn to_css(c: Rgba) -> String {
    let mut s = String::with_capacity(24);
    write_css(&mut s, c);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const STEPS: [f64; 9] = [0.0, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.5];

    #[test]
    fn weight_colour_monotone_and_symmetric() {
        let mut prev = -1.0;
        for w in STEPS {
            let p = weight_color(w, 1.0);
            let n = weight_color(-w, 1.0);
            assert!(p.a >= prev, "alpha grows with |w|");
            assert!((p.a - n.a).abs() < 1e-12, "symmetric opacity");
            prev = p.a;
        }
        let p = weight_color(1.0, 1.0);
        let n = weight_color(-1.0, 1.0);
        assert!(p.r > p.b && n.b > n.r, "sign decides hue");
    }

    #[test]
    fn wire_width_clamped_and_monotone() {
        let mut prev = 0.0;
        for w in STEPS {
            let width = wire_width(w, 1.0);
            assert!(width >= prev);
            assert!((WIRE_MIN_WIDTH..=WIRE_MAX_WIDTH).contains(&width));
            assert_eq!(width, wire_width(-w, 1.0));
            prev = width;
        }
        assert_eq!(wire_width(1e9, 1.0), WIRE_MAX_WIDTH);
        assert_eq!(wire_width(f64::INFINITY, 1.0), WIRE_MAX_WIDTH);
        assert_eq!(wire_width(f64::NAN, 1.0), WIRE_MIN_WIDTH);
        assert_eq!(wire_width(1.0, 0.0), WIRE_MAX_WIDTH);
        assert_eq!(wire_width(0.0, f64::NAN), WIRE_MIN_WIDTH);
    }

    #[test]
    fn grad_colour_monotone_symmetric_nan_safe() {
        let mut prev = -1.0;
        for g in STEPS {
            let p = grad_color(g, 2.0);
            assert!(p.a >= prev);
            assert!((p.a - grad_color(-g, 2.0).a).abs() < 1e-12);
            prev = p.a;
        }
        let z = grad_color(f64::NAN, 1.0);
        assert!(z.a.is_finite() && z.r.is_finite());
        assert_eq!(z, grad_color(0.0, 1.0));
        assert_ne!(grad_color(1.0, 1.0).g, grad_color(-1.0, 1.0).g);
    }

    #[test]
    fn heat_is_monotone_towards_each_end_and_clamped() {
        let mut prev_blue = 0u8;
        let mut prev_red = 0u8;
        for v in STEPS {
            let n = heat_rgba(-v);
            let p = heat_rgba(v);
            assert!(n[2] >= prev_blue && p[0] >= prev_red);
            prev_blue = n[2];
            prev_red = p[0];
            assert_eq!(p[3], 255);
        }
        assert_eq!(heat_rgba(7.0), heat_rgba(1.0));
        assert_eq!(heat_rgba(-7.0), heat_rgba(-1.0));
        assert_eq!(heat_rgba(f64::NAN), heat_rgba(0.0));
        let mid = heat_rgba(0.0);
        assert!(mid.iter().take(3).all(|&c| c < 64), "dark centre");
    }

    #[test]
    fn css_formatting_reuses_buffer() {
        let mut buf = String::with_capacity(32);
        write_css(&mut buf, Rgba::rgb(255.0, 0.0, 10.4).with_alpha(0.5));
        assert_eq!(buf, "rgba(255,0,10,0.5)");
        let cap = buf.capacity();
        write_css(&mut buf, Rgba::rgb(1.0, 2.0, 3.0));
        assert_eq!(buf, "rgba(1,2,3,1)");
        assert_eq!(buf.capacity(), cap);
        assert_eq!(to_css(Rgba::rgb(f64::NAN, 300.0, -4.0)), "rgba(0,255,0,1)");
    }
}
