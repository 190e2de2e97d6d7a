//! A random walk through the timeline — steps, setting changes, hand
//! edits, undo, seeks, dropping, keeping, switching and deleting branches —
//! checked against a plain model: the state the session had at each step
//! of each line, as it was left there. Also the cap on recorded changes.

#[path = "timeline/state.rs"]
mod shared;

use lightbulb_core::session::{MAX_BRANCHES, MAX_CHANGES};
use lightbulb_core::{
    DatasetKind, DatasetParams, Error, OptimizerKind, Session, SessionConfig, TrainingConfig,
};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use shared::{assert_same, state, State};
use std::collections::{BTreeMap, HashMap};

fn config(optimizer: OptimizerKind) -> SessionConfig {
    SessionConfig {
        dataset: DatasetParams::new(DatasetKind::Moons)
            .with_points(60)
            .unwrap()
            .with_seed(8),
        training: TrainingConfig {
            optimizer,
            learning_rate: 0.03,
            batch_size: 7,
            ..TrainingConfig::default()
        },
        ..SessionConfig::default()
    }
}

/// The state at every step of every line, as the session left it there.
struct Model {
    live: String,
    lines: HashMap<String, BTreeMap<u64, State>>,
}

impl Model {
    fn note(&mut self, s: &Session) {
        let line = self.lines.entry(self.live.clone()).or_default();
        line.insert(s.steps(), state(s));
    }
}

#[test]
fn a_random_walk_through_the_timeline_matches_the_model() {
    for (seed, optimizer) in [
        (1, OptimizerKind::Sgd),
        (2, OptimizerKind::Momentum),
        (3, OptimizerKind::Adam),
    ] {
        let mut rng = StdRng::seed_from_u64(seed);
        let mut s = Session::new(config(optimizer)).unwrap();
        let mut model = Model {
            live: "main".into(),
            lines: HashMap::new(),
        };
        model.note(&s);
        let mut names = 0;
        let (mut seeks, mut switches) = (0, 0);
        for op in 0..4000 {
            let what = format!("seed {seed}, op {op}");
            let past = s.in_the_past();
            let roll = rng.random_range(0..100);
            match roll {
                0..=54 => {
                    let r = s.step();
                    if past {
                        assert!(matches!(r, Err(Error::LaterSteps { .. })), "{what}");
                    } else {
                        r.unwrap();
                        model.note(&s);
                    }
                }
                55..=61 => {
                    let mut t = s.config().training;
                    t.learning_rate = [0.01, 0.03, 0.1][rng.random_range(0..3)];
                    if rng.random_bool(0.3) {
                        t.optimizer = OptimizerKind::ALL[rng.random_range(0..3)];
                    }
                    if rng.random_bool(0.3) {
                        t.batch_size = rng.random_range(1..=12);
                    }
                    let same = t == s.config().training;
                    let r = s.set_training(t);
                    assert_eq!(r.is_err(), past && !same, "{what}");
                    if !past {
                        model.note(&s);
                    }
                }
                62..=68 => {
                    let (layer, to, from) = (rng.random_range(0..3), 0, rng.random_range(0..2));
                    let r = s.set_weight(layer, to, from, rng.random_range(-2.0..2.0));
                    assert_eq!(r.is_err(), past, "{what}");
                    if !past {
                        model.note(&s);
                    }
                }
                69..=72 => {
                    let r = s.undo();
                    assert_eq!(r.is_err(), past, "{what}");
                    if !past {
                        model.note(&s);
                    }
                }
                73..=86 => {
                    let (first, last) = (s.timeline().first_step(), s.timeline().last_step());
                    let k = rng.random_range(first..=last);
                    s.seek(k).unwrap();
                    seeks += 1;
                    let want = &model.lines[&model.live][&k];
                    assert_same(&format!("{what}: seek {k}"), &state(&s), want);
                }
                87..=90 => {
                    s.drop_later();
                    let k = s.steps();
                    if let Some(line) = model.lines.get_mut(&model.live) {
                        line.retain(|&step, _| step <= k);
                    }
                }
                91..=94 => {
                    let name = format!("b{names}");
                    let r = s.keep_branch(&name);
                    if s.timeline().branches().count() > MAX_BRANCHES {
                        panic!("{what}: too many branches");
                    }
                    if r.is_ok() {
                        names += 1;
                        let line = model.lines[&model.live].clone();
                        model.lines.insert(name, line);
                        let k = s.steps();
                        if let Some(line) = model.lines.get_mut(&model.live) {
                            line.retain(|&step, _| step <= k);
                        }
                    }
                }
                95..=97 => {
                    let kept: Vec<String> = s
                        .timeline()
                        .branches()
                        .map(|b| b.name.to_string())
                        .collect();
                    if kept.is_empty() {
                        continue;
                    }
                    let name = kept[rng.random_range(0..kept.len())].clone();
                    s.switch_branch(&name).unwrap();
                    switches += 1;
                    model.live = name;
                    let line = &model.lines[&model.live];
                    let (&head, want) = line.iter().next_back().unwrap();
                    assert_eq!(s.steps(), head, "{what}");
                    assert_same(&format!("{what}: switched"), &state(&s), want);
                }
                _ => {
                    let kept: Vec<String> = s
                        .timeline()
                        .branches()
                        .map(|b| b.name.to_string())
                        .collect();
                    if let Some(name) = kept.first() {
                        s.delete_branch(name).unwrap();
                        model.lines.remove(name);
                    }
                }
            }
            let line = &model.lines[&model.live];
            assert_eq!(
                s.timeline().last_step(),
                *line.keys().next_back().unwrap(),
                "{what}"
            );
            assert_eq!(s.timeline().name(), model.live, "{what}");
        }
        assert!(
            seeks > 300 && switches > 20,
            "{seeks} seeks, {switches} switches"
        );
    }
}

#[test]
fn too_many_changes_drop_the_oldest_steps_and_stay_exact() {
    let mut s = Session::new(config(OptimizerKind::Adam)).unwrap();
    let mut states = BTreeMap::new();
    states.insert(0, state(&s));
    // An edit after every step: more changes than the history records.
    for step in 1..=(MAX_CHANGES as u64 + 500) {
        s.step().unwrap();
        s.set_weight(0, (step % 4) as usize, 0, 0.001 * step as f64)
            .unwrap();
        states.insert(step, state(&s));
    }
    let t = s.timeline();
    assert!(t.changes().count() <= MAX_CHANGES);
    let first = t.first_step();
    assert!(first > 0 && first < 1000, "holds {first}–{}", t.last_step());
    for k in [first, first + 1, first + 57, 3000, t.last_step()] {
        s.seek(k).unwrap();
        assert_same(&format!("seek {k}"), &state(&s), &states[&k]);
    }
    // Edits at one step alone: past the cap the history restarts there.
    let last = s.timeline().last_step();
    s.seek(last).unwrap();
    for i in 0..MAX_CHANGES + 10 {
        s.set_weight(1, 0, i % 4, i as f64 * 0.01).unwrap();
    }
    let t = s.timeline();
    assert_eq!((t.first_step(), t.last_step()), (last, last));
    assert!(t.changes().count() < 20);
    let at = state(&s);
    s.step().unwrap();
    s.seek(last).unwrap();
    assert_same("after the restart", &state(&s), &at);
}
