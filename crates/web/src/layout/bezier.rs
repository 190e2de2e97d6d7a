//! The cubic Bézier curve of a wire, and distance from a point to it.

use super::geom::Point;

/// Segments used to approximate the curve for distance queries.
const SAMPLES: u32 = 24;

/// A cubic Bézier curve from `p0` to `p3` with control points `p1`, `p2`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Bezier {
    pub p0: Point,
    pub p1: Point,
    pub p2: Point,
    pub p3: Point,
}

impl Bezier {
    /// A gentle horizontal S-curve from `a` to `b`: the tangents at both ends
    /// are horizontal, so wires leave and enter bulbs side-on.
    pub fn s_curve(a: Point, b: Point) -> Self {
        let dx = (b.x - a.x) * 0.5;
        Bezier {
            p0: a,
            p1: Point::new(a.x + dx, a.y),
            p2: Point::new(b.x - dx, b.y),
            p3: b,
        }
    }

    /// The point at parameter `t` (clamped to 0..=1).
    pub fn point(&self, t: f64) -> Point {
        let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
        let u = 1.0 - t;
        let (b0, b1, b2, b3) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
        Point::new(
            b0 * self.p0.x + b1 * self.p1.x + b2 * self.p2.x + b3 * self.p3.x,
            b0 * self.p0.y + b1 * self.p1.y + b2 * self.p2.y + b3 * self.p3.y,
        )
    }

    /// Approximate shortest distance from `p` to the curve.
    pub fn distance_to(&self, p: Point) -> f64 {
        let mut best = f64::INFINITY;
        let mut prev = self.p0;
        for k in 1..=SAMPLES {
            let next = self.point(f64::from(k) / f64::from(SAMPLES));
            best = best.min(segment_distance(p, prev, next));
            prev = next;
        }
        best
    }
}

/// Distance from `p` to the segment `a`–`b`.
fn segment_distance(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    if len2 <= f64::EPSILON {
        return p.dist(a);
    }
    let t = (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0);
    p.dist(a.lerp(b, t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_and_midpoint() {
        let c = Bezier::s_curve(Point::new(0.0, 0.0), Point::new(100.0, 50.0));
        assert_eq!(c.point(0.0), c.p0);
        assert_eq!(c.point(1.0), c.p3);
        let m = c.point(0.5);
        assert!((m.x - 50.0).abs() < 1e-9 && (m.y - 25.0).abs() < 1e-9);
        assert!(c.distance_to(m) < 0.5);
        assert!(c.distance_to(Point::new(50.0, 60.0)) > 20.0);
        assert_eq!(c.point(f64::NAN), c.p0);
    }

    #[test]
    fn degenerate_segment() {
        let p = Point::new(1.0, 1.0);
        assert_eq!(segment_distance(Point::new(4.0, 5.0), p, p), 5.0);
    }
}
