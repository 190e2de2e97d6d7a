//! Lesson files: the page's own lessons read and pass their checks; bad
//! files are refused naming the lesson and the field; the answer rules.

use super::*;
use crate::controller::Controller;
use std::path::Path;

fn page_lessons() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../www/lessons");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter(|p| p.file_name().is_some_and(|n| n != "index.json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

#[test]
fn every_lesson_of_the_page_reads() {
    let files = page_lessons();
    assert!(files.len() >= 10, "{} lessons", files.len());
    for (name, text) in &files {
        let lesson = Lesson::from_json(name, text).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            lesson.screens.iter().any(|s| s.prediction.is_some()),
            "{name}"
        );
        assert!(lesson.screens.iter().any(|s| s.task.is_some()), "{name}");
    }
}

/// Every screen opens on the real app, every prediction reveals one right
/// answer, and every task starts unmet.
#[test]
fn every_screen_opens_and_every_reveal_has_an_answer() {
    let mut c = Controller::new("").unwrap();
    // The digits images, as the page fetches them for lesson 11.
    c.load_digits(include_bytes!("../../../../../data/digits/digits.bin"))
        .unwrap();
    for (name, text) in page_lessons() {
        c.add_lesson(&name, &text).unwrap();
    }
    for l in 0..c.lessons().len() {
        let lesson = c.lessons()[l].clone();
        for (s, screen) in lesson.screens.iter().enumerate() {
            c.open_lesson(l, s).unwrap();
            let json = c.lesson_json();
            assert!(
                !json.contains('—'),
                "{} screen {s}: a number is missing: {json}",
                lesson.name
            );
            if screen.task.is_some() {
                assert!(
                    !c.task_met(),
                    "{} screen {s}: the task is met before anything is done",
                    lesson.name
                );
            }
            if screen.prediction.is_some() {
                assert!(c.predict(Some(0)).unwrap());
                let r = c.lesson_place().unwrap().reveal.clone().unwrap();
                assert!(
                    r.right.is_some(),
                    "{} screen {s}: no answer fits {r:?}",
                    lesson.name
                );
                eprintln!(
                    "{} {s}: {:?} → right {:?}",
                    lesson.name,
                    (r.before, r.after),
                    r.right
                );
            }
        }
    }
}

#[test]
fn a_bad_lesson_is_refused_naming_the_lesson_and_the_field() {
    let good = page_lessons().remove(0).1;
    for (from, to, field) in [
        ("\"title\"", "\"titel\"", "(root)"),
        (
            "\"is\": \"up\"",
            "\"is\": \"upp\"",
            "screens[0].prediction.choices[0].is",
        ),
        (
            "\"measure\": \"output\"",
            "\"measure\": \"outptu\"",
            "screens[0].prediction.measure",
        ),
        (
            "weight:0:0:0:1.6",
            "weight:0:0:1.6",
            "screens[0].prediction.action",
        ),
        ("dataset=xor", "dataset=xorr", "screens[0].setup"),
        ("\"above\": 0.9", "\"abuve\": 0.9", "screens[1].task"),
    ] {
        assert!(good.contains(from), "{from}");
        let bad = good.replacen(from, to, 1);
        let e = Lesson::from_json("01-x.json", &bad).unwrap_err();
        assert_eq!(e.lesson, "01-x.json");
        assert!(e.field.starts_with(field), "{from} → {to}: {e}");
        assert!(e.to_string().starts_with("lesson 01-x.json: "), "{e}");
    }
    let e = Lesson::from_json("a.json", "{").unwrap_err();
    assert!(e.to_string().contains("a.json"), "{e}");
}

#[test]
fn the_answer_rules() {
    let p = |rules: &[Rule]| Prediction {
        question: "q".into(),
        choices: rules
            .iter()
            .map(|&rule| PredictionChoice {
                label: "x".into(),
                rule,
            })
            .collect(),
        actions: vec![],
        measure: Measure::Output,
        why: "w".into(),
    };
    let updown = p(&[Rule::Up, Rule::Down, Rule::Same]);
    assert_eq!(updown.right_answer(0.5, 0.7), Some(0));
    assert_eq!(updown.right_answer(0.5, 0.3), Some(1));
    assert_eq!(updown.right_answer(0.5, 0.5), Some(2));
    let near = p(&[Rule::Near(0.5), Rule::Near(0.96), Rule::Near(3.3)]);
    assert_eq!(near.right_answer(0.4, 0.95), Some(1));
    assert_eq!(near.right_answer(0.4, 3.0), Some(2));
    let share = p(&[Rule::Within(0.01), Rule::Shrunk(0.5)]);
    assert_eq!(share.right_answer(1.0, 0.995), Some(0));
    assert_eq!(share.right_answer(1.0, 0.4), Some(1));
    assert_eq!(share.right_answer(1.0, 0.8), None);
    let threshold = p(&[Rule::Above(0.9), Rule::Below(0.9)]);
    assert_eq!(threshold.right_answer(0.0, 0.95), Some(0));
    assert_eq!(threshold.right_answer(0.0, 0.5), Some(1));
}

/// A task met once stays done on its screen, even when the live measure
/// falls back (the accuracy wobbles while training); opening the screen
/// again starts it unmet.
#[test]
fn a_met_task_stays_done_until_the_screen_opens_again() {
    let mut c = Controller::new("").unwrap();
    for (name, text) in page_lessons() {
        c.add_lesson(&name, &text).unwrap();
    }
    // Lesson 1, screen 2: make the output rise above 0.9 (x = 0.5, 0.8).
    c.open_lesson(0, 1).unwrap();
    assert!(!c.task_met());
    c.set_weight(0, 0, 0, 5.0).unwrap();
    c.set_weight(0, 1, 0, 5.0).unwrap();
    assert!(c.measure(Measure::Output).unwrap() > 0.9);
    assert!(c.task_met());
    c.set_weight(0, 0, 0, -5.0).unwrap();
    c.set_weight(0, 1, 0, -5.0).unwrap();
    assert!(c.measure(Measure::Output).unwrap() < 0.1);
    assert!(c.task_met(), "a task met once is taken back");
    assert!(c.lesson_json().contains("\"met\":true"));
    c.open_lesson(0, 1).unwrap();
    assert!(!c.task_met(), "opening the screen again keeps the old done");
}

/// The lesson file shown in the README reads, and opens on the real app.
#[test]
fn the_readme_example_lesson_reads() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md"))
            .unwrap();
    let section = readme.split("## Learn mode").nth(1).unwrap();
    let json = section
        .split("```json")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .unwrap();
    let mut c = Controller::new("").unwrap();
    c.add_lesson("99-readme.json", json)
        .unwrap_or_else(|e| panic!("{e}"));
    c.open_lesson(0, 0).unwrap();
    assert!(c
        .lesson_json()
        .contains("\"figure\":{\"kind\":\"activation\""));
    // The error the README quotes is the one a task without bounds gets.
    let bad = json.replace(", \"above\": 0.9 }", " }");
    let e = Lesson::from_json("03-layers.json", &bad).unwrap_err();
    assert_eq!(
        e.to_string(),
        "lesson 03-layers.json: screens[0].task: a task needs \"above\" or \"below\""
    );
}
