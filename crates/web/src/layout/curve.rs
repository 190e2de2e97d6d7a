//! A wire's S-curve, and the distance from a point to it.
//!
//! A wire leaves its bulb horizontally, turns, and enters the next bulb
//! horizontally: two parabolic arcs that meet at the wire's midpoint with
//! the same slope. As quadratic Béziers they are `a → mid` with control
//! point `(a.x + ¼Δx, a.y)` and `mid → b` with `(b.x − ¼Δx, b.y)`; those
//! control points make `x` linear along the curve, so it is also a function
//! `y(x)`. The canvas strokes the two quadratics ([`Curve::quads`]) (a
//! software canvas strokes two quadratics much faster than one cubic), and
//! hit-testing and pulses use [`Curve::point`]: both follow the drawn
//! curve.

use super::geom::Point;

/// Segments used to approximate the curve for distance queries.
const SAMPLES: u32 = 24;

/// A wire's curve from `a` to `b` (`a` left of `b`).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Curve {
    pub a: Point,
    pub b: Point,
}

impl Curve {
    /// The S-curve from `a` to `b`.
    pub fn s_curve(a: Point, b: Point) -> Self {
        Curve { a, b }
    }

    /// The height of the curve at `x` (for `x` between the ends; beyond
    /// them, the parabolas continued).
    pub fn y_at(&self, x: f64) -> f64 {
        let (a, b) = (self.a, self.b);
        let half = (b.x - a.x) * 0.5;
        let my = (a.y + b.y) * 0.5;
        if half.abs() < 1e-12 {
            return my;
        }
        if x <= a.x + half {
            let s = (x - a.x) / half;
            a.y + s * s * (my - a.y)
        } else {
            let s = (b.x - x) / half;
            b.y + s * s * (my - b.y)
        }
    }

    /// The point at parameter `t` (clamped to 0..=1; NaN → 0), which moves
    /// at a constant horizontal speed.
    pub fn point(&self, t: f64) -> Point {
        let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
        if t >= 1.0 {
            return self.b;
        }
        let x = self.a.x + t * (self.b.x - self.a.x);
        Point::new(x, self.y_at(x))
    }

    /// The two quadratic Béziers: first control point, midpoint, second
    /// control point, end (the start is `a`).
    pub fn quads(&self) -> [Point; 4] {
        let (a, b) = (self.a, self.b);
        let quarter = (b.x - a.x) * 0.25;
        let mid = Point::new((a.x + b.x) * 0.5, (a.y + b.y) * 0.5);
        [
            Point::new(a.x + quarter, a.y),
            mid,
            Point::new(b.x - quarter, b.y),
            b,
        ]
    }

    /// Approximate shortest distance from `p` to the curve.
    pub fn distance_to(&self, p: Point) -> f64 {
        let mut best = f64::INFINITY;
        let mut prev = self.a;
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

    /// A quadratic Bézier by its Bernstein form.
    fn quad(p0: Point, c: Point, p1: Point, t: f64) -> Point {
        let u = 1.0 - t;
        Point::new(
            u * u * p0.x + 2.0 * u * t * c.x + t * t * p1.x,
            u * u * p0.y + 2.0 * u * t * c.y + t * t * p1.y,
        )
    }

    const WIRES: [(Point, Point); 3] = [
        (Point { x: 10.0, y: 20.0 }, Point { x: 170.0, y: 380.0 }),
        (Point { x: 10.0, y: 300.0 }, Point { x: 80.0, y: 20.0 }),
        (Point { x: 0.0, y: 50.0 }, Point { x: 100.0, y: 50.0 }),
    ];

    #[test]
    fn points_lie_on_the_two_quadratics() {
        for (a, b) in WIRES {
            let c = Curve::s_curve(a, b);
            let [q1, mid, q2, end] = c.quads();
            assert_eq!(end, b);
            for k in 0..=50 {
                let s = f64::from(k) / 50.0;
                // The first quadratic at s is the curve at t = s/2, the
                // second at t = (1 + s)/2.
                for (want, t) in [
                    (quad(a, q1, mid, s), s * 0.5),
                    (quad(mid, q2, b, s), 0.5 + s * 0.5),
                ] {
                    let got = c.point(t);
                    assert!(
                        (got.x - want.x).abs() < 1e-9 && (got.y - want.y).abs() < 1e-9,
                        "{got:?} vs {want:?}"
                    );
                    assert!((c.y_at(want.x) - want.y).abs() < 1e-9);
                }
            }
        }
    }

    #[test]
    fn level_at_the_ends_and_smooth_at_the_middle() {
        for (a, b) in WIRES {
            let c = Curve::s_curve(a, b);
            let slope = |x: f64| (c.y_at(x + 1e-6) - c.y_at(x - 1e-6)) / 2e-6;
            assert!(slope(a.x).abs() < 1e-4 && slope(b.x).abs() < 1e-4);
            let mx = (a.x + b.x) * 0.5;
            let (left, right) = (
                (c.y_at(mx) - c.y_at(mx - 1e-4)) / 1e-4,
                (c.y_at(mx + 1e-4) - c.y_at(mx)) / 1e-4,
            );
            assert!(
                (left - right).abs() < 1e-3 * left.abs().max(1.0),
                "{left} vs {right}"
            );
            // The slope at the middle is twice the mean slope.
            let mean = (b.y - a.y) / (b.x - a.x);
            assert!((slope(mx) - 2.0 * mean).abs() < 1e-4 * mean.abs().max(1.0));
        }
    }

    #[test]
    fn endpoints_midpoint_and_distance() {
        let c = Curve::s_curve(Point::new(0.0, 0.0), Point::new(100.0, 50.0));
        assert_eq!(c.point(0.0), c.a);
        assert_eq!(c.point(1.0), c.b);
        let m = c.point(0.5);
        assert!((m.x - 50.0).abs() < 1e-9 && (m.y - 25.0).abs() < 1e-9);
        assert!(c.distance_to(m) < 0.5);
        assert!(c.distance_to(Point::new(50.0, 60.0)) > 20.0);
        assert_eq!(c.point(f64::NAN), c.a);
        // A wire with no width is its midpoint height, not NaN.
        let flat = Curve::s_curve(Point::new(5.0, 0.0), Point::new(5.0, 10.0));
        assert_eq!(flat.y_at(5.0), 5.0);
    }

    #[test]
    fn degenerate_segment() {
        let p = Point::new(1.0, 1.0);
        assert_eq!(segment_distance(Point::new(4.0, 5.0), p, p), 5.0);
    }
}
