//! The hash round trip and hostile hashes.

use super::*;
use lightbulb_core::OptimizerKind;

#[test]
fn the_hash_round_trips() {
    let mut s = PageState::default();
    for (k, v) in [
        ("dataset", "spiral"),
        ("noise", "15"),
        ("layers", "8,6,3"),
        ("acts", "tanh,relu,sigmoid"),
        ("features", "x1,x2,sin_x1"),
        ("lr", "0.003"),
        ("optimizer", "adam"),
        ("reg", "l2"),
        ("regrate", "0.001"),
        ("batch", "7"),
        ("seed", "42"),
        ("showtest", "1"),
        ("x", "-2.5,3"),
    ] {
        s.set(k, v).unwrap_or_else(|e| panic!("{k}={v}: {e}"));
    }
    let hash = s.to_hash();
    let (back, ignored) = PageState::from_hash(&format!("#{hash}"));
    assert!(ignored.is_empty(), "{ignored:?}");
    assert_eq!(back, s);
    assert_eq!(back.to_hash(), hash);
}

#[test]
fn garbage_is_ignored_and_named_and_the_rest_is_used() {
    let (s, ignored) =
        PageState::from_hash("#lr=abc&layers=3,99&noise=20&bogus=1&optimizer=adam&%zz&x=7,7");
    assert_eq!(s.config.training.optimizer, OptimizerKind::Adam);
    assert_eq!(s.config.dataset.noise(), 20.0);
    assert_eq!(
        s.config.training.learning_rate,
        PageState::default().config.training.learning_rate
    );
    let all = ignored.join("; ");
    for needle in ["lr", "layers", "bogus", "%zz", "x ("] {
        assert!(all.contains(needle), "{all:?} should mention {needle}");
    }
}

#[test]
fn hostile_hashes_never_panic() {
    for h in [
        "",
        "#",
        "&&&",
        "=",
        "#=&=",
        "lr=1e999",
        "lr=NaN",
        "batch=-1",
        "layers=,,,",
        "x=1",
        "acts=tanh",
        "features=",
        "dataset=%F0%9F%92%A1",
        &"a=b&".repeat(10_000),
        "classes=10&dataset=blobs&loss=bce",
    ] {
        let (s, _) = PageState::from_hash(h);
        assert!(s.config.validate().is_ok(), "{h:?}");
    }
}

#[test]
fn no_hidden_layers_round_trip_and_long_values_give_short_reasons() {
    // Found by tests/fuzz_hash.rs: `acts=` (no hidden layers) was ignored.
    let mut s = PageState::default();
    s.set("layers", "").unwrap();
    let (back, ignored) = PageState::from_hash(&s.to_hash());
    assert!(ignored.is_empty(), "{ignored:?}");
    assert_eq!(back, s);
    // Long values are clipped in the reasons.
    let long = "1".repeat(10_000);
    let (_, ignored) =
        PageState::from_hash(&format!("noise={long}&dataset={long}&activation={long}"));
    assert_eq!(ignored.len(), 3, "{ignored:?}");
    assert!(ignored.iter().all(|r| r.len() < 200), "{ignored:?}");
}

#[test]
fn a_setter_error_leaves_the_state_as_it_was() {
    let mut s = PageState::default();
    let before = s.clone();
    for (k, v) in [
        ("lr", "-1"),
        ("batch", "0"),
        ("layers", "1,2,3,4,5,6,7,8,9"),
        ("features", ""),
        ("activation", "softmax"),
        ("loss", "bce_typo"),
    ] {
        assert!(s.set(k, v).is_err(), "{k}={v}");
        assert_eq!(s, before);
    }
}

#[test]
fn switching_to_many_classes_picks_softmax() {
    let mut s = PageState::default();
    s.set("dataset", "blobs").unwrap();
    s.set("classes", "5").unwrap();
    assert_eq!(s.config.training.loss, Loss::SoftmaxCe);
    s.set("dataset", "plane").unwrap();
    assert_eq!(s.config.training.loss, Loss::Mse);
}
