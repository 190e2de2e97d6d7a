//! Every neuron's map over a grid of the input square: the numbers behind
//! the decision heatmap and the bulbs' thumbnails.
//!
//! These are pictures, so they are computed in single precision: the
//! network's f64 weights are rounded to f32 once per call, and the forward
//! pass runs with the core's own branch-free f32 `exp`, `tanh` and
//! logistic function. Against the f64 forward pass the values differ by
//! about 1e-6 (tested below), far under one step of an 8-bit colour, and
//! each SIMD register holds twice as many lanes. Training, the probe and
//! every number shown as text stay in f64.
//!
//! ```
//! use lightbulb_core::{maps::Maps, Activation, FeatureSet, Network, NetworkSpec};
//!
//! let network = Network::new(&NetworkSpec::new(2, &[3], Activation::Tanh, 1, Activation::Tanh))?;
//! let mut maps = Maps::default();
//! maps.compute(&network, &FeatureSet::default(), 10);
//! let out = maps.output().unwrap();
//! assert_eq!(out.dim(), (100, 1)); // 10×10 points, one output neuron
//! assert!(out.iter().all(|v| (-1.0..=1.0).contains(v)));
//! # Ok::<(), lightbulb_core::Error>(())
//! ```

use crate::activation::Activation;
use crate::fastmath32;
use crate::features::FeatureSet;
use crate::grid::grid_point;
use crate::network::Network;
use ndarray::ArrayView2;

/// Rows per block: each block goes through every layer while it is in cache.
const BLOCK: usize = 64;

/// Weights and biases beyond this magnitude are clipped when rounded to
/// f32, so that a diverging network draws saturated colours, not NaN.
const CLIP: f64 = 1e18;

/// One layer of the f32 forward pass.
#[derive(Clone, Debug, Default)]
struct MapLayer {
    inputs: usize,
    neurons: usize,
    /// Wᵀ, `inputs × neurons`.
    wt: Vec<f32>,
    b: Vec<f32>,
    activation: Option<Activation>,
    /// Activations, `points × neurons`, row-major.
    a: Vec<f32>,
}

/// The maps of the last [`Maps::compute`]: one row per grid point
/// (row-major, row 0 at the top, see [`grid_point`]), one column per neuron.
#[derive(Clone, Debug, Default)]
pub struct Maps {
    resolution: usize,
    features: Option<FeatureSet>,
    /// The encoded grid points, `points × features`.
    inputs: Vec<f32>,
    layers: Vec<MapLayer>,
    /// Rows computed since the last [`Maps::begin`].
    done: usize,
}

fn to_f32(v: f64) -> f32 {
    v.clamp(-CLIP, CLIP) as f32
}

impl Maps {
    /// Evaluates `network` on the `resolution × resolution` grid of
    /// [`grid_point`], with the inputs encoded by `features`. Allocates only
    /// when the resolution, the features or the network's shape change.
    pub fn compute(&mut self, network: &Network, features: &FeatureSet, resolution: usize) {
        self.begin(network, features, resolution);
        self.advance(usize::MAX);
    }

    /// Starts an evaluation that [`Maps::advance`] carries out a few rows at
    /// a time: takes `network`'s weights now (rounded to f32), so a network
    /// that trains on in between does not change the result, and computes no
    /// row yet. Until `advance` reports it done the maps are partly old.
    pub fn begin(&mut self, network: &Network, features: &FeatureSet, resolution: usize) {
        let points = resolution * resolution;
        if self.resolution != resolution || self.features.as_ref() != Some(features) {
            let n = features.len();
            let mut row = vec![0.0; n];
            self.inputs.clear();
            self.inputs.reserve(points * n);
            for i in 0..points {
                let (x1, x2) = grid_point(resolution, i);
                features.transform_into(x1, x2, &mut row);
                self.inputs.extend(row.iter().map(|&v| v as f32));
            }
            self.resolution = resolution;
            self.features = Some(*features);
        }
        self.layers.resize_with(network.depth(), MapLayer::default);
        for (m, layer) in self.layers.iter_mut().zip(network.layers()) {
            let (inputs, neurons) = (layer.inputs(), layer.neurons());
            m.inputs = inputs;
            m.neurons = neurons;
            m.activation = Some(layer.activation);
            m.wt.clear();
            m.wt.resize(inputs * neurons, 0.0);
            for ((j, i), &w) in layer.weights.indexed_iter() {
                if let Some(slot) = m.wt.get_mut(i * neurons + j) {
                    *slot = to_f32(w);
                }
            }
            m.b.clear();
            m.b.extend(layer.biases.iter().map(|&b| to_f32(b)));
            m.a.resize(points * neurons, 0.0);
        }
        self.done = 0;
    }

    /// Computes up to `rows` more grid points (rounded up to whole blocks of
    /// 64) of the evaluation [`Maps::begin`] started; true once every point
    /// is done (at once if it already was).
    pub fn advance(&mut self, rows: usize) -> bool {
        let points = self.resolution * self.resolution;
        let stop = self.done.saturating_add(rows.max(1)).min(points);
        while self.done < stop {
            let end = (self.done + BLOCK).min(points);
            self.forward_block(self.done, end);
            self.done = end;
        }
        self.done >= points
    }

    /// Multiply-adds of one whole evaluation of `network` at `resolution`
    /// (every grid point through every weight): what [`Maps::compute`] costs.
    pub fn cost(network: &Network, resolution: usize) -> usize {
        let per_point: usize = network
            .layers()
            .iter()
            .map(|l| l.inputs() * l.neurons())
            .sum();
        per_point.saturating_mul(resolution * resolution)
    }

    /// Rows `start..end` through every layer.
    fn forward_block(&mut self, start: usize, end: usize) {
        let inputs_per_row = self.layers.first().map_or(0, |l| l.inputs);
        for l in 0..self.layers.len() {
            let (done, rest) = self.layers.split_at_mut(l);
            let Some(m) = rest.first_mut() else {
                return;
            };
            let x = match done.last() {
                Some(prev) => prev.a.get(start * prev.neurons..end * prev.neurons),
                None => self
                    .inputs
                    .get(start * inputs_per_row..end * inputs_per_row),
            };
            let Some(x) = x else {
                return;
            };
            let Some(out) = m.a.get_mut(start * m.neurons..end * m.neurons) else {
                return;
            };
            // One kernel per width up to 16 (the page's largest layer), so
            // that a row's sums live in registers and are stored at once.
            macro_rules! by_width {
                ($($n:literal)*) => {
                    match m.neurons {
                        $($n => affine::<$n>(x, m.inputs, &m.wt, &m.b, out),)*
                        _ => affine_wide(x, m.inputs, &m.wt, &m.b, out, m.neurons),
                    }
                };
            }
            by_width!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16);
            if let Some(act) = m.activation {
                activate(act, out, m.neurons);
            }
        }
    }

    /// Points per side of the last computation (0 before the first).
    pub fn resolution(&self) -> usize {
        self.resolution
    }

    /// Number of layers (hidden and output).
    pub fn depth(&self) -> usize {
        self.layers.len()
    }

    /// Layer `l`'s activations (0 = first hidden layer): one row per grid
    /// point, one column per neuron.
    pub fn a(&self, l: usize) -> Option<ArrayView2<'_, f32>> {
        let m = self.layers.get(l)?;
        let points = self.resolution * self.resolution;
        ArrayView2::from_shape((points, m.neurons), m.a.get(..points * m.neurons)?).ok()
    }

    /// The output layer's activations.
    pub fn output(&self) -> Option<ArrayView2<'_, f32>> {
        self.a(self.depth().checked_sub(1)?)
    }

    /// Whether the maps are (or are being) made for these features at this
    /// resolution.
    pub fn made_for(&self, features: &FeatureSet, resolution: usize) -> bool {
        self.resolution == resolution && self.features.as_ref() == Some(features)
    }

    /// Whether the maps were made for a network of this shape.
    pub fn fits(&self, network: &Network) -> bool {
        self.resolution > 0
            && self.layers.len() == network.depth()
            && self
                .layers
                .iter()
                .zip(network.layers())
                .all(|(m, l)| m.inputs == l.inputs() && m.neurons == l.neurons())
    }
}

/// `out = x·Wᵀ + b` for rows of `n_in` inputs and `N` outputs, the sums
/// held in registers (`wt` is `n_in × N`, `b` has `N`). Two rows at a time,
/// so each row of `wt` is loaded once for both.
#[inline]
fn affine<const N: usize>(x: &[f32], n_in: usize, wt: &[f32], b: &[f32], out: &mut [f32]) {
    let mut bias = [0.0f32; N];
    bias.iter_mut().zip(b).for_each(|(d, &s)| *d = s);
    if n_in == 0 || N == 0 {
        return;
    }
    let mut pairs_out = out.chunks_exact_mut(2 * N);
    let mut pairs_in = x.chunks_exact(2 * n_in);
    for (xs, os) in (&mut pairs_in).zip(&mut pairs_out) {
        let (x0, x1) = xs.split_at(n_in);
        let (mut acc0, mut acc1) = (bias, bias);
        for ((&a, &c), w) in x0.iter().zip(x1).zip(wt.chunks_exact(N)) {
            for ((s0, s1), &wj) in acc0.iter_mut().zip(acc1.iter_mut()).zip(w) {
                *s0 += a * wj;
                *s1 += c * wj;
            }
        }
        let (o0, o1) = os.split_at_mut(N);
        if let (Ok(o0), Ok(o1)) = (<&mut [f32; N]>::try_from(o0), <&mut [f32; N]>::try_from(o1)) {
            *o0 = acc0;
            *o1 = acc1;
        }
    }
    // An odd last row.
    let (x_rest, o_rest) = (pairs_in.remainder(), pairs_out.into_remainder());
    if let (Some(x_row), Ok(o)) = (x_rest.get(..n_in), <&mut [f32; N]>::try_from(o_rest)) {
        let mut acc = bias;
        for (&xi, w) in x_row.iter().zip(wt.chunks_exact(N)) {
            for (s, &wj) in acc.iter_mut().zip(w) {
                *s += xi * wj;
            }
        }
        *o = acc;
    }
}

/// [`affine`] for layers wider than 16 neurons (`wt` is `n_in × n_out`).
fn affine_wide(x: &[f32], n_in: usize, wt: &[f32], b: &[f32], out: &mut [f32], n_out: usize) {
    if n_in == 0 || n_out == 0 {
        return;
    }
    for (x_row, o_row) in x.chunks_exact(n_in).zip(out.chunks_exact_mut(n_out)) {
        o_row.iter_mut().zip(b).for_each(|(o, &b)| *o = b);
        for (&xi, w) in x_row.iter().zip(wt.chunks_exact(n_out)) {
            for (o, &wj) in o_row.iter_mut().zip(w) {
                *o += xi * wj;
            }
        }
    }
}

/// Applies the activation in place to rows of `neurons` values.
fn activate(act: Activation, v: &mut [f32], neurons: usize) {
    match act {
        Activation::Tanh => v.iter_mut().for_each(|v| *v = fastmath32::tanh(*v)),
        Activation::Sigmoid => v.iter_mut().for_each(|v| *v = fastmath32::sigmoid(*v)),
        // Comparisons, not `f32::max`: that is a libm call in wasm.
        Activation::Relu => v
            .iter_mut()
            .for_each(|v| *v = if *v > 0.0 { *v } else { 0.0 }),
        Activation::LeakyRelu => v.iter_mut().for_each(|v| {
            if *v <= 0.0 {
                *v *= crate::activation::LEAKY_SLOPE as f32;
            }
        }),
        Activation::Linear => {}
        Activation::Softmax if neurons > 0 => {
            for row in v.chunks_exact_mut(neurons) {
                let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                let mut sum = 0.0;
                for x in row.iter_mut() {
                    *x = fastmath32::exp(*x - max);
                    sum += *x;
                }
                row.iter_mut().for_each(|x| *x /= sum);
            }
        }
        Activation::Softmax => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layer::Layer;
    use crate::network::NetworkSpec;
    use crate::trace::Trace;
    use ndarray::Array2;

    /// The f64 forward pass over the same grid.
    fn exact(network: &Network, features: &FeatureSet, res: usize) -> Trace {
        let mut x = Array2::zeros((res * res, features.len()));
        for (i, mut row) in x.rows_mut().into_iter().enumerate() {
            let (x1, x2) = grid_point(res, i);
            features.transform_into(x1, x2, row.as_slice_mut().unwrap());
        }
        let mut t = Trace::forward_only(network, res * res);
        t.load(x.view(), None).unwrap();
        network.forward(&mut t);
        t
    }

    fn worst_difference(network: &Network, features: &FeatureSet, res: usize) -> f64 {
        let t = exact(network, features, res);
        let mut maps = Maps::default();
        maps.compute(network, features, res);
        assert!(maps.fits(network));
        let mut worst = 0.0f64;
        for l in 0..network.depth() {
            let (a, b) = (maps.a(l).unwrap(), t.a(l).unwrap());
            assert_eq!(a.dim(), b.dim());
            for (&x, &y) in a.iter().zip(b) {
                // Relative to the layer's scale for unbounded activations.
                worst = worst.max((f64::from(x) - y).abs() / y.abs().max(1.0));
            }
        }
        worst
    }

    #[test]
    fn maps_match_the_f64_forward_pass_for_every_activation() {
        let all = FeatureSet::all();
        for hidden in [
            Activation::Tanh,
            Activation::Sigmoid,
            Activation::Relu,
            Activation::LeakyRelu,
            Activation::Linear,
        ] {
            for (outputs, out_act) in [
                (1, Activation::Tanh),
                (1, Activation::Sigmoid),
                (1, Activation::Linear),
                (4, Activation::Softmax),
            ] {
                // Widths 3, 8, 16 and 20 exercise every kernel width.
                let spec =
                    NetworkSpec::new(all.len(), &[3, 8, 16, 20], hidden, outputs, out_act).seed(11);
                let network = Network::new(&spec).unwrap();
                let worst = worst_difference(&network, &all, 23);
                assert!(worst < 2e-5, "{hidden:?}/{out_act:?}: {worst:e}");
            }
        }
    }

    #[test]
    fn a_deep_network_stays_close_and_maps_are_laid_out_like_the_grid() {
        let f = FeatureSet::default();
        let spec = NetworkSpec::new(2, &[16; 8], Activation::Tanh, 1, Activation::Tanh).seed(3);
        let network = Network::new(&spec).unwrap();
        assert!(worst_difference(&network, &f, 40) < 1e-5);
        // A one-neuron "network" whose output is tanh(x1): row-major, x1 grows
        // to the right, x2 downwards decreases.
        let mut layer = Layer::zeros(2, 1, Activation::Tanh);
        layer.weights[[0, 0]] = 1.0;
        let n = Network::from_layers(vec![layer]).unwrap();
        let mut maps = Maps::default();
        maps.compute(&n, &f, 4);
        let out = maps.output().unwrap();
        for i in 0..16 {
            let (x1, _) = grid_point(4, i);
            assert!((f64::from(out[[i, 0]]) - x1.tanh()).abs() < 3e-7);
        }
    }

    #[test]
    fn an_evaluation_in_slices_is_the_whole_one_of_the_weights_it_began_with() {
        let f = FeatureSet::all();
        let spec =
            NetworkSpec::new(f.len(), &[16, 16], Activation::Tanh, 1, Activation::Tanh).seed(7);
        let network = Network::new(&spec).unwrap();
        let mut whole = Maps::default();
        whole.compute(&network, &f, 30);
        // 900 points: 64-row blocks, so 100 rows a call take 9 calls
        // (128 rows each, the last one 4 rows).
        let mut sliced = Maps::default();
        sliced.begin(&network, &f, 30);
        // Weights that change after `begin` do not reach the result.
        let mut changed = network.layers().to_vec();
        changed[0].weights.fill(3.0);
        let other = Network::from_layers(changed).unwrap();
        let mut calls = 0;
        while !sliced.advance(100) {
            calls += 1;
            assert!(calls < 20);
        }
        assert_eq!(calls + 1, 8, "900 rows in blocks of 128 take 8 calls");
        for l in 0..network.depth() {
            let (a, b) = (whole.a(l).unwrap(), sliced.a(l).unwrap());
            assert!(
                a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits()),
                "layer {l}"
            );
        }
        let mut moved = Maps::default();
        moved.compute(&other, &f, 30);
        assert_ne!(moved.output().unwrap(), sliced.output().unwrap());
        // Done stays done; a new `begin` starts over.
        assert!(sliced.advance(1));
        sliced.begin(&network, &f, 30);
        assert!(!sliced.advance(1));
        // 7 inputs × 16 + 16 × 16 + 16 × 1 multiply-adds a point.
        assert_eq!(Maps::cost(&network, 30), (7 * 16 + 16 * 16 + 16) * 900);
    }

    #[test]
    fn huge_weights_saturate_instead_of_overflowing() {
        let f = FeatureSet::default();
        let spec = NetworkSpec::new(2, &[4], Activation::Tanh, 1, Activation::Tanh).seed(5);
        let mut layers = Network::new(&spec).unwrap().layers().to_vec();
        for layer in &mut layers {
            layer.weights.mapv_inplace(|w| w * 1e200);
            layer.biases.fill(1e300);
        }
        let n = Network::from_layers(layers).unwrap();
        let mut maps = Maps::default();
        maps.compute(&n, &f, 10);
        assert!(maps
            .output()
            .unwrap()
            .iter()
            .all(|v| v.is_finite() && v.abs() <= 1.0));
    }

    #[test]
    fn shapes_follow_the_network_and_the_resolution() {
        let f = FeatureSet::default();
        let small = Network::new(&NetworkSpec::new(
            2,
            &[2],
            Activation::Relu,
            1,
            Activation::Tanh,
        ))
        .unwrap();
        let big = Network::new(&NetworkSpec::new(
            2,
            &[5, 9],
            Activation::Relu,
            3,
            Activation::Softmax,
        ))
        .unwrap();
        let mut maps = Maps::default();
        assert!(maps.output().is_none_or(|o| o.is_empty()) && !maps.fits(&small));
        maps.compute(&small, &f, 6);
        assert_eq!(maps.a(0).unwrap().dim(), (36, 2));
        assert!(maps.fits(&small) && !maps.fits(&big));
        maps.compute(&big, &f, 3);
        assert_eq!((maps.depth(), maps.resolution()), (3, 3));
        assert_eq!(maps.a(1).unwrap().dim(), (9, 9));
        assert_eq!(maps.output().unwrap().dim(), (9, 3));
        assert!(maps.a(3).is_none());
        for row in maps.output().unwrap().rows() {
            assert!((row.sum() - 1.0).abs() < 1e-6);
        }
    }
}
