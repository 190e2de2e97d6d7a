//! Gradient checking: the backward pass's `∂L/∂w` beside a central finite
//! difference of the same objective, for any weight or bias.
//!
//! The objective is the one the backward pass differentiates
//! ([`Objective`]): the batch-mean loss plus the weight penalty,
//! `J(θ) = (1/N) Σₙ Lₙ(θ) + R(W)`.
//!
//! **The finite difference** is the central difference
//! `D(h) = (J(θ+h) − J(θ−h)) / 2h`, taken at steps `h, h/1.4, h/1.4², …`
//! and extrapolated to `h → 0` by Ridders' method (Numerical Recipes
//! §5.7): each extrapolation cancels the next even power of `h` in the
//! error of `D`, and the tableau stops when a higher order no longer
//! improves, i.e. when rounding (`≈ ε·|J|/h`, ε = 2⁻⁵²) takes over. So the
//! first step can be large, 10⁻², which keeps the rounding small, without
//! the `h²/6·J‴` truncation error of a single difference at that step.
//! [`GradientCheck::numeric_error`] is the method's own error estimate.
//! A weight's step is divided by the largest `|a|` of its input over the
//! batch (if above 1), so that no pre-activation moves by more than `h`:
//! with all seven input features, `x1²` reaches 36.
//!
//! **Kinks.** ReLU and leaky ReLU have a kink at `z = 0`, and L1 at `w = 0`;
//! a difference across a kink measures neither side's slope. After every
//! evaluation the sign of every pre-activation of a ReLU or leaky-ReLU layer,
//! for every example, is compared with the sign at `θ` (and, with L1, the
//! sign of the weight itself); if one changed, the first step is divided by
//! ten and the difference taken again, down to [`MIN_STEP`]. A parameter
//! whose differences still cross a kink is reported with
//! [`GradientCheck::at_kink`] set and is left out of the worst error: that
//! happens when a `z` is exactly 0, e.g. a neuron fed only by dead ReLUs
//! with a zero bias. (At `w = 0` exactly, L1's central difference is `0`,
//! the subgradient the backward pass uses, so that is no kink.)
//!
//! **Relative error** is `|a − n| / max(|a|, |n|, FLOOR)` with
//! [`RELATIVE_ERROR_FLOOR`] `= 10⁻⁵`. Below the floor a ratio would measure
//! rounding, not the gradient: the loss is known to about 10⁻¹⁵ (its `tanh`
//! and `exp` are within a few units in the last place), so over the page's
//! configurations `a` and `n` of gradients smaller than 10⁻⁵ differ by up
//! to about 1.2·10⁻¹² however exact the backward pass is. There the error
//! is the absolute difference over 10⁻⁵, so `≤ 10⁻⁶` means
//! `|a − n| ≤ 10⁻¹¹`. The test over every built-in configuration
//! (`crates/core/tests/gradient_check.rs`) prints the worst it finds: about
//! 1.2·10⁻⁷.
//!
//! ```
//! use lightbulb_core::gradient_check::{check_all, check_parameter, Parameter};
//! use lightbulb_core::{Activation, Loss, Network, NetworkSpec, Objective, Regularization};
//! use ndarray::array;
//!
//! let net = Network::new(&NetworkSpec::new(2, &[3], Activation::Tanh, 1, Activation::Tanh))?;
//! let x = array![[0.5, -1.0], [2.0, 0.25]];
//! let y = array![[1.0], [-1.0]];
//! let objective = Objective { loss: Loss::Mse, regularization: Regularization::L2, rate: 0.01 };
//!
//! let one = check_parameter(&net, x.view(), y.view(), objective, Parameter::Weight { layer: 0, to: 1, from: 0 })?;
//! assert!(one.relative_error <= 1e-6);
//! let all = check_all(&net, x.view(), y.view(), objective)?;
//! assert_eq!(all.checks.len(), 3 * 2 + 3 + 3 + 1);
//! assert!(all.worst_relative_error() <= 1e-6);
//! # Ok::<(), lightbulb_core::Error>(())
//! ```

use crate::activation::Activation;
use crate::backward::Objective;
use crate::error::{Error, Result};
use crate::network::Network;
use crate::regularization::Regularization;
use crate::trace::Trace;
use crate::trainer::MAX_REGULARIZATION_RATE;
use ndarray::ArrayView2;

/// The first step `h` of the finite differences.
pub const STEP: f64 = 1e-2;
/// The smallest step tried when a larger one crosses a kink.
pub const MIN_STEP: f64 = 1e-6;
/// The first steps tried, largest first.
const STEPS: [f64; 5] = [STEP, 1e-3, 1e-4, 1e-5, MIN_STEP];
/// Ridders' tableau: at most this many steps…
const LEVELS: usize = 10;
/// …each this many times smaller than the one before.
const SHRINK: f64 = 1.4;
/// The denominator's floor in [`relative_error`].
pub const RELATIVE_ERROR_FLOOR: f64 = 1e-5;

/// One weight or bias of a network. Layers count weight matrices from 0
/// (the first hidden layer) to `depth − 1` (the output layer).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Parameter {
    /// The weight from input (or neuron of the layer below) `from` to neuron `to`.
    Weight {
        /// The layer.
        layer: usize,
        /// The neuron it feeds.
        to: usize,
        /// The input it comes from.
        from: usize,
    },
    /// The bias of neuron `neuron`.
    Bias {
        /// The layer.
        layer: usize,
        /// The neuron.
        neuron: usize,
    },
}

impl Parameter {
    /// The layer the parameter belongs to.
    pub fn layer(self) -> usize {
        match self {
            Parameter::Weight { layer, .. } | Parameter::Bias { layer, .. } => layer,
        }
    }

    /// Every parameter of `network`: per layer, the weights row by row, then the biases.
    pub fn all(network: &Network) -> Vec<Parameter> {
        let mut all = Vec::new();
        for (layer, l) in network.layers().iter().enumerate() {
            let (neurons, inputs) = l.weights.dim();
            for to in 0..neurons {
                all.extend((0..inputs).map(|from| Parameter::Weight { layer, to, from }));
            }
            all.extend((0..neurons).map(|neuron| Parameter::Bias { layer, neuron }));
        }
        all
    }

    /// Checks that the parameter exists in `network`; the error names the index.
    pub fn check(self, network: &Network) -> Result<()> {
        let depth = network.depth();
        let Some(l) = network.layers().get(self.layer()) else {
            return Err(Error::out_of_range(
                "layer index",
                self.layer() as f64,
                0.0,
                depth as f64 - 1.0,
            ));
        };
        let (neurons, inputs) = l.weights.dim();
        let (what, value, count) = match self {
            Parameter::Weight { to, .. } if to >= neurons => ("neuron index", to, neurons),
            Parameter::Weight { from, .. } if from >= inputs => ("input index", from, inputs),
            Parameter::Bias { neuron, .. } if neuron >= neurons => {
                ("neuron index", neuron, neurons)
            }
            _ => return Ok(()),
        };
        Err(Error::out_of_range(
            format!("{what} of layer {}", self.layer()),
            value as f64,
            0.0,
            count as f64 - 1.0,
        ))
    }

    fn get(self, network: &Network) -> f64 {
        let l = &network.layers()[self.layer()];
        match self {
            Parameter::Weight { to, from, .. } => l.weights[[to, from]],
            Parameter::Bias { neuron, .. } => l.biases[neuron],
        }
    }

    fn set(self, network: &mut Network, value: f64) {
        let l = &mut network.layers_mut()[self.layer()];
        match self {
            Parameter::Weight { to, from, .. } => l.weights[[to, from]] = value,
            Parameter::Bias { neuron, .. } => l.biases[neuron] = value,
        }
    }
}

/// One parameter's analytic and numeric gradient.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GradientCheck {
    /// Which parameter.
    pub parameter: Parameter,
    /// `∂J/∂θ` from the backward pass (batch mean, regularisation included).
    pub analytic: f64,
    /// The central finite difference of `J`.
    pub numeric: f64,
    /// [`relative_error`] of the two.
    pub relative_error: f64,
    /// Ridders' estimate of the error of `numeric`.
    pub numeric_error: f64,
    /// The first step `h` of the differences.
    pub step: f64,
    /// Whether even the smallest step crossed a kink (see the module docs):
    /// `numeric` is then not a derivative and `relative_error` means nothing.
    pub at_kink: bool,
}

/// Every parameter of a network, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkCheck {
    /// One check per parameter, in the order of [`Parameter::all`].
    pub checks: Vec<GradientCheck>,
}

impl NetworkCheck {
    /// The check with the largest relative error, kinks left out.
    pub fn worst(&self) -> Option<&GradientCheck> {
        self.checks
            .iter()
            .filter(|c| !c.at_kink)
            .max_by(|a, b| a.relative_error.total_cmp(&b.relative_error))
    }

    /// The largest relative error over the network, kinks left out (0 if none).
    pub fn worst_relative_error(&self) -> f64 {
        self.worst().map_or(0.0, |c| c.relative_error)
    }

    /// How many parameters sat at a kink even at the smallest step.
    pub fn at_kinks(&self) -> usize {
        self.checks.iter().filter(|c| c.at_kink).count()
    }
}

/// `|a − n| / max(|a|, |n|, RELATIVE_ERROR_FLOOR)`.
pub fn relative_error(analytic: f64, numeric: f64) -> f64 {
    (analytic - numeric).abs() / analytic.abs().max(numeric.abs()).max(RELATIVE_ERROR_FLOOR)
}

/// Checks one parameter on a batch (`inputs`: rows × network inputs;
/// `targets`: rows × outputs).
pub fn check_parameter(
    network: &Network,
    inputs: ArrayView2<f64>,
    targets: ArrayView2<f64>,
    objective: Objective,
    parameter: Parameter,
) -> Result<GradientCheck> {
    parameter.check(network)?;
    let mut checker = Checker::new(network, inputs, targets, objective)?;
    Ok(checker.check(parameter))
}

/// Checks every weight and bias of `network` on a batch.
pub fn check_all(
    network: &Network,
    inputs: ArrayView2<f64>,
    targets: ArrayView2<f64>,
    objective: Objective,
) -> Result<NetworkCheck> {
    let mut checker = Checker::new(network, inputs, targets, objective)?;
    let checks = Parameter::all(network)
        .into_iter()
        .map(|p| checker.check(p))
        .collect();
    Ok(NetworkCheck { checks })
}

/// A copy of the network to perturb, the analytic gradients and a trace.
struct Checker {
    network: Network,
    objective: Objective,
    analytic: Trace,
    trace: Trace,
    /// Signs of the kinked pre-activations at θ.
    signs: Vec<bool>,
}

impl Checker {
    fn new(
        network: &Network,
        inputs: ArrayView2<f64>,
        targets: ArrayView2<f64>,
        objective: Objective,
    ) -> Result<Checker> {
        objective.loss.check_output(network.output_activation())?;
        if !objective.rate.is_finite() {
            return Err(Error::NotFinite {
                what: "regularization rate".into(),
                value: objective.rate,
            });
        }
        if !(0.0..=MAX_REGULARIZATION_RATE).contains(&objective.rate) {
            return Err(Error::out_of_range(
                "regularization rate",
                objective.rate,
                0.0,
                MAX_REGULARIZATION_RATE,
            ));
        }
        let mut analytic = Trace::new(network, inputs.nrows());
        analytic.load(inputs, Some(targets))?;
        network.forward(&mut analytic);
        network.backward(objective, &mut analytic)?;
        let mut checker = Checker {
            network: network.clone(),
            objective,
            trace: analytic.clone(),
            analytic,
            signs: Vec::new(),
        };
        checker.signs = kink_signs(&checker.network, &checker.trace);
        Ok(checker)
    }

    fn check(&mut self, parameter: Parameter) -> GradientCheck {
        let l = parameter.layer();
        let analytic = match parameter {
            Parameter::Weight { to, from, .. } => self.grad_w(l, to, from),
            Parameter::Bias { neuron, .. } => {
                self.analytic.grad_b(l).map_or(f64::NAN, |g| g[neuron])
            }
        };
        let scale = self.input_scale(parameter);
        let (mut numeric, mut numeric_error) = (f64::NAN, f64::NAN);
        let mut crossed = true;
        let mut step = STEP;
        for h in STEPS {
            step = h / scale;
            (numeric, numeric_error, crossed) = self.ridders(parameter, step);
            if !crossed {
                break;
            }
        }
        GradientCheck {
            parameter,
            analytic,
            numeric,
            relative_error: relative_error(analytic, numeric),
            numeric_error,
            step,
            at_kink: crossed,
        }
    }

    /// `max(1, maxₙ |aₙᵢ|)` for a weight from input `i` (1 for a bias): a
    /// weight's step is divided by it, so that no `z` moves by more than the
    /// step itself.
    fn input_scale(&self, parameter: Parameter) -> f64 {
        let Parameter::Weight { layer, from, .. } = parameter else {
            return 1.0;
        };
        let input = match layer {
            0 => Some(self.analytic.inputs()),
            _ => self.analytic.a(layer - 1),
        };
        input.map_or(1.0, |a| {
            a.column(from).iter().fold(1.0, |m: f64, v| m.max(v.abs()))
        })
    }

    fn grad_w(&self, l: usize, to: usize, from: usize) -> f64 {
        self.analytic.grad_w(l).map_or(f64::NAN, |g| g[[to, from]])
    }

    /// Ridders' extrapolation of central differences from step `h` down,
    /// its error estimate, and whether any evaluation crossed a kink.
    fn ridders(&mut self, parameter: Parameter, h: f64) -> (f64, f64, bool) {
        let theta = parameter.get(&self.network);
        let mut table = [[0.0; LEVELS]; LEVELS];
        let mut hh = h;
        let (mut crossed, first) = self.central(parameter, theta, hh);
        table[0][0] = first;
        let (mut best, mut error) = (first, f64::INFINITY);
        for i in 1..LEVELS {
            hh /= SHRINK;
            let (c, d) = self.central(parameter, theta, hh);
            crossed |= c;
            table[0][i] = d;
            let mut factor = SHRINK * SHRINK;
            for j in 1..=i {
                table[j][i] = (table[j - 1][i] * factor - table[j - 1][i - 1]) / (factor - 1.0);
                factor *= SHRINK * SHRINK;
                let e = (table[j][i] - table[j - 1][i])
                    .abs()
                    .max((table[j][i] - table[j - 1][i - 1]).abs());
                if e <= error {
                    error = e;
                    best = table[j][i];
                }
            }
            // Higher orders got worse: rounding has taken over.
            if (table[i][i] - table[i - 1][i - 1]).abs() >= 2.0 * error {
                break;
            }
        }
        parameter.set(&mut self.network, theta);
        (best, error, crossed)
    }

    /// `(J(θ+h) − J(θ−h)) / 2h`, and whether either side crossed a kink.
    fn central(&mut self, parameter: Parameter, theta: f64, h: f64) -> (bool, f64) {
        let mut crossed = false;
        let mut j = [0.0; 2];
        for (k, moved) in [theta + h, theta - h].into_iter().enumerate() {
            parameter.set(&mut self.network, moved);
            j[k] = self.objective_value();
            crossed |= kink_signs(&self.network, &self.trace) != self.signs;
            if self.objective.regularization == Regularization::L1
                && matches!(parameter, Parameter::Weight { .. })
                && theta != 0.0
                && (moved > 0.0) != (theta > 0.0)
            {
                crossed = true;
            }
        }
        (crossed, (j[0] - j[1]) / (2.0 * h))
    }

    /// `J` at the network's current parameters, on the loaded batch.
    fn objective_value(&mut self) -> f64 {
        self.trace.restart();
        self.network.forward(&mut self.trace);
        let loss = self
            .network
            .loss_unchecked(self.objective.loss, &mut self.trace);
        loss + self
            .objective
            .regularization
            .penalty(&self.network, self.objective.rate)
    }
}

/// `z > 0` for every example and neuron of every ReLU or leaky-ReLU layer.
fn kink_signs(network: &Network, trace: &Trace) -> Vec<bool> {
    let mut signs = Vec::new();
    for (l, layer) in network.layers().iter().enumerate() {
        if matches!(layer.activation, Activation::Relu | Activation::LeakyRelu) {
            if let Some(z) = trace.z(l) {
                signs.extend(z.iter().map(|&z| z > 0.0));
            }
        }
    }
    signs
}
