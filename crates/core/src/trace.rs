//! The trace of one training step: every array the page draws.
//!
//! Buffers are sized for a capacity of rows and reused; a batch of `rows`
//! examples uses the first `rows` of them, so changing the batch size within
//! the capacity allocates nothing.

use crate::error::{Error, Result};
use crate::kernels::rows_mut;
use crate::network::Network;
use ndarray::{s, Array1, Array2, ArrayView1, ArrayView2};

/// The arrays of one layer.
#[derive(Clone, Debug)]
pub(crate) struct LayerTrace {
    pub(crate) z: Array2<f64>,
    pub(crate) a: Array2<f64>,
    pub(crate) delta: Array2<f64>,
    pub(crate) grad_w: Array2<f64>,
    pub(crate) grad_b: Array1<f64>,
    pub(crate) delta_w: Array2<f64>,
    pub(crate) delta_b: Array1<f64>,
}

/// How far the current step has got; accessors show only what is valid.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Progress {
    /// Layers whose `z` and `a` are computed (from the input side).
    pub(crate) forward: usize,
    /// Whether the loss is computed.
    pub(crate) loss: bool,
    /// Lowest layer whose delta and gradients are computed (`depth` = none yet).
    pub(crate) backward_from: usize,
    /// Whether the update was applied.
    pub(crate) updated: bool,
}

/// Every intermediate array of a forward and backward pass on one batch.
///
/// Layers are counted from 0 (the first hidden layer) to `depth − 1` (the output).
/// Accessors return `None` for what the current step has not computed yet.
#[derive(Clone, Debug)]
pub struct Trace {
    pub(crate) rows: usize,
    pub(crate) input: Array2<f64>,
    pub(crate) targets: Array2<f64>,
    pub(crate) layers: Vec<LayerTrace>,
    pub(crate) loss: f64,
    pub(crate) progress: Progress,
    /// Made by [`Trace::forward_only`]: no δ buffers.
    forward_only: bool,
}

impl Trace {
    /// Buffers for `network`, with room for `capacity` examples per batch.
    pub fn new(network: &Network, capacity: usize) -> Trace {
        Trace::build(network, capacity, false)
    }

    /// Buffers for forward passes only (probes and heatmap grids): no δ
    /// buffers, a third less memory. Loss and backward calls on it are refused.
    pub fn forward_only(network: &Network, capacity: usize) -> Trace {
        Trace::build(network, capacity, true)
    }

    fn build(network: &Network, capacity: usize, forward_only: bool) -> Trace {
        let capacity = capacity.max(1);
        let delta_rows = if forward_only { 0 } else { capacity };
        let layers = network
            .layers()
            .iter()
            .map(|l| {
                let (n, i) = l.weights.dim();
                LayerTrace {
                    z: Array2::zeros((capacity, n)),
                    a: Array2::zeros((capacity, n)),
                    delta: Array2::zeros((delta_rows, n)),
                    grad_w: Array2::zeros((n, i)),
                    grad_b: Array1::zeros(n),
                    delta_w: Array2::zeros((n, i)),
                    delta_b: Array1::zeros(n),
                }
            })
            .collect();
        Trace {
            rows: 0,
            input: Array2::zeros((capacity, network.inputs())),
            targets: Array2::zeros((capacity, network.outputs())),
            layers,
            loss: f64::NAN,
            progress: Progress {
                backward_from: network.depth(),
                ..Progress::default()
            },
            forward_only,
        }
    }

    /// Whether this trace can hold a backward pass.
    pub fn can_backpropagate(&self) -> bool {
        !self.forward_only
    }

    /// Whether these buffers fit `network`'s shape.
    pub fn fits(&self, network: &Network) -> bool {
        self.input.ncols() == network.inputs()
            && self.layers.len() == network.depth()
            && self
                .layers
                .iter()
                .zip(network.layers())
                .all(|(t, l)| t.grad_w.dim() == l.weights.dim())
    }

    /// Room for this many rows without allocating.
    pub fn capacity(&self) -> usize {
        self.input.nrows()
    }

    /// Copies a batch in and starts a new step. Grows the buffers only if the
    /// batch is larger than the capacity. Targets may be empty (0 columns or
    /// `None`) for a forward pass only.
    pub fn load(
        &mut self,
        inputs: ArrayView2<f64>,
        targets: Option<ArrayView2<f64>>,
    ) -> Result<()> {
        if inputs.ncols() != self.input.ncols() {
            return Err(Error::Shape {
                what: "inputs".into(),
                expected: format!("N × {}", self.input.ncols()),
                got: format!("{} × {}", inputs.nrows(), inputs.ncols()),
            });
        }
        if let Some(t) = targets {
            if t.dim() != (inputs.nrows(), self.targets.ncols()) {
                return Err(Error::Shape {
                    what: "targets".into(),
                    expected: format!("{} × {}", inputs.nrows(), self.targets.ncols()),
                    got: format!("{} × {}", t.nrows(), t.ncols()),
                });
            }
        }
        let rows = inputs.nrows();
        if rows == 0 {
            return Err(Error::Invalid("a batch needs at least one example".into()));
        }
        self.reserve(rows);
        self.rows = rows;
        copy_rows(&mut self.input, inputs);
        if let Some(t) = targets {
            copy_rows(&mut self.targets, t);
        }
        self.restart();
        Ok(())
    }

    /// Loads one example from slices (no allocation).
    pub fn load_one(&mut self, input: &[f64], target: Option<&[f64]>) -> Result<()> {
        let x = ArrayView2::from_shape((1, input.len()), input)
            .map_err(|e| Error::Invalid(format!("input row: {e}")))?;
        match target {
            Some(t) => {
                let y = ArrayView2::from_shape((1, t.len()), t)
                    .map_err(|e| Error::Invalid(format!("target row: {e}")))?;
                self.load(x, Some(y))
            }
            None => self.load(x, None),
        }
    }

    fn reserve(&mut self, rows: usize) {
        if rows <= self.capacity() {
            return;
        }
        let grow = |a: &mut Array2<f64>| *a = Array2::zeros((rows, a.ncols()));
        grow(&mut self.input);
        grow(&mut self.targets);
        for l in &mut self.layers {
            grow(&mut l.z);
            grow(&mut l.a);
            if !self.forward_only {
                grow(&mut l.delta);
            }
        }
    }

    pub(crate) fn restart(&mut self) {
        self.progress = Progress {
            backward_from: self.layers.len(),
            ..Progress::default()
        };
        self.loss = f64::NAN;
    }

    /// Number of examples in the current batch.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of layers.
    pub fn depth(&self) -> usize {
        self.layers.len()
    }

    /// The batch's inputs.
    pub fn inputs(&self) -> ArrayView2<'_, f64> {
        self.input.slice(s![..self.rows, ..])
    }

    /// The batch's targets.
    pub fn targets(&self) -> ArrayView2<'_, f64> {
        self.targets.slice(s![..self.rows, ..])
    }

    /// Pre-activations of layer `l`, once the forward pass has reached it.
    pub fn z(&self, l: usize) -> Option<ArrayView2<'_, f64>> {
        (l < self.progress.forward).then(|| self.layers[l].z.slice(s![..self.rows, ..]))
    }

    /// Activations of layer `l`, once the forward pass has reached it.
    pub fn a(&self, l: usize) -> Option<ArrayView2<'_, f64>> {
        (l < self.progress.forward).then(|| self.layers[l].a.slice(s![..self.rows, ..]))
    }

    /// The network's outputs, once the forward pass is complete.
    pub fn output(&self) -> Option<ArrayView2<'_, f64>> {
        self.layers.len().checked_sub(1).and_then(|l| self.a(l))
    }

    /// Mean loss over the batch (without regularisation), once computed.
    pub fn loss(&self) -> Option<f64> {
        self.progress.loss.then_some(self.loss)
    }

    /// `∂L/∂z` of layer `l` for each example, once backpropagation has reached it.
    /// This is the gradient of each example's own loss, before the batch mean.
    pub fn delta(&self, l: usize) -> Option<ArrayView2<'_, f64>> {
        self.backward_reached(l)
            .then(|| self.layers[l].delta.slice(s![..self.rows, ..]))
    }

    /// Batch-mean `∂L/∂W` of layer `l` (regularisation included), shape out × in.
    pub fn grad_w(&self, l: usize) -> Option<ArrayView2<'_, f64>> {
        self.backward_reached(l)
            .then(|| self.layers[l].grad_w.view())
    }

    /// Batch-mean `∂L/∂b` of layer `l`.
    pub fn grad_b(&self, l: usize) -> Option<ArrayView1<'_, f64>> {
        self.backward_reached(l)
            .then(|| self.layers[l].grad_b.view())
    }

    /// The change applied to layer `l`'s weights by the update.
    pub fn delta_w(&self, l: usize) -> Option<ArrayView2<'_, f64>> {
        (self.progress.updated && l < self.layers.len()).then(|| self.layers[l].delta_w.view())
    }

    /// The change applied to layer `l`'s biases by the update.
    pub fn delta_b(&self, l: usize) -> Option<ArrayView1<'_, f64>> {
        (self.progress.updated && l < self.layers.len()).then(|| self.layers[l].delta_b.view())
    }

    /// How many layers the forward pass has computed.
    pub fn forward_done(&self) -> usize {
        self.progress.forward
    }

    /// Whether the update of this step has been applied.
    pub fn updated(&self) -> bool {
        self.progress.updated
    }

    fn backward_reached(&self, l: usize) -> bool {
        l < self.layers.len() && l >= self.progress.backward_from
    }
}
/// Copies `from` into the first rows of `to` (which has room): one slice
/// copy when both are contiguous, which ndarray's general assign is not.
fn copy_rows(to: &mut Array2<f64>, from: ArrayView2<f64>) {
    let mut head = rows_mut(to, 0, from.nrows());
    match (head.as_slice_mut(), from.as_slice()) {
        (Some(to), Some(from)) if to.len() == from.len() => to.copy_from_slice(from),
        _ => head.assign(&from),
    }
}
