//! The digits data path of the controller, natively.

use super::hover::Bulb;
use super::task::{Input, Phase, PHASES};
use crate::controller::test_support::play;
use crate::controller::{Controller, PageState};
use lightbulb_core::digits::{self, CLASSES, PIXELS};

/// The file the page fetches (the tests read it from the repository).
const BIN: &[u8] = include_bytes!("../../../../../data/digits/digits.bin");

fn digits_page() -> Controller {
    let mut c = Controller::new("#dataset=digits").unwrap();
    c.load_digits(BIN).unwrap();
    c
}

#[test]
fn the_hash_holds_the_digits_task_and_reads_back() {
    let c = Controller::new("#dataset=digits&seed=7").unwrap();
    assert!(c.digits_wanted());
    assert!(!c.digits_loaded());
    assert!(c.digits().is_none(), "no task before the images arrive");
    let hash = c.hash();
    assert!(hash.starts_with("dataset=digits&"), "{hash}");
    assert!(hash.contains("&lr=0.2&"), "the core's default rate: {hash}");
    assert!(hash.contains("&batch=10&"), "{hash}");
    let (state, ignored) = PageState::from_hash(&hash);
    assert!(ignored.is_empty(), "{ignored:?}");
    assert_eq!(&state, c.state());
    // Back to a 2-D dataset: the task goes, the setting reads "circle".
    let mut c = digits_page();
    c.set("dataset", "circle").unwrap();
    assert!(!c.digits_wanted());
    assert!(c.digits().is_none());
    assert_eq!(c.get("dataset").as_deref(), Some("circle"));
}

#[test]
fn a_share_link_holds_the_task_but_not_its_weights() {
    let c = digits_page();
    let hash = c.share_hash(false).unwrap();
    assert!(hash.starts_with("dataset=digits&"), "{hash}");
    let err = c.share_hash(true).unwrap_err().to_string();
    assert!(
        err.starts_with("the digits network's 2368 weights do not fit"),
        "{err}"
    );
}

#[test]
fn the_images_come_from_the_page_and_a_bad_file_changes_nothing() {
    let mut c = digits_page();
    let task = c.digits().unwrap();
    assert_eq!(task.data().train().len(), 1347);
    assert_eq!(task.data().test().len(), 450);
    assert_eq!(task.network().sizes(), vec![64, 32, 10]);
    let before = task.network().clone();
    for bad in [&b"LBDIGITS"[..], &[][..], &BIN[..BIN.len() - 1]] {
        let err = c.load_digits(bad).unwrap_err().to_string();
        assert!(
            err.starts_with("the digits images could not be read: "),
            "{err}"
        );
        assert_eq!(c.digits().unwrap().network(), &before, "the task stays");
    }
    // Actions before the images arrive are refused with a clear message.
    let mut waiting = Controller::new("#dataset=digits").unwrap();
    let err = waiting.digits_show_test(0).unwrap_err().to_string();
    assert_eq!(err, "the digits images are not loaded yet");
}

#[test]
fn a_drawing_is_reduced_classified_and_a_bad_one_refused() {
    let mut c = digits_page();
    // A vertical bar, like a 1, on a 40 × 40 canvas.
    let side = 40;
    let mut canvas = vec![0.0; side * side];
    for y in 5..35 {
        for x in 18..22 {
            canvas[y * side + x] = 1.0;
        }
    }
    c.digits_draw(&canvas, side).unwrap();
    let expected = digits::reduce_drawing(&canvas, side).unwrap();
    let task = c.digits().unwrap();
    assert_eq!(task.pixels(), &expected);
    assert_eq!(task.input(), Input::Drawing);
    let p = c.digits_outputs();
    assert_eq!(p.len(), CLASSES);
    assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    assert_eq!(
        p,
        digits::classify(task.network(), &expected)
            .unwrap()
            .to_vec()
    );
    // Unreadable drawings: wrong length, out of range, empty. Nothing changes.
    for (bad, side) in [
        (vec![0.5; 10], 4),
        (vec![2.0; 16], 4),
        (vec![0.0; 16], 4),
        (vec![f64::NAN; 16], 4),
    ] {
        let err = c.digits_draw(&bad, side).unwrap_err().to_string();
        assert!(err.starts_with("the drawing could not be read: "), "{err}");
        assert_eq!(c.digits().unwrap().pixels(), &expected);
    }
    c.digits_clear().unwrap();
    assert_eq!(c.digits().unwrap().pixels(), &[0; PIXELS]);
}

#[test]
fn phase_by_phase_backprop_on_the_first_image() {
    let mut c = digits_page();
    for (k, expected) in PHASES.iter().enumerate() {
        c.phase().unwrap();
        let t = c.digits().unwrap();
        assert_eq!(t.last_phase(), Some(*expected), "phase {k}");
        assert!(matches!(t.input(), Input::Step(_)));
        let pic = t.picture();
        if *expected == Phase::Backward(1) {
            // δ of a softmax + cross-entropy output is p − t, for the first image.
            let label = usize::from(pic.label.unwrap());
            assert_eq!(pic.out_delta.len(), CLASSES);
            for (d, (&delta, &p)) in pic.out_delta.iter().zip(&pic.out).enumerate() {
                let target = if d == label { 1.0 } else { 0.0 };
                assert!(
                    (delta - (p - target)).abs() < 1e-12,
                    "δ{d} = {delta}, p − t = {}",
                    p - target
                );
            }
            let text = c.digits_hover(Some(Bulb::Output(label)));
            assert!(text.contains("δ = p − t"), "{text}");
        }
    }
    assert_eq!(c.steps(), 1);
    assert!(c.narration().starts_with("Update"), "{}", c.narration());
    // Step animates a whole mini-batch phase by phase, each phase on screen
    // for its share of the 1.5 s a step takes at speed 1 (250 ms)...
    c.frame(1000.0).unwrap();
    c.step().unwrap();
    assert!(c.animating());
    assert_eq!(c.digits().unwrap().last_phase(), Some(PHASES[0]));
    c.frame(1200.0).unwrap();
    assert_eq!(c.digits().unwrap().last_phase(), Some(PHASES[0]), "not yet");
    let mut seen = vec![PHASES[0]];
    let mut t = 1000.0;
    while c.animating() {
        t += 250.0;
        c.frame(t).unwrap();
        let phase = c.digits().unwrap().last_phase().unwrap();
        if seen.last() != Some(&phase) {
            seen.push(phase);
        }
        assert!(t < 3000.0, "the step ends");
    }
    assert_eq!(seen, PHASES.to_vec(), "every phase in order");
    assert_eq!(c.steps(), 2);
    // ...and Step again during one finishes it at once.
    c.step().unwrap();
    assert!(c.animating());
    c.step().unwrap();
    assert!(!c.animating());
    assert_eq!(c.steps(), 3);
    assert!(c.narration().starts_with("Update"), "{}", c.narration());
}

#[test]
fn play_trains_an_epoch_a_frame_and_the_confusion_matrix_counts_by_hand() {
    let mut c = digits_page();
    c.play();
    assert!(c.playing());
    for f in 0..3 {
        c.frame(f as f64 * 16.0).unwrap();
    }
    c.pause();
    assert_eq!(c.epoch(), 3);
    assert_eq!(c.steps(), 3 * 135);
    let accuracy = c.metric(3);
    assert!(accuracy > 0.9, "test accuracy after 3 epochs: {accuracy}");
    assert!(
        c.narration().starts_with("Epoch 3 · train loss"),
        "{}",
        c.narration()
    );
    // Count by hand: classify each test image on its own and tally.
    let task = c.digits().unwrap();
    let mut counts = [[0u32; CLASSES]; CLASSES];
    let mut right = 0;
    for image in task.data().test() {
        let p = digits::classify(task.network(), &image.pixels).unwrap();
        let mut best = 0;
        for k in 1..CLASSES {
            if p[k] > p[best] {
                best = k;
            }
        }
        counts[usize::from(image.label)][best] += 1;
        right += u32::from(usize::from(image.label) == best);
    }
    let m = &task.evaluation().confusion;
    for (a, row) in counts.iter().enumerate() {
        for (p, &n) in row.iter().enumerate() {
            assert_eq!(m.count(a, p), n, "cell ({a}, {p})");
        }
    }
    assert!((accuracy - f64::from(right) / 450.0).abs() < 1e-12);
    // The train loss: the mean of −ln p(label) over the training images, one by one.
    let train = task.data().train();
    let ce: f64 = train
        .iter()
        .map(|i| -digits::classify(task.network(), &i.pixels).unwrap()[usize::from(i.label)].ln())
        .sum::<f64>()
        / train.len() as f64;
    assert!(
        (c.metric(0) - ce).abs() < 1e-9,
        "{} against {ce}",
        c.metric(0)
    );
    // The panel shows the same cells and lists the misclassified images.
    let html = c.digits_results_html();
    assert!(
        html.contains(&format!(
            "s{}\" data-a=\"0\" data-p=\"0\">{}<",
            (f64::from(counts[0][0]) / 4.5).round(),
            counts[0][0]
        )),
        "{html}"
    );
    let misses = 450 - right as usize;
    assert!(html.contains(&format!("Misclassified test images ({misses})")));
    let first = task.evaluation().misclassified[0];
    c.digits_show_test(first).unwrap();
    let t = c.digits().unwrap();
    assert_eq!(t.pixels(), &t.data().test()[first].pixels);
    assert!(c.digits_show_test(450).is_err());
}

#[test]
fn a_model_of_the_wrong_shape_is_refused_and_a_digits_model_loads() {
    let flat = Controller::new("#dataset=xor").unwrap().export_model();
    let mut c = digits_page();
    // Step, and Step again to finish it at once.
    c.step().unwrap();
    c.step().unwrap();
    let before = c.digits().unwrap().network().clone();
    let err = c.import_model(&flat).unwrap_err().to_string();
    assert!(err.contains("must be 64 inputs"), "{err}");
    assert!(err.contains("but this one is 2-"), "{err}");
    assert_eq!(c.digits().unwrap().network(), &before);
    assert_eq!(c.steps(), 1);
    // Its own export loads back, weights and all.
    let own = c.export_model();
    c.reset().unwrap();
    assert_ne!(c.digits().unwrap().network(), &before);
    c.import_model(&own).unwrap();
    assert_eq!(c.digits().unwrap().network(), &before);
}

/// A reload on digits brings back the trained digits network: the saved
/// page holds it, and it is loaded once the images are in, whether they
/// arrive after the restore (as on the page) or before.
#[test]
fn the_saved_page_keeps_the_trained_digits_network() {
    let mut c = digits_page();
    play(&mut c, 2);
    let trained = c.digits_model().unwrap();
    let fresh = digits_page().digits_model().unwrap();
    assert_ne!(trained, fresh, "training changed the weights");
    let saved = c.saved_page().unwrap().unwrap();

    // As on the page: restored first, the images fetched after.
    let mut r = Controller::new("").unwrap();
    assert!(r.restore_saved(&saved, "").unwrap());
    assert!(r.digits_wanted());
    assert_eq!(r.digits_model(), None, "no images yet");
    r.load_digits(BIN).unwrap();
    assert_eq!(r.digits_model().as_deref(), Some(trained.as_str()));

    // The images already in when the saved page is restored.
    let mut r = Controller::new("#dataset=digits").unwrap();
    r.load_digits(BIN).unwrap();
    assert!(r.restore_saved(&saved, "").unwrap());
    assert_eq!(r.digits_model().as_deref(), Some(trained.as_str()));

    // A digits model of the wrong shape in a saved page is refused whole.
    let bad = saved.replace("\"digits\":{", "\"digits\":{\"x\":1,");
    let mut r = Controller::new("").unwrap();
    assert!(r.restore_saved(&bad, "").is_err());
    assert!(!r.digits_wanted(), "nothing changed");
}

/// Reset on digits, or leaving digits for a 2-D dataset, puts the trained
/// digits network aside; Undo brings it back as it was.
#[test]
fn undo_brings_back_the_digits_network_after_a_reset_or_leaving_digits() {
    let mut c = digits_page();
    play(&mut c, 2);
    let trained = c.digits_model().unwrap();
    let steps = c.digits().unwrap().steps();
    assert!(steps > 0);

    c.reset().unwrap();
    assert_ne!(c.digits_model().unwrap(), trained);
    let offer = c.bring_back_offer().expect("an offer after a reset");
    assert!(offer.contains(&format!("({steps} steps)")), "{offer}");
    c.bring_back().unwrap();
    assert_eq!(c.digits_model().unwrap(), trained);

    c.set("dataset", "circle").unwrap();
    assert!(!c.digits_wanted());
    assert!(c.bring_back_offer().is_some());
    c.bring_back().unwrap();
    assert!(c.digits_wanted());
    assert_eq!(c.digits_model().unwrap(), trained);
    assert_eq!(c.bring_back_offer(), None);
}

/// A session file (2-D points) opened on digits is refused with the reason,
/// and the digits page keeps its network.
#[test]
fn a_two_d_session_file_is_refused_on_digits() {
    let session = Controller::new("#dataset=xor").unwrap().save_session();
    let mut c = digits_page();
    let model = c.digits_model();
    let e = c.open_session(&session).unwrap_err().to_string();
    assert!(e.contains("2-D points") && e.contains("64 pixels"), "{e}");
    assert!(c.digits_wanted());
    assert_eq!(c.digits_model(), model);
}

#[test]
fn the_output_bulbs_mark_a_leader_only_when_it_is_shown_ahead() {
    use super::hover::shown_leader;
    assert_eq!(
        shown_leader(&[0.1; 10]),
        None,
        "ten times 10.0 %: no answer"
    );
    assert_eq!(shown_leader(&[]), None);
    let mut p = [0.05; 10];
    p[7] = 0.55;
    assert_eq!(shown_leader(&p), Some(7));
    // 30.04 % and 29.96 % both show as 30.0 %: a tie on screen.
    let (mut a, mut b) = ([0.0; 10], [0.0; 10]);
    a[2] = 0.3004;
    a[5] = 0.2996;
    a[9] = 0.2;
    a[0] = 0.2;
    assert_eq!(shown_leader(&a), None, "{a:?}");
    // 30.1 % against 29.9 %: the first leads.
    b[2] = 0.301;
    b[5] = 0.299;
    b[9] = 0.4;
    assert_eq!(shown_leader(&b), Some(9));
    b[9] = 0.2;
    b[0] = 0.2;
    assert_eq!(shown_leader(&b), Some(2));
}
