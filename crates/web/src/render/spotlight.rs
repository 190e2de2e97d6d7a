//! The spotlight of projector mode: everything but one bulb dims, so a
//! room can follow the neuron the teacher talks about. Its wires stay
//! bright through the scene's selection (see [`Frame::wire_in_focus`]).

use std::f64::consts::TAU;

use wasm_bindgen::JsValue;

use super::paint::{css_space, Scratch};
use super::Frame;
use crate::color::Rgba;

/// How dark the rest of the view goes (the stage colour at this opacity).
pub const DIM: f64 = 0.72;
/// The lit circle's radius, in bulb radii (the bulb, its base and its halo).
pub const HOLE: f64 = 1.9;

/// Darkens the whole view except a circle around the spotlit bulb.
pub fn draw_spotlight(f: &Frame, s: &mut Scratch) -> Result<(), JsValue> {
    let Some((layer, index)) = f.scene.spotlight else {
        return Ok(());
    };
    let Some(p) = f.layout.neuron(layer, index) else {
        return Ok(());
    };
    let ctx = f.ctx;
    css_space(ctx, f.dpr)?;
    s.fill(ctx, Rgba::rgb(11.0, 14.0, 20.0).with_alpha(DIM));
    ctx.begin_path();
    ctx.rect(0.0, 0.0, f.layout.width(), f.layout.height());
    // Drawn the other way round: the non-zero rule leaves it unfilled.
    ctx.move_to(p.x + f.layout.radius() * HOLE, p.y);
    ctx.arc_with_anticlockwise(p.x, p.y, f.layout.radius() * HOLE, 0.0, TAU, true)?;
    ctx.fill();
    Ok(())
}
