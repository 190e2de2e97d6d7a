//! Rewind and replay are exact: the state restored at step k, and the state
//! replayed from there to step n, equal the states the run had, bit for
//! bit — weights, biases, optimizer moments and step count, settings,
//! counters, data order and epoch records — for SGD, momentum and Adam,
//! each with no penalty, L1 and L2, over 600 steps with setting changes and
//! hand edits along the way.

#[path = "timeline/state.rs"]
mod shared;

use lightbulb_core::{
    Activation, DatasetKind, DatasetParams, FeatureSet, HiddenSpec, OptimizerKind, Regularization,
    Session, SessionConfig, TrainingConfig,
};
use shared::{assert_same, state, State};

const STEPS: u64 = 600;

fn config(optimizer: OptimizerKind, regularization: Regularization) -> SessionConfig {
    SessionConfig {
        // 60 training points in batches of 7: 9 steps an epoch, the last of 4.
        dataset: DatasetParams::new(DatasetKind::Circle)
            .with_points(120)
            .unwrap()
            .with_seed(5),
        features: FeatureSet::from_names(&["x1", "x2", "x1_sq", "sin_x1"]).unwrap(),
        hidden: vec![
            HiddenSpec {
                neurons: 5,
                activation: Activation::Tanh,
            },
            HiddenSpec {
                neurons: 3,
                activation: Activation::Relu,
            },
        ],
        seed: 11,
        training: TrainingConfig {
            optimizer,
            learning_rate: 0.02,
            regularization,
            regularization_rate: if regularization == Regularization::None {
                0.0
            } else {
                0.003
            },
            batch_size: 7,
            ..TrainingConfig::default()
        },
        ..SessionConfig::default()
    }
}

/// The changes made during the run, after the given step.
fn change(s: &mut Session, step: u64) {
    let mut t = s.config().training;
    match step {
        150 => t.learning_rate = 0.05,
        420 => t.batch_size = 11,
        _ => {}
    }
    if t != s.config().training {
        s.set_training(t).unwrap();
    }
    if step == 300 {
        s.set_weight(0, 1, 2, 0.75).unwrap();
        s.set_weight(1, 0, 4, -0.5).unwrap();
    }
}

/// The run: the state after every step (and its changes), from step 0.
fn run(s: &mut Session) -> Vec<State> {
    let mut states = vec![state(s)];
    for step in 1..=STEPS {
        s.step().unwrap();
        change(s, step);
        states.push(state(s));
    }
    states
}

#[test]
fn rewinding_and_replaying_is_bit_identical_for_every_optimizer_and_penalty() {
    for optimizer in OptimizerKind::ALL {
        for regularization in Regularization::ALL {
            let what = format!("{optimizer:?} + {regularization:?}");
            let mut s = Session::new(config(optimizer, regularization)).unwrap();
            let states = run(&mut s);
            assert!(s.epoch() > 50, "{what}: {} epochs", s.epoch());
            assert_eq!(s.timeline().first_step(), 0);
            assert_eq!(s.timeline().last_step(), STEPS);
            // Backwards, forwards, onto keyframes, changes and epoch ends.
            let interval = s.timeline().interval();
            for k in [
                0,
                1,
                37,
                149,
                150,
                151,
                interval,
                interval + 1,
                299,
                300,
                333,
                419,
                420,
                421,
                STEPS - 1,
                512,
                2,
                STEPS,
                9,
                10,
                18,
            ] {
                s.seek(k).unwrap();
                assert_same(
                    &format!("{what}, seek {k}"),
                    &state(&s),
                    &states[k as usize],
                );
            }
            // From each k, the timeline's replay to the last step.
            for k in [0, 77, 150, 300, 421, 599] {
                s.seek(k).unwrap();
                s.seek(STEPS).unwrap();
                assert_same(
                    &format!("{what}, {k} → {STEPS}"),
                    &state(&s),
                    &states[STEPS as usize],
                );
            }
        }
    }
}

#[test]
fn training_again_from_a_past_step_with_the_same_changes_reaches_the_same_state() {
    for optimizer in OptimizerKind::ALL {
        for regularization in [Regularization::L1, Regularization::L2] {
            let what = format!("{optimizer:?} + {regularization:?}");
            let mut s = Session::new(config(optimizer, regularization)).unwrap();
            let states = run(&mut s);
            for k in [0, 149, 299, 300, 500] {
                s.seek(k).unwrap();
                s.drop_later();
                assert_eq!(s.timeline().last_step(), k);
                for step in k + 1..=STEPS {
                    s.step().unwrap();
                    change(&mut s, step);
                    if step.checked_rem(50) == Some(0) {
                        assert_same(
                            &format!("{what}, from {k} at {step}"),
                            &state(&s),
                            &states[step as usize],
                        );
                    }
                }
                assert_same(
                    &format!("{what}, from {k}"),
                    &state(&s),
                    &states[STEPS as usize],
                );
            }
        }
    }
}

#[test]
fn stepping_phase_by_phase_records_the_same_history() {
    let mut a = Session::new(config(OptimizerKind::Adam, Regularization::L2)).unwrap();
    let states = run(&mut a);
    let mut b = Session::new(config(OptimizerKind::Adam, Regularization::L2)).unwrap();
    for step in 1..=STEPS {
        while b.advance_phase().unwrap().outcome().is_none() {}
        change(&mut b, step);
    }
    assert_same("phases", &state(&b), &states[STEPS as usize]);
    for k in [3, 250, 301] {
        b.seek(k).unwrap();
        assert_same(
            &format!("phases, seek {k}"),
            &state(&b),
            &states[k as usize],
        );
    }
}

#[test]
fn the_phases_of_a_past_step_replay_it_without_changing_the_history() {
    let mut s = Session::new(config(OptimizerKind::Momentum, Regularization::L1)).unwrap();
    let states = run(&mut s);
    for k in [1, 150, 300, 421, STEPS] {
        s.seek(k - 1).unwrap();
        let mut phases = 0;
        while s.replay_phase().unwrap().outcome().is_none() {
            phases += 1;
            assert_eq!(s.steps(), k - 1);
        }
        assert_eq!(phases, 2 * 3 + 1, "forward ×3, loss, backward ×3");
        assert_eq!(s.timeline().last_step(), STEPS);
        assert_same(
            &format!("replayed step {k}"),
            &state(&s),
            &states[k as usize],
        );
    }
    let msg = s.replay_phase().unwrap_err().to_string();
    assert!(msg.contains(&format!("step {STEPS}")), "{msg}");
    // At the last step, phases train as before.
    s.advance_phase().unwrap();
}

/// What the network view draws of the last step: rows, loss, activations,
/// δ, gradients and applied changes of every layer, as bits.
fn trace_bits(s: &Session) -> Vec<u64> {
    let t = s.trace();
    let mut out = vec![t.rows() as u64, t.loss().map_or(1, f64::to_bits)];
    out.push(t.forward_done() as u64);
    out.push(u64::from(t.updated()));
    for l in 0..t.depth() {
        let views = [t.a(l), t.delta(l), t.grad_w(l), t.delta_w(l)];
        for v in views.into_iter().flatten() {
            out.extend(v.iter().map(|x| x.to_bits()));
        }
        out.extend(t.delta_b(l).into_iter().flatten().map(|x| x.to_bits()));
    }
    out
}

#[test]
fn a_restored_step_shows_the_trace_it_had() {
    let mut s = Session::new(config(OptimizerKind::Adam, Regularization::L1)).unwrap();
    let mut traces = vec![Vec::new()];
    for step in 1..=STEPS {
        s.step().unwrap();
        traces.push(trace_bits(&s));
        change(&mut s, step);
    }
    let last = trace_bits(&s);
    let interval = s.timeline().interval();
    // Steps without changes after them (a hand edit restarts the trace).
    for k in [1, 2, interval, interval + 1, 2 * interval, 299, 512] {
        s.seek(k).unwrap();
        assert_eq!(trace_bits(&s), traces[k as usize], "step {k}");
    }
    s.seek(STEPS).unwrap();
    assert_eq!(trace_bits(&s), last, "back at the last step");
}

#[test]
fn scrubbing_backwards_and_forwards_a_step_at_a_time_is_exact() {
    for optimizer in OptimizerKind::ALL {
        let mut s = Session::new(config(optimizer, Regularization::L2)).unwrap();
        let states = run(&mut s);
        for k in (250..=STEPS).rev().chain(250..=330) {
            s.seek(k).unwrap();
            assert_same(
                &format!("{optimizer:?}, scrub to {k}"),
                &state(&s),
                &states[k as usize],
            );
        }
    }
}
