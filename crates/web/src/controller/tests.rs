//! Native tests of the controller: the animated step phase by phase, the
//! frame clock, every kind of setting change, errors that change nothing,
//! and the settings table against the core.

use super::settings::{find, Effect, SETTINGS};
use super::test_support::controller;
use super::*;
use crate::scene::Phase as ScenePhase;
use lightbulb_core::{
    DatasetKind, Feature, Loss, Network, OptimizerKind, Regularization, Session, SessionConfig,
};

fn weights(net: &Network) -> Vec<f64> {
    net.layers()
        .iter()
        .flat_map(|l| {
            l.weights
                .iter()
                .chain(l.biases.iter())
                .copied()
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Phase by phase through one step of 2-4-3-1 on xor: every phase's picture
/// and words in order, the counters and weights untouched until Update, and
/// then the same weights as one plain `Session::step` from the same start.
#[test]
fn an_animated_step_walks_every_phase_and_updates_like_the_core() {
    let hash = "layers=4,3&dataset=xor";
    let mut c = controller(hash);
    c.frame(0.0).unwrap();
    let before = weights(c.session().network());
    let expected = [
        (ScenePhase::Forward(1), "Forward · layer 1"),
        (ScenePhase::Forward(2), "Forward · layer 2"),
        (ScenePhase::Forward(3), "Forward · output"),
        (ScenePhase::Loss, "Loss ·"),
        (ScenePhase::Backward(3), "Backward · output"),
        (ScenePhase::Backward(2), "Backward · layer 2"),
        (ScenePhase::Backward(1), "Backward · layer 1"),
        (ScenePhase::Update, "Update ·"),
    ];
    for (i, (picture, words)) in expected.iter().enumerate() {
        c.phase().unwrap();
        c.frame(10.0 * i as f64).unwrap();
        assert_eq!(c.scene().phase, *picture, "phase {i}");
        assert!(
            c.narration().starts_with(words),
            "phase {i}: {:?} should start with {words:?}",
            c.narration()
        );
        // The bulbs show the batch's first example throughout the step.
        assert_eq!(c.followed_point(), c.example, "phase {i}");
        assert!(c.followed_point().is_some());
        if i < 7 {
            assert_eq!(c.steps(), 0, "phase {i}");
            assert_eq!(weights(c.session().network()), before, "phase {i}");
        }
    }
    assert_eq!(c.steps(), 1);
    let mut reference = Session::new(PageState::from_hash(hash).0.session_config()).unwrap();
    reference.step().unwrap();
    let (got, want) = (weights(c.session().network()), weights(reference.network()));
    assert_ne!(got, before);
    assert_eq!(got, want);
}

/// Step runs the phases on the frame clock: each lasts a share of the
/// step's 1.5 s at speed 1, and a finished step stays on its Update picture.
#[test]
fn step_plays_its_phases_on_the_frame_clock() {
    let mut c = controller("layers=3&dataset=circle");
    c.frame(1000.0).unwrap();
    c.step().unwrap();
    assert!(c.animating());
    assert_eq!(c.scene().phase, ScenePhase::Forward(1));
    let mut seen = vec![c.scene().phase];
    let mut now = 1000.0;
    while c.animating() && now < 10_000.0 {
        now += 16.0;
        c.frame(now).unwrap();
        if seen.last() != Some(&c.scene().phase) {
            seen.push(c.scene().phase);
        }
    }
    assert_eq!(
        seen,
        [
            ScenePhase::Forward(1),
            ScenePhase::Forward(2),
            ScenePhase::Loss,
            ScenePhase::Backward(2),
            ScenePhase::Backward(1),
            ScenePhase::Update
        ]
    );
    assert_eq!(c.steps(), 1);
    // About 1.5 s at speed 1 (the last phase ends on its last frame).
    assert!((1300.0..=1800.0).contains(&(now - 1000.0)), "{now}");
    // At speed 4 the same step takes a quarter of the time.
    c.set("speed", "4").unwrap();
    c.step().unwrap();
    let start = now;
    while c.animating() {
        now += 16.0;
        c.frame(now).unwrap();
    }
    assert_eq!(c.steps(), 2);
    assert!((300.0..=500.0).contains(&(now - start)), "{}", now - start);
}

/// Step while a step animates finishes that step first (once), then starts the next.
#[test]
fn step_during_a_step_finishes_it_once() {
    let mut c = controller("layers=3");
    c.step().unwrap();
    c.frame(16.0).unwrap();
    c.step().unwrap();
    assert_eq!(c.steps(), 1);
    assert_eq!(c.scene().phase, ScenePhase::Forward(1));
    // Interrupting during the last (Update) phase must not run a second step.
    let mut c = controller("layers=3");
    for _ in 0..6 {
        c.phase().unwrap();
    }
    assert_eq!(c.scene().phase, ScenePhase::Update);
    c.step().unwrap();
    assert_eq!(c.steps(), 1);
}

/// Play trains one epoch per frame; pause says where it stopped.
#[test]
fn play_trains_an_epoch_per_frame_and_pause_says_so() {
    let mut c = controller("layers=4&dataset=circle");
    c.play();
    for i in 0..5 {
        c.frame(16.0 * f64::from(i)).unwrap();
    }
    assert_eq!(c.epoch(), 5);
    c.pause();
    assert!(!c.playing());
    assert!(c.narration().contains("epoch 5"), "{}", c.narration());
    assert!((0.0..1.0).contains(&c.metric(0)), "{}", c.metric(0));
}

/// A live setting (learning rate, optimizer, batch) changes the training
/// under way: weights and counters stay.
#[test]
fn live_settings_keep_the_weights_and_counters() {
    let mut c = controller("layers=4");
    c.play();
    c.frame(0.0).unwrap();
    c.frame(16.0).unwrap();
    c.pause();
    let (w, steps) = (weights(c.session().network()), c.steps());
    for (k, v) in [
        ("lr", "0.1"),
        ("optimizer", "adam"),
        ("batch", "5"),
        ("reg", "l2"),
    ] {
        assert_eq!(find(k).map(|s| s.effect), Some(Effect::Live), "{k}");
        c.set(k, v).unwrap();
        assert_eq!(weights(c.session().network()), w, "{k}");
        assert_eq!(c.steps(), steps, "{k}");
        assert_eq!(c.get(k).as_deref(), Some(v));
    }
    let t = c.session().config().training;
    assert_eq!(t.learning_rate, 0.1);
    assert_eq!(t.optimizer, OptimizerKind::Adam);
    assert_eq!(t.batch_size, 5);
    assert_eq!(t.regularization, Regularization::L2);
    // "Follow one example" trains on batches of 1 but keeps the chosen size.
    c.set("follow", "1").unwrap();
    assert_eq!(c.session().config().training.batch_size, 1);
    assert_eq!(c.get("batch").as_deref(), Some("5"));
}

/// Display settings change only the picture; the probe moves the bulbs to it.
#[test]
fn display_and_probe_settings_change_no_training() {
    let mut c = controller("layers=4");
    c.phase().unwrap();
    let (w, data) = (weights(c.session().network()), c.session().data().clone());
    c.set("showtest", "1").unwrap();
    c.set("discretize", "1").unwrap();
    assert!(c.state().show_test && c.state().discretize);
    assert_eq!(weights(c.session().network()), w);
    assert_eq!(c.session().data(), &data);
    c.set("x", "-2,3").unwrap();
    assert_eq!((c.state().x1, c.state().x2), (-2.0, 3.0));
    assert_eq!(c.followed_point(), None, "the bulbs show the probe");
    assert!(c.shown_input().contains("−2") || c.shown_input().contains("-2"));
}

/// New data: new points and a fresh network; a rebuild keeps the points.
#[test]
fn new_data_and_rebuild_settings() {
    let mut c = controller("layers=4&dataset=spiral");
    c.play();
    c.frame(0.0).unwrap();
    c.pause();
    let data = c.session().data().clone();
    c.set("noise", "20").unwrap();
    assert_eq!(find("noise").map(|s| s.effect), Some(Effect::NewData));
    assert_ne!(c.session().data(), &data);
    assert_eq!(c.steps(), 0);
    let data = c.session().data().clone();
    c.set("layers", "5,2").unwrap();
    assert_eq!(c.scene().sizes(), [2, 5, 2, 1]);
    assert_eq!(c.session().data(), &data, "a rebuild keeps the points");
    c.set("features", "x1,x2,sin_x1").unwrap();
    assert_eq!(c.scene().sizes(), [3, 5, 2, 1]);
    assert_eq!(c.session().data(), &data);
    // Same seed, same starting weights.
    let w = weights(c.session().network());
    c.set("seed", "7").unwrap();
    assert_ne!(weights(c.session().network()), w);
    c.set("seed", "1").unwrap();
    c.set("seed", &PageState::default().config.seed.to_string())
        .unwrap();
    assert_eq!(weights(c.session().network()), w);
    // A problem change (regression) draws new points of the new kind.
    c.set("dataset", "plane").unwrap();
    assert_eq!(c.classes(), 0);
    assert_eq!(c.loss_choices(), [("mse", "Regression: linear + MSE")]);
}

/// Every setting refuses garbage with a message naming the value, and the
/// refused change leaves everything as it was.
#[test]
fn a_refused_setting_changes_nothing_and_names_the_value() {
    let mut c = controller("layers=4");
    c.phase().unwrap();
    for s in SETTINGS.iter() {
        let (hash, narration) = (c.hash(), c.narration().to_string());
        let w = weights(c.session().network());
        let err = c.set(s.key, "garbage✗").expect_err(s.key).to_string();
        assert!(err.contains("garbage✗"), "{}: {err}", s.key);
        assert_eq!(c.hash(), hash, "{}", s.key);
        assert_eq!(c.narration(), narration, "{}", s.key);
        assert_eq!(weights(c.session().network()), w, "{}", s.key);
    }
    let err = c.set("nonsense", "1").unwrap_err().to_string();
    assert!(err.contains("nonsense"), "{err}");
    for (k, v, words) in [
        ("lr", "-1", "learning"),
        ("batch", "0", "between 1 and 100"),
        ("layers", "1,2,3,4,5,6,7,8,9", "at most 8"),
        ("layers", "17", "between 1 and 16"),
        ("noise", "80", "between 0 and 50"),
        ("x", "7,0", "outside"),
        ("acts", "tanh,tanh", "2 activations for 1"),
        ("activation", "softmax", "softmax"),
    ] {
        let err = c.set(k, v).unwrap_err().to_string();
        assert!(err.contains(words), "{k}={v}: {err}");
    }
    assert!(matches!(
        c.set_input(f64::NAN, 0.0),
        Err(ControlError::Input(..))
    ));
    assert!(c.set_speed(0.0).is_err());
    assert!(c.seek(-1.0).unwrap_err().to_string().contains("-1"));
}

/// Every setting reads back what it was set to (its listed choices and
/// limits included), and the default is what `PageState::default` holds.
#[test]
fn every_setting_takes_its_choices_and_limits() {
    for s in SETTINGS.iter() {
        let mut c = controller("layers=4,4&dataset=spiral");
        let values: Vec<String> = match s.kind {
            Kind::Choice(list) => list().iter().map(|c| c.value.to_string()).collect(),
            Kind::Names(list) => list().iter().map(|c| c.value.to_string()).collect(),
            Kind::PerLayer(list) => list().iter().map(|c| format!("{0},{0}", c.value)).collect(),
            Kind::Whole { min, max, .. } => vec![min.to_string(), max.to_string()],
            Kind::Number { min, max, .. } => vec![settings::fmt(min), settings::fmt(max)],
            Kind::Rate { listed } => listed.iter().map(|v| settings::fmt(*v)).collect(),
            Kind::Flag => vec!["1".into(), "0".into()],
            Kind::Layers { layers, neurons } => {
                vec![vec![neurons.to_string(); layers].join(","), String::new()]
            }
            Kind::Point { limit, .. } => vec![format!("{},{}", -limit, limit)],
        };
        for v in values {
            // The losses fit some problems only; lr must be > 0.
            if (s.key == "loss" && v != "mse") || (s.key == "lr" && v == "0") {
                continue;
            }
            c.set(s.key, &v)
                .unwrap_or_else(|e| panic!("{}={v}: {e}", s.key));
            assert_eq!(c.get(s.key), Some(v.clone()), "{}", s.key);
        }
    }
}

/// The table's choices are the core's own names, all of them.
#[test]
fn the_table_lists_the_cores_names() {
    let values = |key: &str| -> Vec<&'static str> {
        match find(key).map(|s| s.kind) {
            Some(Kind::Choice(list) | Kind::Names(list) | Kind::PerLayer(list)) => {
                list().iter().map(|c| c.value).collect()
            }
            _ => panic!("{key} has no choices"),
        }
    };
    let names = |all: Vec<&'static str>| all;
    // The core's 2-D datasets, then the digits task.
    let mut datasets = DatasetKind::ALL.map(|k| k.name()).to_vec();
    datasets.push(crate::controller::settings::DIGITS);
    assert_eq!(values("dataset"), names(datasets));
    assert_eq!(
        values("features"),
        names(Feature::ALL.map(|k| k.name()).to_vec())
    );
    assert_eq!(values("loss"), names(Loss::ALL.map(|k| k.name()).to_vec()));
    assert_eq!(
        values("optimizer"),
        names(OptimizerKind::ALL.map(|k| k.name()).to_vec())
    );
    assert_eq!(
        values("reg"),
        names(Regularization::ALL.map(|k| k.name()).to_vec())
    );
    let hidden: Vec<&str> = lightbulb_core::Activation::ALL
        .iter()
        .filter(|a| **a != lightbulb_core::Activation::Softmax)
        .map(|a| a.name())
        .collect();
    let mut listed = values("activation");
    listed.sort_unstable();
    let mut want = hidden.clone();
    want.sort_unstable();
    assert_eq!(listed, want);
    assert_eq!(values("acts"), values("activation"));
}

/// The JSON the page reads: one entry per setting, in table order, with
/// the default each starts at and its limits.
#[test]
fn the_table_json_describes_every_setting() {
    let json: serde_json::Value = serde_json::from_str(&settings::table_json()).unwrap();
    let list = json.as_array().unwrap();
    assert_eq!(list.len(), SETTINGS.len());
    let defaults = PageState::default();
    for (item, s) in list.iter().zip(SETTINGS.iter()) {
        assert_eq!(item["key"], s.key);
        assert_eq!(item["label"], s.label);
        assert_eq!(item["effect"], s.effect.name());
        assert_eq!(item["default"], s.format(&defaults), "{}", s.key);
    }
    let layers = list.iter().find(|i| i["key"] == "layers").unwrap();
    assert_eq!(
        (layers["layers"].as_u64(), layers["neurons"].as_u64()),
        (Some(8), Some(16))
    );
    let noise = list.iter().find(|i| i["key"] == "noise").unwrap();
    assert_eq!(
        (noise["min"].as_f64(), noise["max"].as_f64()),
        (Some(0.0), Some(50.0))
    );
    let lr = list.iter().find(|i| i["key"] == "lr").unwrap();
    assert_eq!(
        lr["choices"].as_array().map(Vec::len),
        Some(LR_CHOICES.len())
    );
    assert_eq!(lr["choices"][0][0], "0.00001");
    let speed = list.iter().find(|i| i["key"] == "speed").unwrap();
    assert_eq!(speed["hash"], false);
}

/// The hash holds every setting but the speed, and reads back the same page.
#[test]
fn the_hash_holds_the_table() {
    let mut c = controller("");
    c.set("speed", "0.5").unwrap();
    c.set("dataset", "blobs").unwrap();
    c.set("classes", "5").unwrap();
    let hash = c.hash();
    assert!(!hash.contains("speed"), "{hash}");
    let keys: Vec<&str> = hash
        .split('&')
        .filter_map(|p| p.split('=').next())
        .collect();
    let table: Vec<&str> = SETTINGS
        .iter()
        .filter(|s| s.in_hash)
        .map(|s| s.key)
        .collect();
    assert_eq!(keys, table);
    let back = controller(&hash);
    assert_eq!(back.hash(), hash);
    assert_eq!(
        back.session().config(),
        &SessionConfig {
            ..c.session().config().clone()
        }
    );
    assert!(c.applies("classes"));
    c.set("dataset", "circle").unwrap();
    assert!(!c.applies("classes"));
}

/// A learning rate far too high diverges: training pauses, the notice says
/// why and offers a rate, and no number on screen is NaN.
#[test]
fn divergence_pauses_and_offers_a_rate() {
    let mut c = controller("lr=10&dataset=plane&activation=linear");
    c.play();
    let mut now = 0.0;
    while c.playing() && now < 16.0 * 400.0 {
        now += 16.0;
        c.frame(now).unwrap();
    }
    assert!(
        !c.playing(),
        "training should have paused: epoch {} loss {} {:?}",
        c.epoch(),
        c.metric(0),
        c.session().diverged()
    );
    assert!(!c.divergence().is_empty());
    assert!(
        matches!(c.alert_kind(), "diverged" | "growing"),
        "{}",
        c.alert_kind()
    );
    for i in 0..4 {
        assert!(!c.metric(i).is_nan());
    }
    assert!(!c.numbers_html().contains("NaN"));
    if let Some(rate) = c.safe_rate() {
        assert!(rate < 1e6);
        c.reset_with_rate().unwrap();
        assert_eq!(c.get("lr"), Some(settings::fmt(rate)));
        assert!(c.divergence().is_empty());
    }
}

/// Hovering a bulb gives its equation; hovering nothing clears it.
#[test]
fn hover_reads_out_a_bulb_and_a_wire() {
    let mut c = controller("layers=3");
    c.frame(0.0).unwrap();
    let text = c.hover_network(Some(crate::hit::Hit::Neuron { layer: 1, index: 0 }));
    assert!(text.contains("z ="), "{text}");
    assert_eq!(c.hovered_neuron, Some((1, 0)));
    let wire = Some(crate::hit::Hit::Wire {
        layer: 0,
        from: 1,
        to: 2,
    });
    let (l, f, t, w) = c.wire(wire).unwrap();
    assert_eq!((l, f, t), (0, 1, 2));
    assert_eq!(
        Some(&w),
        c.session().network().layers()[0].weights.get((2, 1))
    );
    assert!(c.hover_network(None).is_empty());
    assert_eq!(c.hovered_neuron, None);
}

/// A weight set by hand changes that weight only; undo restores it.
#[test]
fn a_weight_edit_and_its_undo() {
    let mut c = controller("layers=3");
    let before = weights(c.session().network());
    c.set_weight(0, 1, 2, 0.75).unwrap();
    assert_eq!(c.session().network().layers()[0].weights[(2, 1)], 0.75);
    assert!(c.set_weight(9, 0, 0, 1.0).is_err());
    assert!(c.undo().unwrap());
    assert_eq!(weights(c.session().network()), before);
    assert!(c.narration().starts_with("Undone"), "{}", c.narration());
}

/// The history: seek shows a past step, and the frame after draws it.
#[test]
fn seek_shows_a_past_step() {
    let mut c = controller("layers=3");
    for _ in 0..3 {
        c.step().unwrap();
        c.step().unwrap();
    }
    let last = c.history_last();
    assert!(last >= 2, "{last}");
    c.seek(1.0).unwrap();
    assert_eq!(c.steps(), 1);
    assert!(c.in_the_past());
    assert!(c.seek(1e9).is_err());
    assert_eq!(c.steps(), 1, "a refused seek changes nothing");
    c.frame(0.0).unwrap();
    assert!(c.frame_view().unwrap().grid_fresh);
}

#[test]
fn capitalised_changes_only_a_latin_first_letter() {
    assert_eq!(super::capitalised("the rate"), "The rate");
    assert_eq!(super::capitalised("σ is kept"), "σ is kept");
    assert_eq!(super::capitalised(""), "");
}

/// While playing, the largest network's grid (19.2 million multiply-adds,
/// over GRID_BUDGET) is spread over two frames; the default network's is
/// whole every frame; paused, the grid is that of the weights shown.
#[test]
fn play_spreads_a_large_grid_over_frames_and_pause_completes_it() {
    use lightbulb_core::maps::Maps;
    let largest = "dataset=circle&features=x1,x2,x1_sq,x2_sq,x1_x2,sin_x1,sin_x2&layers=16,16,16,16,16,16,16,16";
    let output = |c: &Controller| -> Vec<u32> {
        c.session()
            .last_grid()
            .unwrap()
            .output()
            .unwrap()
            .iter()
            .map(|v| v.to_bits())
            .collect()
    };
    let whole = |c: &Controller| -> Vec<u32> {
        let mut m = Maps::default();
        m.compute(c.session().network(), &c.session().config().features, GRID);
        m.output().unwrap().iter().map(|v| v.to_bits()).collect()
    };
    for (hash, every) in [("", 1), (largest, 2)] {
        let mut c = controller(hash);
        c.frame(0.0).unwrap();
        assert!(c.frame_view().unwrap().grid_fresh);
        c.play();
        let fresh: Vec<bool> = (1..=6)
            .map(|i| {
                c.frame(16.0 * f64::from(i)).unwrap();
                c.frame_view().unwrap().grid_fresh
            })
            .collect();
        let expected: Vec<bool> = (1..=6).map(|i| i % every == 0).collect();
        assert_eq!(fresh, expected, "{hash:?}");
        if every == 2 {
            assert_ne!(output(&c), whole(&c), "a finished grid is of older weights");
        }
        c.pause();
        c.frame(200.0).unwrap();
        assert_eq!(
            output(&c),
            whole(&c),
            "{hash:?}: paused, the grid is of the weights shown"
        );
    }
}
