//! Sessions: epochs, phases, probes, grids, live changes and divergence.

use lightbulb_core::{
    grid_point, Activation, DatasetKind, DatasetParams, Loss, OptimizerKind, Phase, PhaseReport,
    Session, SessionConfig, StepOutcome,
};

fn config(kind: DatasetKind) -> SessionConfig {
    SessionConfig {
        dataset: DatasetParams::new(kind).with_seed(3),
        ..SessionConfig::default()
    }
}

#[test]
fn an_epoch_covers_every_training_point_once_with_a_smaller_last_batch() {
    let mut c = config(DatasetKind::Circle);
    c.dataset = c
        .dataset
        .with_points(250)
        .unwrap()
        .with_train_percent(50.0)
        .unwrap();
    c.training.batch_size = 10;
    let mut s = Session::new(c).unwrap();
    let n = s.data().train.len();
    assert_eq!(n, 125);
    let mut seen = vec![0; n];
    let mut steps = 0;
    while s.epoch() == 0 {
        for &i in s.batch_indices() {
            seen[i] += 1;
        }
        let before = s.batch_indices().len();
        s.step().unwrap();
        steps += 1;
        if s.epoch() == 1 {
            assert_eq!(before, 5, "the last batch holds the remainder");
        }
    }
    assert_eq!(steps, 13);
    assert!(seen.iter().all(|&c| c == 1));
    assert_eq!(s.history().len(), 1);
    let h = s.history()[0];
    assert!(h.train_loss.is_some() && h.test_accuracy.is_some());
    // The next epoch is shuffled differently.
    let first_order: Vec<usize> = s.batch_indices().to_vec();
    s.epoch_run().unwrap();
    assert_ne!(first_order, s.batch_indices().to_vec());
    assert_eq!(s.epoch(), 2);
}

fn weight_bits(s: &Session) -> Vec<u64> {
    s.network()
        .layers()
        .iter()
        .flat_map(|l| l.weights.iter().chain(l.biases.iter()).map(|w| w.to_bits()))
        .collect()
}

#[test]
fn phase_by_phase_equals_whole_steps_bit_for_bit_over_50_steps() {
    for optimizer in OptimizerKind::ALL {
        let mut c = config(DatasetKind::Xor);
        c.training.optimizer = optimizer;
        c.training.learning_rate = 0.1;
        let mut whole = Session::new(c.clone()).unwrap();
        let mut phased = Session::new(c).unwrap();
        for _ in 0..50 {
            whole.step().unwrap();
            loop {
                if phased.advance_phase().unwrap().outcome().is_some() {
                    break;
                }
            }
            assert_eq!(weight_bits(&whole), weight_bits(&phased), "{optimizer:?}");
        }
        assert_eq!(whole.steps(), 50);
        assert_eq!(phased.steps(), 50);
    }
}

#[test]
fn each_phase_fills_exactly_its_part_of_the_trace() {
    let mut c = config(DatasetKind::Spiral);
    c.hidden = vec![
        lightbulb_core::HiddenSpec {
            neurons: 5,
            activation: Activation::Tanh,
        },
        lightbulb_core::HiddenSpec {
            neurons: 3,
            activation: Activation::Relu,
        },
    ];
    let mut s = Session::new(c).unwrap();
    let depth = s.network().depth();
    assert_eq!(depth, 3);
    let before = s.network().clone();
    let mut phases = Vec::new();
    loop {
        let report = s.advance_phase().unwrap();
        let t = s.trace();
        match report {
            PhaseReport::Forward {
                layer,
                neuron,
                activation,
            } => {
                for l in 0..depth {
                    assert_eq!(
                        t.a(l).is_some(),
                        l <= layer,
                        "after Forward({layer}), a({l})"
                    );
                    assert!(t.delta(l).is_none());
                }
                assert!(t.loss().is_none());
                assert_eq!(t.a(layer).unwrap()[[0, neuron]], activation);
            }
            PhaseReport::Loss { loss } => {
                assert_eq!(t.loss(), Some(loss));
                assert!((0..depth).all(|l| t.delta(l).is_none()));
            }
            PhaseReport::Backward {
                layer,
                neuron,
                delta,
            } => {
                for l in 0..depth {
                    assert_eq!(
                        t.delta(l).is_some(),
                        l >= layer,
                        "after Backward({layer}), delta({l})"
                    );
                    assert_eq!(t.grad_w(l).is_some(), l >= layer);
                }
                assert_eq!(t.delta(layer).unwrap()[[0, neuron]], delta);
                assert!(t.delta_w(0).is_none());
            }
            PhaseReport::Update { outcome, largest } => {
                assert!(matches!(outcome, StepOutcome::Applied { .. }));
                assert!(t.delta_w(0).is_some());
                let (l, j, i, dw) = largest.unwrap();
                assert_eq!(t.delta_w(l).unwrap()[[j, i]], dw);
            }
        }
        if report.phase() != Phase::Update {
            // Weights change only at Update.
            assert_eq!(s.network(), &before);
        }
        phases.push(report.phase());
        if report.outcome().is_some() {
            break;
        }
    }
    assert_eq!(
        phases,
        vec![
            Phase::Forward(0),
            Phase::Forward(1),
            Phase::Forward(2),
            Phase::Loss,
            Phase::Backward(2),
            Phase::Backward(1),
            Phase::Backward(0),
            Phase::Update
        ]
    );
    assert_ne!(s.network(), &before);
}

#[test]
fn probe_and_grid_agree_and_leave_the_training_trace_alone() {
    let mut s = Session::new(config(DatasetKind::Circle)).unwrap();
    s.step().unwrap();
    let trace_before = format!("{:?}", s.trace().a(0));
    let res = 20;
    let grid_out: Vec<f32> = s.grid(res).unwrap().output().unwrap().column(0).to_vec();
    for idx in [0, 7, 210, 399] {
        let (x1, x2) = grid_point(res, idx);
        let p = s.probe(x1, x2).unwrap().output().unwrap()[[0, 0]];
        // The grid is a picture, computed in f32 (see `maps`).
        assert!((p - f64::from(grid_out[idx])).abs() < 1e-6, "{idx}: {p}");
        assert!(p != 0.0);
    }
    assert_eq!(format!("{:?}", s.trace().a(0)), trace_before);
    assert_eq!(grid_point(2, 0), (-3.0, 3.0));
    assert_eq!(grid_point(2, 3), (3.0, -3.0));
    assert!(s.grid(1).is_err() && s.grid(10_000).is_err());
    assert!(s.probe(f64::NAN, 0.0).is_err());
    // Grid and probe traces hold forward passes only.
    let net = s.network().clone();
    let mut t = lightbulb_core::Trace::forward_only(&net, 4);
    t.load(ndarray::Array2::zeros((4, 2)).view(), None).unwrap();
    net.forward(&mut t);
    assert!(net.compute_loss(Loss::Mse, &mut t).is_err());
}

#[test]
fn live_changes_keep_the_weights_and_divergence_is_sticky_until_reconfigured() {
    // Regression: a linear output that cannot saturate, so a huge rate must overflow.
    let mut c = config(DatasetKind::Plane);
    c.hidden = vec![lightbulb_core::HiddenSpec {
        neurons: 8,
        activation: Activation::Relu,
    }];
    c.training.loss = Loss::Mse;
    let mut s = Session::new(c).unwrap();
    s.step().unwrap();
    let mut t = s.config().training;
    t.learning_rate = 1e6;
    t.optimizer = OptimizerKind::Sgd;
    s.set_training(t).unwrap();
    let mut diverged = None;
    for _ in 0..100 {
        if let StepOutcome::Diverged(d) = s.step().unwrap() {
            diverged = Some(d);
            break;
        }
    }
    let d = diverged.expect("learning rate 1e6 diverges");
    let frozen = s.network().clone();
    let steps = s.steps();
    assert!(matches!(s.step().unwrap(), StepOutcome::Diverged(_)));
    assert!(matches!(
        s.advance_phase().unwrap(),
        PhaseReport::Update {
            outcome: StepOutcome::Diverged(_),
            ..
        }
    ));
    assert_eq!(s.network(), &frozen);
    assert_eq!(s.diverged().unwrap().divergence, d);
    assert_eq!(s.diverged().unwrap().step, steps + 1);
    t.learning_rate = 0.01;
    s.set_training(t).unwrap();
    assert!(s.diverged().is_none());
    // The weights may already be too large to recover (that is what Reset is
    // for), but stepping again is allowed and again changes nothing if refused.
    let again = s.step().unwrap();
    if matches!(again, StepOutcome::Diverged(_)) {
        assert_eq!(s.network(), &frozen);
    }
    // Loss changes need a rebuild.
    t.loss = Loss::SoftmaxCe;
    assert!(s.set_training(t).is_err());
}

#[test]
fn heads_follow_the_problem_and_loss() {
    let mut c = config(DatasetKind::Blobs);
    c.dataset = c.dataset.with_classes(4).unwrap();
    assert!(Session::new(c.clone())
        .unwrap_err()
        .to_string()
        .contains("softmax_ce"));
    c.training.loss = Loss::SoftmaxCe;
    let s = Session::new(c).unwrap();
    assert_eq!(s.network().outputs(), 4);
    let mut r = config(DatasetKind::Plane);
    r.training.loss = Loss::Bce;
    assert!(Session::new(r).is_err());
}

#[test]
fn custom_points_keep_the_network() {
    let mut s = Session::new(config(DatasetKind::Circle)).unwrap();
    s.step().unwrap();
    let net = s.network().clone();
    let n = s.data().len();
    s.add_point(1.0, 1.0, 1.0, true).unwrap();
    assert_eq!(s.data().len(), n + 1);
    assert!(s.add_point(9.0, 1.0, 1.0, true).is_err());
    assert_eq!(s.data().len(), n + 1);
    let removed = s.remove_nearest(1.0, 1.0).unwrap().unwrap();
    assert_eq!((removed.x1, removed.x2), (1.0, 1.0));
    assert_eq!(s.network(), &net);
    s.clear_points().unwrap();
    assert!(s
        .step()
        .unwrap_err()
        .to_string()
        .contains("no training points"));
    s.add_point(2.0, -1.0, 0.0, true).unwrap();
    assert!(matches!(s.step().unwrap(), StepOutcome::Applied { .. }));
}

#[test]
fn metrics_are_measured_once_per_network_state() {
    let mut s = Session::new(config(DatasetKind::Circle)).unwrap();
    s.epoch_run().unwrap();
    let recorded = *s.history().last().unwrap();
    // Right after the epoch: the recorded figures, not a second pass.
    assert_eq!(s.metrics(), recorded);
    // A weight edit changes the network without a step: measured again.
    let w = s.network().layers()[0].weights[[0, 0]];
    s.set_weight(0, 0, 0, w + 5.0).unwrap();
    let edited = s.metrics();
    assert_ne!(edited.train_loss, recorded.train_loss);
    // A session replayed to the same state without the cached figures
    // measures the same.
    let mut replay = Session::new(config(DatasetKind::Circle)).unwrap();
    replay.epoch_run().unwrap();
    replay.set_weight(0, 0, 0, w + 5.0).unwrap();
    assert_eq!(replay.metrics(), edited);
    // A step changes the network again: measured again.
    s.step().unwrap();
    assert_ne!(s.metrics().train_loss, edited.train_loss);
    // New data too.
    let before = s.metrics();
    s.add_point(0.5, 0.5, 1.0, true).unwrap();
    assert_ne!(s.metrics().train_loss, before.train_loss);
}
