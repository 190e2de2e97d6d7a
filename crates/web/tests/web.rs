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
    assert_eq!(lightbulb_web::version().unwrap(), env!("CARGO_PKG_VERSION"));
}

/// A scene of the largest network (7 inputs, 8 × 16, 1 output) with
/// weights from `wseed` and activations and maps from `seed`, moving.
fn moving_scene(wseed: u64, seed: u64) -> lightbulb_web::scene::Scene {
    use lightbulb_web::glow::ActivationKind;
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut sizes = vec![7];
    sizes.extend([16; 8]);
    sizes.push(1);
    let kinds = vec![ActivationKind::Tanh; sizes.len()];
    let mut scene = lightbulb_web::scene::Scene::new();
    scene.set_architecture(&sizes, &kinds);
    scene.set_thumb_res(8);
    for layer in 0..sizes.len() {
        for a in scene.a_mut(layer).unwrap() {
            *a = next() * 2.0 - 1.0;
        }
    }
    for (layer, &n) in sizes.iter().enumerate().skip(1) {
        for index in 0..n {
            for p in scene.thumb_mut(layer, index).unwrap() {
                *p = (next() * 255.0) as u8;
            }
        }
    }
    // A different revision per seed, as one scene's maps would have after
    // a new grid.
    for _ in 0..seed {
        scene.touch_thumbs();
    }
    let mut w = {
        let mut s = wseed;
        move || {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1);
            (s >> 11) as f64 / (1u64 << 53) as f64 - 0.5
        }
    };
    for m in 0..sizes.len() - 1 {
        for v in scene.weights_mut(m).unwrap() {
            *v = w();
        }
    }
    scene.settled = false;
    scene
}

#[wasm_bindgen_test]
fn moving_bulbs_kept_as_column_images_match_bulbs_drawn_afresh() {
    use lightbulb_web::render::Renderer;
    let ctx = |c: &HtmlCanvasElement| -> CanvasRenderingContext2d {
        c.get_context("2d").unwrap().unwrap().dyn_into().unwrap()
    };
    let (w, h, dpr) = (390.0, 600.0, 2.0);
    let (kept, fresh) = (
        make_canvas("kept", 390, 600),
        make_canvas("fresh", 390, 600),
    );
    for c in [&kept, &fresh] {
        c.set_width(780);
        c.set_height(1200);
    }
    let (a, b) = (moving_scene(7, 1), moving_scene(7, 2));
    let mut r = Renderer::new();
    for _ in 0..3 {
        r.draw(&ctx(&kept), &a, w, h, dpr).unwrap();
    }
    let before = pixels(&kept);
    // Every bulb's level, sign and map change: the columns are brought up
    // to date bulb by bulb over a few frames (maps 24 a frame).
    for _ in 0..12 {
        r.draw(&ctx(&kept), &b, w, h, dpr).unwrap();
    }
    let mut r2 = Renderer::new();
    for _ in 0..12 {
        r2.draw(&ctx(&fresh), &b, w, h, dpr).unwrap();
    }
    let (got, want) = (pixels(&kept), pixels(&fresh));
    let changed = before
        .chunks_exact(4)
        .zip(want.chunks_exact(4))
        .filter(|(p, q)| p != q)
        .count();
    assert!(
        changed > 10_000,
        "the two scenes look alike: {changed} pixels differ"
    );
    let off = got
        .chunks_exact(4)
        .zip(want.chunks_exact(4))
        .filter(|(p, q)| p != q)
        .count();
    assert_eq!(off, 0, "{off} pixels differ from the picture drawn afresh");
}
