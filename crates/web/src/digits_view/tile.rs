//! The digits button of the dataset picker: a handwritten-looking 3 in
//! 8 × 8 pixels (drawn here, so the picker needs no image file).

use crate::view::{DrawError, Surface};
use web_sys::HtmlCanvasElement;

/// A 3, pixels 0–16, row by row.
pub const THREE: [u8; 64] = [
    0, 2, 12, 16, 15, 6, 0, 0, //
    0, 8, 10, 3, 10, 13, 0, 0, //
    0, 0, 0, 0, 9, 12, 0, 0, //
    0, 0, 3, 12, 16, 5, 0, 0, //
    0, 0, 2, 9, 14, 12, 1, 0, //
    0, 0, 0, 0, 3, 15, 6, 0, //
    0, 4, 10, 6, 9, 15, 4, 0, //
    0, 1, 11, 16, 13, 4, 0, 0, //
];

/// Paints [`THREE`] on the picker button's canvas, as light squares on dark.
pub fn draw(canvas: HtmlCanvasElement) -> Result<(), DrawError> {
    let surface = Surface::new(canvas)?;
    let (w, h, dpr) = surface.fit();
    let ctx = &surface.ctx;
    ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)
        .map_err(|_| DrawError("the digits tile refused its transform"))?;
    ctx.clear_rect(0.0, 0.0, w, h);
    let side = w.min(h) * 0.84;
    let (x0, y0) = ((w - side) / 2.0, (h - side) / 2.0);
    let cell = side / 8.0;
    ctx.set_fill_style_str("rgb(10, 12, 18)");
    ctx.fill_rect(x0, y0, side, side);
    for (k, &p) in THREE.iter().enumerate() {
        if p > 0 {
            let a = f64::from(p) / 16.0;
            ctx.set_fill_style_str(&format!("rgba(255, 226, 150, {a:.3})"));
            let (r, c) = ((k / 8) as f64, (k % 8) as f64);
            ctx.fill_rect(x0 + c * cell, y0 + r * cell, cell, cell);
        }
    }
    Ok(())
}
