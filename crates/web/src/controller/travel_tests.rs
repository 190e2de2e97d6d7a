//! Native tests of time travel on the page: what follows the step on
//! screen (the chart's curve and cursor, the settings, the narration),
//! what asks first, and branches kept, switched to and deleted.

use super::test_support::{controller, play};
use super::*;

fn first_weight(c: &Controller) -> f64 {
    c.session().network().layers()[0].weights[(0, 0)]
}

#[test]
fn at_a_past_step_the_chart_keeps_the_whole_curve_with_a_cursor_at_that_step() {
    let mut c = controller("dataset=xor&layers=4&batch=10&points=200");
    play(&mut c, 12);
    c.frame(1e6).unwrap();
    let whole = c.chart_history().to_vec();
    assert_eq!(whole.last().map(|r| r.epoch), Some(12));
    assert_eq!(c.chart_cursor(), None, "no cursor at the newest step");
    let (last, per_epoch) = (c.history_last(), c.history_last() / 12);

    // Halfway through epoch 5.
    let step = 5 * per_epoch + per_epoch / 2;
    c.seek(step as f64).unwrap();
    c.frame(1e6 + 16.0).unwrap();
    assert!(c.session().history().len() < whole.len());
    assert_eq!(
        c.chart_history(),
        &whole[..],
        "the whole run stays on the chart"
    );
    let cursor = c.chart_cursor().unwrap();
    assert!((5.4..5.6).contains(&cursor), "cursor at epoch {cursor}");
    assert_eq!(c.frame_view().unwrap().plot.chart_cursor, Some(cursor));
    assert!(
        c.narration().starts_with(&format!(
            "Showing step {step} of {last}, as it was. Epochs done: 5."
        )),
        "{}",
        c.narration()
    );

    // Back at the newest step: the chart is the run's, with no cursor.
    c.seek(last as f64).unwrap();
    c.frame(1e6 + 32.0).unwrap();
    assert_eq!(c.chart_cursor(), None);
    assert_eq!(c.chart_history(), &whole[..]);
    assert_eq!(c.narration(), format!("Back at the newest step, {last}."));
}

#[test]
fn the_settings_on_screen_are_those_of_the_step_shown() {
    let mut c = controller("dataset=xor&layers=4&lr=0.03");
    play(&mut c, 2);
    let before = c.steps();
    c.set("lr", "0.3").unwrap();
    c.set("optimizer", "adam").unwrap();
    play(&mut c, 2);
    c.seek(before as f64 - 1.0).unwrap();
    assert_eq!(c.get("lr").as_deref(), Some("0.03"));
    assert_eq!(c.get("optimizer").as_deref(), Some("sgd"));
    c.seek(c.history_last() as f64).unwrap();
    assert_eq!(c.get("lr").as_deref(), Some("0.3"));
    assert_eq!(c.get("optimizer").as_deref(), Some("adam"));
}

#[test]
fn training_or_a_live_setting_at_a_past_step_asks_first() {
    let mut c = controller("dataset=xor&layers=4");
    for action in ["train", "weight", "lr", "layers", "showtest"] {
        assert!(!c.asks_before(action), "{action} at the newest step");
    }
    play(&mut c, 2);
    c.seek(3.0).unwrap();
    for action in ["train", "weight", "lr", "optimizer", "reg", "batch"] {
        assert!(c.asks_before(action), "{action}");
    }
    // A new network or new data starts a new run; display settings change nothing.
    for action in ["layers", "dataset", "showtest", "speed", "nonsense"] {
        assert!(!c.asks_before(action), "{action}");
    }
    assert!(
        c.set("lr", "0.1").is_err(),
        "refused until the later steps are dropped or kept"
    );
    assert_eq!(c.get("lr").as_deref(), Some("0.03"));
    let last = c.history_last();
    let prompt = c.continue_prompt();
    assert!(
        prompt.starts_with(&format!("Go on from step 3? The {} later steps", last - 3)),
        "{prompt}"
    );
    assert!(prompt.contains("kept as a branch"), "{prompt}");
    c.continue_from_here(false).unwrap();
    assert_eq!(c.history_last(), 3);
    assert!(!c.asks_before("lr"));
    c.set("lr", "0.1").unwrap();
}

#[test]
fn a_run_kept_as_a_branch_can_be_switched_back_to_and_deleted() {
    let mut c = controller("dataset=xor&layers=4&lr=0.03");
    play(&mut c, 3);
    let (last, w_last) = (c.history_last(), first_weight(&c));
    c.seek(5.0).unwrap();
    c.continue_from_here(true).unwrap();
    assert_eq!(c.history_last(), 5, "the live run goes on from step 5");
    let kept = "run 1".to_string();
    let names: Vec<String> = c.branches().into_iter().map(|b| b.0).collect();
    assert_eq!(names, ["main".to_string(), kept.clone()]);
    assert_eq!(
        c.branches()[0].1,
        "main · to step 5 (on screen)",
        "the label says where each line ends"
    );
    // A setting changed here applies from step 5 on, in this run only.
    c.set("lr", "0.3").unwrap();
    play(&mut c, 1);
    assert_ne!(first_weight(&c), w_last);

    c.switch_branch(&kept).unwrap();
    assert_eq!(c.steps(), last);
    assert_eq!(first_weight(&c), w_last, "exactly the run kept");
    assert_eq!(c.get("lr").as_deref(), Some("0.03"));
    assert!(
        c.narration().contains("kept as “main”"),
        "{}",
        c.narration()
    );
    assert!(c.switch_branch("no such run").is_err());
    assert_eq!(c.steps(), last, "a refused switch changes nothing");

    // Each run kept gets a name of its own.
    c.seek(4.0).unwrap();
    c.continue_from_here(true).unwrap();
    assert_eq!(c.branches().len(), 3);
    assert!(
        c.branches().iter().any(|b| b.0 == "run 2"),
        "{:?}",
        c.branches()
    );
    c.delete_branch("main").unwrap();
    assert_eq!(c.branches().len(), 2);
    assert!(c.delete_branch(&kept).is_err(), "the line on screen stays");
}

#[test]
fn when_the_branches_are_full_the_prompt_says_so() {
    let mut c = controller("dataset=xor&layers=4");
    play(&mut c, 1);
    for k in 0..3 {
        c.seek(k as f64).unwrap();
        assert!(c.can_keep_branch());
        c.continue_from_here(true).unwrap();
        c.step().unwrap();
        c.step().unwrap();
    }
    c.seek(0.0).unwrap();
    assert!(!c.can_keep_branch());
    assert!(
        c.continue_prompt().contains("delete one"),
        "{}",
        c.continue_prompt()
    );
    assert!(c.continue_from_here(true).is_err());
    assert!(c.in_the_past(), "a refused keep drops nothing");
}

#[test]
fn the_scene_is_settled_only_while_nothing_moves() {
    let mut c = controller("dataset=xor&layers=4");
    c.frame(0.0).unwrap();
    assert!(c.scene().settled);
    c.play();
    c.frame(16.0).unwrap();
    assert!(!c.scene().settled, "playing");
    c.pause();
    c.frame(32.0).unwrap();
    assert!(c.scene().settled);
    c.step().unwrap();
    c.frame(48.0).unwrap();
    assert!(!c.scene().settled, "a step animating");
    c.seek(1.0).unwrap();
    c.frame(64.0).unwrap();
    assert!(c.scene().settled, "a past step on screen");
}

#[test]
fn phase_at_a_past_step_replays_the_recorded_step_without_changing_the_history() {
    let mut c = controller("dataset=xor&layers=4,3");
    play(&mut c, 2);
    let last = c.history_last();
    c.seek(6.0).unwrap();
    let w6 = first_weight(&c);
    c.seek(7.0).unwrap();
    let w7 = first_weight(&c);
    assert_ne!(w6, w7);
    c.seek(6.0).unwrap();
    assert!(!c.asks_before("phase"));
    // 2-4-3-1: three forward phases, the loss, three backward, the update.
    let expected = [
        "Forward", "Forward", "Forward", "Loss", "Backward", "Backward", "Backward", "Update",
    ];
    for (i, words) in expected.iter().enumerate() {
        c.phase().unwrap();
        c.frame(1e6 + 10.0 * i as f64).unwrap();
        let n = c.narration();
        assert!(n.starts_with(words), "phase {i}: {n}");
        assert!(
            n.ends_with(&format!(
                "(Replaying step 7 of {last} as it was recorded: the history is unchanged.)"
            )),
            "phase {i}: {n}"
        );
        assert_eq!(
            c.history_last(),
            last,
            "phase {i}: the history is unchanged"
        );
        if i < 7 {
            assert_eq!(c.steps(), 6);
            assert_eq!(
                first_weight(&c),
                w6,
                "phase {i}: weights change only at the update"
            );
        }
    }
    assert_eq!(c.steps(), 7);
    assert_eq!(first_weight(&c), w7, "exactly the recorded step");
    assert!(c.in_the_past());
    // Step at a past step still trains on only once the later steps go.
    assert!(c.step().is_err());
    assert_eq!(c.steps(), 7);
}

#[test]
fn compare_pins_a_run_and_the_other_starts_from_the_same_weights_and_follows_it() {
    let mut c = controller("dataset=xor&layers=4&optimizer=sgd&lr=0.03");
    c.frame(0.0).unwrap();
    let w0 = first_weight(&c);
    play(&mut c, 3);
    let a_last = c.steps();
    let a_weights = first_weight(&c);
    assert!(c.switch_run().is_err(), "nothing to switch to yet");
    c.compare().unwrap();
    assert!(c.compare().is_err(), "once");
    assert_eq!(c.steps(), 0);
    assert_eq!(
        first_weight(&c),
        w0,
        "run B starts from run A's initial weights"
    );
    assert_eq!(c.run_names(), Some(("run B", "run A")));
    c.set("optimizer", "adam").unwrap();

    // Run A follows run B step by step, replaying its own history.
    play(&mut c, 1);
    let at = c.steps();
    assert_eq!(c.other_steps().unwrap(), at);
    let a_epochs = c.other_history().map(<[_]>::to_vec).unwrap();
    assert_eq!(
        a_epochs.last().map(|r| r.epoch),
        Some(3),
        "run A's whole curve"
    );
    assert!(c.frame_view().unwrap().plot.other_name.is_some());
    // Past A's last step, it trains on with its own settings.
    play(&mut c, 4);
    let b_steps = c.steps();
    assert!(b_steps > a_last);
    assert_eq!(c.other_steps().unwrap(), b_steps);

    // The network view switches to run A at the same step, with its settings.
    let b_weights = first_weight(&c);
    c.switch_run().unwrap();
    assert_eq!(c.run_names(), Some(("run A", "run B")));
    assert_eq!(c.steps(), b_steps);
    assert_eq!(c.get("optimizer").as_deref(), Some("sgd"));
    assert_ne!(first_weight(&c), b_weights);
    // Scrubbing run A back moves run B too.
    c.seek(a_last as f64).unwrap();
    c.frame(1e7).unwrap();
    assert_eq!(first_weight(&c), a_weights, "run A as it was");
    assert_eq!(c.other_steps().unwrap(), a_last);
    c.switch_run().unwrap();
    assert_eq!(c.get("optimizer").as_deref(), Some("adam"));
    assert_eq!(c.steps(), a_last);

    c.stop_comparing();
    assert!(!c.comparing());
    assert!(
        c.narration()
            .starts_with("Stopped comparing: run A is gone"),
        "{}",
        c.narration()
    );
}

#[test]
fn new_points_or_a_new_network_stop_comparing_and_say_so_but_reset_does_not() {
    let mut c = controller("dataset=xor&layers=4");
    c.compare().unwrap();
    c.add_point(1.0, 1.0, 1.0).unwrap();
    assert!(!c.comparing());
    assert_eq!(
        c.narration(),
        "Comparing stopped: run A trained on the points as they were."
    );
    c.compare().unwrap();
    c.set("layers", "3").unwrap();
    assert!(!c.comparing());
    assert!(
        c.narration()
            .ends_with("Comparing stopped: run A trained another network or other data."),
        "{}",
        c.narration()
    );
    // Reset: the same data and starting weights, so run A stays, back at step 0.
    c.compare().unwrap();
    play(&mut c, 1);
    c.reset().unwrap();
    assert!(c.comparing());
    c.frame(1e7).unwrap();
    assert_eq!(c.other_steps(), Some(0));
}

#[test]
fn the_save_note_says_what_a_session_file_leaves_out() {
    let mut c = controller("dataset=xor&layers=4");
    assert_eq!(
        c.save_note(),
        "Session saved at step 0, the step on screen, with the network, the points and the loss chart."
    );
    play(&mut c, 2);
    c.seek(10.0).unwrap();
    c.continue_from_here(true).unwrap();
    c.compare().unwrap();
    play(&mut c, 1);
    let now = c.steps();
    c.seek(5.0).unwrap();
    assert_eq!(
        c.save_note(),
        format!(
            "Session saved at step 5, the step on screen, with the network, the points and the loss chart. \
             Not in the file: the {} later steps, the 5 steps before it, 1 branch, run A (compared) \
             (time travel starts again at step 5 when it is opened).",
            now - 5
        )
    );
}
