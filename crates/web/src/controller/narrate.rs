//! The narration line: what a phase did, in plain words, with its numbers.

use std::fmt::Write;

use lightbulb_core::{
    Activation, Loss, Network, OptimizerKind, PhaseReport, StepOutcome, TrainingConfig,
};

/// Number text for narration and tables: 3 significant digits, trailing
/// zeros dropped, typographic minus; never "NaN" or "inf".
pub fn num(v: f64) -> String {
    let mut s = String::new();
    push_num(&mut s, v);
    s
}

/// Appends `v` as [`num`] writes it, without allocating once `buf` has room.
pub fn push_num(buf: &mut String, v: f64) {
    if !v.is_finite() {
        buf.push('—');
        return;
    }
    let m = v.abs();
    if m == 0.0 {
        buf.push('0');
        return;
    }
    if v < 0.0 {
        buf.push('\u{2212}');
    }
    let start = buf.len();
    if (1e-3..1e5).contains(&m) {
        let decimals = (2 - m.log10().floor() as i32).max(0) as usize;
        let _ = write!(buf, "{m:.decimals$}");
        trim_zeros(buf, start);
    } else {
        let _ = write!(buf, "{m:.2e}");
        // "1.50e-7" → mantissa "1.5", then "×10⁻⁷".
        let Some(e) = buf
            .get(start..)
            .and_then(|t| t.find('e'))
            .map(|i| start + i)
        else {
            return;
        };
        let exp: i32 = buf.get(e + 1..).and_then(|t| t.parse().ok()).unwrap_or(0);
        buf.truncate(e);
        trim_zeros(buf, start);
        buf.push('×');
        crate::render::number::push_power_of_ten(buf, exp);
    }
}

/// Drops trailing zeros (and a trailing point) of the decimal at `start..`.
fn trim_zeros(buf: &mut String, start: usize) {
    if buf.get(start..).is_some_and(|t| t.contains('.')) {
        let kept = buf.trim_end_matches('0').trim_end_matches('.').len();
        buf.truncate(kept);
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
                "Backward · {}: {how}. Each wire's share from one example is δ·a (δ here times the input on the wire); the batch mean of the shares is ∂L/∂w, which the update uses. Largest: neuron {}, δ = {}.",
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

/// Appends to a phase's words that it replays step `step` of `last` as
/// recorded (the phases of a past step), leaving the history as it was.
pub fn push_replayed(text: &mut String, step: u64, last: u64) {
    use std::fmt::Write;
    let _ = write!(
        text,
        " (Replaying step {step} of {last} as it was recorded: the history is unchanged.)"
    );
}

/// "Largest relative change: layer 2 weight 3→1, 0.512 → 0.517 (+1 %)."
/// from the weights before the update (`before`, matrix by matrix, flat
/// row-major as the scene holds them) and the network after it.
pub fn relative_change_line(
    before: &dyn Fn(usize) -> Option<Vec<f64>>,
    network: &Network,
) -> Option<String> {
    let depth = network.depth();
    let mut best: Option<(usize, usize, usize, f64, f64, f64)> = None;
    for (m, layer) in network.layers().iter().enumerate() {
        let Some(prev) = before(m) else { continue };
        let cols = layer.weights.ncols().max(1);
        for (k, (&w, &p)) in layer.weights.iter().zip(&prev).enumerate() {
            let r = crate::render::wire::relative_change(p, w);
            if r > best.map_or(0.0, |b| b.5) {
                best = Some((m, k / cols, k % cols, p, w, r));
            }
        }
    }
    let (m, to, from, p, w, r) = best?;
    let sign = if w >= p { "+" } else { "\u{2212}" };
    Some(format!(
        "Largest relative change: {} weight {}→{}, {} → {} ({sign}{} %); the wires flash where weights moved.",
        layer_name(m, depth),
        from + 1,
        to + 1,
        num(p),
        num(w),
        num(r * 100.0)
    ))
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
    use lightbulb_core::NetworkSpec;

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
    fn numbers_read_as_specified() {
        assert_eq!(num(f64::NAN), "—");
        assert_eq!(num(-0.2140), "−0.214");
        assert_eq!(num(0.25), "0.25");
        assert_eq!(num(12345.0), "12345");
        assert_eq!(num(1.5e-7), "1.5×10⁻⁷");
        assert_eq!(num(-2.5e120), "−2.5×10¹²⁰");
        assert_eq!(num(3e-310), "3×10⁻³¹⁰");
        assert_eq!(num(1.25e10), "1.25×10¹⁰");
        assert_eq!(num(0.0), "0");
    }

    #[test]
    fn the_update_names_its_largest_relative_change() {
        let n = net();
        let before: Vec<Vec<f64>> = n
            .layers()
            .iter()
            .map(|l| l.weights.iter().copied().collect())
            .collect();
        let mut after = n.clone();
        // Matrix 1 (layer 2), neuron 3 ← input 2: +10 % of its old value.
        let old = after.layers()[1].weights[[2, 1]];
        after
            .set_weight(1, 2, 1, old * 1.1)
            .unwrap_or_else(|e| panic!("{e}"));
        let prev = |m: usize| before.get(m).cloned();
        let line = relative_change_line(&prev, &after).unwrap_or_default();
        let sign = if old * 1.1 >= old { "+" } else { "\u{2212}" };
        let want = format!(
            "Largest relative change: layer 2 weight 2→3, {} → {} ({sign}10 %)",
            num(old),
            num(old * 1.1)
        );
        assert!(old.abs() > 0.1, "the test needs |w| above the floor: {old}");
        assert!(line.starts_with(&want), "{line}\nwanted {want}");
        assert_eq!(relative_change_line(&prev, &n), None, "nothing moved");
    }
}
