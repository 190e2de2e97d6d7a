//! The core's gradient check (`lightbulb_core::gradient_check`): the
//! backward pass against central finite differences of the forward pass,
//! which is independent code (it never calls the backward pass).
//!
//! - every built-in configuration of the page: dataset × hidden activation ×
//!   loss × regularisation, at the initial weights and after some training;
//! - every activation × loss pair the network allows, on random networks;
//! - the finite difference itself against a derivative worked out by hand;
//! - kinks, and errors that name the offending value.

use lightbulb_core::dataset::{encode_inputs, encode_targets};
use lightbulb_core::gradient_check::{
    check_all, check_parameter, relative_error, NetworkCheck, Parameter, MIN_STEP,
    RELATIVE_ERROR_FLOOR, STEP,
};
use lightbulb_core::network::HiddenSpec;
use lightbulb_core::{
    generate, Activation, DatasetKind, DatasetParams, FeatureSet, Layer, Loss, Network,
    NetworkSpec, Objective, Regularization, SessionConfig, StepOutcome, Trainer, TrainingConfig,
};
use ndarray::{array, Array2};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// The bound the page promises.
const TOLERANCE: f64 = 1e-6;

fn assert_within(check: &NetworkCheck, what: &str) {
    assert_eq!(check.at_kinks(), 0, "{what}: a difference sat on a kink");
    assert_worst_within(check, what);
}

fn assert_worst_within(check: &NetworkCheck, what: &str) {
    if let Some(w) = check.worst() {
        assert!(
            w.relative_error <= TOLERANCE,
            "{what}: {:?}: analytic {} numeric {} relative error {:e}",
            w.parameter,
            w.analytic,
            w.numeric,
            w.relative_error
        );
    }
}

/// Every built-in configuration: the page's datasets, each hidden
/// activation (softmax is for the output layer only, which the network
/// refuses elsewhere), each loss the dataset's problem takes (the head
/// follows from it, as on the page: MSE for regression; MSE, BCE or softmax
/// CE for two classes; softmax CE for more) and each regularisation at rate
/// 0.03. All seven input features are on, the hidden layers are 4 and 3
/// wide, and the batch is the first 10 training points. The check runs at
/// the initial weights and again after 30 SGD steps on the batch.
#[test]
fn every_built_in_configuration_stays_within_1e_6() {
    let mut configurations = 0;
    let mut parameters = 0;
    let mut worst: f64 = 0.0;
    for kind in DatasetKind::ALL {
        for activation in Activation::ALL {
            if activation == Activation::Softmax {
                continue;
            }
            for loss in Loss::ALL {
                for regularization in Regularization::ALL {
                    let config = SessionConfig {
                        dataset: DatasetParams::new(kind)
                            .with_seed(11)
                            .with_noise(10.0)
                            .expect("noise"),
                        features: FeatureSet::all(),
                        hidden: [4, 3]
                            .map(|neurons| HiddenSpec {
                                neurons,
                                activation,
                            })
                            .to_vec(),
                        init: None,
                        seed: 3,
                        training: TrainingConfig {
                            loss,
                            regularization,
                            regularization_rate: 0.03,
                            // Small enough for the linear networks on x1² (up to 36).
                            learning_rate: 0.005,
                            ..TrainingConfig::default()
                        },
                    };
                    let Ok(head) = config.head() else {
                        continue; // e.g. BCE on three blobs: not a configuration
                    };
                    configurations += 1;
                    let data = generate(&config.dataset);
                    let batch = &data.train[..10];
                    let mut x = Array2::zeros((0, 0));
                    let mut y = Array2::zeros((0, 0));
                    encode_inputs(batch, &config.features, &mut x);
                    encode_targets(batch, head.encoding, &mut y).expect("targets");
                    let network =
                        Network::new(&config.network_spec().expect("spec")).expect("network");
                    let objective = config.training.objective();
                    let what = format!("{kind}/{activation}/{loss}/{}", regularization.name());

                    let at_init =
                        check_all(&network, x.view(), y.view(), objective).expect("check");
                    assert_within(&at_init, &format!("{what} at init"));

                    let mut trainer = Trainer::new(network, config.training).expect("trainer");
                    for _ in 0..30 {
                        let outcome = trainer.step(x.view(), y.view()).expect("step");
                        assert!(matches!(outcome, StepOutcome::Applied { .. }), "{what}");
                    }
                    let trained =
                        check_all(trainer.network(), x.view(), y.view(), objective).expect("check");
                    assert_within(&trained, &format!("{what} trained"));

                    for c in [&at_init, &trained] {
                        parameters += c.checks.len();
                        worst = worst.max(c.worst_relative_error());
                    }
                }
            }
        }
    }
    // 9 datasets × 5 activations × 3 regularisations × the losses each takes:
    // 6 two-class datasets take 3, blobs (3 classes) 1, the 2 regressions 1.
    assert_eq!(configurations, 5 * 3 * (6 * 3 + 1 + 2));
    eprintln!(
        "{configurations} configurations, {parameters} gradients checked, \
         worst relative error {worst:e}"
    );
}

/// Every (output activation, loss) pair that `Loss::check_output` accepts.
fn output_pairs() -> Vec<(Activation, Loss)> {
    let mut pairs = Vec::new();
    for out in Activation::ALL {
        for loss in Loss::ALL {
            if loss.check_output(out).is_ok() {
                pairs.push((out, loss));
            }
        }
    }
    pairs
}

fn random_targets(loss: Loss, rows: usize, outputs: usize, rng: &mut StdRng) -> Array2<f64> {
    let mut y = Array2::zeros((rows, outputs));
    for mut row in y.rows_mut() {
        match loss {
            Loss::Mse => row
                .iter_mut()
                .for_each(|v| *v = rng.random_range(-1.0..1.0)),
            Loss::Bce => row
                .iter_mut()
                .for_each(|v| *v = f64::from(rng.random_bool(0.5))),
            Loss::SoftmaxCe => row[rng.random_range(0..outputs)] = 1.0,
        }
    }
    y
}

/// Beyond the page's heads: any output activation with MSE, several
/// outputs, random inputs, three seeds. Here a few `z` are exactly 0 (a
/// ReLU output fed by dead ReLUs, with a zero bias): true kinks, where the
/// derivative does not exist, which the check reports and leaves out.
#[test]
fn every_activation_and_loss_on_random_networks() {
    let mut checked = 0;
    let mut kinks = 0;
    for (out_act, loss) in output_pairs() {
        for hidden in Activation::ALL {
            if hidden == Activation::Softmax {
                continue;
            }
            for (seed, reg) in [
                (1u64, Regularization::None),
                (2, Regularization::L2),
                (3, Regularization::L1),
            ] {
                let mut rng = StdRng::seed_from_u64(seed * 100 + hidden as u64);
                let outputs = if loss == Loss::SoftmaxCe { 3 } else { 2 };
                let spec = NetworkSpec::new(3, &[4, 3], hidden, outputs, out_act).seed(seed);
                let net = Network::new(&spec).expect("network");
                let x = Array2::from_shape_fn((5, 3), |_| rng.random_range(-2.0..2.0));
                let y = random_targets(loss, 5, outputs, &mut rng);
                let obj = Objective {
                    loss,
                    regularization: reg,
                    rate: 0.03,
                };
                let check = check_all(&net, x.view(), y.view(), obj).expect("check");
                let what = format!("{hidden}/{out_act}/{loss}/{reg:?} seed {seed}");
                assert_worst_within(&check, &what);
                for c in check.checks.iter().filter(|c| c.at_kink) {
                    assert!(
                        [hidden, out_act]
                            .iter()
                            .any(|a| matches!(a, Activation::Relu | Activation::LeakyRelu)),
                        "{what}: a kink without ReLU: {c:?}"
                    );
                }
                kinks += check.at_kinks();
                checked += check.checks.len();
            }
        }
    }
    assert!(checked > 2000, "only {checked} parameters checked");
    assert!(kinks * 50 < checked, "{kinks} kinks in {checked}");
}

/// One linear neuron, MSE and L2: `J(w) = (1/N) Σ ½(w·xₙ + b − yₙ)² + ½λ‖w‖²`,
/// so `∂J/∂w₀ = (1/N) Σ (w·xₙ + b − yₙ)·xₙ₀ + λw₀` and `∂J/∂b = (1/N) Σ (w·xₙ + b − yₙ)`.
#[test]
fn the_difference_matches_a_derivative_by_hand() {
    let (w, b, rate) = ([0.7, -0.4], 0.2, 0.1);
    let layer = Layer {
        weights: array![[w[0], w[1]]],
        biases: array![b],
        activation: Activation::Linear,
    };
    let net = Network::from_layers(vec![layer]).expect("network");
    let x = array![[1.0, 2.0], [-3.0, 0.5], [0.25, -1.0]];
    let y = array![[0.5], [-1.0], [2.0]];
    let errors: Vec<f64> = x
        .rows()
        .into_iter()
        .zip(y.column(0))
        .map(|(r, &t)| w[0] * r[0] + w[1] * r[1] + b - t)
        .collect();
    let by_hand_w0 = errors
        .iter()
        .zip(x.column(0))
        .map(|(e, x)| e * x)
        .sum::<f64>()
        / 3.0
        + rate * w[0];
    let by_hand_b = errors.iter().sum::<f64>() / 3.0;
    let obj = Objective {
        loss: Loss::Mse,
        regularization: Regularization::L2,
        rate,
    };
    let weight = Parameter::Weight {
        layer: 0,
        to: 0,
        from: 0,
    };
    let cw = check_parameter(&net, x.view(), y.view(), obj, weight).expect("check");
    let cb = check_parameter(
        &net,
        x.view(),
        y.view(),
        obj,
        Parameter::Bias {
            layer: 0,
            neuron: 0,
        },
    )
    .expect("check");
    for (c, by_hand) in [(cw, by_hand_w0), (cb, by_hand_b)] {
        assert!((c.numeric - by_hand).abs() <= 1e-12, "{c:?} vs {by_hand}");
        assert!((c.analytic - by_hand).abs() <= 1e-12, "{c:?} vs {by_hand}");
        assert!(!c.at_kink);
    }
    // The weight's step is scaled by its input's largest |x| over the batch, 3.
    assert_eq!(cw.step, STEP / 3.0);
    assert_eq!(cb.step, STEP);
    for c in [cw, cb] {
        assert!(c.numeric_error < 1e-12, "{c:?}");
    }
}

/// One ReLU neuron whose `z` sits `gap` above 0 for the only example: a
/// bias step of `h` crosses the kink when `2h > gap`.
fn relu_on_the_edge(gap: f64) -> (Network, Array2<f64>, Array2<f64>) {
    let hidden = Layer {
        weights: array![[1.0]],
        biases: array![gap - 0.5],
        activation: Activation::Relu,
    };
    let out = Layer {
        weights: array![[2.0]],
        biases: array![0.1],
        activation: Activation::Linear,
    };
    let net = Network::from_layers(vec![hidden, out]).expect("network");
    (net, array![[0.5]], array![[1.0]])
}

#[test]
fn a_step_across_a_kink_is_made_smaller_or_reported() {
    let obj = Objective {
        loss: Loss::Mse,
        regularization: Regularization::None,
        rate: 0.0,
    };
    let bias = Parameter::Bias {
        layer: 0,
        neuron: 0,
    };
    // z = 1e-5: first steps 1e-2 to 1e-5 cross; 1e-6 does not.
    let (net, x, y) = relu_on_the_edge(1e-5);
    let c = check_parameter(&net, x.view(), y.view(), obj, bias).expect("check");
    assert!(!c.at_kink, "{c:?}");
    assert!((c.step - 1e-6).abs() < 1e-18, "{c:?}");
    assert!(c.relative_error <= TOLERANCE, "{c:?}");
    // z = 1e-9: even the smallest step crosses; reported, left out of the worst.
    let (net, x, y) = relu_on_the_edge(1e-9);
    let all = check_all(&net, x.view(), y.view(), obj).expect("check");
    let c = all
        .checks
        .iter()
        .find(|c| c.parameter == bias)
        .expect("bias");
    assert!(c.at_kink && c.step == MIN_STEP, "{c:?}");
    assert!(all.at_kinks() >= 1);
    assert!(all.worst().is_none_or(|w| !w.at_kink));
    // L1 near w = 0: the penalty's own kink.
    let l1 = Objective {
        regularization: Regularization::L1,
        rate: 0.1,
        ..obj
    };
    let mut layers = net.layers().to_vec();
    layers[1].weights[[0, 0]] = 1e-4;
    let near_zero = Network::from_layers(layers).expect("network");
    let weight = Parameter::Weight {
        layer: 1,
        to: 0,
        from: 0,
    };
    let c = check_parameter(&near_zero, x.view(), y.view(), l1, weight).expect("check");
    assert!(c.step < 1e-4 && !c.at_kink, "{c:?}");
}

#[test]
fn the_relative_error_and_its_floor() {
    assert_eq!(relative_error(1.0, 1.0), 0.0);
    assert!((relative_error(2.0, 1.0) - 0.5).abs() < 1e-15);
    assert!((relative_error(-1.0, 1.0) - 2.0).abs() < 1e-15);
    // Below the floor, the absolute difference over the floor.
    assert_eq!(relative_error(0.0, 1e-13), 1e-13 / RELATIVE_ERROR_FLOOR);
    assert!(relative_error(3e-9, 2e-9) <= 1e-3);
}

#[test]
fn errors_name_the_offending_value() {
    let spec = NetworkSpec::new(2, &[3], Activation::Tanh, 1, Activation::Tanh);
    let net = Network::new(&spec).expect("network");
    let x = array![[1.0, 2.0]];
    let y = array![[1.0]];
    let obj = Objective {
        loss: Loss::Mse,
        regularization: Regularization::None,
        rate: 0.0,
    };
    let msg = |r: lightbulb_core::Result<_>| {
        r.map(|_: lightbulb_core::gradient_check::GradientCheck| ())
            .unwrap_err()
            .to_string()
    };
    let p = |layer, to, from| Parameter::Weight { layer, to, from };
    assert!(
        msg(check_parameter(&net, x.view(), y.view(), obj, p(2, 0, 0)))
            .contains("layer index must be between 0 and 1, got 2")
    );
    assert!(
        msg(check_parameter(&net, x.view(), y.view(), obj, p(0, 3, 0)))
            .contains("neuron index of layer 0 must be between 0 and 2, got 3")
    );
    assert!(
        msg(check_parameter(&net, x.view(), y.view(), obj, p(1, 0, 5)))
            .contains("input index of layer 1 must be between 0 and 2, got 5")
    );
    let bce = Objective {
        loss: Loss::Bce,
        ..obj
    };
    assert!(msg(check_parameter(&net, x.view(), y.view(), bce, p(0, 0, 0))).contains("\"bce\""));
    let wide = array![[1.0, 2.0, 3.0]];
    assert!(msg(check_parameter(
        &net,
        wide.view(),
        y.view(),
        obj,
        p(0, 0, 0)
    ))
    .contains("inputs"));
    let nan = Objective {
        rate: f64::NAN,
        regularization: Regularization::L2,
        ..obj
    };
    assert!(msg(check_parameter(&net, x.view(), y.view(), nan, p(0, 0, 0))).contains("NaN"));
}
