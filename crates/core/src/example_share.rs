//! Each example's share of one parameter's gradient.
//!
//! The batch gradient of a weight from input `i` to neuron `j` of layer `l`
//! is the mean over the batch of one term per example, plus the penalty's
//! gradient:
//!
//! ```text
//! ∂J/∂wⱼᵢ = (1/N) Σₙ δₙⱼ·aₙᵢ + R′(wⱼᵢ)
//! ```
//!
//! where `δₙⱼ = ∂Lₙ/∂zₙⱼ` and `aₙᵢ` is input `i` of layer `l` for example
//! `n` (the previous layer's activation, or the network input). The
//! penalty `R` does not depend on the examples, so it enters **every share
//! equally**: example `n`'s share is `sₙ = δₙⱼ·aₙᵢ + R′(wⱼᵢ)`, the gradient
//! that example alone would give, and the mean of the shares is exactly the
//! batch gradient. [`Shares::data`] keeps the `δ·a` part and
//! [`Shares::regularization`] the common `R′(w)` (`rate·sign(w)` for L1,
//! `rate·w` for L2, 0 without a penalty). A bias has `a = 1` and no
//! penalty: its shares are the `δₙⱼ`.
//!
//! [`shares`] gives one parameter's share for every example (the bars of a
//! wire); [`push`] gives one example's share of every parameter (a data
//! point's push on every wire).
//!
//! ```
//! use lightbulb_core::example_share::shares;
//! use lightbulb_core::gradient_check::Parameter;
//! use lightbulb_core::{Activation, Loss, Network, NetworkSpec, Objective, Regularization, Trace};
//! use ndarray::array;
//!
//! let net = Network::new(&NetworkSpec::new(2, &[3], Activation::Tanh, 1, Activation::Tanh))?;
//! let objective = Objective { loss: Loss::Mse, regularization: Regularization::L2, rate: 0.1 };
//! let mut trace = Trace::new(&net, 2);
//! trace.load(array![[0.5, -1.0], [2.0, 0.25]].view(), Some(array![[1.0], [-1.0]].view()))?;
//! net.forward(&mut trace);
//! net.backward(objective, &mut trace)?;
//!
//! let s = shares(&net, &trace, objective, Parameter::Weight { layer: 1, to: 0, from: 2 })?;
//! assert_eq!(s.data.len(), 2);
//! let batch = trace.grad_w(1).unwrap()[[0, 2]];
//! assert!((s.mean() - batch).abs() <= 1e-12);
//! # Ok::<(), lightbulb_core::Error>(())
//! ```

use crate::backward::Objective;
use crate::error::{Error, Result};
use crate::gradient_check::Parameter;
use crate::network::Network;
use crate::trace::Trace;
use ndarray::{Array1, Array2};

/// The per-example terms of one parameter's batch gradient.
#[derive(Clone, Debug, PartialEq)]
pub struct Shares {
    /// Which parameter.
    pub parameter: Parameter,
    /// `δₙⱼ·aₙᵢ` for each example `n` of the batch (`δₙⱼ` for a bias).
    pub data: Vec<f64>,
    /// The penalty's gradient `R′(w)`, part of every example's share.
    pub regularization: f64,
}

impl Shares {
    /// Example `n`'s whole share, `data[n] + regularization`.
    pub fn share(&self, n: usize) -> Option<f64> {
        self.data.get(n).map(|d| d + self.regularization)
    }

    /// Every example's whole share.
    pub fn all(&self) -> Vec<f64> {
        self.data.iter().map(|d| d + self.regularization).collect()
    }

    /// The mean of the shares: the batch gradient `∂J/∂θ`.
    pub fn mean(&self) -> f64 {
        let n = self.data.len() as f64;
        self.data.iter().sum::<f64>() / n + self.regularization
    }
}

/// The shares of `parameter` in the step held by `trace`, which must have
/// been made for `network` and have the backward pass done down to the
/// parameter's layer, with the same `objective`. `network` must hold the
/// parameters that backward pass ran on (before the update is applied):
/// `R′(w)` is read from it.
pub fn shares(
    network: &Network,
    trace: &Trace,
    objective: Objective,
    parameter: Parameter,
) -> Result<Shares> {
    parameter.check(network)?;
    if !trace.fits(network) {
        return Err(Error::Invalid(
            "the trace was made for another network".into(),
        ));
    }
    let l = parameter.layer();
    let not_yet = || {
        Error::Invalid(format!(
            "the shares of layer {} need the backward pass down to that layer first",
            l + 1
        ))
    };
    let delta = trace.delta(l).ok_or_else(not_yet)?;
    let (data, regularization) = match parameter {
        Parameter::Bias { neuron, .. } => (delta.column(neuron).to_vec(), 0.0),
        Parameter::Weight { to, from, .. } => {
            let input = match l {
                0 => Some(trace.inputs()),
                _ => trace.a(l - 1),
            }
            .ok_or_else(not_yet)?;
            let data = delta
                .column(to)
                .iter()
                .zip(input.column(from))
                .map(|(d, a)| d * a)
                .collect();
            let w = network.layers()[l].weights[[to, from]];
            (data, objective.regularization.gradient(w, objective.rate))
        }
    };
    Ok(Shares {
        parameter,
        data,
        regularization,
    })
}

/// One example's push on every weight and bias: the gradient that example
/// alone would give, `δₙⱼ·aₙᵢ + R′(wⱼᵢ)` per weight and `δₙⱼ` per bias
/// (see the module docs). Layer `l` of `weights` is neurons × inputs, like
/// the layer's weights.
#[derive(Clone, Debug, PartialEq)]
pub struct Push {
    /// The example's row in the batch.
    pub example: usize,
    /// Per layer, the example's share of `∂J/∂W`.
    pub weights: Vec<Array2<f64>>,
    /// Per layer, its share of `∂J/∂b`.
    pub biases: Vec<Array1<f64>>,
}

/// The push of example `example` of the batch in `trace` on every
/// parameter; the trace needs the whole backward pass (the same conditions
/// as [`shares`]).
pub fn push(
    network: &Network,
    trace: &Trace,
    objective: Objective,
    example: usize,
) -> Result<Push> {
    if !trace.fits(network) {
        return Err(Error::Invalid(
            "the trace was made for another network".into(),
        ));
    }
    if example >= trace.rows() {
        return Err(Error::out_of_range(
            "example index",
            example as f64,
            0.0,
            trace.rows() as f64 - 1.0,
        ));
    }
    let not_yet = || Error::Invalid("an example's push needs the whole backward pass first".into());
    let mut weights = Vec::with_capacity(network.depth());
    let mut biases = Vec::with_capacity(network.depth());
    for (l, layer) in network.layers().iter().enumerate() {
        let delta = trace.delta(l).ok_or_else(not_yet)?.row(example).to_owned();
        let input = match l {
            0 => Some(trace.inputs()),
            _ => trace.a(l - 1),
        }
        .ok_or_else(not_yet)?
        .row(example)
        .to_owned();
        let (reg, rate) = (objective.regularization, objective.rate);
        let w = Array2::from_shape_fn(layer.weights.dim(), |(j, i)| {
            delta[j] * input[i] + reg.gradient(layer.weights[[j, i]], rate)
        });
        weights.push(w);
        biases.push(delta);
    }
    Ok(Push {
        example,
        weights,
        biases,
    })
}
