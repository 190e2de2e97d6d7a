//! Property tests of the restore path, [`Controller::restore_saved`], which
//! reads whatever the browser kept on every boot: arbitrary bytes and
//! mutations of real saved pages (cut short, a byte changed, a hostile value
//! spliced in) never panic; a refusal has a message and leaves the page as
//! it was; a page that is restored saves back as one that restores to the
//! same model and settings. (The fuzz target `saved_page` runs the same
//! properties for longer: `cargo xtask fuzz saved_page`.)
#![cfg(not(target_arch = "wasm32"))]

use lightbulb_web::controller::Controller;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

const CASES: u32 = 1_500;

fn page(hash: &str) -> Controller {
    Controller::new(hash).unwrap_or_else(|e| panic!("{hash}: {e}"))
}

/// Two real saved pages: Adam with custom points after some training, and
/// a regression that follows one example.
fn saved_pages() -> Vec<String> {
    let mut a = page("dataset=xor&layers=3&optimizer=adam&points=40");
    a.add_point(0.5, -0.5, 1.0).unwrap();
    a.play();
    for i in 0..3 {
        a.frame(16.0 * f64::from(i)).unwrap();
    }
    a.pause();
    let b = page("dataset=plane&layers=2&points=30&follow=1&showtest=1");
    [a, b]
        .iter()
        .map(|c| c.saved_page().unwrap().unwrap())
        .collect()
}

/// Restores `text` into a default page and checks every property.
fn check(text: &str) {
    let mut c = page("");
    let before = (c.hash(), c.export_model());
    match c.restore_saved(text, "") {
        Err(e) => {
            assert!(!e.to_string().trim().is_empty(), "an empty message");
            assert_eq!((c.hash(), c.export_model()), before, "{e}");
        }
        Ok(restored) => {
            assert!(restored, "an empty link never wins");
            let again = c.saved_page().unwrap().unwrap();
            let mut d = page("");
            assert!(d.restore_saved(&again, "").unwrap());
            assert_eq!(d.export_model(), c.export_model());
            assert_eq!(d.hash(), c.hash());
        }
    }
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    })
}

#[test]
fn real_saved_pages_restore() {
    for text in saved_pages() {
        check(&text);
        assert!(page("").restore_saved(&text, "").unwrap());
    }
}

#[test]
fn arbitrary_bytes_never_panic() {
    runner()
        .run(&proptest::collection::vec(any::<u8>(), 0..400), |bytes| {
            check(&String::from_utf8_lossy(&bytes));
            Ok(())
        })
        .unwrap();
}

const HOSTILE: [&str; 14] = [
    "-1",
    "1e999",
    "NaN",
    "null",
    "\"\"",
    "[]",
    "{}",
    "18446744073709551616",
    "0.5",
    "\"💡\"",
    "[1,2]",
    "true",
    "\"lr=abc\"",
    "-0",
];

#[test]
fn mutated_saved_pages_are_restored_or_refused() {
    let pages = saved_pages();
    let strategy = (
        0..pages.len(),
        0..4u8,
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        any::<u8>(),
    );
    runner()
        .run(&strategy, |(which, how, at, len, byte)| {
            let text = &pages[which];
            let mut bytes = text.as_bytes().to_vec();
            let i = at.index(bytes.len());
            match how {
                0 => bytes.truncate(i),
                1 => bytes[i] = byte,
                2 => {
                    // A value (a number, a string, …) replaced by a hostile one.
                    let end = (i + 1 + len.index(12)).min(bytes.len());
                    let hostile = HOSTILE[usize::from(byte) % HOSTILE.len()];
                    bytes.splice(i..end, hostile.bytes());
                }
                _ => bytes
                    .drain(i..(i + 1 + len.index(40)).min(bytes.len()))
                    .for_each(drop),
            }
            check(&String::from_utf8_lossy(&bytes));
            Ok(())
        })
        .unwrap();
}
