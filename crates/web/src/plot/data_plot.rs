//! The data plot: the decision map (or a hovered neuron's map) scaled up
//! smoothly behind subtle axes, the points, the followed example, the probe
//! and a caption.

use std::fmt::Write;

use wasm_bindgen::JsValue;
use web_sys::CanvasRenderingContext2d;

use super::canvas::Pen;
use super::geometry::{PlotRect, DATA_TICKS};
use super::heatmap::{layer_max, neuron_style};
use super::points::{draw_highlight, draw_points, draw_probe};
use super::ticks::write_tick;
use super::upsample::{fill_neutral, Upsampler, FACTOR};
use super::DataView;
use crate::color::Rgba;
use crate::glow::ActivationKind;
use crate::offscreen::{self, Offscreen};

/// Canvas background around the plot square.
pub const BACKGROUND: &str = "#10131a";
/// [`BACKGROUND`] as a colour.
pub const BACKGROUND_RGB: Rgba = Rgba::rgb(16.0, 19.0, 26.0);
const FRAME: Rgba = Rgba {
    r: 190.0,
    g: 205.0,
    b: 230.0,
    a: 0.22,
};
const ZERO_LINE: Rgba = Rgba {
    r: 220.0,
    g: 230.0,
    b: 255.0,
    a: 0.13,
};
const TICK_LABEL: Rgba = Rgba {
    r: 170.0,
    g: 182.0,
    b: 204.0,
    a: 0.7,
};
const CAPTION_BG: Rgba = Rgba {
    r: 10.0,
    g: 12.0,
    b: 18.0,
    a: 0.72,
};
const CAPTION: Rgba = Rgba::rgb(236.0, 240.0, 248.0);

/// Clips to the plot square and a small margin (points on the edge show whole).
fn clip_to(ctx: &CanvasRenderingContext2d, rect: &PlotRect) {
    ctx.begin_path();
    ctx.rect(
        rect.left - 6.0,
        rect.top - 6.0,
        rect.side + 12.0,
        rect.side + 12.0,
    );
    ctx.clip();
}

/// Writes the caption of a hovered neuron's map into `buf`: "neuron 3 of
/// layer 1", "output neuron", or "output neuron 2 (class 1)".
pub fn write_caption(buf: &mut String, layer: usize, index: usize, layers: usize, outputs: usize) {
    buf.clear();
    let _ = if layer + 1 < layers {
        write!(buf, "neuron {} of layer {layer}", index + 1)
    } else if outputs > 1 {
        write!(buf, "output neuron {} (class {index})", index + 1)
    } else {
        write!(buf, "output neuron")
    };
}

/// What the data plot knows about each scene layer (index 0 = inputs).
#[derive(Clone, Copy, Debug, Default)]
pub struct LayerInfo<'a> {
    /// Activation kinds.
    pub kinds: &'a [ActivationKind],
    /// Largest |a| over the grid (0 when unknown).
    pub maxima: &'a [f64],
}

/// What the cached layer of axes and points was drawn for.
#[derive(Clone, Copy, Debug, PartialEq)]
struct LayerKey {
    size: (u32, u32),
    dpr: u64,
    data: u64,
    show_test: bool,
    /// The pen's smallest font (projector mode), as bits.
    floor: u64,
}

/// What the data plot was last painted from, besides the heatmap's pixels
/// (which [`DataPlot::fill_pixels`] reports changed or not).
#[derive(Clone, Copy, Debug, PartialEq)]
struct PaintKey {
    layer: LayerKey,
    size: (u64, u64),
    hovered: Option<(usize, usize)>,
    probe: (u64, u64),
    depth: usize,
    outputs: usize,
}

/// Drawing state of the data plot, reused between frames.
#[derive(Debug, Default)]
pub struct DataPlot {
    /// The square of the last frame.
    pub rect: PlotRect,
    pixels: Vec<u8>,
    upsampler: Upsampler,
    image: Option<Offscreen>,
    /// Axes and points, which change only with the data or the size: drawn
    /// once into this canvas, then one `drawImage` per frame.
    layer: Option<Offscreen>,
    layer_key: Option<LayerKey>,
    /// What the canvas shows (`None`: paint it next time).
    painted: Option<PaintKey>,
    pub pen: Pen,
    frame: u64,
}

impl DataPlot {
    /// The next [`DataPlot::draw`] paints, changed or not.
    pub fn repaint(&mut self) {
        self.painted = None;
    }

    /// Draws one frame, unless the canvas already shows it (the same
    /// heatmap, points, probe, caption and size, and no followed point,
    /// whose ring pulses); returns whether it painted.
    pub fn draw(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        w: f64,
        h: f64,
        dpr: f64,
        view: &DataView,
        layers: LayerInfo,
    ) -> Result<bool, JsValue> {
        // Tick labels are 10–13 px: projector mode's floor grows them, and
        // the margins that hold them.
        let rect = PlotRect::fit_grown(w, h, self.pen.grow(13.0));
        let (hovered, changed) = if rect.side < 4.0 {
            (None, true)
        } else {
            self.fill_pixels(view, layers)
        };
        let key = PaintKey {
            layer: self.layer_key_for(w, h, dpr, view),
            size: (w.to_bits(), h.to_bits()),
            hovered,
            probe: (view.plot.probe.0.to_bits(), view.plot.probe.1.to_bits()),
            depth: view.grid.depth(),
            outputs: view.plot.outputs,
        };
        if !changed && view.plot.highlight.is_none() && self.painted == Some(key) {
            return Ok(false);
        }
        self.painted = None;
        self.frame = self.frame.wrapping_add(1);
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
        ctx.set_global_alpha(1.0);
        ctx.set_fill_style_str(BACKGROUND);
        ctx.fill_rect(0.0, 0.0, w, h);
        self.rect = rect;
        if rect.side < 4.0 {
            return Ok(true);
        }
        self.draw_heatmap(ctx, view.grid.resolution(), &rect, changed)?;
        self.draw_layer(ctx, w, h, dpr, view)?;
        let pen = &mut self.pen;
        ctx.save();
        clip_to(ctx, &rect);
        let plot = view.plot;
        if let Some(p) = &plot.highlight {
            draw_highlight(ctx, pen, &rect, p, plot.points.labels, self.frame)?;
        }
        draw_probe(ctx, pen, &rect, plot.probe)?;
        ctx.restore();
        if let Some((layer, index)) = hovered {
            self.draw_caption(ctx, &rect, layer, index, view)?;
        }
        self.painted = Some(key);
        Ok(true)
    }

    /// The cached layer's key for this size and view.
    fn layer_key_for(&self, w: f64, h: f64, dpr: f64, view: &DataView) -> LayerKey {
        let (pw, ph) = ((w * dpr).round().max(1.0), (h * dpr).round().max(1.0));
        LayerKey {
            size: (pw as u32, ph as u32),
            dpr: dpr.to_bits(),
            data: view.plot.points.revision,
            show_test: view.plot.show_test,
            floor: self.pen.floor.to_bits(),
        }
    }

    /// Draws the axes and the points: from the cached layer, redrawn first
    /// when the data, the size or the test-point switch changed.
    fn draw_layer(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        w: f64,
        h: f64,
        dpr: f64,
        view: &DataView,
    ) -> Result<(), JsValue> {
        let (pw, ph) = ((w * dpr).round().max(1.0), (h * dpr).round().max(1.0));
        let key = self.layer_key_for(w, h, dpr, view);
        let mut layer = self.layer.take();
        let result = (|| {
            let off = offscreen::lazy(&mut layer)?;
            if self.layer_key != Some(key) {
                self.layer_key = None;
                off.resize(key.size.0, key.size.1);
                let lctx = &off.ctx;
                lctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
                lctx.clear_rect(0.0, 0.0, pw, ph);
                lctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
                self.draw_axes(lctx, &self.rect.clone())?;
                lctx.save();
                clip_to(lctx, &self.rect);
                let plot = view.plot;
                draw_points(
                    lctx,
                    &mut self.pen,
                    &self.rect,
                    &plot.points,
                    plot.show_test,
                )?;
                lctx.restore();
                self.layer_key = Some(key);
            }
            ctx.draw_image_with_html_canvas_element_and_dw_and_dh(&off.canvas, 0.0, 0.0, w, h)
        })();
        self.layer = layer;
        result
    }

    /// Fills the pixel buffer with the hovered neuron's map or the output's;
    /// returns the neuron shown, if any, and whether the pixels changed.
    fn fill_pixels(
        &mut self,
        view: &DataView,
        layers: LayerInfo,
    ) -> (Option<(usize, usize)>, bool) {
        let LayerInfo { kinds, maxima } = layers;
        let res = view.grid.resolution();
        let pixels = res * res;
        let depth = view.grid.depth();
        let neuron = view.plot.hovered.and_then(|(layer, index)| {
            let a = view.grid.layer(layer.checked_sub(1)?)?;
            (index < a.neurons() && a.points() == pixels).then_some((layer, index, a))
        });
        if let Some((layer, index, a)) = neuron {
            let kind = kinds.get(layer).copied().unwrap_or(ActivationKind::Linear);
            let max = match maxima.get(layer) {
                Some(&m) if m > 0.0 => m,
                _ => layer_max(a),
            };
            let style = neuron_style(kind, layer == depth, max, index);
            let changed = self
                .upsampler
                .neuron(&mut self.pixels, a, res, index, style);
            return (Some((layer, index)), changed);
        }
        let changed = match view.grid.output() {
            Some(out) => {
                let (act, discretize) = (view.plot.output_kind, view.plot.discretize);
                self.upsampler
                    .output(&mut self.pixels, out, res, act, discretize)
            }
            None => {
                self.upsampler.invalidate();
                fill_neutral(&mut self.pixels, res * FACTOR);
                true
            }
        };
        (None, changed)
    }

    /// Scales the pixel buffer up smoothly into the plot square; the
    /// offscreen image is refreshed only when the pixels `changed`.
    fn draw_heatmap(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        res: usize,
        rect: &PlotRect,
        changed: bool,
    ) -> Result<(), JsValue> {
        let fresh = self.image.is_none();
        let image = offscreen::lazy(&mut self.image)?;
        if changed || fresh {
            let n = res * FACTOR;
            image.put(&self.pixels, n, n)?;
        }
        ctx.set_image_smoothing_enabled(true);
        ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
            &image.canvas,
            rect.left,
            rect.top,
            rect.side,
            rect.side,
        )
    }

    /// A thin frame, faint zero lines, tick marks and labels at −6 … 6.
    fn draw_axes(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        rect: &PlotRect,
    ) -> Result<(), JsValue> {
        let pen = &mut self.pen;
        let (l, t, s) = (rect.left, rect.top, rect.side);
        ctx.set_line_width(1.0);
        pen.stroke(ctx, ZERO_LINE);
        ctx.begin_path();
        let (zx, zy) = rect.to_px(0.0, 0.0);
        ctx.move_to(zx, t);
        ctx.line_to(zx, t + s);
        ctx.move_to(l, zy);
        ctx.line_to(l + s, zy);
        ctx.stroke();
        pen.stroke(ctx, FRAME);
        ctx.stroke_rect(l - 0.5, t - 0.5, s + 1.0, s + 1.0);
        ctx.begin_path();
        for v in DATA_TICKS {
            let (x, y) = rect.to_px(v, v);
            ctx.move_to(x, t + s + 0.5);
            ctx.line_to(x, t + s + 4.0);
            ctx.move_to(l - 0.5, y);
            ctx.line_to(l - 4.0, y);
        }
        ctx.stroke();
        // Labels grow a little on a large (projected) plot.
        let fs = (s / 32.0).clamp(10.0, 13.0);
        pen.font(ctx, fs, 500);
        pen.text_fill(ctx, TICK_LABEL);
        ctx.set_text_align("center");
        ctx.set_text_baseline("top");
        for v in DATA_TICKS {
            write_tick(&mut pen.text, v, 1.0);
            minus_sign(&mut pen.text);
            pen.fill_text(ctx, rect.x_px(v), t + s + 6.0)?;
        }
        ctx.set_text_align("right");
        ctx.set_text_baseline("middle");
        for v in DATA_TICKS {
            write_tick(&mut pen.text, v, 1.0);
            minus_sign(&mut pen.text);
            pen.fill_text(ctx, l - 6.0, rect.y_px(v))?;
        }
        // Axis names at the far ends, inside the square: over the heatmap.
        // In projector mode each sits on a patch of the background, so it
        // keeps its 7:1 whatever the heatmap's colour there.
        pen.font(ctx, fs + 1.0, 600);
        let size = (fs + 1.0).max(pen.floor);
        let patch = pen.legible_on;
        for (name, right) in [("x₁", true), ("x₂", false)] {
            pen.text.clear();
            pen.text.push_str(name);
            let w = ctx.measure_text(&pen.text)?.width();
            let (x, y) = if right {
                (l + s - 3.0 - w, t + s - 3.0 - size * 1.2)
            } else {
                (l + 4.0, t + 3.0)
            };
            if let Some(bg) = patch {
                pen.fill(ctx, bg);
                ctx.fill_rect(x - 3.0, y - 1.0, w + 6.0, size * 1.2 + 2.0);
                pen.text_fill(ctx, TICK_LABEL);
            }
            ctx.set_text_align("left");
            ctx.set_text_baseline("top");
            pen.fill_text(ctx, x, y)?;
        }
        Ok(())
    }

    fn draw_caption(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        rect: &PlotRect,
        layer: usize,
        index: usize,
        view: &DataView,
    ) -> Result<(), JsValue> {
        let pen = &mut self.pen;
        write_caption(
            &mut pen.text,
            layer,
            index,
            view.grid.depth() + 1,
            view.plot.outputs,
        );
        pen.font(ctx, 12.0, 600);
        let tw = ctx.measure_text(&pen.text)?.width();
        let hgt = 22.0 * pen.grow(12.0);
        let x = rect.left + ((rect.side - tw) / 2.0 - 8.0).max(0.0);
        let y = rect.top + 8.0;
        pen.fill(ctx, CAPTION_BG);
        ctx.begin_path();
        ctx.round_rect_with_f64(x, y, tw + 16.0, hgt, 6.0)?;
        ctx.fill();
        pen.fill(ctx, CAPTION);
        ctx.set_text_align("left");
        ctx.set_text_baseline("middle");
        pen.fill_text(ctx, x + 8.0, y + hgt / 2.0 + 0.5)
    }
}

/// Replaces a leading hyphen with a true minus sign.
pub fn minus_sign(s: &mut String) {
    if s.starts_with('-') {
        s.replace_range(..1, "−");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_name_the_neuron() {
        let mut b = String::new();
        write_caption(&mut b, 1, 2, 4, 1);
        assert_eq!(b, "neuron 3 of layer 1");
        write_caption(&mut b, 3, 0, 4, 1);
        assert_eq!(b, "output neuron");
        write_caption(&mut b, 3, 1, 4, 3);
        assert_eq!(b, "output neuron 2 (class 1)");
    }

    #[test]
    fn minus_sign_is_typographic() {
        let mut s = String::from("-6");
        minus_sign(&mut s);
        assert_eq!(s, "−6");
        let mut s = String::from("3");
        minus_sign(&mut s);
        assert_eq!(s, "3");
    }
}
