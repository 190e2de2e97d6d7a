//! # lightbulb-web
//!
//! The wasm-bindgen boundary of Lightbulb. Long-lived state lives behind one
//! opaque handle, [`app::Lightbulb`]: the session, the scene and the drawing.
//! JavaScript wires DOM controls to its methods and runs the
//! `requestAnimationFrame` loop; Rust draws on the canvases through web-sys.
//! Layout, colours and glow are plain Rust functions, tested natively.
//!
//! ```
//! use lightbulb_web::app::PageState;
//!
//! // The page's configuration comes from the URL hash; bad keys are reported, not fatal.
//! let (state, ignored) = PageState::from_hash("#dataset=xor&layers=8,8&lr=abc");
//! assert_eq!(state.get("layers").as_deref(), Some("8,8"));
//! assert_eq!(ignored.len(), 1);
//! // In the browser: `new Lightbulb(location.hash)`, `attach(…)`, then
//! // `frame(performance.now())` every animation frame.
//! ```
//!
//! Every exported function returns `Result<_, JsError>` or cannot fail: a
//! panic would abort the whole instance, so this crate denies `unwrap`,
//! `expect`, `panic!`, `unreachable!` and slice indexing outside tests.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::unreachable
    )
)]

pub mod app;
pub mod bench;
pub mod color;
pub mod glow;
pub mod hit;
pub mod layout;
pub mod offscreen;
pub mod plot;
pub mod render;
pub mod scene;

use wasm_bindgen::prelude::*;

/// The crate version, so the page can show which build it runs.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The listed values of a setting with a fixed list of numbers ("lr",
/// "regrate"), as the hash writes them, for the page's select boxes.
#[wasm_bindgen]
pub fn setting_choices(key: &str) -> Result<Vec<String>, JsError> {
    app::number_choices(key).ok_or_else(|| {
        JsError::new(&format!(
            "setting \"{}\" has no list of choices",
            app::clip(key)
        ))
    })
}

/// Draws a live thumbnail of a dataset on `canvas` (for the dataset picker):
/// a few hundred points of `kind` (`"circle"`, `"spiral"`, `"multi_gauss"`,
/// …) at `noise` percent (0..=50) with `classes` classes (2..=10, checked
/// for every kind, used by blobs and spiral), coloured as in the data plot.
/// The canvas's backing store is sized to its CSS size × devicePixelRatio.
/// Fails, drawing nothing, on an unknown kind, a non-finite or out-of-range
/// noise, or a class count outside 2..=10; the message names the value.
#[wasm_bindgen]
pub fn draw_dataset_preview(
    canvas: web_sys::HtmlCanvasElement,
    kind: &str,
    classes: usize,
    noise: f64,
) -> Result<(), JsError> {
    let params = plot::preview::preview_params(kind, classes, noise)
        .map_err(|e| JsError::new(&format!("dataset preview: {e}")))?;
    let data = lightbulb_core::generate(&params);
    plot::preview::draw_preview(&canvas, &data).map_err(|e| {
        JsError::new(&format!(
            "dataset preview of {kind}: drawing failed: {}",
            e.as_string().unwrap_or_else(|| format!("{e:?}"))
        ))
    })
}
