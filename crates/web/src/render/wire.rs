//! Wires: weight colour and width, the ∂L/∂w overlay during backprop, and
//! the highlight of wires touching the focused item.
//!
//! Each wire's curve is a `Path2D` built when the layout changes. Wires
//! are stroked in buckets: each wire's magnitude is quantised to one of
//! [`WIRE_LEVELS`] levels, and the wires of a matrix with the same sign,
//! level and focus share one colour string and width, set once. (Each wire
//! is still its own stroke: one path of many thick curves rasterises slower
//! in a software canvas than the same curves stroked one by one.) Each
//! weight matrix's wires are an image (a band) redrawn only when one of
//! them changes bucket or the style of all of them changes.

use wasm_bindgen::JsValue;
use web_sys::{CanvasRenderingContext2d, Path2d};

use super::band_budget::{self, Need};
use super::frame::Frame;
use super::paint::{css_space, device_space, Font, Scratch};
use super::timing;
use crate::color::{grad_color, signed_unit, weight_color, wire_width, Rgba, WIRE_MAX_WIDTH};
use crate::layout::{Layout, Point};
use crate::offscreen::{self, Offscreen};

/// Magnitude levels of a wire bucket per sign.
pub const WIRE_LEVELS: usize = 24;

/// Buckets per matrix: sign × level × dimmed (out of focus).
pub const BUCKETS: usize = 4 * WIRE_LEVELS;

/// The bucket of a wire whose value `v` is shown at full strength at
/// `scale`: its sign, and its emphasis √|v/scale| quantised to
/// [`WIRE_LEVELS`] levels; `dim` for wires out of focus. NaN counts as 0.
pub fn bucket(v: f64, scale: f64, dim: bool) -> usize {
    let n = signed_unit(v, scale);
    // In 0..=WIRE_LEVELS-1 after the clamp, so the cast is exact.
    let level = (n.abs().sqrt() * (WIRE_LEVELS - 1) as f64).round() as usize;
    let negative = n < 0.0 && level > 0;
    (usize::from(dim) * 2 + usize::from(negative)) * WIRE_LEVELS + level.min(WIRE_LEVELS - 1)
}

/// How far past the edge of its bucket (in levels) a wire's value must
/// move before the wire changes bucket: values hovering near an edge do not
/// flip between two buckets, so cached bands are redrawn less often.
pub const HYSTERESIS: f64 = 0.3;

/// [`bucket`], keeping the bucket `prev` the wire was last drawn in while
/// the value stays within [`HYSTERESIS`] of it (same focus; across zero the
/// levels −1, 0, +1 are neighbours). A drawn wire is never more than
/// 0.5 + [`HYSTERESIS`] levels off.
pub fn bucket_near(v: f64, scale: f64, dim: bool, prev: Option<usize>) -> usize {
    let natural = bucket(v, scale, dim);
    let Some(p) = prev.filter(|&p| p < BUCKETS && p != natural) else {
        return natural;
    };
    let (shown, prev_dim) = bucket_value(p);
    if prev_dim != dim {
        return natural;
    }
    let n = signed_unit(v, scale);
    let at = n.signum() * n.abs().sqrt() * (WIRE_LEVELS - 1) as f64;
    let was = shown.signum() * shown.abs().sqrt() * (WIRE_LEVELS - 1) as f64;
    if (at - was).abs() <= 0.5 + HYSTERESIS {
        p
    } else {
        natural
    }
}

/// The scale wires are bucketed with, given the one used last frame
/// (`prev`, 0 for none) and the exact one now (the largest |w|, which
/// changes a little with every training step): kept while within about 6%,
/// else the exact one rounded to a step of 2^(1/8). Every wire is bucketed
/// against it, so without this nearly every band would be redrawn every
/// frame while training. Non-finite or non-positive `exact` gives 1.
pub fn sticky_scale(prev: f64, exact: f64) -> f64 {
    if !(exact.is_finite() && exact > 0.0) {
        return 1.0;
    }
    if prev.is_finite() && prev > 0.0 && (exact / prev).log2().abs() <= 0.09 {
        return prev;
    }
    ((exact.log2() * 8.0).round() / 8.0).exp2()
}

/// The value (relative to a scale of 1) that bucket `b` is drawn with, and
/// whether it is dimmed.
pub fn bucket_value(b: usize) -> (f64, bool) {
    let level = b % WIRE_LEVELS;
    let negative = (b / WIRE_LEVELS) % 2 == 1;
    let dim = b / (2 * WIRE_LEVELS) % 2 == 1;
    let m = level as f64 / (WIRE_LEVELS - 1) as f64;
    (if negative { -m * m } else { m * m }, dim)
}

/// Opacity factor for a wire given the focus: wires touching the focused
/// item keep full strength, the others recede.
fn focus_factor(in_focus: Option<bool>) -> f64 {
    match in_focus {
        Some(false) => 0.28,
        _ => 1.0,
    }
}

/// A pixel rectangle of the canvas, device pixels.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PixelRect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// The device-pixel rectangle holding every wire between two columns of
/// bulbs: from the right edge of the left bulbs (`left`, centres in CSS px)
/// to the left edge of the right ones (radius `r`), over both columns'
/// heights, with room for the widest wire, on whole pixels. None when a
/// column is empty or the band has no width.
pub fn band_rect(left: &[Point], right: &[Point], r: f64, dpr: f64) -> Option<PixelRect> {
    let (a, b) = (left.first()?, right.first()?);
    let (x0, x1) = (a.x + r, b.x - r);
    let ys = left.iter().chain(right).map(|p| p.y);
    let y0 = ys.clone().fold(f64::INFINITY, f64::min) - WIRE_MAX_WIDTH;
    let y1 = ys.fold(f64::NEG_INFINITY, f64::max) + WIRE_MAX_WIDTH;
    let (px0, py0) = ((x0 * dpr).floor() - 1.0, (y0 * dpr).floor() - 1.0);
    let (px1, py1) = ((x1 * dpr).ceil() + 1.0, (y1 * dpr).ceil() + 1.0);
    let rect = PixelRect {
        x: px0,
        y: py0,
        w: px1 - px0,
        h: py1 - py0,
    };
    (rect.w.is_finite()
        && rect.h.is_finite()
        && rect.w > 2.0
        && rect.h > 0.0
        && rect.w < 32_000.0
        && rect.h < 32_000.0)
        .then_some(rect)
}

/// Counting sort of wires by bucket: `keys[k]` is wire `k`'s bucket (below
/// [`BUCKETS`]; anything else is not drawn). Fills `counts[b]` (wires in
/// bucket `b`), `start[b]` (where they begin in `order`) and `order` (wire
/// indices, bucket by bucket, in index order within one), reusing the
/// buffers.
pub fn sort_by_bucket(
    keys: &[u8],
    counts: &mut Vec<u16>,
    start: &mut Vec<u16>,
    order: &mut Vec<u16>,
) {
    counts.clear();
    counts.resize(BUCKETS, 0);
    start.clear();
    start.resize(BUCKETS, 0);
    for &b in keys {
        if let Some(c) = counts.get_mut(usize::from(b)) {
            *c = c.saturating_add(1);
        }
    }
    let mut total = 0u16;
    for (st, &c) in start.iter_mut().zip(counts.iter()) {
        *st = total;
        total = total.saturating_add(c);
    }
    order.clear();
    order.resize(usize::from(total), 0);
    // `start` is advanced to each bucket's end while filling, then moved back.
    for (k, &b) in keys.iter().enumerate() {
        if let Some(n) = start.get_mut(usize::from(b)) {
            if let Some(slot) = order.get_mut(usize::from(*n)) {
                *slot = u16::try_from(k).unwrap_or(u16::MAX);
            }
            *n = n.saturating_add(1);
        }
    }
    for (st, &c) in start.iter_mut().zip(counts.iter()) {
        *st = st.saturating_sub(c);
    }
}

/// One weight matrix's wires, drawn into a canvas of their own and redrawn
/// only when a wire changes bucket (or the style of all of them changes):
/// while training, most frames copy most bands unchanged.
#[derive(Debug, Default)]
struct Band {
    image: Option<Offscreen>,
    rect: Option<PixelRect>,
    /// The buckets and style the image was drawn with (None: stale).
    drawn: Vec<u8>,
    style: Option<(u64, u64)>,
    /// The buckets and style it should show this frame, and whether its
    /// matrix is shown at all.
    wanted: Vec<u8>,
    key: (u64, u64),
    present: bool,
    /// Frames it has been shown stale (see [`band_budget`]).
    waited: u32,
}

/// Wires of one matrix sorted by bucket (see [`sort_by_bucket`]): their
/// indices bucket by bucket, and where each bucket starts among them and
/// how many it has.
#[derive(Debug, Default)]
struct Sorted {
    order: Vec<u16>,
    start: Vec<u16>,
    counts: Vec<u16>,
}

impl Sorted {
    /// Each bucket that is drawn, in bucket order, with the colour and
    /// width `style` gives it and its wires; buckets with no wires, or
    /// invisible in their style, are left out.
    fn buckets<'a>(
        &'a self,
        style: &'a impl Fn(usize) -> (Rgba, f64),
    ) -> impl Iterator<Item = (Rgba, f64, &'a [u16])> + 'a {
        (0..BUCKETS).filter_map(move |b| {
            let (from, n) = (
                usize::from(*self.start.get(b)?),
                usize::from(*self.counts.get(b)?),
            );
            if n == 0 {
                return None;
            }
            let (colour, width) = style(b);
            if colour.a < 0.004 || width <= 0.0 {
                return None;
            }
            Some((colour, width, self.order.get(from..from + n)?))
        })
    }
}

/// Per-wire state kept between frames: each wire's curve as a `Path2D`
/// and each matrix's band (rebuilt only when the layout changes), and
/// reused buffers for bucketing, so steady-state drawing does not allocate.
#[derive(Debug, Default)]
pub struct Wires {
    /// Every wire's curve, matrix after matrix, row-major within one.
    paths: Vec<Path2d>,
    /// First path of each matrix.
    offsets: Vec<usize>,
    bands: Vec<Band>,
    /// What the paths were built for: canvas size, radius, pixel ratio and
    /// layer sizes.
    built: (f64, f64, f64, f64),
    sizes: Vec<usize>,
    /// Bucket of each wire of the current matrix (u8::MAX: not drawn).
    of_wire: Vec<u8>,
    /// Wires of the current matrix sorted by bucket.
    sorted: Sorted,
    /// The weight shown at full strength in the bands (see [`sticky_scale`]).
    scale: f64,
    /// Each band's need this frame and whether it is redrawn.
    needs: Vec<Need>,
    chosen: Vec<bool>,
}

impl Wires {
    /// Rebuilds the wire paths and bands when the layout changed.
    fn fit(&mut self, layout: &Layout) -> Result<(), JsValue> {
        let built = (
            layout.width(),
            layout.height(),
            layout.radius(),
            layout.dpr(),
        );
        let sizes = (0..layout.layer_count()).map(|l| layout.layer(l).len());
        if built == self.built && self.sizes.iter().copied().eq(sizes.clone()) {
            return Ok(());
        }
        self.built = built;
        self.sizes.clear();
        self.sizes.extend(sizes);
        self.paths.clear();
        self.offsets.clear();
        let matrices = layout.layer_count().saturating_sub(1);
        self.bands.resize_with(matrices, Band::default);
        for (m, band) in self.bands.iter_mut().enumerate() {
            let (left, right) = (layout.layer(m), layout.layer(m + 1));
            band.rect = band_rect(left, right, layout.radius(), layout.dpr());
            band.style = None;
            self.offsets.push(self.paths.len());
            for &b in right {
                for &a in left {
                    let c = layout.wire_between(a, b);
                    let [q1, mid, q2, end] = c.quads();
                    let p = Path2d::new()?;
                    p.move_to(c.a.x, c.a.y);
                    p.quadratic_curve_to(q1.x, q1.y, mid.x, mid.y);
                    p.quadratic_curve_to(q2.x, q2.y, end.x, end.y);
                    self.paths.push(p);
                }
            }
        }
        self.offsets.push(self.paths.len());
        Ok(())
    }

    /// Works out the buckets matrix `m`'s band should show now (into its
    /// `wanted`; a wire keeps the bucket it was drawn in while near it,
    /// unless `settled`) and what redrawing it would take.
    fn want(&mut self, f: &Frame, m: usize, settled: bool) -> Need {
        let scale = self.scale;
        let ws = f.scene.weights(m);
        let Some(band) = self.bands.get_mut(m) else {
            return Need::default();
        };
        band.present = ws.is_some() && band.rect.is_some();
        let Some(ws) = ws.filter(|_| band.present) else {
            return Need::default();
        };
        let (key, _) = weight_style(f, m);
        let same_style = band.style == Some(key);
        band.key = key;
        band.wanted.clear();
        for wr in f.wires(m) {
            let b = ws.get(wr.k).map(|&w| {
                let w = f.shown_weight(m, wr.k, w);
                let dim = f.wire_in_focus(m, wr.from, wr.to) == Some(false);
                let was = band
                    .drawn
                    .get(wr.k)
                    .map(|&b| usize::from(b))
                    .filter(|_| same_style && !settled);
                bucket_near(w, scale, dim, was)
            });
            let b = b.filter(|&b| b < BUCKETS);
            band.wanted
                .push(b.and_then(|b| u8::try_from(b).ok()).unwrap_or(u8::MAX));
        }
        let changed = if same_style && band.drawn.len() == band.wanted.len() {
            let pairs = band.drawn.iter().zip(&band.wanted);
            pairs.filter(|(a, b)| a != b).count()
        } else {
            band.wanted.len()
        };
        Need {
            wires: band.wanted.len(),
            changed,
            stale: changed > 0 || !same_style,
            blank: band.style.is_none() || band.image.is_none(),
            waited: band.waited,
        }
    }

    /// The path of entry `k` of matrix `m`.
    fn path(&self, m: usize, k: usize) -> Option<&Path2d> {
        self.paths.get(self.offsets.get(m)? + k)
    }

    /// Puts every wire of matrix `m` in the bucket `key` gives it (None:
    /// not drawn) and sorts them by bucket.
    fn sort(&mut self, f: &Frame, m: usize, key: impl Fn(usize, usize, usize) -> Option<usize>) {
        self.of_wire.clear();
        for wr in f.wires(m) {
            let b = key(wr.k, wr.from, wr.to).filter(|&b| b < BUCKETS);
            self.of_wire
                .push(b.and_then(|b| u8::try_from(b).ok()).unwrap_or(u8::MAX));
        }
        let sorted = &mut self.sorted;
        sort_by_bucket(
            &self.of_wire,
            &mut sorted.counts,
            &mut sorted.start,
            &mut sorted.order,
        );
    }

    /// Strokes the wires of matrix `m` sorted by [`Wires::sort`], bucket by
    /// bucket with the colour and width `style` gives each: styles change
    /// once per bucket, and stronger wires are drawn over fainter ones.
    fn stroke_sorted(
        &self,
        ctx: &CanvasRenderingContext2d,
        s: &mut Scratch,
        m: usize,
        style: impl Fn(usize) -> (Rgba, f64),
    ) {
        for (colour, width, wires) in self.sorted.buckets(&style) {
            s.stroke(ctx, colour);
            ctx.set_line_width(width);
            for &k in wires {
                if let Some(p) = self.path(m, usize::from(k)) {
                    ctx.stroke_with_path(p);
                }
            }
        }
    }

    /// Draws matrix `m`'s band onto `ctx` (device space expected),
    /// redrawing it first with the buckets [`Wires::want`] found if `redraw`.
    fn draw_band(
        &mut self,
        f: &Frame,
        s: &mut Scratch,
        m: usize,
        redraw: bool,
        style: impl Fn(usize) -> (Rgba, f64),
    ) -> Result<(), JsValue> {
        let Some(band) = self.bands.get_mut(m) else {
            return Ok(());
        };
        let Some(rect) = band.rect.filter(|_| band.present) else {
            return Ok(());
        };
        offscreen::lazy(&mut band.image)?;
        let Some(image) = band.image.take() else {
            return Ok(());
        };
        let drawn = if redraw {
            band.style = Some(band.key);
            band.drawn.clone_from(&band.wanted);
            let sorted = &mut self.sorted;
            sort_by_bucket(
                &band.wanted,
                &mut sorted.counts,
                &mut sorted.start,
                &mut sorted.order,
            );
            self.redraw_band(&image, rect, f.dpr, s, m, style)
        } else {
            Ok(())
        };
        let copied = drawn.and_then(|()| {
            f.ctx
                .draw_image_with_html_canvas_element(&image.canvas, rect.x, rect.y)
        });
        if let Some(band) = self.bands.get_mut(m) {
            band.image = Some(image);
        }
        copied
    }

    /// Clears a band's image and strokes matrix `m`'s sorted wires into it.
    fn redraw_band(
        &self,
        image: &Offscreen,
        rect: PixelRect,
        dpr: f64,
        s: &mut Scratch,
        m: usize,
        style: impl Fn(usize) -> (Rgba, f64),
    ) -> Result<(), JsValue> {
        // Band sizes are small whole numbers (see band_rect).
        let (w, h) = (rect.w as u32, rect.h as u32);
        let ctx = &image.ctx;
        if !image.resize(w, h) {
            device_space(ctx)?;
            ctx.clear_rect(0.0, 0.0, rect.w, rect.h);
        }
        ctx.set_transform(dpr, 0.0, 0.0, dpr, -rect.x, -rect.y)?;
        ctx.set_line_cap("butt");
        self.stroke_sorted(ctx, s, m, style);
        Ok(())
    }
}

// Buckets fit a byte with u8::MAX left for "not drawn"; wires of a matrix
// (at most 16 × 16 on the page) fit a u16.
const _: () = assert!(BUCKETS < u8::MAX as usize);

/// The style key of matrix `m`'s band (presence and density), and the
/// colour and width of each bucket in it.
fn weight_style(f: &Frame, m: usize) -> ((u64, u64), impl Fn(usize) -> (Rgba, f64)) {
    let presence = timing::wire_presence(f.scene.phase, f.t, m);
    let density = f.wire_density(m);
    let thin = 0.55 + 0.45 * density;
    let style = move |b: usize| {
        let (w, dim) = bucket_value(b);
        let c = weight_color(w, 1.0);
        let alpha = c.a * presence * density * focus_factor(Some(!dim));
        (c.with_alpha(alpha), wire_width(w, 1.0) * thin)
    };
    ((presence.to_bits(), density.to_bits()), style)
}

/// Draws every wire coloured and sized by its (shown) weight, matrix by
/// matrix from its band (see [`Band`]). While things move, stale bands
/// share a budget of strokes (see [`band_budget`]); settled, every stale
/// band is redrawn.
pub fn draw_wires(f: &Frame, s: &mut Scratch, wires: &mut Wires) -> Result<(), JsValue> {
    wires.fit(f.layout)?;
    device_space(f.ctx)?;
    // Settled, the scale and the buckets depend on the weights alone, not
    // on the frames before (nothing moves, so a redraw is rare).
    let settled = f.scene.settled;
    wires.scale = sticky_scale(if settled { 0.0 } else { wires.scale }, f.w_scale);
    let matrices = f.layout.layer_count().saturating_sub(1);
    let mut needs = std::mem::take(&mut wires.needs);
    needs.clear();
    needs.extend((0..matrices).map(|m| wires.want(f, m, settled)));
    let budget = (!settled).then_some(band_budget::STROKES_PER_FRAME);
    let mut chosen = std::mem::take(&mut wires.chosen);
    band_budget::choose(&needs, budget, &mut chosen);
    let mut result = Ok(());
    for (m, (need, &redraw)) in needs.iter().zip(&chosen).enumerate() {
        if let Some(band) = wires.bands.get_mut(m) {
            band.waited = band_budget::waited_after(need, redraw);
        }
        let (_, style) = weight_style(f, m);
        result = wires.draw_band(f, s, m, redraw, style);
        if result.is_err() {
            break;
        }
    }
    wires.needs = needs;
    wires.chosen = chosen;
    result
}

/// Overlays ∂L/∂w on the wires already reached by backprop: a glowing
/// magenta (positive) or mint (negative) line over the weight colour,
/// its width following |∂L/∂w|.
pub fn draw_grad_overlay(f: &Frame, s: &mut Scratch, wires: &mut Wires) -> Result<(), JsValue> {
    wires.fit(f.layout)?;
    css_space(f.ctx, f.dpr)?;
    for m in 0..f.layout.layer_count().saturating_sub(1) {
        let strength = timing::grad_overlay(f.scene.phase, f.t, m);
        let Some(gs) = f.scene.grad_w(m) else {
            continue;
        };
        if strength <= 0.0 {
            continue;
        }
        let density = f.wire_density(m).sqrt();
        let key = |k: usize, from: usize, to: usize| {
            let g = *gs.get(k)?;
            if (g / f.g_scale).abs().min(1.0) < 0.02 || g.is_nan() {
                return None;
            }
            Some(bucket(
                g,
                f.g_scale,
                f.wire_in_focus(m, from, to) == Some(false),
            ))
        };
        let style = |b: usize| {
            let (g, dim) = bucket_value(b);
            let c = grad_color(g, 1.0);
            let focus = focus_factor(Some(!dim));
            let width = (0.8 + 3.2 * g.abs().sqrt()) * density;
            (c.with_alpha(c.a * 0.85 * strength * focus * density), width)
        };
        wires.sort(f, m, key);
        wires.stroke_sorted(f.ctx, s, m, style);
    }
    Ok(())
}

/// A weight's relative change, |w − w₀| / max(|w₀|, 0.1): the floor keeps a
/// weight that starts near zero from counting as an infinite change.
pub fn relative_change(before: f64, after: f64) -> f64 {
    let d = (after - before).abs() / before.abs().max(0.1);
    if d.is_finite() {
        d
    } else {
        0.0
    }
}

/// One weight's change: (matrix, index in the matrix, before, after,
/// relative change).
pub type RelativeChange = (usize, usize, f64, f64, f64);

/// The wire of the largest relative change in the scene's last update.
pub fn largest_relative_change(scene: &crate::scene::Scene) -> Option<RelativeChange> {
    let mut best: Option<RelativeChange> = None;
    for m in 0..scene.sizes().len().saturating_sub(1) {
        let (Some(ws), Some(ps)) = (scene.weights(m), scene.prev_weights(m)) else {
            continue;
        };
        for (k, (&w, &p)) in ws.iter().zip(ps).enumerate() {
            let r = relative_change(p, w);
            if r > best.map_or(0.0, |b| b.4) {
                best = Some((m, k, p, w, r));
            }
        }
    }
    best
}

/// During `Update`, makes the update visible even when weights move by
/// 0.005: every changed wire flashes white, brighter and wider the larger
/// its relative change (scaled to the largest of this step), settling to
/// an afterglow; the wire that changed most is labelled "before → after".
pub fn draw_update_flash(
    f: &Frame,
    s: &mut Scratch,
    font: &mut Font,
    wires: &mut Wires,
) -> Result<(), JsValue> {
    if f.scene.phase != crate::scene::Phase::Update {
        return Ok(());
    }
    let Some((bm, bk, before, after, top)) = largest_relative_change(f.scene) else {
        return Ok(());
    };
    if top <= 0.0 {
        return Ok(());
    }
    // Bright at first, then settling to an afterglow that stays while the
    // finished step is on screen.
    let strength = 1.0 - 0.55 * timing::ease(timing::window(f.t, 0.35, 0.65));
    wires.fit(f.layout)?;
    css_space(f.ctx, f.dpr)?;
    for m in 0..f.layout.layer_count().saturating_sub(1) {
        let (Some(ws), Some(ps)) = (f.scene.weights(m), f.scene.prev_weights(m)) else {
            continue;
        };
        let key = |k: usize, from: usize, to: usize| {
            let r = relative_change(*ps.get(k)?, *ws.get(k)?) / top;
            (r >= 0.02).then(|| bucket(r, 1.0, f.wire_in_focus(m, from, to) == Some(false)))
        };
        let style = |b: usize| {
            let (r, dim) = bucket_value(b);
            let alpha = (0.25 + 0.65 * r.abs()) * strength * focus_factor(Some(!dim));
            (
                Rgba::rgb(255.0, 250.0, 235.0).with_alpha(alpha),
                0.8 + 2.6 * r.abs(),
            )
        };
        wires.sort(f, m, key);
        wires.stroke_sorted(f.ctx, s, m, style);
    }
    // The label on the wire that changed most.
    let cols = f.scene.sizes().get(bm).copied().unwrap_or(1).max(1);
    let (from, to) = (bk % cols, bk / cols);
    if let Some(curve) = f.layout.wire(bm, from, to) {
        let p = curve.point(0.5);
        s.text.clear();
        super::number::push_value(&mut s.text, before);
        s.text.push_str(" → ");
        super::number::push_value(&mut s.text, after);
        let size = f
            .layout
            .value_font()
            .clamp(9.0, 13.0)
            .max(f.layout.min_font());
        let ctx = f.ctx;
        font.apply(ctx, size, 600);
        ctx.set_text_align("center");
        ctx.set_text_baseline("bottom");
        s.text_fill(ctx, Rgba::rgb(255.0, 248.0, 225.0).with_alpha(strength));
        ctx.fill_text(&s.text, p.x, p.y - 4.0)?;
    }
    Ok(())
}

/// Redraws the wires touching the focused item on top, with a soft white
/// underglow so they stand out from the rest.
pub fn draw_focus_wires(f: &Frame, s: &mut Scratch, wires: &mut Wires) -> Result<(), JsValue> {
    if f.focus.is_none() {
        return Ok(());
    }
    wires.fit(f.layout)?;
    let ctx = f.ctx;
    css_space(ctx, f.dpr)?;
    for m in 0..f.layout.layer_count().saturating_sub(1) {
        let Some(ws) = f.scene.weights(m) else {
            continue;
        };
        for wr in f.wires(m) {
            if f.wire_in_focus(m, wr.from, wr.to) != Some(true) {
                continue;
            }
            let Some(&w) = ws.get(wr.k) else {
                continue;
            };
            let w = f.shown_weight(m, wr.k, w);
            let Some(path) = wires.path(m, wr.k) else {
                continue;
            };
            let width = wire_width(w, f.w_scale);
            s.stroke(ctx, Rgba::rgb(255.0, 255.0, 255.0).with_alpha(0.22));
            ctx.set_line_width(width + 4.0);
            ctx.stroke_with_path(path);
            let c = weight_color(w, f.w_scale);
            s.stroke(ctx, c.with_alpha(0.5 + 0.5 * c.a));
            ctx.set_line_width(width.max(1.2));
            ctx.stroke_with_path(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_split_sign_level_and_focus() {
        let mut seen = [false; BUCKETS];
        for dim in [false, true] {
            for k in -1000..=1000 {
                // Evenly spaced in emphasis (√|v|), which the levels split.
                let v = f64::from(k).signum() * (f64::from(k) / 1000.0).powi(2);
                let b = bucket(v, 1.0, dim);
                assert!(b < BUCKETS);
                seen[b] = true;
                let (shown, d) = bucket_value(b);
                assert_eq!(d, dim);
                // Same sign (zero is unsigned), colour and width close.
                assert!(shown == 0.0 || shown.signum() == v.signum(), "{v} {shown}");
                let (a, c) = (weight_color(v, 1.0), weight_color(shown, 1.0));
                assert!((a.a - c.a).abs() <= 0.6 / (WIRE_LEVELS - 1) as f64);
                assert!((a.r - c.r).abs() <= 200.0 / (WIRE_LEVELS - 1) as f64);
                let (wa, wc) = (wire_width(v, 1.0), wire_width(shown, 1.0));
                assert!(
                    (wa - wc).abs() <= 6.0 / (WIRE_LEVELS - 1) as f64,
                    "{v}: {wa} {wc}"
                );
            }
        }
        // Every bucket but the two "negative zero" ones is reachable.
        assert_eq!(seen.iter().filter(|s| !**s).count(), 2);
    }

    #[test]
    fn the_wire_scale_moves_in_steps() {
        let s = sticky_scale(0.0, 1.3);
        assert!((s / 1.3).log2().abs() <= 1.0 / 16.0 + 1e-12);
        assert!(((s.log2() * 8.0).round() - s.log2() * 8.0).abs() < 1e-9);
        // Small changes keep it; a larger one moves it to the nearest step.
        assert_eq!(sticky_scale(s, s * 1.05), s);
        assert_eq!(sticky_scale(s, s / 1.05), s);
        let moved = sticky_scale(s, s * 1.2);
        assert!(moved > s && (moved / (s * 1.2)).log2().abs() <= 1.0 / 16.0 + 1e-12);
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert_eq!(sticky_scale(s, bad), 1.0);
        }
        assert_eq!(sticky_scale(f64::NAN, 2.0), 2.0);
        // Within 2^0.09 of the exact scale, always.
        let mut prev = 0.0;
        for k in 1..2000 {
            let exact = 0.3 + (f64::from(k) * 0.01).sin().abs() * 3.0;
            prev = sticky_scale(prev, exact);
            assert!((prev / exact).log2().abs() <= 0.09 + 1e-12);
        }
    }

    #[test]
    fn hysteresis_keeps_a_bucket_near_its_edge_only() {
        let step = 1.0 / (WIRE_LEVELS - 1) as f64;
        // A value at emphasis e (√|v|), for a scale of 1.
        let at = |e: f64| e.signum() * e * e;
        let b10 = bucket(at(10.0 * step), 1.0, false);
        // Just past the edge to level 11: kept; clearly past it: moves.
        assert_eq!(bucket_near(at(10.6 * step), 1.0, false, Some(b10)), b10);
        assert_eq!(bucket_near(at(9.25 * step), 1.0, false, Some(b10)), b10);
        assert_eq!(
            bucket_near(at(10.9 * step), 1.0, false, Some(b10)),
            bucket(at(10.9 * step), 1.0, false)
        );
        assert_eq!(
            bucket_near(at(8.9 * step), 1.0, false, Some(b10)),
            bucket(at(8.9 * step), 1.0, false)
        );
        // A change of focus always moves it.
        assert_eq!(
            bucket_near(at(10.2 * step), 1.0, true, Some(b10)),
            bucket(at(10.2 * step), 1.0, true)
        );
        // Across zero: level 0 and ±1 are neighbours.
        let b0 = bucket(0.0, 1.0, false);
        assert_eq!(bucket_near(at(-0.7 * step), 1.0, false, Some(b0)), b0);
        assert_ne!(bucket_near(at(-0.9 * step), 1.0, false, Some(b0)), b0);
        let b_neg1 = bucket(at(-step), 1.0, false);
        assert_eq!(
            bucket_near(at(-0.25 * step), 1.0, false, Some(b_neg1)),
            b_neg1
        );
        assert_eq!(bucket_near(at(0.2 * step), 1.0, false, Some(b_neg1)), b0);
        // No previous bucket, or a bad one: the natural bucket.
        for v in [-0.7, 0.0, 0.3, f64::NAN] {
            assert_eq!(bucket_near(v, 1.0, false, None), bucket(v, 1.0, false));
            assert_eq!(
                bucket_near(v, 1.0, false, Some(BUCKETS + 3)),
                bucket(v, 1.0, false)
            );
        }
        // Never more than 0.5 + HYSTERESIS levels off.
        for k in -1000..=1000 {
            let e = f64::from(k) / 1000.0;
            for p in 0..2 * WIRE_LEVELS {
                let b = bucket_near(at(e), 1.0, false, Some(p));
                let (shown, _) = bucket_value(b);
                let off = (e - shown.signum() * shown.abs().sqrt()).abs() / step;
                assert!(off <= 0.5 + HYSTERESIS + 1e-9, "{e} {p} {off}");
            }
        }
    }

    #[test]
    fn counting_sort_groups_wires_by_bucket_in_order() {
        let keys = [3u8, 0, 3, u8::MAX, 1, 0, 200, 3];
        let (mut counts, mut start, mut order) = (Vec::new(), Vec::new(), Vec::new());
        sort_by_bucket(&keys, &mut counts, &mut start, &mut order);
        assert_eq!(order, [1, 5, 4, 0, 2, 7]);
        assert_eq!((counts[0], start[0]), (2, 0));
        assert_eq!((counts[1], start[1]), (1, 2));
        assert_eq!((counts[2], start[2]), (0, 3));
        assert_eq!((counts[3], start[3]), (3, 3));
        assert_eq!(counts.iter().map(|&c| usize::from(c)).sum::<usize>(), 6);
        // Buffers are reused: the same input gives the same output.
        let cap = order.capacity();
        sort_by_bucket(&keys, &mut counts, &mut start, &mut order);
        assert_eq!(order, [1, 5, 4, 0, 2, 7]);
        assert_eq!(order.capacity(), cap);
        sort_by_bucket(&[], &mut counts, &mut start, &mut order);
        assert!(order.is_empty() && counts.iter().all(|&c| c == 0));
    }

    #[test]
    fn band_rects_hold_the_wires_on_whole_pixels() {
        let left = [Point::new(100.0, 50.0), Point::new(100.0, 90.0)];
        let right = [Point::new(200.3, 70.0)];
        let r = 10.0;
        for dpr in [1.0, 1.5, 2.0] {
            let b = band_rect(&left, &right, r, dpr).unwrap();
            for v in [b.x, b.y, b.w, b.h] {
                assert_eq!(v, v.round());
            }
            assert!(b.x <= 110.0 * dpr - 1.0 && b.x + b.w >= 190.3 * dpr + 1.0);
            assert!(
                b.y <= (50.0 - WIRE_MAX_WIDTH) * dpr && b.y + b.h >= (90.0 + WIRE_MAX_WIDTH) * dpr
            );
        }
        assert_eq!(band_rect(&[], &right, r, 1.0), None);
        assert_eq!(band_rect(&left, &[], r, 1.0), None);
        // Bulbs touching: no room for wires.
        assert_eq!(band_rect(&left, &[Point::new(120.0, 50.0)], r, 1.0), None);
        assert_eq!(band_rect(&left, &right, f64::NAN, 1.0), None);
    }

    #[test]
    fn buckets_are_monotone_in_magnitude_and_total() {
        let mut prev = bucket(0.0, 2.0, false);
        for k in 0..=200 {
            let b = bucket(f64::from(k) / 100.0, 2.0, false);
            assert!(b >= prev);
            prev = b;
        }
        assert_eq!(bucket(5.0, 2.0, false), WIRE_LEVELS - 1);
        assert_eq!(bucket(f64::NAN, 1.0, false), 0);
        assert_eq!(bucket(-0.0, 1.0, false), 0);
        assert_eq!(bucket(1.0, f64::NAN, false), WIRE_LEVELS - 1);
        assert_eq!(bucket(f64::NEG_INFINITY, 1.0, true), 4 * WIRE_LEVELS - 1);
        assert_eq!(bucket_value(WIRE_LEVELS - 1), (1.0, false));
        assert_eq!(bucket_value(2 * WIRE_LEVELS - 1), (-1.0, false));
    }
}
