//! The data plot and the loss chart in a real browser: heatmap pixels read
//! back from the canvas, the plot's pointer mapping, and the chart read-out.
#![cfg(target_arch = "wasm32")]

use lightbulb_web::plot::geometry::PlotRect;
use lightbulb_web::plot::palette::{heat, HEAT_NEG, HEAT_POS};
use lightbulb_web::Lightbulb;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

const W: f64 = 300.0;
const H: f64 = 240.0;

fn canvas(id: &str) -> HtmlCanvasElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let body = document.query_selector("body").unwrap().unwrap();
    let html = format!(r#"<canvas id="{id}" style="width:{W}px;height:{H}px"></canvas>"#);
    body.insert_adjacent_html("beforeend", &html).unwrap();
    document.get_element_by_id(id).unwrap().dyn_into().unwrap()
}

fn attached(hash: &str, tag: &str) -> (Lightbulb, HtmlCanvasElement, HtmlCanvasElement) {
    let mut lb = Lightbulb::new(hash).unwrap();
    let (data, chart) = (canvas(&format!("{tag}-d")), canvas(&format!("{tag}-c")));
    lb.attach(canvas(&format!("{tag}-n")), data.clone(), chart.clone())
        .unwrap();
    (lb, data, chart)
}

fn pixel(c: &HtmlCanvasElement, x: f64, y: f64) -> [u8; 4] {
    let ctx: CanvasRenderingContext2d = c.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    let dpr = f64::from(c.width()) / W;
    let d = ctx
        .get_image_data((x * dpr).floor(), (y * dpr).floor(), 1.0, 1.0)
        .unwrap()
        .data();
    [d[0], d[1], d[2], d[3]]
}

/// Whether `p` lies (within rounding) on the segment between colours `a` and `b`.
fn between(p: [u8; 4], a: [u8; 4], b: [u8; 4]) -> bool {
    let f = |i: usize| (f64::from(p[i]), f64::from(a[i]), f64::from(b[i]));
    let (pr, ar, br) = f(0);
    let t = if (br - ar).abs() > 1.0 {
        (pr - ar) / (br - ar)
    } else {
        0.0
    };
    (-0.02..=1.02).contains(&t)
        && (0..3).all(|i| {
            let (p, a, b) = f(i);
            (a + t * (b - a) - p).abs() <= 3.0
        })
}

#[wasm_bindgen_test]
fn discretized_heatmap_pixels_are_the_two_flat_colours_or_their_blend() {
    let (mut lb, data, _) = attached("dataset=circle&discretize=1", "disc");
    lb.clear_points().unwrap();
    lb.frame(0.0).unwrap();
    let rect = PlotRect::fit(W, H);
    let (pos, neg) = (heat(HEAT_POS, 1.0), heat(HEAT_NEG, 1.0));
    for (x1, x2) in [
        (-4.5, -4.5),
        (4.5, 4.5),
        (-4.5, 4.5),
        (4.5, -4.5),
        (-1.5, 2.2),
        (2.2, -1.5),
    ] {
        let (x, y) = rect.to_px(x1, x2);
        let p = pixel(&data, x, y);
        assert_eq!(p[3], 255, "opaque at ({x1}, {x2})");
        assert!(
            between(p, pos, neg),
            "{p:?} at ({x1}, {x2}) is not between {pos:?} and {neg:?}"
        );
    }
}

#[wasm_bindgen_test]
fn the_plot_maps_pointer_positions_back_to_data() {
    let (mut lb, _, _) = attached("dataset=xor", "map");
    lb.frame(0.0).unwrap();
    let rect = PlotRect::fit(W, H);
    for (x1, x2) in [(0.0, 0.0), (-6.0, 6.0), (2.5, -1.25)] {
        let (x, y) = rect.to_px(x1, x2);
        let p = lb.plot_point(x, y).unwrap();
        assert!(
            (p[0] - x1).abs() < 1e-9 && (p[1] - x2).abs() < 1e-9,
            "{p:?} vs ({x1}, {x2})"
        );
    }
    let far = lb.plot_point(-1000.0, 1000.0).unwrap();
    assert_eq!(far, vec![-6.0, -6.0]);
}

#[wasm_bindgen_test]
fn the_chart_reads_out_the_nearest_epoch_once_trained() {
    let (mut lb, _, chart) = attached("dataset=xor", "chart");
    lb.frame(0.0).unwrap();
    assert_eq!(lb.hover_chart(150.0).unwrap(), "");
    lb.play().unwrap();
    for i in 1..=12 {
        lb.frame(f64::from(i) * 16.0).unwrap();
    }
    lb.pause().unwrap();
    lb.set_log_chart(true).unwrap();
    let text = lb.hover_chart(W - 20.0).unwrap();
    assert!(text.starts_with("epoch 1"), "{text}");
    assert!(
        text.contains("train loss") && text.contains("accuracy"),
        "{text}"
    );
    assert!(!text.contains("NaN") && !text.contains("inf"), "{text}");
    lb.frame(300.0).unwrap();
    assert_eq!(lb.hover_chart(f64::NAN).unwrap(), "");
    // The chart drew something other than its background in the plotting area.
    let drawn = (60..280)
        .step_by(4)
        .any(|x| pixel(&chart, f64::from(x), 120.0) != [16, 19, 26, 255]);
    assert!(drawn);
}
