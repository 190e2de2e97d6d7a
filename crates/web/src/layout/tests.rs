//! Layout invariants over every allowed architecture and several canvases.

use super::*;

/// Canvas sizes (CSS px) from phone portrait to projector.
const CANVASES: [(f64, f64); 6] = [
    (320.0, 420.0),
    (360.0, 640.0),
    (640.0, 360.0),
    (768.0, 600.0),
    (1280.0, 800.0),
    (1920.0, 1080.0),
];

/// Checks that no two cells overlap, everything is inside the canvas and
/// clear of the label and legend bands.
fn check(layout: &Layout, sizes: &[usize]) -> Result<(), String> {
    let canvas = Rect::new(0.0, 0.0, layout.width(), layout.height());
    let top = layout.label_y() + 2.0;
    let legend = layout.legend();
    let r = layout.radius();
    if !(r > 0.0 && r.is_finite()) {
        return Err(format!("bad radius {r}"));
    }
    for (l, &n) in sizes.iter().enumerate() {
        let col = layout.layer(l);
        if col.len() != n {
            return Err(format!("layer {l}: {} centres for {n}", col.len()));
        }
        for (k, &c) in col.iter().enumerate() {
            let cell = layout.cell_rect(c);
            if !canvas.contains_rect(&cell) {
                return Err(format!("{l}/{k} {cell:?} outside {canvas:?}"));
            }
            if cell.y < top || cell.overlaps(&legend) {
                return Err(format!("{l}/{k} {cell:?} in label/legend band"));
            }
            // Same column, next neuron.
            if let Some(&d) = col.get(k + 1) {
                let other = layout.cell_rect(d);
                if cell.overlaps(&other) {
                    return Err(format!("{l}/{k} overlaps {l}/{}", k + 1));
                }
            }
            // Neighbouring column: every neuron.
            for (m, &d) in layout.layer(l + 1).iter().enumerate() {
                if cell.overlaps(&layout.cell_rect(d)) {
                    return Err(format!("{l}/{k} overlaps {}/{m}", l + 1));
                }
            }
        }
    }
    if sizes.len() > 1 {
        // Wires need visible room between bulbs.
        let gap = layout.column_pitch() - 2.0 * r;
        if gap < layout.column_pitch() * 0.45 {
            return Err(format!("no room for wires: gap {gap}"));
        }
    }
    Ok(())
}

fn architectures() -> Vec<Vec<usize>> {
    let mut all = Vec::new();
    for inputs in 1..=7 {
        for outputs in 1..=10 {
            for hidden in 0..=8usize {
                for width in 1..=16 {
                    if hidden == 0 && width > 1 {
                        continue;
                    }
                    let mut s = vec![inputs];
                    s.extend(std::iter::repeat_n(width, hidden));
                    s.push(outputs);
                    all.push(s);
                }
                // Mixed widths: a funnel and a bottleneck.
                if hidden > 1 {
                    let mut funnel = vec![inputs];
                    funnel.extend((0..hidden).map(|k| 16 - k * 15 / (hidden - 1)));
                    funnel.push(outputs);
                    all.push(funnel);
                    let mut neck = vec![inputs];
                    neck.extend((0..hidden).map(|k| if k % 2 == 0 { 16 } else { 2 }));
                    neck.push(outputs);
                    all.push(neck);
                }
            }
        }
    }
    all
}

#[test]
fn no_overlap_and_inside_for_every_architecture() {
    let archs = architectures();
    assert!(archs.len() > 10_000);
    let mut layout = Layout::new();
    for (w, h) in CANVASES {
        for sizes in &archs {
            layout.compute(w, h, 2.0, sizes);
            let res = check(&layout, sizes);
            assert!(res.is_ok(), "{w}x{h} {sizes:?}: {res:?}");
        }
    }
}

/// Projector mode: on the network canvas of a 1920 × 1080 screen (about
/// 1150 × 560 CSS px), every text is at least 24 px, and the cells still
/// neither overlap nor leave the canvas.
#[test]
fn projector_text_is_24_px_and_still_fits() {
    let archs = architectures();
    let mut layout = Layout::new();
    layout.set_min_font(24.0);
    for (w, h) in [(1150.0, 560.0), (1920.0, 1080.0), (768.0, 600.0)] {
        for sizes in archs.iter().step_by(7) {
            layout.compute(w, h, 1.0, sizes);
            assert!(layout.label_font() >= 24.0 && layout.legend_font() >= 24.0);
            assert!(layout.value_font() >= 24.0, "{sizes:?}");
            let res = check(&layout, sizes);
            assert!(res.is_ok(), "{w}x{h} {sizes:?}: {res:?}");
        }
    }
    // The lecture's network keeps its values at 24 px.
    layout.compute(1150.0, 560.0, 1.0, &[2, 4, 4, 1]);
    assert!(layout.show_values());
    assert_eq!(layout.value_font(), 24.0);
    // Without the minimum the same canvas uses 13 px labels.
    layout.set_min_font(0.0);
    layout.compute(1150.0, 560.0, 1.0, &[2, 4, 4, 1]);
    assert_eq!(layout.label_font(), 13.0);
}

#[test]
fn values_are_shown_on_ordinary_screens() {
    let mut layout = Layout::new();
    layout.compute(1280.0, 800.0, 1.0, &[7, 16, 16, 16, 16, 16, 16, 16, 16, 10]);
    assert!(layout.show_values());
    layout.compute(360.0, 640.0, 3.0, &[2, 8, 8, 1]);
    assert!(layout.show_values());
    assert!(layout.radius() >= 8.0);
    layout.compute(1920.0, 1080.0, 1.0, &[1, 1]);
    assert!(layout.radius() >= 30.0);
}

#[test]
fn wires_run_from_right_edge_to_left_edge() {
    let mut layout = Layout::new();
    layout.compute(800.0, 600.0, 1.0, &[2, 3, 1]);
    let r = layout.radius();
    let a = layout.neuron(0, 1).unwrap_or_default();
    let b = layout.neuron(1, 2).unwrap_or_default();
    let wire = layout.wire(0, 1, 2).unwrap_or_default();
    assert_eq!(wire.a, Point::new(a.x + r, a.y));
    assert_eq!(wire.b, Point::new(b.x - r, b.y));
    assert!(layout.wire(0, 2, 0).is_none());
    assert!(layout.wire(2, 0, 0).is_none());
}

#[test]
fn recompute_with_same_architecture_keeps_buffers() {
    let mut layout = Layout::new();
    let sizes = [3, 16, 16, 4];
    layout.compute(1000.0, 700.0, 1.0, &sizes);
    let ptr = layout.centers.as_ptr();
    let cap = layout.centers.capacity();
    layout.compute(600.0, 500.0, 2.0, &sizes);
    assert_eq!(layout.centers.as_ptr(), ptr);
    assert_eq!(layout.centers.capacity(), cap);
}

#[test]
fn degenerate_inputs_do_not_panic() {
    let mut layout = Layout::new();
    layout.compute(f64::NAN, -5.0, f64::INFINITY, &[]);
    assert_eq!(layout.layer_count(), 0);
    assert!(layout.layer(3).is_empty());
    layout.compute(0.0, 0.0, 0.0, &[1, 1]);
    assert!(layout.radius().is_finite());
}

#[test]
fn dense_network_on_a_phone_drops_values_but_keeps_bulbs() {
    let mut l = Layout::new();
    l.compute(360.0, 740.0, 2.0, &[7, 16, 16, 16, 16, 16, 16, 16, 16, 10]);
    assert!(!l.show_values());
    assert!(l.radius() >= 5.0, "{}", l.radius());
    assert!(l.short_labels());
}

#[test]
fn input_names_fit_left_of_the_input_column_at_the_canvas_edge() {
    // Seven features ("sin x₁" is 6 characters) and eight layers of 16 on a
    // phone's network canvas: the names used to be cut at the left edge.
    let mut sizes = vec![7];
    sizes.extend([16; 8]);
    sizes.push(1);
    for (w, h) in [
        (350.0, 358.0),
        (320.0, 420.0),
        (360.0, 640.0),
        (1280.0, 800.0),
    ] {
        for projector in [0.0, crate::legible::PROJECTOR_TEXT] {
            let mut l = Layout::new();
            l.set_min_font(projector);
            l.compute(w, h, 3.0, &sizes);
            let plain = l.layer(0)[0];
            l.set_input_chars(6);
            l.compute(w, h, 3.0, &sizes);
            let c = l.layer(0)[0];
            // The name at the least it may be shrunk to (7 px; projector
            // mode: never shrunk) ends at least EDGE from the canvas's edge.
            let least = if projector > 0.0 {
                l.input_font()
            } else {
                l.input_font().min(INPUT_NAME_MIN)
            };
            let start = l.input_name_x(c) - 6.0 * fit::GLYPH * least;
            assert!(
                start >= EDGE - 1e-9,
                "{w}×{h} projector {projector}: the name starts at {start}"
            );
            assert!(l.input_name_room(c) >= 6.0 * fit::GLYPH * least - 1e-9);
            // Only as far right as needed: never left of where it was.
            assert!(c.x >= plain.x);
            check(&l, &sizes).unwrap();
        }
    }
    // A wide canvas has room already: nothing moves.
    let mut l = Layout::new();
    l.compute(1280.0, 800.0, 1.0, &sizes);
    let before: Vec<f64> = (0..sizes.len()).map(|k| l.layer(k)[0].x).collect();
    l.set_input_chars(6);
    l.compute(1280.0, 800.0, 1.0, &sizes);
    let after: Vec<f64> = (0..sizes.len()).map(|k| l.layer(k)[0].x).collect();
    assert_eq!(before, after);
    // On the phone the input column moves right.
    let mut l = Layout::new();
    l.compute(350.0, 358.0, 3.0, &sizes);
    let x0 = l.layer(0)[0].x;
    l.set_input_chars(6);
    l.compute(350.0, 358.0, 3.0, &sizes);
    assert!(l.layer(0)[0].x > x0 + 1.0, "{} vs {x0}", l.layer(0)[0].x);
}
