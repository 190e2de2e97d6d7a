//! Browser tests of the drawing: the handle paints lit bulbs on the network
//! canvas and a heatmap on the data plot. Run with
//! `cargo test -p lightbulb-web --target wasm32-unknown-unknown` (headless Chromium).
#![cfg(target_arch = "wasm32")]

use lightbulb_web::Lightbulb;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

fn make_canvas(id: &str, w: u32, h: u32) -> HtmlCanvasElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let body = document.query_selector("body").unwrap().unwrap();
    let html =
        format!(r#"<canvas id="{id}" style="width:{w}px;height:{h}px;display:block"></canvas>"#);
    body.insert_adjacent_html("beforeend", &html).unwrap();
    document.get_element_by_id(id).unwrap().dyn_into().unwrap()
}

fn pixels(canvas: &HtmlCanvasElement) -> Vec<u8> {
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    ctx.get_image_data(
        0.0,
        0.0,
        f64::from(canvas.width()),
        f64::from(canvas.height()),
    )
    .unwrap()
    .data()
    .to_vec()
}

#[wasm_bindgen_test]
fn the_network_view_shows_lit_bulbs_on_a_dark_stage() {
    let (net, data, chart) = (
        make_canvas("n", 480, 320),
        make_canvas("d", 200, 200),
        make_canvas("c", 200, 80),
    );
    let mut lb = Lightbulb::new("layers=4,2").unwrap();
    lb.attach(net.clone(), data.clone(), chart).unwrap();
    lb.set_input(5.0, 5.0).unwrap();
    lb.frame(0.0).unwrap();
    let px = pixels(&net);
    let n = px.len() / 4;
    assert!(n >= 480 * 320, "backing store {n} pixels");
    let warm = px
        .chunks_exact(4)
        .filter(|p| p[0] > 200 && p[1] > 150 && p[3] == 255)
        .count();
    let dark = px
        .chunks_exact(4)
        .filter(|p| p[0] < 40 && p[1] < 40 && p[2] < 60)
        .count();
    assert!(warm > 50, "no glowing bulb: {warm} warm pixels");
    assert!(dark > n / 2, "the stage is not dark: {dark} of {n}");
    // The data plot is painted everywhere (heatmap plus frame): no transparent pixel.
    let d = pixels(&data);
    assert!(
        d.chunks_exact(4).all(|p| p[3] == 255),
        "unpainted data-plot pixels"
    );
}

#[wasm_bindgen_test]
fn attaching_a_canvas_that_is_not_2d_capable_is_an_error() {
    let c = make_canvas("gl", 10, 10);
    // A canvas that already has a WebGL context cannot give a 2D one.
    let _ = c.get_context("webgl");
    let mut lb = Lightbulb::new("").unwrap();
    if c.get_context("webgl").ok().flatten().is_some() {
        assert!(lb.attach(c.clone(), c.clone(), c).is_err());
    }
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(lightbulb_web::version(), env!("CARGO_PKG_VERSION"));
}
