//! Training runs whose weights must keep their exact bits across any
//! rewrite of the step's arithmetic (SIMD or scalar, native or wasm): each
//! returns an FNV-1a hash of the bits of every weight and bias after it.
//! Shared by `tests/bit_identity.rs` (native) and the web crate's wasm test.

use lightbulb_core::digits::{training, EpochRunner};
use lightbulb_core::ndarray::{s, Array2};
use lightbulb_core::{
    Activation, Digits, Loss, Network, NetworkSpec, OptimizerKind, Regularization, Session,
    SessionConfig, Trainer, TrainingConfig,
};

/// FNV-1a over the bits of every weight and bias, layer by layer.
pub fn weight_hash(network: &Network) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for layer in network.layers() {
        for v in layer.weights.iter().chain(layer.biases.iter()) {
            for byte in v.to_bits().to_le_bytes() {
                h ^= u64::from(byte);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
    }
    h
}

/// The default session: 3000 SGD steps, then 3000 Adam steps, then 1000
/// momentum steps with L2.
pub fn default_session() -> u64 {
    let mut s = Session::new(SessionConfig::default()).expect("the default session");
    let mut training = s.config().training;
    for (optimizer, steps, regularization, rate) in [
        (OptimizerKind::Sgd, 3000, Regularization::None, 0.0),
        (OptimizerKind::Adam, 3000, Regularization::None, 0.0),
        (OptimizerKind::Momentum, 1000, Regularization::L2, 0.001),
    ] {
        training.optimizer = optimizer;
        training.regularization = regularization;
        training.regularization_rate = rate;
        s.set_training(training).expect("valid settings");
        for _ in 0..steps {
            s.step().expect("trains");
        }
    }
    weight_hash(s.network())
}

/// Odd widths and an odd batch (2-5-3-1 tanh, and 2-7-1 relu, batch 7):
/// every leftover lane of a two-neuron kernel. 500 SGD then 500 Adam steps.
pub fn odd_widths() -> u64 {
    let x = Array2::from_shape_fn((21, 2), |(r, c)| ((r * 7 + c * 3) % 13) as f64 / 2.0 - 3.0);
    let y = Array2::from_shape_fn((21, 1), |(r, _)| {
        if x[[r, 0]] * x[[r, 1]] > 0.0 {
            1.0
        } else {
            -1.0
        }
    });
    let mut h = 0;
    for (hidden, act, out) in [
        (&[5, 3][..], Activation::Tanh, Activation::Tanh),
        (&[7][..], Activation::Relu, Activation::Linear),
    ] {
        let net = Network::new(&NetworkSpec::new(2, hidden, act, 1, out).seed(5)).expect("valid");
        let mut config = TrainingConfig {
            loss: Loss::Mse,
            learning_rate: 0.01,
            batch_size: 7,
            ..TrainingConfig::default()
        };
        let mut t = Trainer::new(net, config).expect("valid");
        for optimizer in [OptimizerKind::Sgd, OptimizerKind::Adam] {
            config.optimizer = optimizer;
            t.reconfigure(config).expect("valid");
            for k in 0..500 {
                let r = (k % 3) * 7;
                let rows = s![r..r + 7, ..];
                t.step(x.slice(rows), y.slice(rows)).expect("shapes fit");
            }
        }
        h ^= weight_hash(t.network()).rotate_left(h as u32 % 64);
    }
    h
}

/// Two epochs of the digits defaults (64-32-10, softmax cross-entropy, SGD).
pub fn digits() -> u64 {
    let data = Digits::embedded().expect("the embedded digits");
    let network = Network::new(&training::network_spec(training::SEED)).expect("64-32-10");
    let mut trainer = Trainer::new(network, training::training_config()).expect("defaults");
    let mut runner = EpochRunner::new(data.train(), training::SEED).expect("images");
    for _ in 0..2 {
        runner.run(&mut trainer).expect("trains");
    }
    weight_hash(trainer.network())
}
