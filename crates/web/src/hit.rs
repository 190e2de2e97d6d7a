//! What is under the pointer: a neuron or a wire.

use crate::layout::{Layout, Point, BASE_BOTTOM, BASE_HALF_WIDTH};

/// Something the user can hover or select.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    /// Neuron `index` of `layer` (layer 0 is the input layer).
    Neuron { layer: usize, index: usize },
    /// The weight of matrix `layer` from neuron `from` of layer `layer` to
    /// neuron `to` of layer `layer + 1`.
    Wire {
        layer: usize,
        from: usize,
        to: usize,
    },
}

/// How far from a wire (CSS px) a pointer still hits it.
pub const WIRE_TOLERANCE: f64 = 4.0;

/// What lies at (`x`, `y`) in CSS px. Neurons (globe or screw base) take
/// priority over wires; a wire is hit within [`WIRE_TOLERANCE`] px, the
/// closest one winning.
pub fn hit_test(layout: &Layout, x: f64, y: f64) -> Option<Hit> {
    if !(x.is_finite() && y.is_finite()) {
        return None;
    }
    let p = Point::new(x, y);
    let r = layout.radius();
    let reach = r + 2.0;
    for layer in 0..layout.layer_count() {
        let cx = layout.column_x(layer)?;
        if (x - cx).abs() > reach {
            continue;
        }
        for (index, &c) in layout.layer(layer).iter().enumerate() {
            let in_globe = p.dist(c) <= reach;
            let in_base = (x - c.x).abs() <= r * BASE_HALF_WIDTH + 1.0
                && y >= c.y
                && y <= c.y + r * BASE_BOTTOM;
            if in_globe || in_base {
                return Some(Hit::Neuron { layer, index });
            }
        }
    }
    wire_at(layout, p)
}

/// The closest wire within tolerance of `p`. Only the weight matrix whose
/// column gap contains `p.x` is searched.
fn wire_at(layout: &Layout, p: Point) -> Option<Hit> {
    let r = layout.radius();
    let layers = layout.layer_count();
    let layer = (0..layers.saturating_sub(1)).find(|&l| {
        let a = layout.column_x(l).unwrap_or(f64::INFINITY);
        let b = layout.column_x(l + 1).unwrap_or(f64::NEG_INFINITY);
        p.x >= a + r - WIRE_TOLERANCE && p.x <= b - r + WIRE_TOLERANCE
    })?;
    let mut best: Option<(f64, Hit)> = None;
    for (from, &a) in layout.layer(layer).iter().enumerate() {
        for (to, &b) in layout.layer(layer + 1).iter().enumerate() {
            let curve = layout.wire_between(a, b);
            // Cheap reject: the curve stays within the y span of its ends.
            let (lo, hi) = (curve.a.y.min(curve.b.y), curve.a.y.max(curve.b.y));
            if p.y < lo - WIRE_TOLERANCE || p.y > hi + WIRE_TOLERANCE {
                continue;
            }
            let d = curve.distance_to(p);
            if d <= WIRE_TOLERANCE && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, Hit::Wire { layer, from, to }));
            }
        }
    }
    best.map(|(_, h)| h)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layouts() -> Vec<(Layout, Vec<usize>)> {
        let archs: [&[usize]; 5] = [
            &[1, 1],
            &[2, 8, 8, 1],
            &[3, 5, 2],
            &[7, 16, 16, 10],
            &[2, 4, 1, 4, 2],
        ];
        let mut out = Vec::new();
        for sizes in archs {
            for (w, h) in [(360.0, 640.0), (1280.0, 800.0)] {
                let mut l = Layout::new();
                l.compute(w, h, 2.0, sizes);
                out.push((l, sizes.to_vec()));
            }
        }
        out
    }

    #[test]
    fn bulb_centres_hit_their_neuron() {
        for (layout, sizes) in layouts() {
            for (layer, &n) in sizes.iter().enumerate() {
                for index in 0..n {
                    let c = layout.neuron(layer, index).unwrap_or_default();
                    assert_eq!(
                        hit_test(&layout, c.x, c.y),
                        Some(Hit::Neuron { layer, index })
                    );
                }
            }
        }
    }

    #[test]
    fn wire_midpoints_hit_their_wire() {
        for (layout, sizes) in layouts() {
            for (layer, pair) in sizes.windows(2).enumerate() {
                let (&ins, &outs) = (pair.first().unwrap_or(&0), pair.get(1).unwrap_or(&0));
                for from in 0..ins {
                    for to in 0..outs {
                        let m = layout.wire(layer, from, to).unwrap_or_default().point(0.5);
                        let hit = hit_test(&layout, m.x, m.y);
                        let want = Hit::Wire { layer, from, to };
                        if ins == 1 || outs == 1 {
                            // Fan-in/fan-out: midpoints are unique.
                            assert_eq!(hit, Some(want), "{sizes:?} at {m:?}");
                        } else if let Some(Hit::Wire {
                            layer: l,
                            from: f,
                            to: t,
                        }) = hit
                        {
                            // Crossing wires may share a midpoint: the hit must
                            // be as close as the wanted one.
                            let other = layout.wire(l, f, t).unwrap_or_default();
                            assert_eq!(l, layer);
                            assert!(other.distance_to(m) < 1e-6, "{sizes:?} {hit:?}");
                        } else {
                            assert_eq!(hit, Some(want), "{sizes:?} at {m:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn nearest_wire_wins_off_the_midpoint() {
        let mut layout = Layout::new();
        layout.compute(1280.0, 800.0, 1.0, &[3, 5]);
        for from in 0..3 {
            for to in 0..5 {
                let p = layout.wire(0, from, to).unwrap_or_default().point(0.3);
                let hit = hit_test(&layout, p.x, p.y + 0.5);
                assert_eq!(hit, Some(Hit::Wire { layer: 0, from, to }));
            }
        }
    }

    #[test]
    fn empty_space_hits_nothing() {
        for (layout, _) in layouts() {
            assert_eq!(hit_test(&layout, 1.0, 1.0), None);
            assert_eq!(
                hit_test(&layout, layout.width() - 1.0, layout.height() - 1.0),
                None
            );
            assert_eq!(hit_test(&layout, f64::NAN, 5.0), None);
        }
        // Far above the wires between two single bulbs.
        let mut l = Layout::new();
        l.compute(800.0, 600.0, 1.0, &[1, 1]);
        let a = l.neuron(0, 0).unwrap_or_default();
        let b = l.neuron(1, 0).unwrap_or_default();
        assert_eq!(hit_test(&l, (a.x + b.x) * 0.5, a.y - 40.0), None);
    }
}
