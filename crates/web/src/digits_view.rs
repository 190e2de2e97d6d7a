//! The digits task's network view: one canvas, painted from the
//! controller's digits task (see [`crate::controller::digits`]) only when
//! something it shows changed (the revision, the hovered bulb, the size).

pub mod layout;
pub mod paint;
pub mod tile;

use crate::controller::digits::hover::Bulb;
use crate::controller::Controller;
use crate::plot::canvas::Pen;
use crate::view::{DrawError, Surface};
use layout::DigitsLayout;

/// The digits canvas and what it was last painted for.
#[derive(Default)]
pub struct DigitsView {
    surface: Option<Surface>,
    pen: Pen,
    layout: Option<DigitsLayout>,
    /// (revision, hover, width, height, ratio) of the last paint.
    key: Option<(u32, Option<Bulb>, u64, u64, u64)>,
}

impl DigitsView {
    /// The canvas to draw on.
    pub fn attach(&mut self, surface: Surface) {
        self.surface = Some(surface);
        self.key = None;
    }

    /// Projector mode's type: text at least `px` (0: none) and legible
    /// (7:1) on the view's background; repainted at once.
    pub fn set_min_font(&mut self, px: f64) {
        let px = if px.is_finite() { px.max(0.0) } else { 0.0 };
        self.pen.floor = px;
        self.pen.legible_on = (px > 0.0).then_some(paint::BACKGROUND);
        self.key = None;
    }

    /// Paints the task when anything shown changed; nothing without a task.
    pub fn draw(&mut self, ctl: &Controller) -> Result<(), DrawError> {
        let (Some(surface), Some(task)) = (&self.surface, ctl.digits()) else {
            return Ok(());
        };
        let (w, h, dpr) = surface.fit();
        let key = (
            ctl.revision(),
            ctl.digits_hovered(),
            w.to_bits(),
            h.to_bits(),
            dpr.to_bits(),
        );
        if self.key == Some(key) && surface.canvas.width() > 0 {
            return Ok(());
        }
        let hidden = task.network().sizes().get(1).copied().unwrap_or(1);
        let layout = DigitsLayout::with_text(w, h, hidden, self.pen.floor);
        let ctx = &surface.ctx;
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)
            .map_err(|_| DrawError("the digits canvas refused its transform"))?;
        paint::paint(ctx, &mut self.pen, &layout, task, ctl.digits_hovered())
            .map_err(|_| DrawError("the digits view could not be painted"))?;
        self.layout = Some(layout);
        self.key = Some(key);
        Ok(())
    }

    /// The bulb at CSS (x, y) of the last paint.
    pub fn hit(&self, x: f64, y: f64) -> Option<Bulb> {
        self.layout.as_ref().and_then(|l| l.hit(x, y))
    }
}
