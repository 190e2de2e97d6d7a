//! The network: a validated list of dense layers.
//!
//! The forward and backward passes live in `forward.rs` and `backward.rs`.

use crate::activation::Activation;
use crate::error::{Error, Result};
use crate::init::Init;
use crate::layer::Layer;
use rand::rngs::StdRng;
use rand::SeedableRng;

/// Most inputs a network may have.
pub const MAX_INPUTS: usize = 1024;
/// Most hidden layers a network may have.
pub const MAX_HIDDEN_LAYERS: usize = 16;
/// Most neurons in one layer.
pub const MAX_NEURONS: usize = 256;
/// Most outputs.
pub const MAX_OUTPUTS: usize = 10;

/// One hidden layer of a [`NetworkSpec`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HiddenSpec {
    /// Number of neurons.
    pub neurons: usize,
    /// Its activation (anything but softmax).
    pub activation: Activation,
}

/// The shape and starting point of a new network.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkSpec {
    /// Number of inputs (features).
    pub inputs: usize,
    /// Hidden layers, input side first.
    pub hidden: Vec<HiddenSpec>,
    /// Number of outputs.
    pub outputs: usize,
    /// The output layer's activation.
    pub output_activation: Activation,
    /// Initialisation; `None` picks [`Init::for_activation`] per layer.
    pub init: Option<Init>,
    /// Seed of the initialisation.
    pub seed: u64,
}

impl NetworkSpec {
    /// A spec whose hidden layers all share one activation.
    pub fn new(
        inputs: usize,
        hidden: &[usize],
        activation: Activation,
        outputs: usize,
        output_activation: Activation,
    ) -> NetworkSpec {
        NetworkSpec {
            inputs,
            hidden: hidden
                .iter()
                .map(|&neurons| HiddenSpec {
                    neurons,
                    activation,
                })
                .collect(),
            outputs,
            output_activation,
            init: None,
            seed: 1,
        }
    }

    /// Sets the seed.
    pub fn seed(mut self, seed: u64) -> NetworkSpec {
        self.seed = seed;
        self
    }

    /// Sets the initialisation scheme.
    pub fn init(mut self, init: Init) -> NetworkSpec {
        self.init = Some(init);
        self
    }
}

/// A feed-forward network of dense layers. Always valid: it can only be
/// built through checked constructors.
#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    layers: Vec<Layer>,
}

impl Network {
    /// Builds and initialises a network from a spec, checking every limit.
    pub fn new(spec: &NetworkSpec) -> Result<Network> {
        check_count("inputs", spec.inputs, 1, MAX_INPUTS)?;
        check_count("hidden layers", spec.hidden.len(), 0, MAX_HIDDEN_LAYERS)?;
        check_count("outputs", spec.outputs, 1, MAX_OUTPUTS)?;
        let mut rng = StdRng::seed_from_u64(spec.seed);
        let mut layers = Vec::with_capacity(spec.hidden.len() + 1);
        let mut fan_in = spec.inputs;
        let shapes = spec
            .hidden
            .iter()
            .map(|h| (h.neurons, h.activation))
            .chain(std::iter::once((spec.outputs, spec.output_activation)));
        for (index, (neurons, activation)) in shapes.enumerate() {
            check_count(
                &format!("neurons in layer {}", index + 1),
                neurons,
                1,
                MAX_NEURONS,
            )?;
            let mut layer = Layer::zeros(fan_in, neurons, activation);
            let init = spec.init.unwrap_or(Init::for_activation(activation));
            init.fill(&mut layer.weights, &mut layer.biases, &mut rng);
            layers.push(layer);
            fan_in = neurons;
        }
        Network::from_layers(layers)
    }

    /// Wraps given layers, checking limits, that shapes chain, that every
    /// number is finite and that softmax is used on the output layer only.
    pub fn from_layers(layers: Vec<Layer>) -> Result<Network> {
        let Some(last) = layers.last() else {
            return Err(Error::Invalid("a network needs at least one layer".into()));
        };
        check_count("hidden layers", layers.len() - 1, 0, MAX_HIDDEN_LAYERS)?;
        check_count("outputs", last.neurons(), 1, MAX_OUTPUTS)?;
        let mut expected_inputs = layers[0].inputs();
        check_count("inputs", expected_inputs, 1, MAX_INPUTS)?;
        for (l, layer) in layers.iter().enumerate() {
            check_count(
                &format!("neurons in layer {}", l + 1),
                layer.neurons(),
                1,
                MAX_NEURONS,
            )?;
            if layer.inputs() != expected_inputs {
                return Err(Error::Shape {
                    what: format!("layers[{l}].weights"),
                    expected: format!("{} × {expected_inputs}", layer.neurons()),
                    got: format!("{} × {}", layer.neurons(), layer.inputs()),
                });
            }
            if layer.biases.len() != layer.neurons() {
                return Err(Error::Shape {
                    what: format!("layers[{l}].biases"),
                    expected: format!("{}", layer.neurons()),
                    got: format!("{}", layer.biases.len()),
                });
            }
            if layer.activation == Activation::Softmax && l + 1 != layers.len() {
                return Err(Error::Invalid(format!(
                    "layer {} uses softmax, which is allowed on the output layer only",
                    l + 1
                )));
            }
            for ((j, i), &w) in layer.weights.indexed_iter() {
                if !w.is_finite() {
                    return Err(Error::NotFinite {
                        what: format!("layers[{l}].weights[{j}][{i}]"),
                        value: w,
                    });
                }
            }
            for (j, &b) in layer.biases.indexed_iter() {
                if !b.is_finite() {
                    return Err(Error::NotFinite {
                        what: format!("layers[{l}].biases[{j}]"),
                        value: b,
                    });
                }
            }
            expected_inputs = layer.neurons();
        }
        Ok(Network { layers })
    }

    /// The layers, input side first.
    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }

    /// Number of layers with weights (hidden layers + output layer).
    pub fn depth(&self) -> usize {
        self.layers.len()
    }

    /// Number of inputs.
    pub fn inputs(&self) -> usize {
        self.layers.first().map_or(0, Layer::inputs)
    }

    /// Number of outputs.
    pub fn outputs(&self) -> usize {
        self.layers.last().map_or(0, Layer::neurons)
    }

    /// The output layer's activation.
    pub fn output_activation(&self) -> Activation {
        self.layers
            .last()
            .map_or(Activation::Linear, |l| l.activation)
    }

    /// Neurons per layer, inputs first: e.g. `[2, 8, 8, 1]`.
    pub fn sizes(&self) -> Vec<usize> {
        std::iter::once(self.inputs())
            .chain(self.layers.iter().map(Layer::neurons))
            .collect()
    }

    /// Sets one weight (`layer` counts weight matrices from 0; `to` is the
    /// neuron, `from` the input). The value must be finite.
    pub fn set_weight(&mut self, layer: usize, to: usize, from: usize, value: f64) -> Result<()> {
        let what = || format!("layers[{layer}].weights[{to}][{from}]");
        if !value.is_finite() {
            return Err(Error::NotFinite {
                what: what(),
                value,
            });
        }
        let depth = self.layers.len();
        let l = self.layers.get_mut(layer).ok_or_else(|| {
            Error::out_of_range("layer index", layer as f64, 0.0, depth as f64 - 1.0)
        })?;
        let (rows, cols) = l.weights.dim();
        let w = l.weights.get_mut((to, from)).ok_or_else(|| Error::Shape {
            what: what(),
            expected: format!("an index inside {rows} × {cols}"),
            got: format!("[{to}][{from}]"),
        })?;
        *w = value;
        Ok(())
    }

    /// Mutable access for the optimizer, which keeps every number finite.
    pub(crate) fn layers_mut(&mut self) -> &mut [Layer] {
        &mut self.layers
    }
}

fn check_count(what: &str, value: usize, min: usize, max: usize) -> Result<()> {
    if value < min || value > max {
        Err(Error::out_of_range(
            what,
            value as f64,
            min as f64,
            max as f64,
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_checked_with_named_values() {
        let ok = NetworkSpec::new(2, &[8, 8], Activation::Tanh, 1, Activation::Tanh);
        assert!(Network::new(&ok).is_ok());
        let cases = [
            (
                NetworkSpec::new(0, &[], Activation::Tanh, 1, Activation::Tanh),
                "inputs",
            ),
            (
                NetworkSpec::new(1025, &[], Activation::Tanh, 1, Activation::Tanh),
                "1025",
            ),
            (
                NetworkSpec::new(2, &[4; 17], Activation::Tanh, 1, Activation::Tanh),
                "hidden layers",
            ),
            (
                NetworkSpec::new(2, &[257], Activation::Tanh, 1, Activation::Tanh),
                "257",
            ),
            (
                NetworkSpec::new(2, &[0], Activation::Tanh, 1, Activation::Tanh),
                "layer 1",
            ),
            (
                NetworkSpec::new(2, &[], Activation::Tanh, 11, Activation::Softmax),
                "outputs",
            ),
            (
                NetworkSpec::new(2, &[3], Activation::Softmax, 1, Activation::Tanh),
                "softmax",
            ),
        ];
        for (spec, needle) in cases {
            let msg = Network::new(&spec).unwrap_err().to_string();
            assert!(msg.contains(needle), "{msg:?} should mention {needle:?}");
        }
    }

    #[test]
    fn initialisation_follows_the_scheme() {
        let spec =
            NetworkSpec::new(2, &[50], Activation::Tanh, 1, Activation::Tanh).init(Init::Uniform);
        let net = Network::new(&spec).unwrap();
        let w = &net.layers()[0].weights;
        assert!(w.iter().all(|&x| (-0.5..0.5).contains(&x)));
        assert!(w.iter().any(|&x| x < -0.3) && w.iter().any(|&x| x > 0.3));
        assert!(net.layers()[0].biases.iter().all(|&b| b == 0.1));
        let xavier = Network::new(&spec.clone().init(Init::Xavier)).unwrap();
        let limit = (6.0f64 / 52.0).sqrt();
        assert!(xavier.layers()[0].weights.iter().all(|&x| x.abs() < limit));
        assert!(xavier.layers()[0].biases.iter().all(|&b| b == 0.0));
        let zeros = Network::new(&spec.init(Init::Zeros)).unwrap();
        assert!(zeros.layers()[0].weights.iter().all(|&x| x == 0.0));
    }

    #[test]
    fn same_seed_same_weights_other_seed_other_weights() {
        let spec = NetworkSpec::new(3, &[4, 4], Activation::Relu, 2, Activation::Softmax);
        let a = Network::new(&spec.clone().seed(7)).unwrap();
        let b = Network::new(&spec.clone().seed(7)).unwrap();
        let c = Network::new(&spec.seed(8)).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn set_weight_rejects_bad_indices_and_values() {
        let mut net = Network::new(&NetworkSpec::new(
            2,
            &[3],
            Activation::Tanh,
            1,
            Activation::Tanh,
        ))
        .unwrap();
        net.set_weight(0, 2, 1, 0.25).unwrap();
        assert_eq!(net.layers()[0].weights[[2, 1]], 0.25);
        assert!(net.set_weight(0, 3, 0, 1.0).is_err());
        assert!(net.set_weight(5, 0, 0, 1.0).is_err());
        assert!(net.set_weight(0, 0, 0, f64::NAN).is_err());
        assert_eq!(
            net.layers()[0].weights[[0, 0]],
            Network::new(&NetworkSpec::new(
                2,
                &[3],
                Activation::Tanh,
                1,
                Activation::Tanh
            ))
            .unwrap()
            .layers()[0]
                .weights[[0, 0]]
        );
    }
}
