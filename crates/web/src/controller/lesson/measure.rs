//! What a lesson reads off the live network.

/// One quantity, written in a lesson as text. Layers are counted as on
/// screen (0 = the inputs, 1 = the first hidden layer); weight matrices from
/// 0 (matrix 0 joins the inputs to layer 1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Measure {
    /// `a:L:I`: the activation of neuron I of layer L at the probe point.
    Activation(usize, usize),
    /// `z:L:I`: its weighted sum plus bias, at the probe point.
    Sum(usize, usize),
    /// `output`: the first output at the probe point.
    Output,
    /// `ex_a:L:I`: the activation for the step's first example.
    ExampleActivation(usize, usize),
    /// `ex_z:L:I`: the weighted sum for the step's first example.
    ExampleSum(usize, usize),
    /// `target`: the first target of the step's first example.
    Target,
    /// `ex_loss`: the step's mean loss over its batch.
    ExampleLoss,
    /// `delta:L:I`: ∂L/∂z of neuron I of layer L, first example.
    Delta(usize, usize),
    /// `fprime:L:I`: f′(z) of that neuron, first example.
    Slope(usize, usize),
    /// `dlda:L:I`: ∂L/∂a of that neuron, first example (δ / f′(z)).
    LossSlope(usize, usize),
    /// `gradient:M:F:T`: the batch-mean ∂L/∂w of weight F→T of matrix M.
    Gradient(usize, usize, usize),
    /// `weight:M:F:T`: the weight F→T of matrix M.
    Weight(usize, usize, usize),
    /// `loss`: the training loss.
    Loss,
    /// `gap`: the test loss minus the training loss.
    Gap,
    /// `test_loss`: the test loss.
    TestLoss,
    /// `accuracy`: training accuracy, 0..1.
    Accuracy,
    /// `test_accuracy`: test accuracy, 0..1.
    TestAccuracy,
    /// `steps`: steps trained.
    Steps,
    /// `lr`: the learning rate.
    LearningRate,
}

fn index(s: &str) -> Result<usize, String> {
    s.parse::<usize>()
        .ok()
        .filter(|&n| n < 64)
        .ok_or_else(|| format!("\"{s}\" is not an index below 64"))
}

impl Measure {
    /// Reads a measure; the message says what was wrong.
    pub fn parse(text: &str) -> Result<Measure, String> {
        let parts: Vec<&str> = text.split(':').collect();
        let head = parts.first().copied().unwrap_or("");
        let two = |f: fn(usize, usize) -> Measure| -> Result<Measure, String> {
            match parts[..] {
                [_, l, i] => Ok(f(index(l)?, index(i)?)),
                _ => Err(format!("expected \"{}:layer:index\", got \"{text}\"", head)),
            }
        };
        let three = |f: fn(usize, usize, usize) -> Measure| -> Result<Measure, String> {
            match parts[..] {
                [_, m, a, b] => Ok(f(index(m)?, index(a)?, index(b)?)),
                _ => Err(format!(
                    "expected \"{}:matrix:from:to\", got \"{text}\"",
                    head
                )),
            }
        };
        match parts[..] {
            ["output"] => Ok(Measure::Output),
            ["target"] => Ok(Measure::Target),
            ["ex_loss"] => Ok(Measure::ExampleLoss),
            ["loss"] => Ok(Measure::Loss),
            ["test_loss"] => Ok(Measure::TestLoss),
            ["gap"] => Ok(Measure::Gap),
            ["accuracy"] => Ok(Measure::Accuracy),
            ["test_accuracy"] => Ok(Measure::TestAccuracy),
            ["steps"] => Ok(Measure::Steps),
            ["lr"] => Ok(Measure::LearningRate),
            ["a", ..] => two(Measure::Activation),
            ["z", ..] => two(Measure::Sum),
            ["ex_a", ..] => two(Measure::ExampleActivation),
            ["ex_z", ..] => two(Measure::ExampleSum),
            ["delta", ..] => two(Measure::Delta),
            ["fprime", ..] => two(Measure::Slope),
            ["dlda", ..] => two(Measure::LossSlope),
            ["gradient", ..] => three(Measure::Gradient),
            ["weight", ..] => three(Measure::Weight),
            _ => Err(format!(
                "\"{text}\" is not a measure (output, a:L:I, z:L:I, ex_a:L:I, ex_z:L:I, target, ex_loss, delta:L:I, fprime:L:I, dlda:L:I, gradient:M:F:T, weight:M:F:T, loss, test_loss, gap, accuracy, test_accuracy, steps, lr)"
            )),
        }
    }
}
