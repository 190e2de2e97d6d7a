//! Native tests of Undo for what a reset, new data, a rebuild or cleared
//! points put aside.

use super::test_support::{controller, play};
use super::*;

fn model(c: &Controller) -> String {
    c.export_model()
}

#[test]
fn undo_brings_back_a_reset_run_whole() {
    let mut c = controller("dataset=xor&layers=4&batch=10&points=200");
    play(&mut c, 3);
    let steps = c.steps();
    assert!(steps > 0);
    let (trained, history) = (model(&c), c.session().history().to_vec());
    c.reset().unwrap();
    assert_eq!(c.steps(), 0);
    assert_ne!(model(&c), trained);
    let offer = c.bring_back_offer().expect("an offer after a reset");
    assert!(offer.contains(&format!("({steps} steps)")), "{offer}");

    c.bring_back().unwrap();
    assert_eq!(c.steps(), steps);
    assert_eq!(model(&c), trained, "weights and optimizer as they were");
    assert_eq!(c.session().history(), &history[..]);
    assert_eq!(c.bring_back_offer(), None, "one undo, then nothing");
    assert!(matches!(c.bring_back(), Err(ControlError::NothingPutAside)));
}

#[test]
fn training_on_ends_the_offer_and_undo_then_changes_nothing() {
    let mut c = controller("dataset=xor&layers=4&batch=10&points=200");
    play(&mut c, 2);
    c.reset().unwrap();
    play(&mut c, 1);
    let steps = c.steps();
    assert!(steps > 0);
    assert_eq!(c.bring_back_offer(), None);
    let now = model(&c);
    assert!(matches!(c.bring_back(), Err(ControlError::NothingPutAside)));
    assert_eq!(model(&c), now);
    assert_eq!(c.steps(), steps);
}

#[test]
fn nothing_is_offered_for_a_run_the_user_had_not_touched() {
    let mut c = controller("dataset=xor&layers=4");
    c.reset().unwrap();
    assert_eq!(c.bring_back_offer(), None);
    c.set("layers", "5,2").unwrap();
    assert_eq!(c.bring_back_offer(), None);
}

#[test]
fn a_rebuild_keeps_the_trained_run_and_its_settings_for_undo() {
    let mut c = controller("dataset=xor&layers=4&batch=10&points=200");
    play(&mut c, 2);
    let trained = model(&c);
    c.set("layers", "6,6").unwrap();
    c.set("dataset", "circle").unwrap();
    // The second change put nothing new aside: the run of 6,6 had not trained.
    assert!(c.bring_back_offer().is_some());
    c.bring_back().unwrap();
    assert_eq!(model(&c), trained);
    assert_eq!(c.state.config.hidden.len(), 1);
    assert_eq!(
        c.state.config.dataset.kind(),
        lightbulb_core::DatasetKind::Xor
    );
}

#[test]
fn cleared_points_come_back() {
    let mut c = controller("dataset=xor&points=100");
    c.add_point(1.0, 2.0, 1.0).unwrap();
    let points = c.session().data().clone();
    c.clear_points().unwrap();
    assert_eq!(c.session().data().train.len(), 0);
    let offer = c.bring_back_offer().expect("an offer after clearing");
    assert!(offer.contains("with your points"), "{offer}");
    c.bring_back().unwrap();
    assert_eq!(*c.session().data(), points);
}
