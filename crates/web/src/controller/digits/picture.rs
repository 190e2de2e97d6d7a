//! What the digits view shows of one image: its pixels, each layer's z and
//! activation as far as the forward pass got, and δ as far as
//! backpropagation got. Taken from a step's trace (its first image) or from
//! a forward pass of the drawing or a test image.

use lightbulb_core::digits::{CLASSES, MAX_PIXEL, PIXELS};
use lightbulb_core::ndarray::ArrayView2;
use lightbulb_core::{Network, Trace};

/// One image through the network, for the bulbs, the hover equations and
/// the numbers table.
#[derive(Clone, Debug, PartialEq)]
pub struct Picture {
    /// The 64 inputs, in [0, 1].
    pub inputs: [f64; PIXELS],
    /// z of the hidden neurons (empty before the forward pass reached them).
    pub hidden_z: Vec<f64>,
    /// Activation of the hidden neurons (empty likewise).
    pub hidden: Vec<f64>,
    /// z of the outputs (empty before the forward pass reached them).
    pub out_z: Vec<f64>,
    /// The 10 probabilities (empty likewise).
    pub out: Vec<f64>,
    /// δ of the hidden neurons, once backpropagation reached them.
    pub hidden_delta: Vec<f64>,
    /// δ of the outputs, once backpropagation reached them.
    pub out_delta: Vec<f64>,
    /// The image's label when it is a training image of a step.
    pub label: Option<u8>,
    /// The batch loss, once the loss phase ran.
    pub loss: Option<f64>,
}

impl Default for Picture {
    fn default() -> Self {
        Picture {
            inputs: [0.0; PIXELS],
            hidden_z: Vec::new(),
            hidden: Vec::new(),
            out_z: Vec::new(),
            out: Vec::new(),
            hidden_delta: Vec::new(),
            out_delta: Vec::new(),
            label: None,
            loss: None,
        }
    }
}

/// Row 0 of `m` into `out` (cleared when there is none); non-finite values become 0.
fn first_row(m: Option<ArrayView2<'_, f64>>, out: &mut Vec<f64>) {
    out.clear();
    if let Some(m) = m.filter(|m| m.nrows() > 0) {
        let row = m.row(0);
        out.extend(row.iter().map(|&v| if v.is_finite() { v } else { 0.0 }));
    }
}

impl Picture {
    /// The first image of a step's trace, as far as the step got.
    pub fn from_trace(&mut self, trace: &Trace, label: Option<u8>) {
        let mut inputs = Vec::with_capacity(PIXELS);
        first_row(Some(trace.inputs()), &mut inputs);
        self.inputs = [0.0; PIXELS];
        for (d, v) in self.inputs.iter_mut().zip(inputs) {
            *d = v;
        }
        let done = trace.forward_done();
        first_row(trace.z(0).filter(|_| done >= 1), &mut self.hidden_z);
        first_row(trace.a(0).filter(|_| done >= 1), &mut self.hidden);
        first_row(trace.z(1).filter(|_| done >= 2), &mut self.out_z);
        first_row(trace.a(1).filter(|_| done >= 2), &mut self.out);
        first_row(trace.delta(1), &mut self.out_delta);
        first_row(trace.delta(0), &mut self.hidden_delta);
        self.label = label;
        self.loss = trace.loss();
    }

    /// A forward pass of `pixels` (0–16) whose output probabilities are `p`.
    pub fn from_probe(&mut self, network: &Network, pixels: &[u8; PIXELS], p: &[f64; CLASSES]) {
        self.inputs = pixels.map(|v| f64::from(v) / f64::from(MAX_PIXEL));
        self.hidden_z.clear();
        self.hidden.clear();
        self.out_z.clear();
        if let [hidden, output] = network.layers() {
            for (j, row) in hidden.weights.rows().into_iter().enumerate() {
                let b = hidden.biases.get(j).copied().unwrap_or(0.0);
                let z = b + row
                    .iter()
                    .zip(&self.inputs)
                    .map(|(w, x)| w * x)
                    .sum::<f64>();
                self.hidden_z.push(z);
                self.hidden.push(hidden.activation.apply(z));
            }
            for (k, row) in output.weights.rows().into_iter().enumerate() {
                let b = output.biases.get(k).copied().unwrap_or(0.0);
                let z = b + row
                    .iter()
                    .zip(&self.hidden)
                    .map(|(w, a)| w * a)
                    .sum::<f64>();
                self.out_z.push(z);
            }
        }
        self.out = p.to_vec();
        self.hidden_delta.clear();
        self.out_delta.clear();
        self.label = None;
        self.loss = None;
    }
}
