//! Per-frame derived values shared by the drawing modules.

use web_sys::CanvasRenderingContext2d;

use crate::hit::Hit;
use crate::layout::{Layout, Point};
use crate::scene::Scene;

use super::timing;

/// What every drawing function needs for one frame. Built without
/// allocating: scales are maxima computed over the scene's buffers.
pub struct Frame<'a> {
    pub ctx: &'a CanvasRenderingContext2d,
    pub layout: &'a Layout,
    pub scene: &'a Scene,
    pub dpr: f64,
    /// |w| drawn at full strength.
    pub w_scale: f64,
    /// |∂L/∂w| drawn at full strength.
    pub g_scale: f64,
    /// |δ| drawn at full strength.
    pub d_scale: f64,
    /// The hovered item, else the selected one.
    pub focus: Option<Hit>,
    /// Phase progress clamped to 0..=1.
    pub t: f64,
}

impl<'a> Frame<'a> {
    pub fn new(ctx: &'a CanvasRenderingContext2d, layout: &'a Layout, scene: &'a Scene) -> Self {
        Frame {
            ctx,
            layout,
            scene,
            dpr: layout.dpr(),
            w_scale: scene.weight_max_abs().max(0.25),
            g_scale: positive_or_one(scene.grad_max_abs()),
            d_scale: positive_or_one(scene.delta_max_abs()),
            focus: scene.hover.or(scene.selected),
            t: timing::clamp01(scene.t),
        }
    }

    /// The weight shown for entry `k` of matrix `m`: during `Update` it
    /// eases from the previous to the new value.
    pub fn shown_weight(&self, m: usize, k: usize, w: f64) -> f64 {
        let mix = timing::update_mix(self.scene.phase, self.t);
        match self.scene.prev_weights(m).and_then(|p| p.get(k)) {
            Some(&p) if mix < 1.0 => p + (w - p) * mix,
            _ => w,
        }
    }

    /// How lit neuron `index` of `layer` is right now (0..=1).
    pub fn lit(&self, layer: usize, index: usize) -> f64 {
        let n = self.layout.layer(layer).len();
        timing::lit(self.scene.phase, self.t, layer, index, n)
    }

    /// Whether the wire `m`: `from` → `to` touches the focused item.
    pub fn wire_in_focus(&self, m: usize, from: usize, to: usize) -> Option<bool> {
        match self.focus? {
            Hit::Neuron { layer, index } => {
                Some((layer == m && index == from) || (layer == m + 1 && index == to))
            }
            Hit::Wire {
                layer,
                from: f,
                to: t,
            } => Some(layer == m && f == from && t == to),
        }
    }

    /// Strength factor (0.3..=1) for the wires of matrix `m`: dense
    /// matrices draw each wire fainter and thinner so the view stays calm.
    pub fn wire_density(&self, m: usize) -> f64 {
        let n = self.layout.layer(m).len() * self.layout.layer(m + 1).len();
        (48.0 / n.max(1) as f64).sqrt().clamp(0.3, 1.0)
    }

    /// Every wire of matrix `m`, row-major (entry `k` = `to`·inputs + `from`).
    pub fn wires(&self, m: usize) -> impl Iterator<Item = WireRef> + 'a {
        let left = self.layout.layer(m);
        let right = self.layout.layer(m + 1);
        let cols = left.len();
        right.iter().enumerate().flat_map(move |(to, &b)| {
            left.iter().enumerate().map(move |(from, &a)| WireRef {
                k: to * cols + from,
                from,
                to,
                a,
                b,
            })
        })
    }
}

/// One wire of a weight matrix with its end bulbs' centres.
#[derive(Clone, Copy, Debug)]
pub struct WireRef {
    /// Index into the matrix (row-major).
    pub k: usize,
    pub from: usize,
    pub to: usize,
    /// Centre of the source bulb.
    pub a: Point,
    /// Centre of the destination bulb.
    pub b: Point,
}

fn positive_or_one(v: f64) -> f64 {
    if v > 0.0 && v.is_finite() {
        v
    } else {
        1.0
    }
}
