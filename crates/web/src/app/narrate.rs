//! The narration line: what a phase did, in plain words, with its numbers.

use lightbulb_core::session::Diverged;
use lightbulb_core::{
    Activation, Loss, Network, OptimizerKind, PhaseReport, StepOutcome, TrainingConfig,
};

/// Number text for narration and tables: 3 significant digits, trailing
/// zeros dropped, typographic minus; never "NaN" or "inf".
pub fn num(v: f64) -> String {
    if !v.is_finite() {
        return "—".to_string();
    }
    let m = v.abs();
    let body = if m == 0.0 {
        return "0".to_string();
    } else if (1e-3..1e5).contains(&m) {
        let decimals = (2 - m.log10().floor() as i32).max(0) as usize;
        let s = format!("{m:.decimals$}");
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    } else {
        let s = format!("{m:.2e}");
        match s.split_once('e') {
            Some((mant, exp)) => {
                let mant = if mant.contains('.') {
                    mant.trim_end_matches('0').trim_end_matches('.')
                } else {
                    mant
                };
                format!("{mant}×10^{}", exp.replace('-', "\u{2212}"))
            }
            None => s,
        }
    };
    if v < 0.0 {
        format!("\u{2212}{body}")
    } else {
        body
    }
}

fn derivative(a: Activation) -> &'static str {
    match a {
        Activation::Sigmoid => "σ′(z) = a(1 − a)",
        Activation::Tanh => "tanh′(z) = 1 − a²",
        Activation::Relu => "relu′(z) (1 if z > 0, else 0)",
        Activation::LeakyRelu => "leaky′(z) (1 if z > 0, else 0.01)",
        Activation::Linear => "1 (linear)",
        Activation::Softmax => "softmax′",
    }
}

fn layer_name(layer: usize, depth: usize) -> String {
    if layer + 1 == depth {
        "output".to_string()
    } else {
        format!("layer {}", layer + 1)
    }
}

/// The loss's name on screen.
pub fn loss_name(loss: Loss) -> &'static str {
    match loss {
        Loss::Mse => "mean squared error",
        Loss::Bce => "binary cross-entropy",
        Loss::SoftmaxCe => "softmax cross-entropy",
    }
}

/// What the divergence notice says.
pub fn diverged(d: &Diverged) -> String {
    format!(
        "Training diverged at step {}: {}. Lower the learning rate and press Reset.",
        d.step, d.divergence
    )
}

/// One sentence about a phase that just ran.
pub fn phase(
    report: &PhaseReport,
    network: &Network,
    training: &TrainingConfig,
    batch: usize,
) -> String {
    let depth = network.depth();
    let act = |l: usize| {
        network
            .layers()
            .get(l)
            .map_or(Activation::Linear, |x| x.activation)
    };
    match *report {
        PhaseReport::Forward { layer, neuron, activation } => format!(
            "Forward · {}: each neuron sums its weighted inputs, z = Σ w·a + b, then lights up with a = {}(z). Brightest: neuron {}, a = {}.",
            layer_name(layer, depth),
            act(layer).name(),
            neuron + 1,
            num(activation)
        ),
        PhaseReport::Loss { loss } => format!(
            "Loss · {} between output and target, averaged over {} example{}: L = {}.",
            loss_name(training.loss),
            batch,
            if batch == 1 { "" } else { "s" },
            num(loss)
        ),
        PhaseReport::Backward { layer, neuron, delta } => {
            let how = if layer + 1 == depth {
                match training.loss {
                    Loss::Mse => format!("δ = (a − y) × {}", derivative(act(layer))),
                    Loss::Bce | Loss::SoftmaxCe => "δ = a − y (the cross-entropy and its activation cancel out)".to_string(),
                }
            } else {
                format!("each neuron's error δ = (Σ w·δ of the next layer) × {}", derivative(act(layer)))
            };
            format!(
                "Backward · {}: {how}; ∂L/∂w = δ × the input on that wire. Largest: neuron {}, δ = {}.",
                layer_name(layer, depth),
                neuron + 1,
                num(delta)
            )
        }
        PhaseReport::Update { outcome: StepOutcome::Diverged(d), .. } => {
            format!("Update refused: {d}. Nothing was changed.")
        }
        PhaseReport::Update { largest, .. } => {
            let rule = match training.optimizer {
                OptimizerKind::Sgd => format!("SGD moves each weight by −η·∂L/∂w (η = {})", num(training.learning_rate)),
                OptimizerKind::Momentum => format!(
                    "Momentum keeps a velocity v ← 0.9·v − η·∂L/∂w and moves each weight by v (η = {})",
                    num(training.learning_rate)
                ),
                OptimizerKind::Adam => format!(
                    "Adam moves each weight by −η·m̂/(√v̂ + ε), a running average of gradients over their size (η = {})",
                    num(training.learning_rate)
                ),
            };
            match largest {
                Some((l, to, from, dw)) => format!(
                    "Update · {rule}. Largest change: {} weight {}→{} by {}.",
                    layer_name(l, depth),
                    from + 1,
                    to + 1,
                    signed(dw)
                ),
                None => format!("Update · {rule}."),
            }
        }
    }
}

fn signed(v: f64) -> String {
    if v >= 0.0 {
        format!("+{}", num(v))
    } else {
        num(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lightbulb_core::{Divergence, DivergenceCause, NetworkSpec};

    fn net() -> Network {
        Network::new(&NetworkSpec::new(
            2,
            &[4, 3],
            Activation::Tanh,
            1,
            Activation::Tanh,
        ))
        .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn narration_names_the_phase_and_its_numbers() {
        let t = TrainingConfig::default();
        let n = net();
        let s = phase(
            &PhaseReport::Backward {
                layer: 1,
                neuron: 2,
                delta: -0.214,
            },
            &n,
            &t,
            10,
        );
        assert!(s.starts_with("Backward · layer 2"), "{s}");
        assert!(
            s.contains("neuron 3") && s.contains("−0.214") && s.contains("tanh′"),
            "{s}"
        );
        let s = phase(
            &PhaseReport::Forward {
                layer: 2,
                neuron: 0,
                activation: 0.5,
            },
            &n,
            &t,
            10,
        );
        assert!(s.starts_with("Forward · output"), "{s}");
        let s = phase(&PhaseReport::Loss { loss: 0.25 }, &n, &t, 1);
        assert!(s.contains("1 example:") && s.contains("0.25"), "{s}");
        let s = phase(
            &PhaseReport::Update {
                outcome: StepOutcome::Applied { loss: 0.1 },
                largest: Some((0, 1, 0, 0.0123)),
            },
            &n,
            &t,
            1,
        );
        assert!(s.contains("layer 1 weight 1→2 by +0.0123"), "{s}");
    }

    #[test]
    fn the_divergence_notice_reads_as_specified() {
        let d = Diverged {
            step: 37,
            divergence: Divergence {
                layer: 1,
                cause: DivergenceCause::Weights,
            },
        };
        assert_eq!(
            diverged(&d),
            "Training diverged at step 37: layer 2's weights grew past floating-point range. Lower the learning rate and press Reset."
        );
        assert_eq!(num(f64::NAN), "—");
        assert_eq!(num(-0.2140), "−0.214");
        assert_eq!(num(0.25), "0.25");
        assert_eq!(num(12345.0), "12345");
        assert_eq!(num(1.5e-7), "1.5×10^−7");
        assert_eq!(num(0.0), "0");
    }
}
