//! Copies what the core computed into the renderer's [`Scene`].

use crate::glow::ActivationKind;
use crate::scene::Scene;
use lightbulb_core::{Activation, Feature, FeatureSet, Network, Trace};

/// The glow kind of a core activation.
pub fn kind_of(a: Activation) -> ActivationKind {
    match a {
        Activation::Sigmoid => ActivationKind::Sigmoid,
        Activation::Tanh => ActivationKind::Tanh,
        Activation::Relu => ActivationKind::Relu,
        Activation::LeakyRelu => ActivationKind::LeakyRelu,
        Activation::Linear => ActivationKind::Linear,
        Activation::Softmax => ActivationKind::Softmax,
    }
}

/// The range an input feature takes over the square [−6, 6]².
pub fn feature_range(f: Feature) -> (f64, f64) {
    match f {
        Feature::X1 | Feature::X2 => (-6.0, 6.0),
        Feature::X1Sq | Feature::X2Sq => (0.0, 36.0),
        Feature::X1X2 => (-36.0, 36.0),
        Feature::SinX1 | Feature::SinX2 => (-1.0, 1.0),
    }
}

/// Sets the scene's architecture, kinds, input labels and weights.
/// Reuses buffers when the architecture is unchanged.
pub fn structure(
    scene: &mut Scene,
    network: &Network,
    features: &FeatureSet,
    sizes: &mut Vec<usize>,
    kinds: &mut Vec<ActivationKind>,
) {
    sizes.clear();
    sizes.push(network.inputs());
    sizes.extend(network.layers().iter().map(|l| l.neurons()));
    kinds.clear();
    kinds.extend(features.iter().map(|f| {
        let (lo, hi) = feature_range(f);
        ActivationKind::Input { lo, hi }
    }));
    // One kind per neuron layer: the input layer's kind is that of its first feature.
    kinds.truncate(1);
    kinds.extend(network.layers().iter().map(|l| kind_of(l.activation)));
    scene.set_architecture(sizes, kinds);
    for (i, f) in features.iter().enumerate() {
        scene.set_input_label(i, f.label());
    }
    weights(scene, network);
}

/// Copies the current weights.
pub fn weights(scene: &mut Scene, network: &Network) {
    for (m, layer) in network.layers().iter().enumerate() {
        if let Some(dst) = scene.weights_mut(m) {
            for (d, w) in dst.iter_mut().zip(layer.weights.iter()) {
                *d = *w;
            }
        }
    }
}

fn copy_row(
    dst: Option<&mut [f64]>,
    src: Option<lightbulb_core::ndarray::ArrayView2<f64>>,
) -> bool {
    let row = src
        .filter(|s| s.nrows() > 0)
        .map(|s| s.index_axis_move(lightbulb_core::ndarray::Axis(0), 0));
    match (dst, row) {
        (Some(d), Some(row)) => {
            for (d, v) in d.iter_mut().zip(row.iter()) {
                *d = if v.is_finite() { *v } else { 0.0 };
            }
            true
        }
        (Some(d), None) => {
            d.fill(0.0);
            false
        }
        _ => false,
    }
}

/// Shows example 0 of a trace: inputs, z and a of the layers computed so
/// far, δ and ∂L/∂w of the layers backpropagation reached, and the target.
pub fn from_trace(scene: &mut Scene, trace: &Trace, prev_weights: bool) {
    scene.clear_optional();
    copy_row(scene.a_mut(0), Some(trace.inputs()));
    let mut any_delta = false;
    let mut any_grad = false;
    for l in 0..trace.depth() {
        copy_row(scene.a_mut(l + 1), trace.a(l));
        copy_row(scene.z_mut(l + 1), trace.z(l));
        any_delta |= copy_row(scene.delta_mut(l + 1), trace.delta(l));
        if let Some(dst) = scene.grad_w_mut(l) {
            match trace.grad_w(l) {
                Some(g) => {
                    any_grad = true;
                    for (d, v) in dst.iter_mut().zip(g.iter()) {
                        *d = *v;
                    }
                }
                None => dst.fill(0.0),
            }
        }
    }
    if trace.loss().is_some() {
        if let Some(row) = trace.targets().rows().into_iter().next() {
            for (d, v) in scene.targets_mut().iter_mut().zip(row.iter()) {
                *d = *v;
            }
        }
        scene.loss = trace.loss();
    }
    scene.set_provided(true, any_delta, any_grad, prev_weights);
}

/// Shows the probe point's forward pass (no δ, no gradients).
pub fn from_probe(scene: &mut Scene, trace: &Trace) {
    scene.clear_optional();
    copy_row(scene.a_mut(0), Some(trace.inputs()));
    for l in 0..trace.depth() {
        copy_row(scene.a_mut(l + 1), trace.a(l));
        copy_row(scene.z_mut(l + 1), trace.z(l));
    }
    scene.set_provided(true, false, false, false);
}
