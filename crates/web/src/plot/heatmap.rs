//! Heatmap colours: one pixel of the output's decision map or of a
//! neuron's own map (the reference that [`super::upsample`] and
//! [`super::thumbs`] follow), and how each neuron is normalised.
//!
//! - Two classes: tanh a ∈ [−1, 1] (sigmoid: 2a − 1) on the blue ↔ orange map.
//! - Regression (linear): a clamped to [−1, 1], same map.
//! - Softmax: the argmax class's colour, intensity from its probability.
//! - Discretize: flat colours (sign or argmax at full intensity).

use super::palette::{bytes, class_color, heat, heat_signed, vivid, vivid_signed, NEUTRAL};
use crate::glow::ActivationKind;
use crate::scene::plot::GridLayer;

/// The signed value in −1..=1 shown for a single output `a` (NaN → 0).
pub fn signed_output(a: f64, activation: ActivationKind) -> f64 {
    let v = match activation {
        ActivationKind::Sigmoid | ActivationKind::Softmax => 2.0 * a - 1.0,
        _ => a,
    };
    if v.is_nan() {
        0.0
    } else {
        v.clamp(-1.0, 1.0)
    }
}

/// The index and value of the largest finite value (None if there is none).
pub fn argmax<'a, T: Copy + Into<f64> + 'a>(
    values: impl IntoIterator<Item = &'a T>,
) -> Option<(usize, f64)> {
    values
        .into_iter()
        .map(|&v| v.into())
        .enumerate()
        .filter(|(_, v)| v.is_finite())
        .fold(None, |best, (i, v)| match best {
            Some((_, b)) if b >= v => best,
            _ => Some((i, v)),
        })
}

/// The decision-map pixel of one grid point's outputs.
pub fn output_pixel<'a>(
    outputs: impl IntoIterator<Item = &'a f64>,
    activation: ActivationKind,
    discretize: bool,
) -> [u8; 4] {
    let mut it = outputs.into_iter();
    if activation == ActivationKind::Softmax {
        let mut k = 0usize;
        let Some((class, p)) = argmax(it.inspect(|_| k += 1)) else {
            return bytes(NEUTRAL);
        };
        if discretize {
            return heat(class_color(class), 1.0);
        }
        // Certainty: 0 at a uniform 1/k, 1 at p = 1.
        let floor = 1.0 / k.max(1) as f64;
        let t = if k > 1 {
            (p - floor) / (1.0 - floor)
        } else {
            p
        };
        return heat(class_color(class), t);
    }
    let v = it.next().map_or(0.0, |&a| signed_output(a, activation));
    if discretize {
        heat_signed(if v < 0.0 { -1.0 } else { 1.0 })
    } else {
        heat_signed(v)
    }
}

/// How one neuron's values become colours.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Style {
    /// `a · gain + bias`, clamped to −1..=1, on the blue ↔ orange map.
    Signed { gain: f64, bias: f64 },
    /// `a` in 0..=1 as the intensity of class `class`'s colour (softmax outputs).
    Share { class: usize },
}

impl Style {
    /// The pixel of value `a` (NaN → neutral).
    pub fn pixel(self, a: f64) -> [u8; 4] {
        match self {
            Style::Signed { gain, bias } => heat_signed(a * gain + bias),
            Style::Share { class } => heat(class_color(class), a),
        }
    }

    /// The thumbnail pixel of value `a` (NaN → dark): full-strength colours
    /// on a dark zero, so the map still reads at low opacity over a lit bulb.
    pub fn thumb_pixel(self, a: f64) -> [u8; 4] {
        match self {
            Style::Signed { gain, bias } => vivid_signed(a * gain + bias),
            Style::Share { class } => vivid(class_color(class), a),
        }
    }
}

/// The style of neuron `index` of a layer of `kind`, normalised by the
/// activation's range: tanh as is, sigmoid 2a − 1, ReLU (and other unbounded
/// activations) by `layer_max`, the largest |a| of the layer over the grid.
/// A linear output is clamped to −1..=1 like the decision map; a softmax
/// output neuron shows its class's probability in its class colour.
pub fn neuron_style(kind: ActivationKind, output: bool, layer_max: f64, index: usize) -> Style {
    let by = |scale: f64| Style::Signed {
        gain: if scale.is_finite() && scale > 0.0 {
            1.0 / scale
        } else {
            1.0
        },
        bias: 0.0,
    };
    match kind {
        ActivationKind::Tanh => by(1.0),
        ActivationKind::Sigmoid => Style::Signed {
            gain: 2.0,
            bias: -1.0,
        },
        ActivationKind::Softmax if output => Style::Share { class: index },
        ActivationKind::Softmax => Style::Signed {
            gain: 2.0,
            bias: -1.0,
        },
        ActivationKind::Linear if output => by(1.0),
        ActivationKind::Relu | ActivationKind::LeakyRelu | ActivationKind::Linear => by(layer_max),
        ActivationKind::Input { lo, hi } => by(lo.abs().max(hi.abs())),
    }
}

/// Largest finite |a| over a whole layer's grid values (0 if none).
pub fn layer_max(a: GridLayer) -> f64 {
    a.values()
        .iter()
        .map(|&v| f64::from(v).abs())
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::super::palette::{HEAT_MAX, NEUTRAL};
    use super::super::palette::{HEAT_NEG, HEAT_POS};
    use super::*;
    use crate::color::lerp;

    fn full(c: crate::color::Rgba) -> [u8; 4] {
        bytes(lerp(NEUTRAL, c, HEAT_MAX))
    }

    #[test]
    fn tanh_ends_are_orange_and_blue_centre_neutral() {
        let orange = output_pixel(&[1.0], ActivationKind::Tanh, false);
        let blue = output_pixel(&[-1.0], ActivationKind::Tanh, false);
        assert_eq!(orange, full(HEAT_POS));
        assert_eq!(blue, full(HEAT_NEG));
        assert!(orange[0] > orange[2], "orange is warm");
        assert!(blue[2] > blue[0], "blue is cool");
        assert_eq!(
            output_pixel(&[0.0], ActivationKind::Tanh, false),
            bytes(NEUTRAL)
        );
    }

    #[test]
    fn sigmoid_maps_two_a_minus_one_and_linear_clamps() {
        let s = |a: f64| output_pixel(&[a], ActivationKind::Sigmoid, false);
        assert_eq!(s(1.0), full(HEAT_POS));
        assert_eq!(s(0.0), full(HEAT_NEG));
        assert_eq!(s(0.5), bytes(NEUTRAL));
        let l = |a: f64| output_pixel(&[a], ActivationKind::Linear, false);
        assert_eq!(l(3.0), l(1.0));
        assert_eq!(l(-9.0), full(HEAT_NEG));
        assert_eq!(signed_output(0.75, ActivationKind::Sigmoid), 0.5);
    }

    #[test]
    fn nan_gives_neutral_never_nan() {
        for act in [
            ActivationKind::Tanh,
            ActivationKind::Sigmoid,
            ActivationKind::Linear,
        ] {
            assert_eq!(output_pixel(&[f64::NAN], act, false), bytes(NEUTRAL));
        }
        assert_eq!(
            output_pixel(&[f64::NAN, f64::NAN], ActivationKind::Softmax, false),
            bytes(NEUTRAL)
        );
        assert_eq!(
            output_pixel(&[], ActivationKind::Softmax, true),
            bytes(NEUTRAL)
        );
        assert_eq!(
            output_pixel(&[], ActivationKind::Tanh, false),
            bytes(NEUTRAL)
        );
        // A NaN next to real probabilities is ignored.
        assert_eq!(
            output_pixel(&[f64::NAN, 0.9, 0.1], ActivationKind::Softmax, true),
            full(class_color(1))
        );
        assert_eq!(
            Style::Signed {
                gain: 1.0,
                bias: 0.0
            }
            .pixel(f64::NAN),
            bytes(NEUTRAL)
        );
        assert_eq!(Style::Share { class: 3 }.pixel(f64::NAN), bytes(NEUTRAL));
    }

    #[test]
    fn softmax_picks_argmax_colour_with_probability_intensity() {
        let sure = output_pixel(&[0.0, 0.0, 1.0], ActivationKind::Softmax, false);
        assert_eq!(sure, full(class_color(2)));
        let unsure = output_pixel(&[0.3, 0.3, 0.4], ActivationKind::Softmax, false);
        let d = |p: [u8; 4]| {
            let n = bytes(NEUTRAL);
            p.iter()
                .zip(n)
                .map(|(&a, b)| (i32::from(a) - i32::from(b)).abs())
                .sum::<i32>()
        };
        assert!(d(unsure) < d(sure), "less certain is closer to neutral");
        assert_eq!(
            output_pixel(&[0.25; 4], ActivationKind::Softmax, false),
            bytes(NEUTRAL)
        );
        assert_eq!(argmax(&[0.1, 0.7, 0.2]), Some((1, 0.7)));
        assert_eq!(argmax(&[0.5, 0.5]), Some((0, 0.5)), "ties keep the first");
    }

    #[test]
    fn discretize_gives_flat_colours() {
        for a in [0.01, 0.4, 1.0] {
            assert_eq!(
                output_pixel(&[a], ActivationKind::Tanh, true),
                full(HEAT_POS)
            );
            assert_eq!(
                output_pixel(&[-a], ActivationKind::Tanh, true),
                full(HEAT_NEG)
            );
        }
        assert_eq!(
            output_pixel(&[0.45], ActivationKind::Sigmoid, true),
            full(HEAT_NEG)
        );
        assert_eq!(
            output_pixel(&[0.3, 0.3, 0.4], ActivationKind::Softmax, true),
            full(class_color(2))
        );
    }

    #[test]
    fn neuron_styles_normalise_by_range() {
        let relu = neuron_style(ActivationKind::Relu, false, 4.0, 0);
        assert_eq!(relu.pixel(4.0), full(HEAT_POS));
        assert_eq!(relu.pixel(0.0), bytes(NEUTRAL));
        let sig = neuron_style(ActivationKind::Sigmoid, false, 0.0, 0);
        assert_eq!(sig.pixel(0.0), full(HEAT_NEG));
        let tanh = neuron_style(ActivationKind::Tanh, false, 9.0, 0);
        assert_eq!(tanh.pixel(-1.0), full(HEAT_NEG));
        assert_eq!(
            neuron_style(ActivationKind::Softmax, true, 1.0, 4),
            Style::Share { class: 4 }
        );
        // A dead ReLU layer (max 0) still paints neutral, not NaN.
        assert_eq!(
            neuron_style(ActivationKind::Relu, false, 0.0, 0).pixel(0.0),
            bytes(NEUTRAL)
        );
        let lin_out = neuron_style(ActivationKind::Linear, true, 50.0, 0);
        assert_eq!(lin_out.pixel(1.0), full(HEAT_POS));
    }

    #[test]
    fn layer_max_ignores_nan() {
        let v = [f32::NAN, -3.0, 2.0, 1.0];
        assert_eq!(layer_max(GridLayer::new(&v, 2)), 3.0);
        assert_eq!(layer_max(GridLayer::new(&[], 3)), 0.0);
    }
}
