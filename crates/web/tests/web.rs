//! Browser tests of the wasm boundary. Run with
//! `cargo test -p lightbulb-web --target wasm32-unknown-unknown` (headless Chromium).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

fn make_canvas(id: &str) -> HtmlCanvasElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let body = document.query_selector("body").unwrap().unwrap();
    let html = format!(r#"<canvas id="{id}" width="120" height="90"></canvas>"#);
    body.insert_adjacent_html("beforeend", &html).unwrap();
    document.get_element_by_id(id).unwrap().dyn_into().unwrap()
}

#[wasm_bindgen_test]
fn placeholder_paints_the_bulb_in_the_centre() {
    let canvas = make_canvas("bulb-test");
    lightbulb_web::draw_placeholder("bulb-test").unwrap();
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let centre = ctx.get_image_data(60.0, 45.0, 1.0, 1.0).unwrap().data();
    // The bulb is yellow: strong red and green, weaker blue, opaque.
    assert!(
        centre[0] > 200 && centre[1] > 180 && centre[2] < 200,
        "{centre:?}"
    );
    assert_eq!(centre[3], 255);
    let corner = ctx.get_image_data(0.0, 0.0, 1.0, 1.0).unwrap().data();
    assert!(
        corner[0] < centre[0],
        "corner {corner:?} not darker than centre {centre:?}"
    );
}

#[wasm_bindgen_test]
fn placeholder_reports_a_missing_canvas() {
    assert!(lightbulb_web::draw_placeholder("no-such-canvas").is_err());
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(lightbulb_web::version(), env!("CARGO_PKG_VERSION"));
}
