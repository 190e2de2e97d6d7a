//! The data one frame of the network view draws, decoupled from the core.
//!
//! Everything lives in flat `Vec`s indexed through per-layer offsets, so a
//! scene is refilled every step without allocating while the architecture
//! stays the same. Neuron layers are numbered from 0 (input); weight matrix
//! `m` connects layer `m` to layer `m + 1` and is stored row-major as
//! `weights[j][i]` = from input `i` to neuron `j`.

use crate::glow::ActivationKind;
use crate::hit::Hit;

/// Which part of a training step is on screen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Phase {
    /// At rest: everything lit with the current values.
    #[default]
    Idle,
    /// Signals flow into neuron layer `l` (left → right); layers after `l`
    /// are still dark.
    Forward(usize),
    /// The output is compared with the target.
    Loss,
    /// δ of neuron layer `l` appears and gradients flow back along weight
    /// matrix `l - 1` (right → left).
    Backward(usize),
    /// Weights move from their previous to their new values.
    Update,
}

/// What a [`Scene`] holds for each layer and matrix.
#[derive(Clone, Debug, Default)]
pub struct Scene {
    sizes: Vec<usize>,
    kinds: Vec<ActivationKind>,
    /// Neuron offsets per layer, one more than layers.
    n_off: Vec<usize>,
    /// Weight offsets per matrix, one more than matrices.
    w_off: Vec<usize>,
    a: Vec<f64>,
    z: Vec<f64>,
    delta: Vec<f64>,
    weights: Vec<f64>,
    grad_w: Vec<f64>,
    prev_weights: Vec<f64>,
    targets: Vec<f64>,
    labels: Vec<String>,
    has_z: bool,
    has_delta: bool,
    has_grad_w: bool,
    has_prev_weights: bool,
    has_targets: bool,
    /// The phase on screen.
    pub phase: Phase,
    /// Progress within the phase, 0..=1.
    pub t: f64,
    /// What the pointer is over.
    pub hover: Option<Hit>,
    /// What the user clicked.
    pub selected: Option<Hit>,
    /// The bulb (layer, index) in the spotlight of projector mode: the rest dims.
    pub spotlight: Option<(usize, usize)>,
    /// The loss of the current example, shown in the Loss phase.
    pub loss: Option<f64>,
    /// Nothing moves (not playing, no phase animating): wires are drawn at
    /// their exact levels, so a state looks the same however it was reached
    /// (e.g. after scrubbing the history away and back).
    pub settled: bool,
    /// Thumbnail atlas: one `thumb_res`² RGBA tile per hidden and output
    /// neuron, stacked vertically in neuron order (layer 1 first).
    thumbs: Vec<u8>,
    thumb_res: usize,
    /// Bumped whenever the atlas may have changed (see [`Scene::thumbs_revision`]).
    thumbs_rev: u64,
}

impl Scene {
    /// An empty scene; call [`Scene::set_architecture`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether `other` shows the same as this scene: every value equal, and
    /// the same thumbnail atlas by its revision (not byte by byte).
    pub fn looks_like(&self, other: &Scene) -> bool {
        self.thumbs_rev == other.thumbs_rev
            && self.thumb_res == other.thumb_res
            && self.phase == other.phase
            && self.t.to_bits() == other.t.to_bits()
            && self.hover == other.hover
            && self.selected == other.selected
            && self.spotlight == other.spotlight
            && self.loss.map(f64::to_bits) == other.loss.map(f64::to_bits)
            && self.settled == other.settled
            && (self.has_z, self.has_delta, self.has_grad_w)
                == (other.has_z, other.has_delta, other.has_grad_w)
            && (self.has_prev_weights, self.has_targets)
                == (other.has_prev_weights, other.has_targets)
            && self.sizes == other.sizes
            && self.kinds == other.kinds
            && self.labels == other.labels
            && same_bits(&self.a, &other.a)
            && same_bits(&self.z, &other.z)
            && same_bits(&self.delta, &other.delta)
            && same_bits(&self.weights, &other.weights)
            && same_bits(&self.grad_w, &other.grad_w)
            && same_bits(&self.prev_weights, &other.prev_weights)
            && same_bits(&self.targets, &other.targets)
    }

    /// Makes this scene [`Scene::looks_like`] `other`, reusing its buffers
    /// (the thumbnail atlas's bytes are not copied, only its revision).
    pub fn remember(&mut self, other: &Scene) {
        self.sizes.clone_from(&other.sizes);
        self.kinds.clone_from(&other.kinds);
        self.n_off.clone_from(&other.n_off);
        self.w_off.clone_from(&other.w_off);
        self.a.clone_from(&other.a);
        self.z.clone_from(&other.z);
        self.delta.clone_from(&other.delta);
        self.weights.clone_from(&other.weights);
        self.grad_w.clone_from(&other.grad_w);
        self.prev_weights.clone_from(&other.prev_weights);
        self.targets.clone_from(&other.targets);
        self.labels.clone_from(&other.labels);
        self.has_z = other.has_z;
        self.has_delta = other.has_delta;
        self.has_grad_w = other.has_grad_w;
        self.has_prev_weights = other.has_prev_weights;
        self.has_targets = other.has_targets;
        self.phase = other.phase;
        self.t = other.t;
        self.hover = other.hover;
        self.selected = other.selected;
        self.spotlight = other.spotlight;
        self.loss = other.loss;
        self.settled = other.settled;
        self.thumb_res = other.thumb_res;
        self.thumbs_rev = other.thumbs_rev;
    }

    /// Sets the layer sizes (input first) and each layer's activation kind
    /// (`kinds[0]` is usually [`ActivationKind::Input`]; missing kinds
    /// default to Linear). Buffers keep their capacity: with an unchanged
    /// architecture nothing is reallocated and values are kept. Returns
    /// whether the architecture changed (values were reset to 0).
    pub fn set_architecture(&mut self, sizes: &[usize], kinds: &[ActivationKind]) -> bool {
        self.kinds.clear();
        self.kinds.extend(
            (0..sizes.len()).map(|l| kinds.get(l).copied().unwrap_or(ActivationKind::Linear)),
        );
        if self.sizes == sizes {
            return false;
        }
        self.sizes.clear();
        self.sizes.extend_from_slice(sizes);
        self.n_off.clear();
        let mut total = 0;
        for &n in sizes {
            self.n_off.push(total);
            total += n;
        }
        self.n_off.push(total);
        self.w_off.clear();
        let mut wt = 0;
        self.w_off.push(0);
        for pair in sizes.windows(2) {
            if let [i, o] = pair {
                wt += i * o;
            }
            self.w_off.push(wt);
        }
        for v in [&mut self.a, &mut self.z, &mut self.delta] {
            v.clear();
            v.resize(total, 0.0);
        }
        for v in [&mut self.weights, &mut self.grad_w, &mut self.prev_weights] {
            v.clear();
            v.resize(wt, 0.0);
        }
        let outs = sizes.last().copied().unwrap_or(0);
        self.targets.clear();
        self.targets.resize(outs, 0.0);
        self.labels
            .resize_with(sizes.first().copied().unwrap_or(0), String::new);
        self.has_z = false;
        self.has_delta = false;
        self.has_grad_w = false;
        self.has_prev_weights = false;
        self.has_targets = false;
        self.touch_thumbs();
        true
    }

    /// Neurons per layer, input first.
    pub fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    /// Number of neuron layers.
    pub fn layer_count(&self) -> usize {
        self.sizes.len()
    }

    /// Activation kind of `layer` (Linear when out of range).
    pub fn kind(&self, layer: usize) -> ActivationKind {
        self.kinds
            .get(layer)
            .copied()
            .unwrap_or(ActivationKind::Linear)
    }

    fn neuron_range(&self, layer: usize) -> Option<std::ops::Range<usize>> {
        Some(*self.n_off.get(layer)?..*self.n_off.get(layer + 1)?)
    }

    fn weight_range(&self, m: usize) -> Option<std::ops::Range<usize>> {
        Some(*self.w_off.get(m)?..*self.w_off.get(m + 1)?)
    }

    /// Activations of `layer` (for the current probe/example).
    pub fn a(&self, layer: usize) -> Option<&[f64]> {
        self.a.get(self.neuron_range(layer)?)
    }

    /// Mutable activations of `layer`.
    pub fn a_mut(&mut self, layer: usize) -> Option<&mut [f64]> {
        let r = self.neuron_range(layer)?;
        self.a.get_mut(r)
    }

    /// Pre-activations of `layer`, when provided.
    pub fn z(&self, layer: usize) -> Option<&[f64]> {
        if !self.has_z {
            return None;
        }
        self.z.get(self.neuron_range(layer)?)
    }

    /// Mutable pre-activations of `layer`; marks z as provided.
    pub fn z_mut(&mut self, layer: usize) -> Option<&mut [f64]> {
        let r = self.neuron_range(layer)?;
        self.has_z = true;
        self.z.get_mut(r)
    }

    /// δ = ∂L/∂z of `layer`, when provided.
    pub fn delta(&self, layer: usize) -> Option<&[f64]> {
        if !self.has_delta {
            return None;
        }
        self.delta.get(self.neuron_range(layer)?)
    }

    /// Mutable δ of `layer`; marks δ as provided.
    pub fn delta_mut(&mut self, layer: usize) -> Option<&mut [f64]> {
        let r = self.neuron_range(layer)?;
        self.has_delta = true;
        self.delta.get_mut(r)
    }

    /// Weights of matrix `m` (rows = `sizes[m + 1]`, columns = `sizes[m]`).
    pub fn weights(&self, m: usize) -> Option<&[f64]> {
        self.weights.get(self.weight_range(m)?)
    }

    /// Mutable weights of matrix `m`.
    pub fn weights_mut(&mut self, m: usize) -> Option<&mut [f64]> {
        let r = self.weight_range(m)?;
        self.weights.get_mut(r)
    }

    /// ∂L/∂w of matrix `m`, when provided.
    pub fn grad_w(&self, m: usize) -> Option<&[f64]> {
        if !self.has_grad_w {
            return None;
        }
        self.grad_w.get(self.weight_range(m)?)
    }

    /// Mutable ∂L/∂w of matrix `m`; marks gradients as provided.
    pub fn grad_w_mut(&mut self, m: usize) -> Option<&mut [f64]> {
        let r = self.weight_range(m)?;
        self.has_grad_w = true;
        self.grad_w.get_mut(r)
    }

    /// Weights of matrix `m` before the update, when provided.
    pub fn prev_weights(&self, m: usize) -> Option<&[f64]> {
        if !self.has_prev_weights {
            return None;
        }
        self.prev_weights.get(self.weight_range(m)?)
    }

    /// Mutable previous weights of matrix `m`; marks them as provided.
    pub fn prev_weights_mut(&mut self, m: usize) -> Option<&mut [f64]> {
        let r = self.weight_range(m)?;
        self.has_prev_weights = true;
        self.prev_weights.get_mut(r)
    }

    /// Copies the current weights into the previous weights (call before
    /// writing the updated weights). Does not allocate.
    pub fn snapshot_prev_weights(&mut self) {
        for (p, w) in self.prev_weights.iter_mut().zip(&self.weights) {
            *p = *w;
        }
        self.has_prev_weights = true;
    }

    /// One weight: matrix `m`, from neuron `from` of layer `m` to neuron
    /// `to` of layer `m + 1`.
    pub fn weight(&self, m: usize, from: usize, to: usize) -> Option<f64> {
        let cols = *self.sizes.get(m)?;
        if from >= cols {
            return None;
        }
        self.weights(m)?.get(to * cols + from).copied()
    }

    /// Targets of the output neurons, when provided.
    pub fn targets(&self) -> Option<&[f64]> {
        self.has_targets.then_some(self.targets.as_slice())
    }

    /// Mutable targets; marks them as provided.
    pub fn targets_mut(&mut self) -> &mut [f64] {
        self.has_targets = true;
        &mut self.targets
    }

    /// Forgets z, δ, ∂L/∂w, previous weights, targets and loss (their
    /// buffers are kept for reuse).
    pub fn clear_optional(&mut self) {
        self.has_z = false;
        self.has_delta = false;
        self.has_grad_w = false;
        self.has_prev_weights = false;
        self.has_targets = false;
        self.loss = None;
    }

    /// Marks or unmarks each optional buffer as provided without touching it.
    pub fn set_provided(&mut self, z: bool, delta: bool, grad_w: bool, prev_weights: bool) {
        self.has_z = z;
        self.has_delta = delta;
        self.has_grad_w = grad_w;
        self.has_prev_weights = prev_weights;
    }

    /// Label of input `i` (empty when unset or out of range).
    pub fn input_label(&self, i: usize) -> &str {
        self.labels.get(i).map_or("", String::as_str)
    }

    /// Sets the label of input `i`, reusing the label's buffer. Returns
    /// false when `i` is out of range.
    pub fn set_input_label(&mut self, i: usize, label: &str) -> bool {
        match self.labels.get_mut(i) {
            Some(s) => {
                s.clear();
                s.push_str(label);
                true
            }
            None => false,
        }
    }

    /// Largest |a| in `layer` (0 for an empty layer; NaN ignored).
    pub fn layer_max_abs(&self, layer: usize) -> f64 {
        max_abs(self.a(layer).unwrap_or(&[]))
    }

    /// Largest |w| over all matrices (0 when there are none; NaN ignored).
    pub fn weight_max_abs(&self) -> f64 {
        let cur = max_abs(&self.weights);
        if self.has_prev_weights {
            cur.max(max_abs(&self.prev_weights))
        } else {
            cur
        }
    }

    /// Largest |∂L/∂w| over all matrices, 0 when not provided.
    pub fn grad_max_abs(&self) -> f64 {
        if self.has_grad_w {
            max_abs(&self.grad_w)
        } else {
            0.0
        }
    }

    /// Largest |δ| over all layers, 0 when not provided.
    pub fn delta_max_abs(&self) -> f64 {
        if self.has_delta {
            max_abs(&self.delta)
        } else {
            0.0
        }
    }
}

impl Scene {
    /// Sizes the thumbnail atlas for `res` × `res` tiles of the current
    /// architecture (reusing its buffer); 0 turns thumbnails off.
    pub fn set_thumb_res(&mut self, res: usize) {
        self.touch_thumbs();
        self.thumb_res = res;
        self.thumbs.resize(self.thumb_tiles() * res * res * 4, 0);
    }

    /// Side of one thumbnail tile in pixels (0: no thumbnails).
    pub fn thumb_res(&self) -> usize {
        self.thumb_res
    }

    /// Number of tiles: one per hidden and output neuron.
    pub fn thumb_tiles(&self) -> usize {
        let inputs = self.sizes.first().copied().unwrap_or(0);
        self.n_off
            .last()
            .copied()
            .unwrap_or(0)
            .saturating_sub(inputs)
    }

    /// The tile index of neuron `index` of `layer` (layer ≥ 1).
    pub fn thumb_tile(&self, layer: usize, index: usize) -> Option<usize> {
        if layer == 0 || index >= *self.sizes.get(layer)? {
            return None;
        }
        let inputs = *self.sizes.first()?;
        Some(self.n_off.get(layer)? - inputs + index)
    }

    /// Byte range of a neuron's tile in [`Scene::thumbs`], when the atlas
    /// covers it.
    pub fn thumb_range(&self, layer: usize, index: usize) -> Option<std::ops::Range<usize>> {
        let bytes = self.thumb_res * self.thumb_res * 4;
        let start = self.thumb_tile(layer, index)? * bytes;
        (bytes > 0 && start + bytes <= self.thumbs.len()).then_some(start..start + bytes)
    }

    /// The RGBA pixels of a neuron's thumbnail.
    pub fn thumb(&self, layer: usize, index: usize) -> Option<&[u8]> {
        self.thumbs.get(self.thumb_range(layer, index)?)
    }

    /// Mutable RGBA pixels of a neuron's thumbnail.
    pub fn thumb_mut(&mut self, layer: usize, index: usize) -> Option<&mut [u8]> {
        self.touch_thumbs();
        let r = self.thumb_range(layer, index)?;
        self.thumbs.get_mut(r)
    }

    /// A number that changes whenever the atlas may have changed (its
    /// size, a tile handed out mutably, or [`Scene::touch_thumbs`]), so a
    /// renderer uploads it only then.
    pub fn thumbs_revision(&self) -> u64 {
        self.thumbs_rev
    }

    /// Marks the atlas as changed.
    pub fn touch_thumbs(&mut self) {
        self.thumbs_rev = self.thumbs_rev.wrapping_add(1);
    }

    /// The whole atlas: `thumb_res` wide, `thumb_res · thumb_tiles` tall.
    /// Empty (or short) until [`Scene::set_thumb_res`] is called for the
    /// current architecture.
    pub fn thumbs(&self) -> &[u8] {
        &self.thumbs
    }
}

/// Whether two buffers hold the same values bit for bit (NaN equals
/// itself: the same picture).
fn same_bits(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
}

/// Largest finite |v| (0 for none).
pub fn max_abs(v: &[f64]) -> f64 {
    v.iter()
        .map(|x| x.abs())
        .filter(|x| x.is_finite())
        .fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remembered_scene_looks_alike_until_anything_shown_changes() {
        let mut s = Scene::new();
        s.set_architecture(&[2, 3, 1], &[]);
        s.set_thumb_res(4);
        let mut seen = Scene::new();
        assert!(!seen.looks_like(&s));
        seen.remember(&s);
        assert!(seen.looks_like(&s));
        let changes: [&dyn Fn(&mut Scene); 7] = [
            &|s| s.weights_mut(1).unwrap()[2] = 0.5,
            &|s| s.a_mut(1).unwrap()[0] = -0.25,
            &|s| s.t = 0.5,
            &|s| s.phase = Phase::Update,
            &|s| s.hover = Some(Hit::Neuron { layer: 1, index: 2 }),
            &|s| s.settled = true,
            &|s| s.set_thumb_res(4),
        ];
        for (i, change) in changes.iter().enumerate() {
            let mut next = s.clone();
            change(&mut next);
            assert!(!seen.looks_like(&next), "change {i} not seen");
            seen.remember(&next);
            assert!(seen.looks_like(&next), "change {i} not remembered");
            seen.remember(&s);
        }
        // NaN is the same picture as NaN.
        let mut nan = s.clone();
        nan.a_mut(1).unwrap()[1] = f64::NAN;
        seen.remember(&nan);
        assert!(seen.looks_like(&nan.clone()));
    }

    /// `looks_like` and `remember` list the scene's fields by hand: a field
    /// added to the scene must be added to them too (or to the exempt ones
    /// below), or a picture could stay on screen after it changed. This
    /// fails until the list here is updated with the new field.
    #[test]
    fn looks_like_and_remember_cover_every_field() {
        // Compared and copied by looks_like and remember.
        const SHOWN: [&str; 24] = [
            "sizes",
            "kinds",
            "a",
            "z",
            "delta",
            "weights",
            "grad_w",
            "prev_weights",
            "targets",
            "labels",
            "has_z",
            "has_delta",
            "has_grad_w",
            "has_prev_weights",
            "has_targets",
            "phase",
            "t",
            "hover",
            "selected",
            "spotlight",
            "loss",
            "settled",
            "thumb_res",
            "thumbs_rev",
        ];
        // Derived from `sizes` (n_off, w_off), or stood for by its revision
        // (thumbs).
        const EXEMPT: [&str; 3] = ["n_off", "w_off", "thumbs"];
        let debug = format!("{:?}", Scene::default());
        let fields: Vec<&str> = debug
            .split([',', '{'])
            .filter_map(|part| part.split_once(':').map(|(name, _)| name.trim()))
            .collect();
        let mut expected: Vec<&str> = SHOWN.iter().chain(&EXEMPT).copied().collect();
        let mut found = fields.clone();
        expected.sort_unstable();
        found.sort_unstable();
        assert_eq!(found, expected, "the scene's fields: {debug}");
    }

    const KINDS: [ActivationKind; 3] = [
        ActivationKind::Input { lo: -1.0, hi: 1.0 },
        ActivationKind::Tanh,
        ActivationKind::Sigmoid,
    ];

    #[test]
    fn offsets_and_row_major_weights() {
        let mut s = Scene::new();
        assert!(s.set_architecture(&[2, 3, 1], &KINDS));
        assert_eq!(s.a(1).map(<[f64]>::len), Some(3));
        assert_eq!(s.weights(0).map(<[f64]>::len), Some(6));
        assert_eq!(s.weights(1).map(<[f64]>::len), Some(3));
        assert!(s.weights(2).is_none());
        if let Some(w) = s.weights_mut(0) {
            w.iter_mut().zip(0..).for_each(|(x, k)| *x = f64::from(k));
        }
        // Row j = neuron of layer 1, column i = input.
        assert_eq!(s.weight(0, 1, 2), Some(5.0));
        assert_eq!(s.weight(0, 2, 0), None);
        assert_eq!(s.kind(2), ActivationKind::Sigmoid);
        assert_eq!(s.kind(9), ActivationKind::Linear);
    }

    #[test]
    fn same_architecture_reuses_buffers_and_keeps_values() {
        let mut s = Scene::new();
        s.set_architecture(&[7, 16, 16, 10], &KINDS);
        if let Some(a) = s.a_mut(1) {
            a.fill(0.5);
        }
        let ptr = s.weights.as_ptr();
        assert!(!s.set_architecture(&[7, 16, 16, 10], &KINDS));
        assert_eq!(s.weights.as_ptr(), ptr);
        assert_eq!(s.a(1).and_then(|a| a.first()).copied(), Some(0.5));
        assert!(s.set_architecture(&[2, 2], &KINDS));
        assert_eq!(s.a(1), Some(&[0.0, 0.0][..]));
    }

    #[test]
    fn optional_buffers_report_presence() {
        let mut s = Scene::new();
        s.set_architecture(&[2, 1], &KINDS);
        assert!(s.delta(1).is_none() && s.grad_w(0).is_none() && s.z(1).is_none());
        assert!(s.targets().is_none() && s.prev_weights(0).is_none());
        if let Some(d) = s.delta_mut(1) {
            d.fill(-2.0);
        }
        s.targets_mut().fill(1.0);
        s.snapshot_prev_weights();
        assert_eq!(s.delta(1), Some(&[-2.0][..]));
        assert_eq!(s.delta_max_abs(), 2.0);
        assert_eq!(s.targets(), Some(&[1.0][..]));
        assert!(s.prev_weights(0).is_some());
        s.clear_optional();
        assert!(s.delta(1).is_none() && s.targets().is_none());
    }

    #[test]
    fn thumbnail_atlas_tiles_follow_neuron_order() {
        let mut s = Scene::new();
        s.set_architecture(&[2, 3, 1], &KINDS);
        assert_eq!(s.thumb(1, 0), None, "no atlas yet");
        s.set_thumb_res(4);
        assert_eq!(s.thumb_tiles(), 4);
        assert_eq!(s.thumbs().len(), 4 * 4 * 4 * 4);
        assert_eq!(s.thumb_tile(1, 2), Some(2));
        assert_eq!(s.thumb_tile(2, 0), Some(3));
        assert_eq!(s.thumb_tile(0, 0), None);
        assert_eq!(s.thumb_tile(1, 3), None);
        assert_eq!(s.thumb_range(2, 0), Some(192..256));
        if let Some(t) = s.thumb_mut(2, 0) {
            t.fill(9);
        }
        assert_eq!(s.thumbs().get(192), Some(&9));
        assert_eq!(s.thumbs().get(191), Some(&0));
        let ptr = s.thumbs().as_ptr();
        s.set_thumb_res(4);
        assert_eq!(s.thumbs().as_ptr(), ptr, "no reallocation");
        s.set_architecture(&[2, 5, 1], &KINDS);
        assert_eq!(s.thumb(2, 0), None, "stale atlas is not read");
    }

    #[test]
    fn the_atlas_revision_changes_with_every_write() {
        let mut s = Scene::new();
        s.set_architecture(&[2, 3, 1], &KINDS);
        let r0 = s.thumbs_revision();
        s.set_thumb_res(4);
        let r1 = s.thumbs_revision();
        assert_ne!(r0, r1);
        // Reading does not change it.
        let _ = (s.thumbs(), s.thumb(1, 0), s.thumb_tiles());
        assert_eq!(s.thumbs_revision(), r1);
        let _ = s.thumb_mut(1, 0);
        let r2 = s.thumbs_revision();
        assert_ne!(r1, r2);
        s.touch_thumbs();
        assert_ne!(s.thumbs_revision(), r2);
        let r3 = s.thumbs_revision();
        // An unchanged architecture keeps it; a new one changes it.
        assert!(!s.set_architecture(&[2, 3, 1], &KINDS));
        assert_eq!(s.thumbs_revision(), r3);
        assert!(s.set_architecture(&[2, 4, 1], &KINDS));
        assert_ne!(s.thumbs_revision(), r3);
    }

    #[test]
    fn labels_and_maxima() {
        let mut s = Scene::new();
        s.set_architecture(&[2, 1], &KINDS);
        assert!(s.set_input_label(1, "x₂"));
        assert!(!s.set_input_label(2, "x₃"));
        assert_eq!(s.input_label(1), "x₂");
        assert_eq!(s.input_label(5), "");
        if let Some(a) = s.a_mut(0) {
            a.copy_from_slice(&[-3.0, f64::NAN]);
        }
        assert_eq!(s.layer_max_abs(0), 3.0);
        assert_eq!(s.layer_max_abs(7), 0.0);
    }
}
