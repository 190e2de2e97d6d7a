//! The stage: dark background with a soft spotlight, and column labels,
//! drawn into an image when the canvas size or the number of layers
//! changes and copied every frame.

use std::fmt::Write;

use wasm_bindgen::JsValue;
use web_sys::CanvasRenderingContext2d;

use super::gradients::Gradients;
use super::paint::{css_space, device_space, Font, Scratch};
use crate::color::Rgba;
use crate::layout::Layout;
use crate::offscreen::{self, Offscreen};

const LABEL: Rgba = Rgba {
    r: 170.0,
    g: 180.0,
    b: 200.0,
    a: 0.55,
};

/// The lightest colour of the stage's gradient (its centre): text legible
/// on it is legible anywhere on the stage.
pub const STAGE_LIGHTEST: Rgba = Rgba::rgb(26.0, 31.0, 44.0);

/// The stage as an image: gradient and column labels.
#[derive(Debug, Default)]
pub struct Stage {
    image: Option<Offscreen>,
    /// Canvas width, height, pixel ratio, layer count and label font it was drawn for.
    key: Option<(f64, f64, f64, usize, f64)>,
    grads: Gradients,
    font: Font,
}

impl Stage {
    /// See [`super::Renderer::set_min_font`].
    pub fn set_min_font(&mut self, px: f64) {
        self.font.set_floor(px);
    }
    /// Copies the stage onto `ctx`, drawing it first if the layout's size,
    /// pixel ratio or number of layers changed. Leaves `ctx` in device space.
    pub fn draw(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        scratch: &mut Scratch,
        layout: &Layout,
    ) -> Result<(), JsValue> {
        let key = (
            layout.width(),
            layout.height(),
            layout.dpr(),
            layout.layer_count(),
            layout.label_font(),
        );
        let (w, h) = (
            (layout.width() * layout.dpr()).round(),
            (layout.height() * layout.dpr()).round(),
        );
        if !(w >= 1.0 && h >= 1.0 && w < 32_000.0 && h < 32_000.0) {
            return Ok(());
        }
        if self.key != Some(key) || self.image.is_none() {
            let image = offscreen::lazy(&mut self.image)?;
            // Whole numbers in 1..32000, so the casts are exact.
            image.resize(w as u32, h as u32);
            let c = &image.ctx;
            css_space(c, layout.dpr())?;
            draw_stage(c, &mut self.grads, layout)?;
            draw_column_labels(c, scratch, &mut self.font, layout)?;
            self.key = Some(key);
        }
        device_space(ctx)?;
        if let Some(image) = &self.image {
            ctx.draw_image_with_html_canvas_element(&image.canvas, 0.0, 0.0)?;
        }
        Ok(())
    }
}

/// Fills the canvas with the stage gradient (CSS space expected).
pub fn draw_stage(
    ctx: &CanvasRenderingContext2d,
    grads: &mut Gradients,
    layout: &Layout,
) -> Result<(), JsValue> {
    let (w, h) = (layout.width(), layout.height());
    grads.stage(ctx, w, h)?;
    ctx.fill_rect(0.0, 0.0, w, h);
    Ok(())
}

/// Writes the label of column `layer` of `layers` into `buf`:
/// "Input", "Hidden 1", …, "Output" (or "In", "H1", "Out" when `short`).
pub fn write_column_label(buf: &mut String, layer: usize, layers: usize, short: bool) {
    buf.clear();
    let last = layers.saturating_sub(1);
    let _ = match (layer, short) {
        (0, false) => write!(buf, "Input"),
        (0, true) => write!(buf, "In"),
        (l, false) if l == last => write!(buf, "Output"),
        (l, true) if l == last => write!(buf, "Out"),
        (l, false) => write!(buf, "Hidden {l}"),
        (l, true) => write!(buf, "H{l}"),
    };
}

/// Draws the faint column labels along the top (CSS space expected).
pub fn draw_column_labels(
    ctx: &CanvasRenderingContext2d,
    scratch: &mut Scratch,
    font: &mut Font,
    layout: &Layout,
) -> Result<(), JsValue> {
    font.apply(ctx, layout.label_font(), 500);
    ctx.set_text_align("center");
    ctx.set_text_baseline("alphabetic");
    scratch.text_fill(ctx, LABEL);
    let layers = layout.layer_count();
    for l in 0..layers {
        let Some(x) = layout.column_x(l) else {
            continue;
        };
        write_column_label(&mut scratch.text, l, layers, layout.short_labels());
        ctx.fill_text(&scratch.text, x, layout.label_y())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_labels() {
        let mut s = String::new();
        write_column_label(&mut s, 0, 4, false);
        assert_eq!(s, "Input");
        write_column_label(&mut s, 2, 4, false);
        assert_eq!(s, "Hidden 2");
        write_column_label(&mut s, 3, 4, false);
        assert_eq!(s, "Output");
        write_column_label(&mut s, 3, 4, true);
        assert_eq!(s, "Out");
        write_column_label(&mut s, 1, 4, true);
        assert_eq!(s, "H1");
    }
}
