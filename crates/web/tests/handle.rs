//! The handle in a real browser: a full step driven phase by phase, the
//! arrays it exposes, and hostile arguments to every exported method.
#![cfg(target_arch = "wasm32")]

use lightbulb_web::Lightbulb;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlCanvasElement;

wasm_bindgen_test_configure!(run_in_browser);

fn canvas(id: &str) -> HtmlCanvasElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let body = document.query_selector("body").unwrap().unwrap();
    let html = format!(r#"<canvas id="{id}" style="width:300px;height:200px"></canvas>"#);
    body.insert_adjacent_html("beforeend", &html).unwrap();
    document.get_element_by_id(id).unwrap().dyn_into().unwrap()
}

fn attached(hash: &str, tag: &str) -> Lightbulb {
    let mut lb = Lightbulb::new(hash).unwrap();
    lb.attach(
        canvas(&format!("{tag}-n")),
        canvas(&format!("{tag}-d")),
        canvas(&format!("{tag}-c")),
    )
    .unwrap();
    lb
}

/// The weights in the numbers panel, as text.
fn weights_text(lb: &mut Lightbulb) -> Vec<String> {
    let html = lb.numbers_html().unwrap();
    html.split("data-w=")
        .skip(1)
        .map(|s| s.split('<').next().unwrap_or("").to_string())
        .collect()
}

#[wasm_bindgen_test]
fn a_full_step_by_phases_walks_every_phase_and_changes_weights_only_at_update() {
    let mut lb = attached("layers=4,3&dataset=xor", "phases");
    lb.frame(0.0).unwrap();
    let before = weights_text(&mut lb);
    let expected = [
        "Forward · layer 1",
        "Forward · layer 2",
        "Forward · output",
        "Loss ·",
        "Backward · output",
        "Backward · layer 2",
        "Backward · layer 1",
        "Update ·",
    ];
    for (i, prefix) in expected.iter().enumerate() {
        lb.phase().unwrap();
        lb.frame(10.0 * i as f64).unwrap();
        let n = lb.narration().unwrap();
        assert!(
            n.starts_with(prefix),
            "phase {i}: {n:?} should start with {prefix:?}"
        );
        let html = lb.numbers_html().unwrap();
        assert!(!html.contains("NaN") && !html.contains("inf"), "{html}");
        if i < 7 {
            assert_eq!(
                weights_text(&mut lb),
                before,
                "weights changed before Update (phase {i})"
            );
            assert_eq!(lb.steps().unwrap(), 0.0);
        }
        if prefix.starts_with("Backward · output") {
            // δ of the output neuron is on screen now.
            assert!(
                html.contains("data-d=\"3,0\">") && !html.contains("data-d=\"3,0\">·"),
                "{html}"
            );
        }
    }
    assert_eq!(lb.steps().unwrap(), 1.0);
    assert_ne!(weights_text(&mut lb), before);
}

#[wasm_bindgen_test]
fn sliders_change_the_activations() {
    let mut lb = attached("", "probe");
    lb.set_input(-5.0, -5.0).unwrap();
    lb.frame(0.0).unwrap();
    let a = lb.numbers_html().unwrap();
    lb.set_input(5.0, 5.0).unwrap();
    lb.frame(1.0).unwrap();
    assert_ne!(a, lb.numbers_html().unwrap());
}

#[wasm_bindgen_test]
fn hostile_arguments_get_errors_or_clamps_and_the_instance_keeps_working() {
    let mut lb = attached("", "hostile");
    let bad_f64 = [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        -1.0,
        0.0,
        1e308,
        -1e308,
    ];
    let bad_usize = [usize::MAX, 1 << 20, 17, 0];
    let bad_str = [
        "",
        "{",
        "null",
        "[]",
        "\u{0}",
        "NaN",
        "-1",
        "1e999",
        &"x".repeat(100_000),
    ];
    let mut tried = 0;
    for &x in &bad_f64 {
        for &y in &bad_f64 {
            let _ = lb.set_input(x, y);
            let _ = lb.add_point(x, y, x);
            let _ = lb.remove_point(x, y);
            let _ = lb.hover_network(x, y).unwrap();
            let _ = lb.wire_at(x, y).unwrap();
            let _ = lb.plot_point(x, y).unwrap();
            let _ = lb.hover_chart(x).unwrap();
            tried += 7;
        }
        assert!(lb.set("speed", &x.to_string()).is_err());
        let _ = lb.frame(x);
        tried += 2;
        for &i in &bad_usize {
            for &j in &bad_usize {
                let _ = lb.set_weight(i, j, j, x);
                tried += 1;
            }
        }
    }
    for key in [
        "lr", "layers", "batch", "features", "dataset", "x", "acts", "classes", "nonsense", "",
    ] {
        for v in bad_str.iter().chain(&[
            "1e6",
            "-0",
            "0",
            "99",
            "tanh,tanh,tanh,tanh,tanh,tanh,tanh,tanh,tanh",
        ]) {
            let before = lb.hash().unwrap();
            if lb.set(key, v).is_err() {
                assert_eq!(
                    lb.hash().unwrap(),
                    before,
                    "a refused {key}={v:?} changed the state"
                );
            }
            tried += 1;
        }
        let _ = lb.get(key);
    }
    for text in bad_str {
        let before = lb.hash().unwrap();
        assert!(lb.import_model(text).is_err());
        assert!(lb.open_session(text).is_err());
        let _ = lb.paste_csv(text);
        assert!(lb.hash().unwrap() == before);
        tried += 3;
    }
    web_sys::console::log_1(&format!("hostile calls tried: {tried}").into());
    // Still trains and draws.
    lb.set("lr", "0.03").unwrap();
    lb.reset().unwrap();
    let before = lb.steps().unwrap();
    lb.step().unwrap();
    for i in 0..40 {
        lb.frame(100.0 * f64::from(i)).unwrap();
    }
    assert_eq!(lb.steps().unwrap(), before + 1.0);
    lb.play().unwrap();
    lb.frame(5000.0).unwrap();
    assert!(lb.epoch().unwrap() >= 1.0);
    let html = lb.numbers_html().unwrap();
    assert!(!html.contains("NaN"));
}

#[wasm_bindgen_test]
fn export_then_import_restores_the_weights() {
    let mut lb = attached("", "files");
    lb.play().unwrap();
    lb.frame(0.0).unwrap();
    lb.pause().unwrap();
    let model = lb.export_model().unwrap();
    let weights = weights_text(&mut lb);
    lb.reset().unwrap();
    lb.frame(1.0).unwrap();
    assert_ne!(weights_text(&mut lb), weights);
    lb.import_model(&model).unwrap();
    lb.frame(2.0).unwrap();
    assert_eq!(weights_text(&mut lb), weights);
}

/// Every exported method of the handle (and the bench exports), called with
/// hostile arguments in one round; afterwards the instance still trains and draws.
#[wasm_bindgen_test]
fn every_export_survives_a_hostile_round() {
    let mut calls = 0u32;
    let mut lb = attached("#\u{0}=&lr=NaN&layers=999&x=inf,inf", "round");
    let weird = [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        -1.0,
        0.0,
        1e308,
        4_294_967_295.0,
    ];
    let strings = [
        "",
        "{",
        "null",
        "{\"format\":\"lightbulb-model\"}",
        "\u{feff}x1,x2,label\n1,2",
        "%00",
        "1e999",
    ];
    for round in 0..3 {
        for &x in &weird {
            let s = strings[round * 2 % strings.len()];
            let _ = lb.notice().unwrap();
            let _ = lb.hash().unwrap();
            let _ = lb.get(s);
            let _ = lb.set(s, s);
            let _ = lb.set("lr", &x.to_string());
            let _ = lb.set("batch", &x.to_string());
            let _ = lb.regenerate();
            lb.play().unwrap();
            let _ = lb.frame(x);
            lb.pause().unwrap();
            let _ = lb.playing().unwrap();
            let _ = lb.step();
            let _ = lb.phase();
            let _ = lb.set("speed", &x.to_string());
            let _ = lb.loss_choices().unwrap();
            let _ = lb.applies(s).unwrap();
            let _ = lb.set_input(x, -x);
            let _ = lb.hover_network(x, x).unwrap();
            let _ = lb.wire_at(x, -x).unwrap();
            let _ = lb.set_weight(x as usize, x as usize, 0, x);
            let _ = lb.plot_point(x, x).unwrap();
            let _ = lb.add_point(x, x, x);
            let _ = lb.remove_point(x, x);
            let _ = lb.paste_csv(s);
            let _ = lb.import_model(s);
            let _ = lb.open_session(s);
            let _ = lb.export_model().unwrap();
            let _ = lb.save_session().unwrap();
            let _ = lb.steps().unwrap();
            let _ = lb.epoch().unwrap();
            let _ = lb.metric(x as usize).unwrap();
            let _ = lb.loss_name().unwrap();
            let _ = lb.narration().unwrap();
            let _ = lb.divergence().unwrap();
            let _ = lb.numbers_html().unwrap();
            let _ = lb.point_counts().unwrap();
            let _ = lb.classes().unwrap();
            let _ = lb.hover_chart(x).unwrap();
            lb.set_log_chart(x.is_nan()).unwrap();
            let _ = lb.followed_point().unwrap();
            let _ = lb.clear_points();
            let _ = lb.reset();
            calls += 41;
            // The guard, the caption and the view report.
            let _ = lb.alert_kind().unwrap();
            let _ = lb.safe_rate_text().unwrap();
            let _ = lb.reset_with_rate();
            lb.dismiss_alert().unwrap();
            let _ = lb.shown_input().unwrap();
            let _ = lb.view_report().unwrap();
            let _ = lb.history_first().unwrap() + lb.history_last().unwrap();
            let _ = lb.in_the_past().unwrap();
            let _ = lb.seek(x);
            let _ = lb.continue_from_here(x > 0.0);
            let _ = lb.undo();
            let _ = lightbulb_web::settings();
            calls += 14;
            // Branches, comparing two runs, what a session file leaves out.
            let _ = lb.asks_before(s).unwrap();
            let _ = lb.continue_prompt().unwrap();
            let _ = lb.can_keep_branch().unwrap();
            let _ = lb.branches().unwrap();
            let _ = lb.switch_branch(s);
            let _ = lb.delete_branch(s);
            let _ = lb.compare();
            let _ = lb.switch_run();
            let _ = lb.run_names().unwrap();
            let _ = lb.save_note().unwrap();
            lb.stop_comparing().unwrap();
            calls += 11;
            #[cfg(feature = "bench")]
            {
                let _ = lightbulb_web::bench::GridBench::new(x.is_nan())
                    .and_then(|mut g| g.run(x.clamp(0.0, 2.0) as u32));
                let _ = lightbulb_web::bench::EpochBench::new()
                    .and_then(|mut e| e.run(u32::from(x > 0.0)));
                calls += 4;
            }
        }
    }
    // A fresh export of the same kind still works, and the instance trains and draws.
    lb.set("lr", "0.03").unwrap();
    // The round ended by clearing the points: stepping says so, then new data trains.
    assert!(lb.step().is_err());
    lb.regenerate().unwrap();
    lb.step().unwrap();
    for i in 0..40 {
        lb.frame(f64::from(i) * 100.0).unwrap();
    }
    assert_eq!(lb.steps().unwrap(), 1.0);
    lb.play().unwrap();
    lb.frame(1e4).unwrap();
    assert!(lb.epoch().unwrap() >= 1.0);
    assert!(!lb.numbers_html().unwrap().contains("NaN"));
    assert!(lb.divergence().unwrap().is_empty());
    web_sys::console::log_1(&format!("hostile round: {calls} calls").into());
}
