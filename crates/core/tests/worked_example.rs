//! A 2-2-1 sigmoid network with MSE, one SGD step, against numbers worked out by hand.
//!
//! Network: x = (0.5, −1), target y = 1, learning rate η = 0.5.
//!   W1 = [[0.1, 0.2], [−0.3, 0.4]], b1 = [0, 0.1]; W2 = [[0.5, −0.6]], b2 = [0.2].
//!
//! Forward:
//!   z1₀ = 0.1·0.5 + 0.2·(−1) + 0   = −0.15      a1₀ = σ(−0.15) = 0.462570154656…
//!   z1₁ = −0.3·0.5 + 0.4·(−1) + 0.1 = −0.45      a1₁ = σ(−0.45) = 0.389360766050…
//!   z2 = 0.5·a1₀ − 0.6·a1₁ + 0.2 = 0.197668617697…   a2 = σ(z2) = 0.549256874765…
//!   L = ½(a2 − 1)² = 0.101584682473…
//! Backward:
//!   δ2 = (a2 − y)·a2·(1 − a2) = −0.111592170438…
//!   δ1ⱼ = W2ⱼ·δ2·a1ⱼ(1 − a1ⱼ):  δ1₀ = −0.013870851362…, δ1₁ = 0.015919223027…
//!   ∂L/∂W2ⱼ = δ2·a1ⱼ = (−0.051619207538…, −0.043449612967…), ∂L/∂b2 = δ2
//!   ∂L/∂W1ⱼᵢ = δ1ⱼ·xᵢ, e.g. ∂L/∂W1₀₀ = −0.013870851362·0.5 = −0.006935425681…
//! Update (w ← w − η·g):
//!   W2 = (0.5 + 0.5·0.051619207538, −0.6 + 0.5·0.043449612967) = (0.525809603769…, −0.578275193516…)
//!   b2 = 0.2 + 0.5·0.111592170438 = 0.255796085219…
//!   W1 = [[0.103467712840…, 0.193064574319…], [−0.303979805757…, 0.407959611513…]]
//!   b1 = [0.006935425681…, 0.092040388487…]

use approx::assert_relative_eq;
use lightbulb_core::{Activation, Layer, Loss, Network, StepOutcome, Trainer, TrainingConfig};
use ndarray::array;

#[test]
fn one_sgd_step_by_hand() {
    let net = Network::from_layers(vec![
        Layer {
            weights: array![[0.1, 0.2], [-0.3, 0.4]],
            biases: array![0.0, 0.1],
            activation: Activation::Sigmoid,
        },
        Layer {
            weights: array![[0.5, -0.6]],
            biases: array![0.2],
            activation: Activation::Sigmoid,
        },
    ])
    .unwrap();
    let config = TrainingConfig {
        loss: Loss::Mse,
        learning_rate: 0.5,
        batch_size: 1,
        ..TrainingConfig::default()
    };
    let mut trainer = Trainer::new(net, config).unwrap();
    let out = trainer
        .step(array![[0.5, -1.0]].view(), array![[1.0]].view())
        .unwrap();

    let eps = 1e-11;
    let StepOutcome::Applied { loss } = out else {
        panic!("diverged: {out:?}")
    };
    assert_relative_eq!(loss, 0.101584682473, epsilon = eps);
    let t = trainer.trace();
    assert_relative_eq!(t.z(0).unwrap()[[0, 0]], -0.15, epsilon = eps);
    assert_relative_eq!(t.a(0).unwrap()[[0, 1]], 0.389360766050, epsilon = eps);
    assert_relative_eq!(t.a(1).unwrap()[[0, 0]], 0.549256874765, epsilon = eps);
    assert_relative_eq!(t.delta(1).unwrap()[[0, 0]], -0.111592170438, epsilon = eps);
    assert_relative_eq!(t.delta(0).unwrap()[[0, 0]], -0.013870851362, epsilon = eps);
    assert_relative_eq!(t.delta(0).unwrap()[[0, 1]], 0.015919223027, epsilon = eps);
    assert_relative_eq!(t.grad_w(1).unwrap()[[0, 0]], -0.051619207538, epsilon = eps);
    assert_relative_eq!(t.grad_w(0).unwrap()[[0, 0]], -0.006935425681, epsilon = eps);
    assert_relative_eq!(
        t.delta_w(1).unwrap()[[0, 1]],
        0.5 * 0.043449612967,
        epsilon = eps
    );

    let layers = trainer.network().layers();
    let w2 = &layers[1].weights;
    assert_relative_eq!(w2[[0, 0]], 0.525809603769, epsilon = eps);
    assert_relative_eq!(w2[[0, 1]], -0.578275193516, epsilon = eps);
    assert_relative_eq!(layers[1].biases[0], 0.255796085219, epsilon = eps);
    let w1 = &layers[0].weights;
    assert_relative_eq!(w1[[0, 0]], 0.103467712840, epsilon = eps);
    assert_relative_eq!(w1[[0, 1]], 0.193064574319, epsilon = eps);
    assert_relative_eq!(w1[[1, 0]], -0.303979805757, epsilon = eps);
    assert_relative_eq!(w1[[1, 1]], 0.407959611513, epsilon = eps);
    assert_relative_eq!(layers[0].biases[0], 0.006935425681, epsilon = eps);
    assert_relative_eq!(layers[0].biases[1], 0.092040388487, epsilon = eps);
}
