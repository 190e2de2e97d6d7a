//! lightbulb-web: the wasm-bindgen boundary of Lightbulb.
//!
//! Until the network view lands, the page calls [`draw_placeholder`], which
//! draws one glowing bulb on a canvas through web-sys.

pub mod app;
pub mod bench;
pub mod color;
pub mod demo;
pub mod glow;
pub mod hit;
pub mod layout;
pub mod plot;
pub mod render;
pub mod scene;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Draws the placeholder (a single glowing lightbulb) on the canvas with id
/// `canvas_id`. Errors name what was missing.
#[wasm_bindgen]
pub fn draw_placeholder(canvas_id: &str) -> Result<(), JsError> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsError::new("no document"))?;
    let canvas: HtmlCanvasElement = document
        .get_element_by_id(canvas_id)
        .ok_or_else(|| JsError::new(&format!("no element with id \"{canvas_id}\"")))?
        .dyn_into()
        .map_err(|_| JsError::new(&format!("element \"{canvas_id}\" is not a canvas")))?;
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(|_| JsError::new("getContext(\"2d\") failed"))?
        .ok_or_else(|| JsError::new("canvas has no 2d context"))?
        .dyn_into()
        .map_err(|_| JsError::new("2d context has an unexpected type"))?;

    let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    ctx.set_fill_style_str("#10131a");
    ctx.fill_rect(0.0, 0.0, w, h);

    let (cx, cy, r) = (w / 2.0, h / 2.0, w.min(h) / 6.0);
    // The glow: a blurred shadow under the bulb.
    ctx.set_shadow_color("rgba(255, 230, 140, 0.9)");
    ctx.set_shadow_blur(r);
    ctx.set_fill_style_str("#ffe58a");
    ctx.begin_path();
    ctx.arc(cx, cy, r, 0.0, std::f64::consts::TAU)
        .map_err(|_| JsError::new("arc failed"))?;
    ctx.fill();
    ctx.set_shadow_blur(0.0);

    ctx.set_fill_style_str("#8a8f99");
    ctx.fill_rect(cx - r * 0.4, cy + r * 0.85, r * 0.8, r * 0.5);
    Ok(())
}

/// The crate version, so the page can show which build it runs.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
