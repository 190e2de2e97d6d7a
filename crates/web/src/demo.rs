//! A self-contained demo of the network view: a made-up network drawn in
//! any phase, for visual checks without the rest of the app.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::glow::ActivationKind;
use crate::hit::hit_test;
use crate::render::Renderer;
use crate::scene::{Phase, Scene};

/// A deterministic pseudo-random value in −1..1 for seed `k`.
fn noise(k: usize) -> f64 {
    let x = (k as f64 * 12.9898 + 78.233).sin() * 43_758.545_3;
    (x - x.floor()) * 2.0 - 1.0
}

/// The phase for demo code `code` in a network of `layers` layers:
/// 0 Idle, 1..L−1 Forward(code), L Loss, L+1..2L−1 Backward(2L − code),
/// 2L Update.
pub fn phase_from_code(code: u32, layers: usize) -> Phase {
    let code = usize::try_from(code).unwrap_or(0);
    let l = layers.max(2);
    match code {
        0 => Phase::Idle,
        c if c < l => Phase::Forward(c),
        c if c == l => Phase::Loss,
        c if c < 2 * l => Phase::Backward(2 * l - c),
        c if c == 2 * l => Phase::Update,
        _ => Phase::Idle,
    }
}

/// Fills `scene` with a plausible network of the given sizes: tanh
/// hidden layers, a sigmoid output, weights, δ, ∂L/∂w and previous weights.
pub fn fill_demo_scene(scene: &mut Scene, sizes: &[usize]) {
    let layers = sizes.len();
    let mut kinds = [ActivationKind::Tanh; 16];
    if let Some(k) = kinds.first_mut() {
        *k = ActivationKind::Input { lo: -1.0, hi: 1.0 };
    }
    if let Some(k) = kinds.get_mut(layers.saturating_sub(1)) {
        *k = ActivationKind::Sigmoid;
    }
    scene.set_architecture(sizes, kinds.get(..layers.min(16)).unwrap_or(&[]));
    let mut seed = 1;
    for l in 0..layers {
        if let Some(a) = scene.a_mut(l) {
            for v in a.iter_mut() {
                seed += 1;
                *v = noise(seed) * if l + 1 == layers { 0.5 } else { 1.0 };
            }
        }
        if l + 1 == layers {
            if let Some(a) = scene.a_mut(l) {
                a.iter_mut().for_each(|v| *v = 0.5 + *v * 0.8);
            }
        }
        if let Some(d) = scene.delta_mut(l) {
            for v in d.iter_mut() {
                seed += 1;
                *v = noise(seed) * 0.3;
            }
        }
    }
    for m in 0..layers.saturating_sub(1) {
        if let Some(w) = scene.weights_mut(m) {
            for v in w.iter_mut() {
                seed += 1;
                *v = noise(seed) * 1.4;
            }
        }
        if let Some(g) = scene.grad_w_mut(m) {
            for v in g.iter_mut() {
                seed += 1;
                *v = noise(seed).powi(3) * 0.2;
            }
        }
    }
    scene.snapshot_prev_weights();
    for m in 0..layers.saturating_sub(1) {
        if let Some(w) = scene.weights_mut(m) {
            for v in w.iter_mut() {
                seed += 1;
                *v += noise(seed) * 0.6;
            }
        }
    }
    let labels = ["x₁", "x₂", "x₁²", "x₂²", "x₁x₂", "sin x₁", "sin x₂"];
    for (i, l) in labels.iter().enumerate() {
        scene.set_input_label(i, l);
    }
    scene.targets_mut().iter_mut().for_each(|t| *t = 1.0);
    scene.loss = Some(0.073);
}

fn context(canvas_id: &str) -> Result<(HtmlCanvasElement, CanvasRenderingContext2d), JsError> {
    let window = web_sys::window().ok_or_else(|| JsError::new("no window"))?;
    let document = window
        .document()
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
    Ok((canvas, ctx))
}

/// Draws the demo network [2, 8, 8, 1] in phase `phase` (see
/// [`phase_from_code`]) at progress `t` on canvas `canvas_id`, sized to
/// the canvas's CSS box and the device pixel ratio.
#[wasm_bindgen]
pub fn demo_render(canvas_id: &str, phase: u32, t: f64) -> Result<(), JsError> {
    demo_render_with(canvas_id, &[2, 8, 8, 1], phase, t, f64::NAN, f64::NAN)
}

/// Like [`demo_render`] with any layer sizes, and a pointer position
/// (CSS px, NaN for none) that is hit-tested and highlighted.
#[wasm_bindgen]
pub fn demo_render_with(
    canvas_id: &str,
    sizes: &[u32],
    phase: u32,
    t: f64,
    pointer_x: f64,
    pointer_y: f64,
) -> Result<(), JsError> {
    let (canvas, ctx) = context(canvas_id)?;
    let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
    let (w, h) = (
        f64::from(canvas.client_width()),
        f64::from(canvas.client_height()),
    );
    // Device pixels are whole numbers; the cast saturates on overflow.
    canvas.set_width((w * dpr).round().max(1.0) as u32);
    canvas.set_height((h * dpr).round().max(1.0) as u32);

    let sizes: Vec<usize> = sizes
        .iter()
        .map(|&n| usize::try_from(n).unwrap_or(1).clamp(1, 64))
        .take(16)
        .collect();
    let mut scene = Scene::new();
    fill_demo_scene(&mut scene, &sizes);
    scene.phase = phase_from_code(phase, sizes.len());
    scene.t = t;
    let mut renderer = Renderer::new();
    renderer.relayout(&scene, w, h, dpr);
    scene.hover = hit_test(renderer.layout(), pointer_x, pointer_y);
    renderer
        .draw(&ctx, &scene, w, h, dpr)
        .map_err(|e| JsError::new(&format!("drawing failed: {e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phase_codes_cover_a_step() {
        assert_eq!(phase_from_code(0, 4), Phase::Idle);
        assert_eq!(phase_from_code(1, 4), Phase::Forward(1));
        assert_eq!(phase_from_code(3, 4), Phase::Forward(3));
        assert_eq!(phase_from_code(4, 4), Phase::Loss);
        assert_eq!(phase_from_code(5, 4), Phase::Backward(3));
        assert_eq!(phase_from_code(7, 4), Phase::Backward(1));
        assert_eq!(phase_from_code(8, 4), Phase::Update);
        assert_eq!(phase_from_code(99, 4), Phase::Idle);
    }

    #[test]
    fn demo_scene_is_complete() {
        let mut s = Scene::new();
        fill_demo_scene(&mut s, &[7, 16, 16, 16, 16, 16, 16, 16, 16, 10]);
        assert!(s.delta(3).is_some() && s.grad_w(8).is_some());
        assert!(s.prev_weights(0).is_some() && s.targets().is_some());
        assert_eq!(s.input_label(6), "sin x₂");
    }
}
