//! The saved page: a round trip restores the weights, optimizer state,
//! points, counters and settings; a link with other settings wins; a bad
//! saved page is refused and changes nothing.

use super::*;

fn controller(hash: &str) -> Controller {
    Controller::new(hash).unwrap_or_else(|e| panic!("{hash}: {e}"))
}

fn saved(c: &Controller) -> String {
    c.saved_page().unwrap().unwrap()
}

/// Settings changed, custom points, Adam trained for a few epochs: the
/// restored page exports the same model (weights and moments), holds the
/// same points and counters, and trains on exactly as the original.
fn trained() -> Controller {
    let mut c = controller("dataset=xor&layers=4,3");
    c.set("optimizer", "adam").unwrap();
    c.set("lr", "0.03").unwrap();
    c.set("showtest", "1").unwrap();
    c.set_input(-2.5, 1.5).unwrap();
    c.add_point(0.5, 0.25, 1.0).unwrap();
    c.add_point(-3.0, 4.0, 0.0).unwrap();
    c.play();
    for i in 0..4 {
        c.frame(16.0 * f64::from(i)).unwrap();
    }
    c.pause();
    c
}

#[test]
fn a_restored_page_is_the_saved_one() {
    let mut a = trained();
    let text = saved(&a);
    let mut b = controller("");
    assert!(b.restore_saved(&text, "").unwrap());
    assert_eq!(b.export_model(), a.export_model());
    assert!(
        a.export_model().contains("\"state\""),
        "Adam's moments are in the model"
    );
    assert_eq!(b.session().data().train, a.session().data().train);
    assert_eq!(b.session().data().test, a.session().data().test);
    assert_eq!((b.steps(), b.epoch()), (a.steps(), a.epoch()));
    assert_eq!(b.hash(), a.hash());
    assert_eq!(b.get("x").as_deref(), Some("-2.5,1.5"));
    // Both train on bit for bit.
    for c in [&mut a, &mut b] {
        c.play();
        c.frame(100.0).unwrap();
        c.frame(116.0).unwrap();
        c.pause();
    }
    assert_eq!(b.export_model(), a.export_model());
    // Saved again, the same text.
    assert_eq!(saved(&b), saved(&a));
}

#[test]
fn the_link_it_was_saved_with_restores_it_and_another_link_wins() {
    let a = trained();
    let text = saved(&a);
    let link = format!("#{}", a.hash());
    let mut b = controller(&link);
    assert!(b.restore_saved(&text, &link).unwrap());
    assert_eq!(b.export_model(), a.export_model());

    let other = "#dataset=circle&layers=2";
    let mut c = controller(other);
    let before = c.export_model();
    assert!(!c.restore_saved(&text, other).unwrap());
    assert_eq!(c.export_model(), before);
    assert_eq!(c.get("dataset").as_deref(), Some("circle"));
}

#[test]
fn follow_one_example_comes_back_with_its_batch_size() {
    let mut a = controller("dataset=xor&batch=5");
    a.set("follow", "1").unwrap();
    let mut b = controller("");
    assert!(b.restore_saved(&saved(&a), "").unwrap());
    assert_eq!(b.get("follow").as_deref(), Some("1"));
    assert_eq!(b.get("batch").as_deref(), Some("5"));
    assert_eq!(b.session().config().training.batch_size, 1);
}

/// Each refusal names what was wrong, and the page stays as it was.
#[test]
fn a_bad_saved_page_is_refused_and_changes_nothing() {
    let good = saved(&trained());
    // The envelope's keys are written in order: its version comes last.
    let body = good.strip_suffix(",\"version\":1}").unwrap();
    let version = |v: u64| format!("{body},\"version\":{v}}}");
    let cases: Vec<(String, &str)> = vec![
        (String::new(), "not valid JSON"),
        (good[..good.len() / 2].to_string(), "not valid JSON"),
        ("[1, 2]".into(), "expected an object"),
        (version(0), "an older version of Lightbulb (version 0"),
        (version(7), "a newer version"),
        (
            good.replacen(SAVED_FORMAT, "lightbulb-session", 1),
            "not a saved page",
        ),
        (
            good.replacen("\"hash\":\"", "\"hash\":\"lr=abc&", 1),
            "settings could not all be read: lr",
        ),
        (
            good.replacen("\"steps\":", "\"steps\":-", 1),
            "session could not be read: counters.steps",
        ),
        (
            good.replacen("\"session\":{", "\"session\":{\"extra\":1,", 1),
            "extra",
        ),
        (" ".repeat(SAVED_LIMIT + 1), "more than the 2097152 bytes"),
    ];
    for (text, words) in cases {
        let mut c = controller("dataset=spiral");
        let (model, hash) = (c.export_model(), c.hash());
        let e = c.restore_saved(&text, "").unwrap_err().to_string();
        assert!(e.contains(words), "{:.80}: {e} should say {words:?}", text);
        assert_eq!((c.export_model(), c.hash()), (model, hash), "{e}");
    }
}

#[test]
fn learn_mode_saves_nothing() {
    let mut c = controller("");
    let lesson = include_str!("../../../../../www/lessons/01-one-neuron.json");
    c.add_lesson("01-one-neuron.json", lesson).unwrap();
    c.open_lesson(0, 0).unwrap();
    assert!(c.saved_page().unwrap().is_none());
    c.leave_lesson();
    assert!(c.saved_page().unwrap().is_some());
}
