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
pub mod plot;
pub mod render;
pub mod scene;

use wasm_bindgen::prelude::*;

/// The crate version, so the page can show which build it runs.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
