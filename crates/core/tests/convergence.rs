//! Training actually learns: fixed seeds, honest thresholds that fail if
//! training breaks.

use lightbulb_core::{
    Activation, DatasetKind, DatasetParams, HiddenSpec, Loss, OptimizerKind, Session, SessionConfig,
};

fn run(config: SessionConfig, epochs: u64) -> (f64, Option<f64>) {
    let mut s = Session::new(config).unwrap();
    let mut best = 0.0f64;
    for _ in 0..epochs {
        s.epoch_run().unwrap();
        let m = s.history().last().copied().unwrap();
        best = best.max(m.test_accuracy.unwrap_or(0.0));
        if best >= 0.995 {
            break;
        }
    }
    let m = s.metrics();
    eprintln!(
        "{:?}: epoch {} test acc {:?} loss {:?}",
        s.config().dataset.kind(),
        s.epoch(),
        m.test_accuracy,
        m.test_loss
    );
    (m.test_accuracy.unwrap_or(0.0), m.test_loss)
}

fn small(kind: DatasetKind) -> SessionConfig {
    SessionConfig {
        dataset: DatasetParams::new(kind).with_seed(11),
        ..SessionConfig::default()
    }
}

#[test]
fn xor_reaches_97_percent_within_200_epochs() {
    let (acc, _) = run(small(DatasetKind::Xor), 200);
    assert!(acc >= 0.97, "xor test accuracy {acc}");
}

#[test]
fn circle_reaches_97_percent_within_200_epochs() {
    let (acc, _) = run(small(DatasetKind::Circle), 200);
    assert!(acc >= 0.97, "circle test accuracy {acc}");
}

#[test]
fn spiral_reaches_90_percent_with_a_larger_network_and_adam() {
    let mut c = small(DatasetKind::Spiral);
    c.dataset = c.dataset.with_noise(10.0).unwrap();
    c.hidden = vec![
        HiddenSpec {
            neurons: 16,
            activation: Activation::Tanh
        };
        3
    ];
    c.features = lightbulb_core::FeatureSet::all();
    c.training.optimizer = OptimizerKind::Adam;
    c.training.learning_rate = 0.01;
    c.training.loss = Loss::Bce;
    let (acc, _) = run(c, 300);
    assert!(acc >= 0.90, "spiral test accuracy {acc}");
}

#[test]
fn five_blobs_reach_95_percent_with_softmax() {
    let mut c = small(DatasetKind::Blobs);
    c.dataset = c.dataset.with_classes(5).unwrap().with_noise(10.0).unwrap();
    c.hidden = vec![HiddenSpec {
        neurons: 8,
        activation: Activation::Tanh,
    }];
    c.training.loss = Loss::SoftmaxCe;
    c.training.learning_rate = 0.1;
    let (acc, _) = run(c, 200);
    assert!(acc >= 0.95, "blobs test accuracy {acc}");
}

#[test]
fn plane_regression_reaches_test_mse_below_001() {
    let mut c = small(DatasetKind::Plane);
    c.training.learning_rate = 0.01;
    let mut s = Session::new(c).unwrap();
    for _ in 0..200 {
        s.epoch_run().unwrap();
    }
    // The loss is ½·squared error; the mean squared error is twice that.
    let mse = 2.0 * s.metrics().test_loss.unwrap();
    assert!(mse < 0.01, "plane test MSE {mse}");
}
