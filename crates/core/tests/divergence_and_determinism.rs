//! A step that goes non-finite changes nothing; training is bit-reproducible.

use lightbulb_core::{
    Activation, Loss, Network, NetworkSpec, OptimizerKind, StepOutcome, Trainer, TrainingConfig,
};
use ndarray::Array2;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

fn data(seed: u64) -> (Array2<f64>, Array2<f64>) {
    let mut rng = StdRng::seed_from_u64(seed);
    let x = Array2::from_shape_fn((20, 2), |_| rng.random_range(-6.0..6.0));
    let y = Array2::from_shape_fn((20, 1), |(r, _)| {
        if x[[r, 0]] * x[[r, 1]] > 0.0 {
            1.0
        } else {
            -1.0
        }
    });
    (x, y)
}

fn trainer(act: Activation, kind: OptimizerKind, lr: f64, seed: u64) -> Trainer {
    let out = if act == Activation::Relu {
        Activation::Linear
    } else {
        Activation::Tanh
    };
    let net = Network::new(&NetworkSpec::new(2, &[8, 8], act, 1, out).seed(seed)).unwrap();
    let config = TrainingConfig {
        loss: Loss::Mse,
        optimizer: kind,
        learning_rate: lr,
        batch_size: 10,
        ..TrainingConfig::default()
    };
    Trainer::new(net, config).unwrap()
}

#[test]
fn same_seed_same_bits_after_100_steps() {
    for kind in OptimizerKind::ALL {
        let (x, y) = data(3);
        let mut a = trainer(Activation::Tanh, kind, 0.03, 9);
        let mut b = trainer(Activation::Tanh, kind, 0.03, 9);
        for _ in 0..100 {
            a.step(x.view(), y.view()).unwrap();
            b.step(x.view(), y.view()).unwrap();
        }
        let bits = |t: &Trainer| -> Vec<u64> {
            t.network()
                .layers()
                .iter()
                .flat_map(|l| l.weights.iter().chain(l.biases.iter()).map(|w| w.to_bits()))
                .collect()
        };
        assert_eq!(bits(&a), bits(&b), "{kind:?}");
        let fresh = trainer(Activation::Tanh, kind, 0.03, 9);
        assert_ne!(bits(&a), bits(&fresh), "{kind:?} should have trained");
    }
}

#[test]
fn diverged_steps_leave_the_network_bit_identical() {
    let mut diverged = 0;
    for act in [Activation::Tanh, Activation::Relu, Activation::Sigmoid] {
        for kind in OptimizerKind::ALL {
            let (x, y) = data(5);
            let mut t = trainer(act, kind, 1e6, 2);
            for _ in 0..50 {
                let before = t.network().clone();
                let state_before = t.optimizer().state().to_vec();
                let steps_before = t.optimizer().steps();
                match t.step(x.view(), y.view()).unwrap() {
                    StepOutcome::Applied { loss } => assert!(loss.is_finite()),
                    StepOutcome::Diverged(d) => {
                        diverged += 1;
                        assert_eq!(t.network(), &before, "{act:?}/{kind:?}: {d}");
                        assert_eq!(t.optimizer().state(), &state_before[..]);
                        assert_eq!(t.optimizer().steps(), steps_before);
                        assert!(d.to_string().contains("floating-point range"), "{d}");
                        break;
                    }
                }
                // Every weight stays finite whatever happens.
                assert!(t
                    .network()
                    .layers()
                    .iter()
                    .all(|l| l.weights.iter().all(|w| w.is_finite())));
            }
        }
    }
    // ReLU with a linear output blows up under SGD at η = 1e6 for sure.
    assert!(diverged >= 1, "no run diverged at learning rate 1e6");
}

#[test]
fn relu_sgd_at_huge_rate_names_the_layer() {
    let (x, y) = data(5);
    let mut t = trainer(Activation::Relu, OptimizerKind::Sgd, 1e6, 2);
    let mut found = None;
    for _ in 0..20 {
        if let StepOutcome::Diverged(d) = t.step(x.view(), y.view()).unwrap() {
            found = Some(d);
            break;
        }
    }
    let d = found.expect("diverges");
    assert!(d.layer < 3);
    assert!(
        d.to_string().starts_with("layer ") || d.to_string().starts_with("the loss"),
        "{d}"
    );
}
