//! Branching, undo and the rules of the timeline: changes at a past step
//! need the later steps dropped or kept first; a setting changed at a past
//! step applies from that step on, exactly as if it had been changed then;
//! branches keep their steps and can be switched to; hand edits undo.

#[path = "timeline/state.rs"]
mod shared;

use lightbulb_core::session::MAX_BRANCHES;
use lightbulb_core::{
    Activation, Change, DatasetKind, DatasetParams, Error, HiddenSpec, OptimizerKind, Session,
    SessionConfig, TrainingConfig,
};
use shared::{assert_same, state};

fn config(optimizer: OptimizerKind) -> SessionConfig {
    SessionConfig {
        dataset: DatasetParams::new(DatasetKind::Xor)
            .with_points(100)
            .unwrap()
            .with_seed(2),
        seed: 4,
        training: TrainingConfig {
            optimizer,
            learning_rate: 0.03,
            batch_size: 8,
            ..TrainingConfig::default()
        },
        ..SessionConfig::default()
    }
}

fn train(s: &mut Session, to: u64) {
    while s.steps() < to {
        s.step().unwrap();
    }
}

#[test]
fn changes_at_a_past_step_wait_for_the_later_steps_to_be_dropped_or_kept() {
    let mut s = Session::new(config(OptimizerKind::Momentum)).unwrap();
    train(&mut s, 300);
    s.seek(120).unwrap();
    assert!(s.in_the_past());
    let msg = s.step().unwrap_err().to_string();
    assert!(
        msg.contains("step 120") && msg.contains("step 300"),
        "{msg}"
    );
    assert!(matches!(
        s.advance_phase(),
        Err(Error::LaterSteps {
            step: 120,
            last: 300
        })
    ));
    assert!(s.set_training(TrainingConfig::default()).is_err());
    let same = s.config().training;
    s.set_training(same).unwrap();
    assert!(s.set_weight(0, 0, 0, 1.0).is_err());
    assert!(s.undo().is_err());
    assert!(s.add_point(1.0, 1.0, 1.0, true).is_err());
    assert_eq!(s.steps(), 120);
    assert_eq!(s.timeline().last_step(), 300);

    let err = s.seek(301).unwrap_err();
    assert_eq!(
        err.to_string(),
        "step 301 is not in the history (it holds steps 0–300)"
    );
    s.drop_later();
    assert_eq!(s.timeline().last_step(), 120);
    assert!(s.seek(121).is_err());
    s.step().unwrap();
    assert_eq!((s.steps(), s.timeline().last_step()), (121, 121));
}

#[test]
fn a_setting_changed_at_a_past_step_applies_from_that_step_on() {
    // Changed at 200 during the run…
    let mut a = Session::new(config(OptimizerKind::Sgd)).unwrap();
    train(&mut a, 200);
    let mut faster = a.config().training;
    faster.learning_rate = 0.1;
    faster.optimizer = OptimizerKind::Adam;
    a.set_training(faster).unwrap();
    train(&mut a, 350);
    // …and the same change made later, from step 200 of the history.
    let mut b = Session::new(config(OptimizerKind::Sgd)).unwrap();
    train(&mut b, 350);
    let unchanged = state(&b);
    b.seek(200).unwrap();
    b.keep_branch("sgd").unwrap();
    b.set_training(faster).unwrap();
    train(&mut b, 350);
    assert_same("changed at 200", &state(&b), &state(&a));
    assert_ne!(state(&b).weights, unchanged.weights);
    // The recorded change replays: back before it, and forward again.
    b.seek(180).unwrap();
    assert_eq!(b.config().training.optimizer, OptimizerKind::Sgd);
    b.seek(350).unwrap();
    assert_same("replayed", &state(&b), &state(&a));
    assert!(b
        .timeline()
        .changes()
        .any(|(step, c)| step == 200 && c == Change::Training(faster)));
    // The kept branch still holds the unchanged run.
    b.switch_branch("sgd").unwrap();
    assert_same("kept branch", &state(&b), &unchanged);
}

#[test]
fn branches_keep_their_steps_and_can_be_switched_to() {
    let mut s = Session::new(config(OptimizerKind::Adam)).unwrap();
    train(&mut s, 400);
    let original = state(&s);
    s.seek(250).unwrap();
    let at_250 = state(&s);
    s.keep_branch("first try").unwrap();
    assert_eq!(s.timeline().last_step(), 250);
    let mut t = s.config().training;
    t.learning_rate = 0.001;
    s.set_training(t).unwrap();
    train(&mut s, 330);
    let slow = state(&s);
    let branches: Vec<_> = s.timeline().branches().collect();
    assert_eq!(branches.len(), 1);
    assert_eq!(
        (branches[0].name, branches[0].first, branches[0].last),
        ("first try", 0, 400)
    );

    s.switch_branch("first try").unwrap();
    assert_eq!(s.timeline().name(), "first try");
    assert_same("back on the kept branch", &state(&s), &original);
    s.seek(250).unwrap();
    assert_same("its step 250", &state(&s), &at_250);
    s.switch_branch("main").unwrap();
    assert_same("back on main", &state(&s), &slow);
    s.seek(251).unwrap();
    assert_eq!(s.config().training.learning_rate, 0.001);

    // Names are checked; so is the number of branches.
    assert!(s
        .keep_branch("first try")
        .unwrap_err()
        .to_string()
        .contains("already"));
    assert!(s.keep_branch("main").is_err());
    assert!(s.keep_branch("  ").is_err());
    assert!(s.keep_branch(&"x".repeat(41)).is_err());
    let unknown = s.switch_branch("nope").unwrap_err().to_string();
    assert!(
        unknown.contains("\"nope\"") && unknown.contains("\"first try\""),
        "{unknown}"
    );
    s.seek(330).unwrap();
    for i in 1..MAX_BRANCHES {
        s.keep_branch(&format!("b{i}")).unwrap();
    }
    assert!(s.keep_branch("one too many").is_err());
    s.delete_branch("b1").unwrap();
    assert!(s.delete_branch("b1").is_err());
    s.keep_branch("one more").unwrap();
    // Keeping at the last step copies the run, which goes on.
    train(&mut s, 340);
    s.switch_branch("one more").unwrap();
    assert_same("the copy", &state(&s), &slow);
}

#[test]
fn hand_edits_undo_in_reverse_order_and_a_drag_is_one_edit() {
    let mut s = Session::new(config(OptimizerKind::Momentum)).unwrap();
    train(&mut s, 30);
    let before = state(&s);
    s.set_weight(0, 1, 0, 0.5).unwrap();
    let one = state(&s);
    for v in [1.0, 1.5, 2.0] {
        s.set_weight(1, 0, 2, v).unwrap();
    }
    let edit = s.undo().unwrap().unwrap();
    assert_eq!((edit.layer, edit.to, edit.from, edit.value), (1, 0, 2, 2.0));
    assert_same("one undo for the drag", &state(&s), &one);
    s.undo().unwrap().unwrap();
    assert_same("both undone", &state(&s), &before);
    assert_eq!(s.undo().unwrap(), None);
    assert!(s.set_weight(9, 0, 0, 1.0).is_err());
    assert_eq!(s.timeline().changes().count(), 0);
}

#[test]
fn an_edit_undone_at_its_step_replays_as_if_never_made() {
    let mut plain = Session::new(config(OptimizerKind::Adam)).unwrap();
    train(&mut plain, 120);
    let mut s = Session::new(config(OptimizerKind::Adam)).unwrap();
    train(&mut s, 50);
    s.set_weight(0, 2, 1, -1.25).unwrap();
    train(&mut s, 120);
    assert_eq!(s.undo().unwrap(), None, "the edit is before later steps");
    s.seek(50).unwrap();
    assert_eq!(s.network().layers()[0].weights[[2, 1]], -1.25);
    s.seek(49).unwrap();
    assert_ne!(s.network().layers()[0].weights[[2, 1]], -1.25);
    s.seek(50).unwrap();
    s.drop_later();
    assert!(s.undo().unwrap().is_some());
    train(&mut s, 120);
    assert_same("undone", &state(&s), &state(&plain));
}

#[test]
fn a_divergence_at_the_last_step_comes_back_with_it() {
    // A linear output cannot saturate, so a huge rate must overflow.
    let mut c = config(OptimizerKind::Sgd);
    c.dataset = DatasetParams::new(DatasetKind::Plane);
    c.hidden = vec![HiddenSpec {
        neurons: 8,
        activation: Activation::Relu,
    }];
    let mut s = Session::new(c).unwrap();
    train(&mut s, 20);
    let mut t = s.config().training;
    t.learning_rate = 1e6;
    s.set_training(t).unwrap();
    for _ in 0..50 {
        s.step().unwrap();
    }
    let diverged = s.diverged().expect("a learning rate of 1e6 diverges");
    let last = s.steps();
    s.seek(10).unwrap();
    assert_eq!(s.diverged(), None);
    s.seek(last).unwrap();
    assert_eq!(s.diverged(), Some(diverged));
}

#[test]
fn session_files_drop_the_timeline_and_still_open() {
    let mut s = Session::new(config(OptimizerKind::Adam)).unwrap();
    train(&mut s, 90);
    s.set_weight(0, 0, 1, 0.3).unwrap();
    s.seek(40).unwrap();
    s.keep_branch("kept").unwrap();
    train(&mut s, 60);
    let mut reopened = Session::from_json(&s.to_json()).unwrap();
    assert_same("reopened", &state(&reopened), &state(&s));
    let t = reopened.timeline();
    assert_eq!((t.first_step(), t.last_step()), (60, 60));
    assert_eq!(t.branches().count(), 0);
    assert_eq!(t.changes().count(), 0);
    train(&mut reopened, 70);
    train(&mut s, 70);
    assert_same("both go on alike", &state(&reopened), &state(&s));
    reopened.seek(65).unwrap();
    assert!(reopened.seek(59).is_err());
}

#[test]
fn new_points_start_a_new_timeline() {
    let mut s = Session::new(config(OptimizerKind::Sgd)).unwrap();
    train(&mut s, 40);
    s.keep_branch("a").unwrap();
    s.add_point(1.0, 1.0, 1.0, true).unwrap();
    let t = s.timeline();
    assert_eq!(
        (t.first_step(), t.last_step(), t.branches().count()),
        (40, 40, 0)
    );
}

#[test]
fn the_whole_loss_curve_stays_readable_at_a_past_step() {
    let mut s = Session::new(config(OptimizerKind::Sgd)).unwrap();
    train(&mut s, 200);
    let whole = s.history().to_vec();
    assert!(whole.len() > 10, "{} epochs", whole.len());
    s.seek(37).unwrap();
    let shown = s.history().len();
    assert!(shown < whole.len(), "{shown} of {}", whole.len());
    assert_eq!(s.history(), &whole[..shown]);
    let mut out = vec![whole[0]; 3];
    s.timeline().history_to_head(&mut out);
    assert_eq!(out, whole);
    // Dropping the later steps shortens the curve to the step shown.
    s.drop_later();
    s.timeline().history_to_head(&mut out);
    assert_eq!(out.len(), shown);
}
