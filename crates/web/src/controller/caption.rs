//! The line under the network that says which input the bulbs show: one
//! example of the batch just trained on, or the probe point of the sliders.

use super::narrate::num;

/// "target −1" for one output, "class 3" (the largest target) for several.
pub fn target_text(targets: &[f64]) -> String {
    match targets {
        [] => String::new(),
        [y] => format!("target {}", num(*y)),
        many => {
            let class = many
                .iter()
                .enumerate()
                .fold((0, f64::NEG_INFINITY), |best, (i, &v)| {
                    if v > best.1 {
                        (i, v)
                    } else {
                        best
                    }
                })
                .0;
            format!("class {class}")
        }
    }
}

/// The caption while the bulbs show example `k` (from 1) of a batch of `n`.
pub fn example(k: usize, n: usize, x1: f64, x2: f64, targets: &[f64]) -> String {
    let what = if n == 1 {
        "the one example of this batch".to_string()
    } else {
        format!("example {k} of {n} in this batch")
    };
    let target = target_text(targets);
    let target = if target.is_empty() {
        String::new()
    } else {
        format!(", {target}")
    };
    format!(
        "Showing {what}: x₁ = {}, x₂ = {}{target} (ringed on the data plot). Move a slider to show your own input.",
        num(x1),
        num(x2)
    )
}

/// The caption while the bulbs show the probe point of the sliders.
pub fn probe(x1: f64, x2: f64) -> String {
    format!(
        "Showing your input from the x₁, x₂ sliders: x₁ = {}, x₂ = {}.",
        num(x1),
        num(x2)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_say_which_input_is_shown() {
        assert_eq!(
            example(1, 10, -0.35, -4.6, &[-1.0]),
            "Showing example 1 of 10 in this batch: x₁ = −0.35, x₂ = −4.6, target −1 (ringed on the data plot). Move a slider to show your own input."
        );
        assert!(example(1, 1, 0.5, 2.0, &[0.0, 0.0, 1.0])
            .starts_with("Showing the one example of this batch: x₁ = 0.5, x₂ = 2, class 2"));
        assert_eq!(
            probe(1.0, -2.5),
            "Showing your input from the x₁, x₂ sliders: x₁ = 1, x₂ = −2.5."
        );
        assert_eq!(target_text(&[]), "");
    }
}
