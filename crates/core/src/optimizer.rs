//! Optimizers: SGD, momentum and Adam. An update that would make anything
//! non-finite is refused, and then the network and the optimizer's own
//! state stay exactly as they were.

use crate::divergence::{Divergence, DivergenceCause};
use crate::error::{Error, Result};
use crate::network::Network;
use crate::trace::Trace;
use ndarray::{Array, Array1, Array2, ArrayView2, Dimension, Zip};
use serde::{Deserialize, Serialize};

/// Momentum coefficient β of [`OptimizerKind::Momentum`].
pub const MOMENTUM_BETA: f64 = 0.9;
/// Adam's β₁.
pub const ADAM_BETA1: f64 = 0.9;
/// Adam's β₂.
pub const ADAM_BETA2: f64 = 0.999;
/// Adam's ε.
pub const ADAM_EPSILON: f64 = 1e-8;

/// Which update rule turns gradients into weight changes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OptimizerKind {
    /// `Δw = −η·g`.
    #[default]
    Sgd,
    /// Classical momentum: `v ← β·v − η·g`, `Δw = v`, with β = 0.9.
    Momentum,
    /// Adam with bias correction; the step count is 1 on the first update.
    Adam,
}

impl OptimizerKind {
    /// Every kind.
    pub const ALL: [OptimizerKind; 3] = [
        OptimizerKind::Sgd,
        OptimizerKind::Momentum,
        OptimizerKind::Adam,
    ];

    /// The name used in files and URLs.
    pub fn name(self) -> &'static str {
        match self {
            OptimizerKind::Sgd => "sgd",
            OptimizerKind::Momentum => "momentum",
            OptimizerKind::Adam => "adam",
        }
    }
}

crate::named::impl_named!(OptimizerKind, "optimizer");

/// First and second moments for one layer (momentum uses only the first, as velocity).
#[derive(Clone, Debug, PartialEq)]
pub struct Moments {
    /// First moment (or velocity) of the weights.
    pub m_w: Array2<f64>,
    /// First moment (or velocity) of the biases.
    pub m_b: Array1<f64>,
    /// Second moment of the weights (Adam).
    pub v_w: Array2<f64>,
    /// Second moment of the biases (Adam).
    pub v_b: Array1<f64>,
}

/// An optimizer with its state, shaped for one network.
#[derive(Clone, Debug)]
pub struct Optimizer {
    kind: OptimizerKind,
    steps: u64,
    state: Vec<Moments>,
    next: Vec<Moments>,
}

impl Optimizer {
    /// A fresh optimizer for `network`.
    pub fn new(kind: OptimizerKind, network: &Network) -> Optimizer {
        let zeros = || -> Vec<Moments> {
            network
                .layers()
                .iter()
                .map(|l| Moments {
                    m_w: Array2::zeros(l.weights.dim()),
                    m_b: Array1::zeros(l.biases.len()),
                    v_w: Array2::zeros(l.weights.dim()),
                    v_b: Array1::zeros(l.biases.len()),
                })
                .collect()
        };
        Optimizer {
            kind,
            steps: 0,
            state: zeros(),
            next: zeros(),
        }
    }

    /// The update rule.
    pub fn kind(&self) -> OptimizerKind {
        self.kind
    }

    /// Updates applied so far (Adam's `t`).
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// The per-layer state.
    pub fn state(&self) -> &[Moments] {
        &self.state
    }

    /// Switches the rule; the state restarts from zero.
    pub fn switch(&mut self, kind: OptimizerKind) {
        self.kind = kind;
        self.reset();
    }

    /// Forgets the state.
    pub fn reset(&mut self) {
        self.steps = 0;
        for m in self.state.iter_mut().chain(self.next.iter_mut()) {
            m.m_w.fill(0.0);
            m.m_b.fill(0.0);
            m.v_w.fill(0.0);
            m.v_b.fill(0.0);
        }
    }

    /// Restores a saved state (from a model file); shapes must match the network.
    pub fn restore(&mut self, steps: u64, state: Vec<Moments>) -> Result<()> {
        if state.len() != self.state.len() {
            return Err(Error::Shape {
                what: "training.state.layers".into(),
                expected: format!("{} layers", self.state.len()),
                got: format!("{} layers", state.len()),
            });
        }
        for (l, (new, old)) in state.iter().zip(&self.state).enumerate() {
            if new.m_w.dim() != old.m_w.dim()
                || new.v_w.dim() != old.v_w.dim()
                || new.m_b.len() != old.m_b.len()
                || new.v_b.len() != old.v_b.len()
            {
                return Err(Error::Shape {
                    what: format!("training.state.layers[{l}]"),
                    expected: format!("{:?} weights", old.m_w.dim()),
                    got: format!("{:?} weights", new.m_w.dim()),
                });
            }
        }
        self.state = state;
        self.steps = steps;
        Ok(())
    }

    /// Appends the state (m_w, m_b, v_w, v_b of every layer) to `out`.
    pub(crate) fn save_state(&self, out: &mut Vec<f64>) {
        for m in &self.state {
            out.extend(m.m_w.iter());
            out.extend(m.m_b.iter());
            out.extend(m.v_w.iter());
            out.extend(m.v_b.iter());
        }
    }

    /// Loads a state saved by [`Optimizer::save_state`] from the front of
    /// `values`, with its rule and step count, in place. Returns the values
    /// after the state.
    pub(crate) fn load_state<'a>(
        &mut self,
        kind: OptimizerKind,
        steps: u64,
        mut values: &'a [f64],
    ) -> &'a [f64] {
        self.kind = kind;
        self.steps = steps;
        for (m, next) in self.state.iter_mut().zip(self.next.iter_mut()) {
            values = fill(m.m_w.iter_mut(), values);
            values = fill(m.m_b.iter_mut(), values);
            values = fill(m.v_w.iter_mut(), values);
            values = fill(m.v_b.iter_mut(), values);
            // Momentum writes only the velocity of `next` before swapping it
            // in, so its other half must be what the state holds, as it is
            // in a run that never restored (both are zeros under momentum).
            next.m_w.assign(&m.m_w);
            next.m_b.assign(&m.m_b);
            next.v_w.assign(&m.v_w);
            next.v_b.assign(&m.v_b);
        }
        values
    }

    /// Numbers of the state: what [`Optimizer::save_state`] appends.
    pub(crate) fn state_len(&self) -> usize {
        self.state
            .iter()
            .map(|m| m.m_w.len() + m.m_b.len() + m.v_w.len() + m.v_b.len())
            .sum()
    }

    /// Applies one update from the gradients in `trace`, writing the applied
    /// changes into the trace. If the loss, a gradient, or a new parameter is
    /// not finite, nothing changes and the cause is returned.
    pub fn update(
        &mut self,
        network: &mut Network,
        trace: &mut Trace,
        learning_rate: f64,
    ) -> std::result::Result<(), Divergence> {
        if self.kind == OptimizerKind::Sgd {
            if let Some(done) = sgd_on_slices(network, trace, learning_rate) {
                done?;
                self.steps += 1;
                trace.progress.updated = true;
                return Ok(());
            }
        }
        self.update_general(network, trace, learning_rate)
    }

    /// [`Optimizer::update`] for any rule and any array layout.
    fn update_general(
        &mut self,
        network: &mut Network,
        trace: &mut Trace,
        learning_rate: f64,
    ) -> std::result::Result<(), Divergence> {
        if let Some(d) = check_trace(trace) {
            return Err(d);
        }
        let t = self.steps + 1;
        let lr = learning_rate;
        let kind = self.kind;
        for (tr, (old, new)) in trace
            .layers
            .iter_mut()
            .zip(self.state.iter().zip(self.next.iter_mut()))
        {
            match kind {
                OptimizerKind::Sgd => {
                    let rule = |d: &mut f64, &g: &f64| *d = -lr * g;
                    each_pair(&mut tr.delta_w, &tr.grad_w, rule);
                    each_pair(&mut tr.delta_b, &tr.grad_b, rule);
                }
                OptimizerKind::Momentum => {
                    let rule = |v: &mut f64, d: &mut f64, &v0: &f64, &g: &f64| {
                        *v = MOMENTUM_BETA * v0 - lr * g;
                        *d = *v;
                    };
                    Zip::from(&mut new.m_w)
                        .and(&mut tr.delta_w)
                        .and(&old.m_w)
                        .and(&tr.grad_w)
                        .for_each(rule);
                    Zip::from(&mut new.m_b)
                        .and(&mut tr.delta_b)
                        .and(&old.m_b)
                        .and(&tr.grad_b)
                        .for_each(rule);
                }
                OptimizerKind::Adam => {
                    let (c1, c2) = adam_corrections(t);
                    let adam =
                        |m: &mut f64, v: &mut f64, d: &mut f64, &m0: &f64, &v0: &f64, &g: &f64| {
                            *m = ADAM_BETA1 * m0 + (1.0 - ADAM_BETA1) * g;
                            *v = ADAM_BETA2 * v0 + (1.0 - ADAM_BETA2) * g * g;
                            *d = -lr * (*m / c1) / ((*v / c2).sqrt() + ADAM_EPSILON);
                        };
                    Zip::from(&mut new.m_w)
                        .and(&mut new.v_w)
                        .and(&mut tr.delta_w)
                        .and(&old.m_w)
                        .and(&old.v_w)
                        .and(&tr.grad_w)
                        .for_each(adam);
                    Zip::from(&mut new.m_b)
                        .and(&mut new.v_b)
                        .and(&mut tr.delta_b)
                        .and(&old.m_b)
                        .and(&old.v_b)
                        .and(&tr.grad_b)
                        .for_each(adam);
                }
            }
        }
        // Refuse the update if any new parameter would not be finite.
        for (l, (layer, tr)) in network.layers().iter().zip(&trace.layers).enumerate() {
            if !finite_sum(&layer.weights, &tr.delta_w) || !finite_sum(&layer.biases, &tr.delta_b) {
                return Err(Divergence {
                    layer: l,
                    cause: DivergenceCause::Weights,
                });
            }
        }
        for (layer, tr) in network.layers_mut().iter_mut().zip(&trace.layers) {
            each_pair(&mut layer.weights, &tr.delta_w, |w, &d| *w += d);
            each_pair(&mut layer.biases, &tr.delta_b, |b, &d| *b += d);
        }
        if self.kind != OptimizerKind::Sgd {
            std::mem::swap(&mut self.state, &mut self.next);
        }
        self.steps = t;
        trace.progress.updated = true;
        Ok(())
    }
}

/// Copies the front of `values` into `dst`; returns the rest.
pub(crate) fn fill<'a, 'b>(dst: impl Iterator<Item = &'b mut f64>, values: &'a [f64]) -> &'a [f64] {
    let mut used = 0;
    for (d, &v) in dst.zip(values) {
        *d = v;
        used += 1;
    }
    &values[used..]
}

/// `f(aᵢ, bᵢ)` for every element of two arrays of one shape: a plain loop
/// over their slices when both are in standard order, else a `Zip`.
fn each_pair<D: Dimension>(
    a: &mut Array<f64, D>,
    b: &Array<f64, D>,
    mut f: impl FnMut(&mut f64, &f64),
) {
    match (a.as_slice_mut(), b.as_slice()) {
        (Some(a), Some(b)) => a.iter_mut().zip(b).for_each(|(a, b)| f(a, b)),
        _ => Zip::from(a).and(b).for_each(f),
    }
}

/// Whether every `wᵢ + dᵢ` is finite, checked to the end (the loop
/// vectorises; the sums are almost always finite).
fn finite_sum<D: Dimension>(w: &Array<f64, D>, d: &Array<f64, D>) -> bool {
    let ok = |ok: bool, &w: &f64, &d: &f64| ok & (w + d).is_finite();
    match (w.as_slice(), d.as_slice()) {
        (Some(w), Some(d)) => w.iter().zip(d).fold(true, |o, (w, d)| ok(o, w, d)),
        _ => Zip::from(w).and(d).fold(true, ok),
    }
}

/// Adam's bias corrections `1 − β₁ᵗ` and `1 − β₂ᵗ`. Not inlined: inlined,
/// the two powers were computed on every update, Adam or not.
#[inline(never)]
fn adam_corrections(t: u64) -> (f64, f64) {
    // β^t by multiplication (powi), the same bits on every target; past 2³¹
    // steps both powers are long 0.
    let t = i32::try_from(t).unwrap_or(i32::MAX);
    (1.0 - ADAM_BETA1.powi(t), 1.0 - ADAM_BETA2.powi(t))
}

/// Whether every number of `a` is finite: over the slice when there is one,
/// without stopping early (the loop vectorises; a step's numbers are
/// almost always finite).
fn all_finite(a: ArrayView2<f64>) -> bool {
    match a.as_slice() {
        Some(s) => crate::kernels::all_finite(s),
        None => a.iter().all(|v| v.is_finite()),
    }
}

/// [`Optimizer::update`] for SGD when every array has its slice (always, for
/// arrays the trace and network make): the same numbers, checks and outcome
/// in fewer passes. One pass per array computes `Δ = −η·g` and checks `g`
/// and `w + Δ` at once, where the general path takes three; the weights
/// change only after every check passed. `None`: no slices, nothing done.
fn sgd_on_slices(
    network: &mut Network,
    trace: &mut Trace,
    lr: f64,
) -> Option<std::result::Result<(), Divergence>> {
    let slices_ok = network
        .layers()
        .iter()
        .zip(&trace.layers)
        .all(|(layer, tr)| {
            layer.weights.as_slice().is_some()
                && layer.biases.as_slice().is_some()
                && tr.grad_w.as_slice().is_some()
                && tr.grad_b.as_slice().is_some()
                && tr.delta_w.as_slice().is_some()
                && tr.delta_b.as_slice().is_some()
        });
    if !slices_ok {
        return None;
    }
    if let Some(d) = check_forward(trace) {
        return Some(Err(d));
    }
    // Gradients from the output layer down, as check_trace; a weight that
    // would not be finite is reported for the lowest such layer, and only
    // if no gradient anywhere is non-finite.
    let rows = trace.rows;
    let mut weights_fail = None;
    for (l, (layer, tr)) in network
        .layers()
        .iter()
        .zip(trace.layers.iter_mut())
        .enumerate()
        .rev()
    {
        let (g_w, w_w) = sgd_pass(
            lr,
            slice(&tr.grad_w),
            slice(&layer.weights),
            &mut tr.delta_w,
        );
        let (g_b, w_b) = sgd_pass(lr, slice(&tr.grad_b), slice(&layer.biases), &mut tr.delta_b);
        if !(all_finite(crate::kernels::rows(&tr.delta, 0, rows)) && g_w && g_b) {
            return Some(Err(Divergence {
                layer: l,
                cause: DivergenceCause::Gradients,
            }));
        }
        if !(w_w && w_b) {
            weights_fail = Some(l);
        }
    }
    if let Some(layer) = weights_fail {
        return Some(Err(Divergence {
            layer,
            cause: DivergenceCause::Weights,
        }));
    }
    for (layer, tr) in network.layers_mut().iter_mut().zip(&trace.layers) {
        each_pair(&mut layer.weights, &tr.delta_w, |w, &d| *w += d);
        each_pair(&mut layer.biases, &tr.delta_b, |b, &d| *b += d);
    }
    Some(Ok(()))
}

/// The array's numbers (empty if it has no slice, which the caller ruled out).
fn slice<D: Dimension>(a: &Array<f64, D>) -> &[f64] {
    a.as_slice().unwrap_or(&[])
}

/// `Δᵢ = −η·gᵢ` into `delta`; returns whether every `gᵢ` and every `wᵢ + Δᵢ`
/// is finite.
fn sgd_pass<D: Dimension>(
    lr: f64,
    g: &[f64],
    w: &[f64],
    delta: &mut Array<f64, D>,
) -> (bool, bool) {
    match delta.as_slice_mut() {
        Some(delta) => crate::kernels::sgd_delta(lr, g, w, delta),
        None => (true, true),
    }
}

/// The first non-finite `z`, `a` (from the input side) or loss.
fn check_forward(trace: &Trace) -> Option<Divergence> {
    let rows = trace.rows;
    for (l, tr) in trace.layers.iter().enumerate() {
        if !all_finite(crate::kernels::rows(&tr.z, 0, rows))
            || !all_finite(crate::kernels::rows(&tr.a, 0, rows))
        {
            return Some(Divergence {
                layer: l,
                cause: DivergenceCause::Activations,
            });
        }
    }
    if !trace.loss.is_finite() {
        return Some(Divergence {
            layer: trace.layers.len().saturating_sub(1),
            cause: DivergenceCause::Loss,
        });
    }
    None
}

/// The first non-finite number of the step so far, in the order it was computed.
fn check_trace(trace: &Trace) -> Option<Divergence> {
    let rows = trace.rows;
    let finite2 = |a: &Array2<f64>, rows: Option<usize>| match rows {
        Some(r) => all_finite(crate::kernels::rows(a, 0, r)),
        None => all_finite(a.view()),
    };
    for (l, tr) in trace.layers.iter().enumerate() {
        if !finite2(&tr.z, Some(rows)) || !finite2(&tr.a, Some(rows)) {
            return Some(Divergence {
                layer: l,
                cause: DivergenceCause::Activations,
            });
        }
    }
    let last = trace.layers.len().saturating_sub(1);
    if !trace.loss.is_finite() {
        return Some(Divergence {
            layer: last,
            cause: DivergenceCause::Loss,
        });
    }
    for (l, tr) in trace.layers.iter().enumerate().rev() {
        if !finite2(&tr.delta, Some(rows))
            || !finite2(&tr.grad_w, None)
            || !tr.grad_b.iter().all(|v| v.is_finite())
        {
            return Some(Divergence {
                layer: l,
                cause: DivergenceCause::Gradients,
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Activation, Loss, NetworkSpec, Objective, Regularization};

    /// The SGD path on slices and the general path, from the same network
    /// and trace: the same outcome (cause and layer), the same weights and
    /// the same applied changes, on real steps (some at rates that blow up)
    /// and on traces given non-finite numbers or gradients whose update
    /// overflows, in one layer or several.
    #[test]
    fn sgd_on_slices_matches_the_general_path() {
        let x = Array2::from_shape_fn((10, 2), |(r, c)| ((r * 5 + c * 3) % 11) as f64 - 5.0);
        let y = Array2::from_shape_fn((10, 1), |(r, _)| if r % 3 == 0 { 1.0 } else { -1.0 });
        let objective = Objective {
            loss: Loss::Mse,
            regularization: Regularization::None,
            rate: 0.0,
        };
        let huge = -f64::MAX / 2.0;
        // (layer, what, value): what 0 = grad_w[0], 1 = grad_b[0], 2 = delta[0].
        let edits: [&[(usize, u8, f64)]; 7] = [
            &[],
            &[(1, 0, huge)],
            &[(2, 1, huge), (0, 0, huge)],
            &[(1, 0, huge), (0, 1, f64::NAN)],
            &[(2, 2, f64::INFINITY)],
            &[(0, 0, f64::NEG_INFINITY), (2, 0, f64::NAN)],
            &[(1, 1, -huge)],
        ];
        let mut causes = Vec::new();
        for (act, out) in [
            (Activation::Relu, Activation::Linear),
            (Activation::Tanh, Activation::Tanh),
        ] {
            for lr in [0.03, 1e6] {
                let spec = NetworkSpec::new(2, &[8, 8], act, 1, out).seed(3);
                let mut net = Network::new(&spec).expect("a valid network");
                let mut trace = Trace::new(&net, 10);
                for step in 0..40 {
                    trace.load(x.view(), Some(y.view())).expect("shapes fit");
                    net.forward(&mut trace);
                    let _ = net.backward(objective, &mut trace);
                    let mut next = None;
                    for edit in edits {
                        let mut edited = trace.clone();
                        for &(l, what, v) in edit {
                            let tr = &mut edited.layers[l];
                            match what {
                                0 => tr.grad_w[[0, 0]] = v,
                                1 => tr.grad_b[0] = v,
                                _ => tr.delta[[0, 0]] = v,
                            }
                        }
                        let (mut net_a, mut trace_a) = (net.clone(), edited.clone());
                        let mut sgd = Optimizer::new(OptimizerKind::Sgd, &net);
                        let a = sgd.update(&mut net_a, &mut trace_a, lr);
                        let (mut net_b, mut trace_b) = (net.clone(), edited);
                        let mut general = Optimizer::new(OptimizerKind::Sgd, &net);
                        let b = general.update_general(&mut net_b, &mut trace_b, lr);
                        let what = format!("{act:?}, rate {lr}, step {step}, edits {edit:?}");
                        assert_eq!(a, b, "{what}");
                        assert_eq!(net_a, net_b, "{what}");
                        assert_eq!(sgd.steps(), general.steps(), "{what}");
                        match a {
                            Ok(()) => {
                                for (ta, tb) in trace_a.layers.iter().zip(&trace_b.layers) {
                                    assert_eq!(ta.delta_w, tb.delta_w, "{what}");
                                    assert_eq!(ta.delta_b, tb.delta_b, "{what}");
                                }
                                if edit.is_empty() {
                                    next = Some(net_a);
                                }
                            }
                            Err(d) => causes.push((d.cause, d.layer)),
                        }
                    }
                    match next {
                        Some(n) => net = n,
                        None => break,
                    }
                }
            }
        }
        // Every kind of refusal was compared, not only applied updates.
        for expected in [
            (DivergenceCause::Weights, 1),
            (DivergenceCause::Weights, 0),
            (DivergenceCause::Gradients, 0),
            (DivergenceCause::Gradients, 2),
            (DivergenceCause::Activations, 1),
        ] {
            assert!(causes.contains(&expected), "{expected:?} in {causes:?}");
        }
    }
}
