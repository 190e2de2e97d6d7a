//! A software rasteriser for wires, written for their one shape: each wire
//! is a function `y(x)` ([`crate::layout::Curve`]: two parabolas meeting at
//! its midpoint), so each pixel column holds one short, nearly straight
//! piece of it.
//!
//! In a column the piece is taken as the straight line between the curve's
//! heights at the column's two edges, thickened vertically to keep its
//! width across the line. The area of each pixel it covers is computed
//! exactly for that parallelogram (a box filter: anti-aliasing without
//! samples), and the colour is composited source-over, premultiplied, in
//! f32. Ends are cut square at the wire's ends (`butt` caps).
//!
//! Canvas 2D strokes the same wires about 20 µs apiece in Chromium's
//! software rasteriser, most of it per-stroke setup; here a wire costs
//! about as many steps as the pixels it touches.

use crate::color::Rgba;
use crate::layout::{Curve, Point};

/// A layer of premultiplied RGBA pixels that wires are stroked into,
/// reused from one band to the next so redrawing does not allocate.
#[derive(Debug, Default)]
pub struct WireRaster {
    w: usize,
    h: usize,
    /// Premultiplied RGBA, 0..=1, row-major.
    px: Vec<[f32; 4]>,
    /// Unpremultiplied RGBA bytes, for `putImageData`.
    bytes: Vec<u8>,
    /// One column's coverage of the rows it touches.
    cover: Vec<f32>,
}

/// The integral of `clamp(u, 0, 1)` from 0 to `u`, without branches:
/// 0 below 0, u²/2 up to 1, then u − ½.
#[inline]
fn ramp_area(u: f32) -> f32 {
    let c = u.clamp(0.0, 1.0);
    0.5 * c * c + (u - c).max(0.0)
}

/// Composites `colour` (premultiplied) over pixel `p` at coverage `cover`.
#[inline]
fn blend(p: &mut [f32; 4], colour: [f32; 4], cover: f32) {
    let cover = cover.clamp(0.0, 1.0);
    let keep = 1.0 - colour[3] * cover;
    for (v, s) in p.iter_mut().zip(colour) {
        *v = s * cover + *v * keep;
    }
}

impl WireRaster {
    /// Makes the layer `w` × `h` pixels and fully transparent.
    pub fn reset(&mut self, w: usize, h: usize) {
        self.w = w;
        self.h = h;
        self.px.clear();
        self.px.resize(w * h, [0.0; 4]);
    }

    /// Width and height in pixels.
    #[cfg(test)]
    pub fn size(&self) -> (usize, usize) {
        (self.w, self.h)
    }

    /// Strokes a wire from `a` to `b` (pixels of this layer, `a` left of
    /// `b`) `width` pixels wide in colour `c` (its alpha included).
    /// Anything outside the layer is clipped; a wire with no length or
    /// width, or with a non-finite coordinate, draws nothing.
    pub fn stroke(&mut self, a: (f64, f64), b: (f64, f64), width: f64, c: Rgba) {
        let finite = [a.0, a.1, b.0, b.1, width].iter().all(|v| v.is_finite());
        if !finite || b.0 - a.0 < 1e-6 || width <= 0.0 || c.a <= 0.0 {
            return;
        }
        let curve = Curve::s_curve(Point::new(a.0, a.1), Point::new(b.0, b.1));
        let alpha = c.a.clamp(0.0, 1.0) as f32;
        let colour = [
            (c.r / 255.0) as f32 * alpha,
            (c.g / 255.0) as f32 * alpha,
            (c.b / 255.0) as f32 * alpha,
            alpha,
        ];
        let hw = width * 0.5;
        let first = a.0.floor().max(0.0);
        let last = b.0.ceil().min(self.w as f64);
        let mut cx = first;
        // The curve's height at the left edge of the column, carried over
        // from the column before.
        let mut x0 = cx.max(a.0);
        let mut y0 = curve.y_at(x0);
        while cx < last {
            // The part of this column the wire spans.
            let x1 = (cx + 1.0).min(b.0);
            if x1 > x0 {
                let y1 = curve.y_at(x1);
                let slope = (y1 - y0) / (x1 - x0);
                let hh = hw * (1.0 + slope * slope).sqrt();
                // Whole pixels only after the clamp.
                self.column(cx as usize, x1 - x0, y0, y1, hh, colour);
                (x0, y0) = (x1, y1);
            }
            cx += 1.0;
        }
    }

    /// Composites one column's piece: a strip of half-height `hh` around
    /// the line from `y0` to `y1`, covering `frac` of the column's width.
    fn column(&mut self, x: usize, frac: f64, y0: f64, y1: f64, hh: f64, colour: [f32; 4]) {
        // Far past any canvas, so the f32 sums below stay finite.
        const FAR: f64 = 1e5;
        let (y0, y1, hh) = (y0.clamp(-FAR, FAR), y1.clamp(-FAR, FAR), hh.min(FAR));
        let top = (y0.min(y1) - hh).floor().max(0.0);
        let bottom = (y0.max(y1) + hh).ceil().min(self.h as f64);
        if top >= bottom {
            return;
        }
        // Whole and within 0..=h after the clamps.
        let (r0, r1) = (top as usize, bottom as usize);
        let frac = frac as f32;
        let d = (y1 - y0) as f32;
        // Relative to row r0, so the f32 values stay small.
        let lo = (y0 - hh - top) as f32;
        let hi = (y0 + hh - top) as f32;
        let n = r1 - r0;
        self.cover.clear();
        self.cover.resize(n, 0.0);
        // Coverage first, in a loop of plain arithmetic over the rows (which
        // the compiler vectorises), then the blend down the column.
        if d.abs() < 1e-3 {
            // Level in this column: the strip's overlap with each row.
            let (lo, hi) = (lo + 0.5 * d, hi + 0.5 * d);
            for (i, c) in self.cover.iter_mut().enumerate() {
                let fi = i as f32;
                *c = frac * ((hi - fi).clamp(0.0, 1.0) - (lo - fi).clamp(0.0, 1.0));
            }
        } else {
            // The mean overlap while the strip slides by d across the column.
            let k = frac / d;
            for (i, c) in self.cover.iter_mut().enumerate() {
                let fi = i as f32;
                let (a, b) = (hi - fi, lo - fi);
                *c = k * (ramp_area(a + d) - ramp_area(a) - ramp_area(b + d) + ramp_area(b));
            }
        }
        let start = r0 * self.w + x;
        let rows = self.px.get_mut(start..).unwrap_or(&mut []);
        for (p, &c) in rows.iter_mut().step_by(self.w.max(1)).zip(&self.cover) {
            blend(p, colour, c);
        }
    }

    /// The layer as unpremultiplied RGBA bytes, row-major, for
    /// `putImageData`.
    pub fn rgba(&mut self) -> &[u8] {
        self.bytes.clear();
        self.bytes.reserve(self.px.len() * 4);
        for p in &self.px {
            let a = p[3];
            if a <= 1.0 / 512.0 {
                self.bytes.extend_from_slice(&[0, 0, 0, 0]);
                continue;
            }
            let k = 255.0 / a;
            let byte = |v: f32| (v * k + 0.5).clamp(0.0, 255.0) as u8;
            let alpha = (a * 255.0 + 0.5).min(255.0) as u8;
            self.bytes
                .extend_from_slice(&[byte(p[0]), byte(p[1]), byte(p[2]), alpha]);
        }
        &self.bytes
    }

    /// Premultiplied RGBA of pixel (`x`, `y`), 0..=1 (transparent outside).
    #[cfg(test)]
    pub fn pixel(&self, x: usize, y: usize) -> [f32; 4] {
        if x >= self.w {
            return [0.0; 4];
        }
        self.px.get(y * self.w + x).copied().unwrap_or([0.0; 4])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WHITE: Rgba = Rgba::rgb(255.0, 255.0, 255.0);

    fn alpha_sum(r: &WireRaster) -> f64 {
        let (w, h) = r.size();
        let mut sum = 0.0;
        for y in 0..h {
            for x in 0..w {
                sum += f64::from(r.pixel(x, y)[3]);
            }
        }
        sum
    }

    /// Coverage of the same wire by brute force: 64 × 64 samples per
    /// pixel, each inside when its vertical distance to the centre line is
    /// within the strip's half-height there.
    fn sampled(a: (f64, f64), b: (f64, f64), width: f64, x: usize, y: usize) -> f64 {
        let half = (b.0 - a.0) * 0.5;
        let my = (a.1 + b.1) * 0.5;
        let yc = |px: f64| {
            if px <= a.0 + half {
                let s = (px - a.0) / half;
                a.1 + s * s * (my - a.1)
            } else {
                let s = (b.0 - px) / half;
                b.1 + s * s * (my - b.1)
            }
        };
        let n = 64;
        let mut inside = 0;
        for i in 0..n {
            let px = x as f64 + (i as f64 + 0.5) / n as f64;
            if px < a.0 || px > b.0 {
                continue;
            }
            let dx = 1e-4;
            let slope = (yc((px + dx).min(b.0)) - yc((px - dx).max(a.0))) / (2.0 * dx);
            let hh = width * 0.5 * (1.0 + slope * slope).sqrt();
            for j in 0..n {
                let py = y as f64 + (j as f64 + 0.5) / n as f64;
                if (py - yc(px)).abs() <= hh {
                    inside += 1;
                }
            }
        }
        f64::from(inside) / f64::from(n * n)
    }

    #[test]
    fn a_horizontal_wire_covers_its_width_exactly() {
        let mut r = WireRaster::default();
        r.reset(20, 10);
        // From x 2 to 18 at height 5, 2 px wide: rows 4 and 5 fully, nothing else.
        r.stroke((2.0, 5.0), (18.0, 5.0), 2.0, WHITE);
        for x in 0..20 {
            for y in 0..10 {
                let want = if (2..18).contains(&x) && (4..6).contains(&y) {
                    1.0
                } else {
                    0.0
                };
                let got = r.pixel(x, y)[3];
                assert!((got - want).abs() < 1e-6, "({x}, {y}): {got} vs {want}");
            }
        }
    }

    #[test]
    fn half_pixel_offsets_give_partial_coverage() {
        let mut r = WireRaster::default();
        r.reset(10, 10);
        // Centre at 5.25, 1 px wide: 4.75..5.75 covers row 4 by 0.25, row 5 by 0.75.
        // Ends at 2.5 and 7.5: the end columns are half covered.
        r.stroke((2.5, 5.25), (7.5, 5.25), 1.0, WHITE);
        assert!((r.pixel(4, 4)[3] - 0.25).abs() < 1e-5);
        assert!((r.pixel(4, 5)[3] - 0.75).abs() < 1e-5);
        assert!((r.pixel(2, 5)[3] - 0.375).abs() < 1e-5);
        assert!((r.pixel(7, 5)[3] - 0.375).abs() < 1e-5);
        assert_eq!(r.pixel(1, 5)[3], 0.0);
        assert_eq!(r.pixel(8, 5)[3], 0.0);
    }

    #[test]
    fn coverage_matches_supersampling_on_steep_and_gentle_wires() {
        for &(a, b, width) in &[
            ((3.0, 4.0), (40.0, 60.0), 1.5),
            ((1.3, 50.0), (22.7, 8.2), 0.6),
            ((5.0, 20.0), (60.0, 24.0), 3.0),
        ] {
            let mut r = WireRaster::default();
            r.reset(64, 64);
            r.stroke(a, b, width, WHITE);
            let mut worst: f64 = 0.0;
            let (mut total, mut want_total) = (0.0, 0.0);
            for y in 0..64 {
                for x in 0..64 {
                    let want = sampled(a, b, width, x, y);
                    let got = f64::from(r.pixel(x, y)[3]);
                    worst = worst.max((got - want).abs());
                    total += got;
                    want_total += want;
                }
            }
            // Per pixel: the column's piece is straight, not curved.
            assert!(
                worst < 0.04,
                "{a:?}→{b:?} w {width}: worst pixel off by {worst}"
            );
            // In total, the area is the stroke's area.
            let rel = (total - want_total).abs() / want_total;
            assert!(
                rel < 0.002,
                "{a:?}→{b:?} w {width}: area {total} vs {want_total}"
            );
        }
    }

    #[test]
    fn area_is_length_times_width() {
        // A straight 45° wire is not what stroke draws (it draws parabolas),
        // but a level one of length 30 and width 0.5 is: its area is 15.
        let mut r = WireRaster::default();
        r.reset(40, 12);
        r.stroke((4.2, 6.3), (34.2, 6.3), 0.5, WHITE);
        assert!((alpha_sum(&r) - 15.0).abs() < 1e-3, "{}", alpha_sum(&r));
    }

    #[test]
    fn source_over_in_order_and_unpremultiplied_bytes() {
        let mut r = WireRaster::default();
        r.reset(4, 3);
        let red = Rgba::rgb(255.0, 0.0, 0.0).with_alpha(0.5);
        let blue = Rgba::rgb(0.0, 0.0, 255.0).with_alpha(0.5);
        r.stroke((0.0, 1.5), (4.0, 1.5), 1.0, red);
        r.stroke((0.0, 1.5), (4.0, 1.5), 1.0, blue);
        // Blue over red, both half transparent: a = 0.75; premultiplied
        // r = 0.5 · 0.5 = 0.25, b = 0.5.
        let p = r.pixel(2, 1);
        assert!(
            (p[3] - 0.75).abs() < 1e-6 && (p[0] - 0.25).abs() < 1e-6 && (p[2] - 0.5).abs() < 1e-6
        );
        let bytes = r.rgba().to_vec();
        let at = (4 + 2) * 4;
        assert_eq!(&bytes[at..at + 4], &[85, 0, 170, 191]);
        assert_eq!(&bytes[0..4], &[0, 0, 0, 0]);
    }

    #[test]
    fn clipped_and_degenerate_wires_are_safe() {
        let mut r = WireRaster::default();
        r.reset(8, 8);
        r.stroke((-50.0, -40.0), (60.0, 90.0), 4.0, WHITE);
        r.stroke((3.0, 3.0), (3.0, 7.0), 2.0, WHITE);
        r.stroke((1.0, f64::NAN), (7.0, 2.0), 2.0, WHITE);
        r.stroke((1.0, 2.0), (7.0, 2.0), f64::INFINITY, WHITE);
        r.stroke((1.0, 1e300), (7.0, -1e300), 1.0, WHITE);
        for y in 0..8 {
            for x in 0..8 {
                let p = r.pixel(x, y);
                assert!(p
                    .iter()
                    .all(|v| v.is_finite() && (0.0..=1.0 + 1e-6).contains(v)));
            }
        }
        assert!(alpha_sum(&r) > 0.0);
    }
}
