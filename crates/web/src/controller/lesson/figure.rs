//! A figure beside a lesson's text: plain numbers the page draws. Today one
//! kind, the activation curves (sigmoid, tanh and ReLU side by side), each
//! with the output neuron's live z marked on it.

use crate::controller::settings::activation_label;
use lightbulb_core::Activation;
use std::fmt::Write;

/// The curves drawn, in order, side by side.
pub const CURVES: [Activation; 3] = [Activation::Sigmoid, Activation::Tanh, Activation::Relu];

/// The curves span z in [−Z_SPAN, Z_SPAN].
pub const Z_SPAN: f64 = 6.0;

/// Samples per curve (an odd count puts one sample at z = 0).
pub const SAMPLES: usize = 49;

/// A figure a screen shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    /// The activation curves with the output neuron's z marked.
    ActivationCurves,
}

impl Figure {
    /// The figure named `name` in a lesson file.
    pub fn parse(name: &str) -> Result<Figure, String> {
        match name {
            "activation" => Ok(Figure::ActivationCurves),
            other => Err(format!(
                "\"{}\" is not a figure (activation)",
                lightbulb_core::clip(other)
            )),
        }
    }
}

/// How a formula writes the function: σ for the sigmoid, else its label.
fn symbol(a: Activation) -> &'static str {
    match a {
        Activation::Sigmoid => "σ",
        other => activation_label(other),
    }
}

/// Writes the activation figure as JSON: the output neuron's `z`, the
/// activation it uses (`active`), and for each of [`CURVES`] its name, its
/// label and symbol as the page writes them, its value at `z` and its
/// sampled points `[z, a]` over [−Z_SPAN, Z_SPAN].
pub fn activation_json(out: &mut String, z: f64, active: Activation) {
    let _ = write!(
        out,
        "{{\"kind\":\"activation\",\"z\":{},\"active\":\"{}\",\"span\":{Z_SPAN},\"curves\":[",
        finite(z),
        active.name()
    );
    for (c, act) in CURVES.iter().enumerate() {
        if c > 0 {
            out.push(',');
        }
        let _ = write!(
            out,
            "{{\"name\":\"{}\",\"label\":\"{}\",\"symbol\":\"{}\",\"a\":{},\"points\":[",
            act.name(),
            activation_label(*act),
            symbol(*act),
            finite(act.apply(z))
        );
        for i in 0..SAMPLES {
            let zi = -Z_SPAN + 2.0 * Z_SPAN * i as f64 / (SAMPLES - 1) as f64;
            if i > 0 {
                out.push(',');
            }
            let _ = write!(out, "[{zi},{}]", act.apply(zi));
        }
        out.push_str("]}");
    }
    out.push_str("]}");
}

/// JSON has no NaN or infinity: those become null (the page draws no mark).
fn finite(v: f64) -> String {
    if v.is_finite() {
        v.to_string()
    } else {
        "null".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> serde_json::Value {
        serde_json::from_str(json).unwrap()
    }

    /// The points are the functions' values worked out here, z = 0 is
    /// sampled, and each curve's value at z is its own function's.
    #[test]
    fn the_curves_are_the_functions() {
        let mut out = String::new();
        activation_json(&mut out, 1.5, Activation::Tanh);
        let v = parse(&out);
        assert_eq!(v["active"], "tanh");
        assert_eq!(v["z"], 1.5);
        let curves = v["curves"].as_array().unwrap();
        let names: Vec<_> = curves.iter().map(|c| c["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["sigmoid", "tanh", "relu"]);
        let symbols: Vec<_> = curves
            .iter()
            .map(|c| c["symbol"].as_str().unwrap())
            .collect();
        assert_eq!(symbols, ["σ", "tanh", "ReLU"]);
        assert_eq!(curves[2]["label"], "ReLU");
        let by_hand: [fn(f64) -> f64; 3] =
            [|z| 1.0 / (1.0 + (-z).exp()), f64::tanh, |z| z.max(0.0)];
        for (curve, f) in curves.iter().zip(by_hand) {
            assert!((curve["a"].as_f64().unwrap() - f(1.5)).abs() < 1e-12);
            let points = curve["points"].as_array().unwrap();
            assert_eq!(points.len(), SAMPLES);
            assert_eq!(points[SAMPLES / 2][0].as_f64().unwrap(), 0.0);
            assert_eq!(points[0][0].as_f64().unwrap(), -Z_SPAN);
            assert_eq!(points[SAMPLES - 1][0].as_f64().unwrap(), Z_SPAN);
            for p in points {
                let (z, a) = (p[0].as_f64().unwrap(), p[1].as_f64().unwrap());
                assert!((a - f(z)).abs() < 1e-12, "{}({z}) = {a}", curve["name"]);
            }
        }
    }

    #[test]
    fn a_z_that_is_not_finite_is_null() {
        let mut out = String::new();
        activation_json(&mut out, f64::NAN, Activation::Sigmoid);
        let v = parse(&out);
        assert!(v["z"].is_null());
        assert!(v["curves"][0]["a"].is_null());
    }

    #[test]
    fn an_unknown_figure_is_named() {
        assert_eq!(Figure::parse("activation"), Ok(Figure::ActivationCurves));
        let e = Figure::parse("spiral").unwrap_err();
        assert!(e.contains("\"spiral\" is not a figure"), "{e}");
    }
}
