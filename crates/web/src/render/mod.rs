//! Draws a [`Scene`] onto a 2D canvas: the stage, wires with travelling
//! pulses, glowing lightbulbs, δ rings, labels, hover and the legend.
//!
//! Drawing is mostly copying images, because a software-rasterised canvas
//! (headless Chromium, machines without GPU raster) pays per path, gradient
//! and composite-mode change far more than per copied pixel:
//!
//! - the stage (gradient and column labels) is an image redrawn on resize
//!   (`background`);
//! - each weight matrix's wires are an image redrawn only when a wire
//!   changes colour/width bucket (`wire`);
//! - bulbs are copies of sprites drawn once per size and brightness level
//!   (`sprites`), their maps tiles of one image updated when the atlas
//!   changes ([`crate::thumbs`]), pulses scaled copies of four glows (`pulse`);
//! - while a large network moves, each column of bulbs is one image,
//!   redrawn only where a bulb's look changed (`bulb_columns`).

mod background;
mod band_budget;
mod bulb;
mod bulb_columns;
mod bulb_shape;
mod column_plan;
mod frame;
mod gradients;
mod labels;
pub mod legend;
pub mod number;
mod overlay;
mod paint;
mod pulse;
mod spotlight;
mod sprites;
pub mod timing;
pub mod wire;

use wasm_bindgen::JsValue;
use web_sys::CanvasRenderingContext2d;

pub use frame::Frame;
use paint::{Font, Scratch};

use crate::hit::{hit_test, Hit};
use crate::layout::Layout;
use crate::scene::Scene;

/// Fonts in use, each caching its CSS string.
#[derive(Debug, Default)]
struct Fonts {
    value: Font,
    symbol: Font,
    small: Font,
}

/// Draws scenes onto one canvas, keeping its layout, cached images and text
/// buffers between frames so steady-state drawing does not allocate.
#[derive(Debug, Default)]
pub struct Renderer {
    layout: Layout,
    scratch: Scratch,
    fonts: Fonts,
    legend: bool,
    thumbs: crate::thumbs::ThumbAtlas,
    stage: background::Stage,
    pulses: pulse::PulseSprites,
    sprites: sprites::BulbSprites,
    legend_sprites: sprites::BulbSprites,
    bulbs: Vec<bulb::Shown>,
    columns: bulb_columns::BulbColumns,
    wires: wire::Wires,
    legend_plan: Option<legend::LegendPlan>,
    input_labels: usize,
}

impl Renderer {
    /// A renderer with the legend shown.
    pub fn new() -> Self {
        Renderer {
            scratch: Scratch::new(),
            legend: true,
            ..Self::default()
        }
    }

    /// Shows or hides the legend band.
    pub fn set_legend(&mut self, on: bool) {
        self.legend = on;
    }

    /// How the last frame's legend was fitted (`None` before the first frame
    /// or with the legend off).
    pub fn legend_plan(&self) -> Option<legend::LegendPlan> {
        self.legend_plan
    }

    /// How many input bulbs carried their name in the last frame.
    pub fn input_labels(&self) -> usize {
        self.input_labels
    }

    /// The layout of the last frame (for hit-testing pointer events in CSS px).
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// Projector mode's type: no text under `px` CSS px, every text at
    /// least 7:1 against the stage (0: the ordinary page).
    pub fn set_min_font(&mut self, px: f64) {
        self.layout.set_min_font(px);
        let px = self.layout.min_font();
        for font in [
            &mut self.fonts.value,
            &mut self.fonts.symbol,
            &mut self.fonts.small,
        ] {
            font.set_floor(px);
        }
        self.stage.set_min_font(px);
        self.scratch.legible_on = (px > 0.0).then_some(background::STAGE_LIGHTEST);
    }

    /// Lays out `scene` for a canvas of `css_width` × `css_height` CSS px at
    /// `dpr` without drawing (e.g. to hit-test before the first frame).
    pub fn relayout(&mut self, scene: &Scene, css_width: f64, css_height: f64, dpr: f64) {
        let inputs = scene.sizes().first().copied().unwrap_or(0);
        let chars = (0..inputs)
            .map(|i| scene.input_label(i).chars().count())
            .max()
            .unwrap_or(0);
        self.layout.set_input_chars(chars);
        self.layout
            .compute(css_width, css_height, dpr, scene.sizes());
    }

    /// What is under (`x`, `y`) CSS px in the last layout.
    pub fn hit(&self, x: f64, y: f64) -> Option<Hit> {
        hit_test(&self.layout, x, y)
    }

    /// Draws one frame. The canvas backing store should be
    /// `css_width·dpr` × `css_height·dpr` device pixels; the transform is
    /// set here. Errors are the canvas API's.
    pub fn draw(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        scene: &Scene,
        css_width: f64,
        css_height: f64,
        dpr: f64,
    ) -> Result<(), JsValue> {
        self.relayout(scene, css_width, css_height, dpr);
        let f = Frame::new(ctx, &self.layout, scene);
        let (s, fonts) = (&mut self.scratch, &mut self.fonts);

        ctx.set_global_alpha(1.0);
        ctx.set_global_composite_operation("source-over")?;
        ctx.set_line_cap("round");
        self.stage.draw(ctx, s, &self.layout)?;

        wire::draw_wires(&f, s, &mut self.wires)?;
        wire::draw_grad_overlay(&f, s, &mut self.wires)?;
        wire::draw_update_flash(&f, s, &mut fonts.small, &mut self.wires)?;
        wire::draw_focus_wires(&f, s, &mut self.wires)?;
        pulse::draw_pulses(&f, &mut self.pulses)?;

        let radius = self.layout.radius() * f.dpr;
        self.sprites.fit(radius);
        bulb::collect(&f, &mut self.bulbs);
        self.thumbs.upload(scene, radius)?;
        if scene.settled || self.bulbs.len() < bulb_columns::FROM_BULBS {
            bulb::draw_halos(ctx, &mut self.sprites, &self.bulbs, !scene.settled)?;
            bulb::draw_bulbs(ctx, &mut self.sprites, &self.thumbs, &self.bulbs)?;
        } else {
            let (sprites, thumbs) = (&mut self.sprites, &self.thumbs);
            self.columns
                .draw(ctx, sprites, thumbs, &self.layout, &self.bulbs)?;
        }
        bulb::draw_rings(&f, s)?;
        paint::css_space(ctx, f.dpr)?;

        labels::draw_values(&f, s, &mut fonts.value)?;
        self.input_labels = labels::draw_input_labels(&f, s, &mut fonts.symbol)?;
        labels::draw_loss_tags(&f, s, &mut fonts.small)?;
        spotlight::draw_spotlight(&f, s)?;
        overlay::draw_focus(&f, s, &mut fonts.small)?;
        if self.legend {
            self.legend_plan = Some(legend::draw_legend(
                &f,
                &mut self.legend_sprites,
                s,
                &mut fonts.small,
            )?);
        } else {
            self.legend_plan = None;
        }
        ctx.set_global_alpha(1.0);
        ctx.set_global_composite_operation("source-over")?;
        Ok(())
    }
}
