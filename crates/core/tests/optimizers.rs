//! Momentum and Adam over 3 steps, against values worked out in the test from
//! the update formulas, on a 1-1 linear network whose gradient is simple:
//! a = w·x + b, L = ½(a − y)², ∂L/∂w = (a − y)·x, ∂L/∂b = a − y.

use approx::assert_relative_eq;
use lightbulb_core::{
    Activation, Layer, Loss, Network, OptimizerKind, Regularization, StepOutcome, Trainer,
    TrainingConfig,
};
use ndarray::array;

const X: f64 = 1.5;
const Y: f64 = -0.5;
const LR: f64 = 0.1;

fn trainer(kind: OptimizerKind) -> Trainer {
    let net = Network::from_layers(vec![Layer {
        weights: array![[0.8]],
        biases: array![0.3],
        activation: Activation::Linear,
    }])
    .unwrap();
    let config = TrainingConfig {
        loss: Loss::Mse,
        optimizer: kind,
        learning_rate: LR,
        batch_size: 1,
        ..TrainingConfig::default()
    };
    Trainer::new(net, config).unwrap()
}

fn step(t: &mut Trainer) -> (f64, f64) {
    let out = t.step(array![[X]].view(), array![[Y]].view()).unwrap();
    assert!(matches!(out, StepOutcome::Applied { .. }));
    let l = &t.network().layers()[0];
    (l.weights[[0, 0]], l.biases[0])
}

#[test]
fn momentum_three_steps() {
    let mut t = trainer(OptimizerKind::Momentum);
    let (mut w, mut b, mut vw, mut vb) = (0.8, 0.3, 0.0, 0.0);
    for _ in 0..3 {
        let e = w * X + b - Y;
        vw = 0.9 * vw - LR * e * X;
        vb = 0.9 * vb - LR * e;
        w += vw;
        b += vb;
        let (gw, gb) = step(&mut t);
        assert_relative_eq!(gw, w, epsilon = 1e-14);
        assert_relative_eq!(gb, b, epsilon = 1e-14);
    }
    // By hand: e = 2 → v_w = −0.3, w = 0.5, b = 0.1; e = 1.35 → v_w = −0.4725,
    // w = 0.0275, b = −0.215; e = 0.32625 → v_w = −0.4741875, w = −0.4466875.
    assert_relative_eq!(w, -0.4466875, epsilon = 1e-14);
    assert_relative_eq!(
        t.network().layers()[0].weights[[0, 0]],
        -0.4466875,
        epsilon = 1e-14
    );
}

#[test]
fn adam_three_steps() {
    let mut t = trainer(OptimizerKind::Adam);
    let (b1, b2, eps) = (0.9f64, 0.999f64, 1e-8);
    let (mut w, mut b) = (0.8, 0.3);
    let (mut mw, mut vw, mut mb, mut vb) = (0.0, 0.0, 0.0, 0.0);
    for step_no in 1..=3 {
        let e = w * X + b - Y;
        let (gw, gb) = (e * X, e);
        mw = b1 * mw + (1.0 - b1) * gw;
        vw = b2 * vw + (1.0 - b2) * gw * gw;
        mb = b1 * mb + (1.0 - b1) * gb;
        vb = b2 * vb + (1.0 - b2) * gb * gb;
        let c1 = 1.0 - b1.powi(step_no);
        let c2 = 1.0 - b2.powi(step_no);
        w -= LR * (mw / c1) / ((vw / c2).sqrt() + eps);
        b -= LR * (mb / c1) / ((vb / c2).sqrt() + eps);
        let (gw_, gb_) = step(&mut t);
        assert_relative_eq!(gw_, w, epsilon = 1e-14);
        assert_relative_eq!(gb_, b, epsilon = 1e-14);
    }
    // Adam's first step moves each parameter by almost exactly η.
    assert_eq!(t.optimizer().steps(), 3);
}

#[test]
fn adam_first_step_is_the_learning_rate() {
    let mut t = trainer(OptimizerKind::Adam);
    let (w, b) = step(&mut t);
    // m̂ = g, v̂ = g², so Δ = −η·g/(|g| + ε) ≈ −η·sign(g); here g > 0.
    assert_relative_eq!(w, 0.8 - LR, epsilon = 1e-8);
    assert_relative_eq!(b, 0.3 - LR, epsilon = 1e-8);
}

#[test]
fn switching_optimizer_restarts_its_state() {
    let mut t = trainer(OptimizerKind::Adam);
    step(&mut t);
    step(&mut t);
    let mut config = *t.config();
    config.optimizer = OptimizerKind::Momentum;
    t.reconfigure(config).unwrap();
    assert_eq!(t.optimizer().steps(), 0);
    assert!(t.optimizer().state()[0].m_w.iter().all(|&m| m == 0.0));
    // The first momentum step after a switch is plain SGD.
    let (w0, b0) = (
        t.network().layers()[0].weights[[0, 0]],
        t.network().layers()[0].biases[0],
    );
    let e = w0 * X + b0 - Y;
    let (w, _) = step(&mut t);
    assert_relative_eq!(w, w0 - LR * e * X, epsilon = 1e-14);
}

#[test]
fn l1_and_l2_add_to_the_gradient() {
    for (reg, extra) in [(Regularization::L2, 0.2 * 0.8), (Regularization::L1, 0.2)] {
        let mut t = trainer(OptimizerKind::Sgd);
        let mut config = *t.config();
        config.regularization = reg;
        config.regularization_rate = 0.2;
        t.reconfigure(config).unwrap();
        let e = 0.8 * X + 0.3 - Y;
        let (w, b) = step(&mut t);
        assert_relative_eq!(w, 0.8 - LR * (e * X + extra), epsilon = 1e-14);
        // Biases are never regularised.
        assert_relative_eq!(b, 0.3 - LR * e, epsilon = 1e-14);
    }
}
