//! Property tests of the URL-hash parser, [`PageState::from_hash`] (native:
//! the parser is plain Rust). For arbitrary bytes, arbitrary mixes of the
//! real keys with hostile values, and mutations of valid hashes, reading a
//! hash never panics and always gives a valid configuration that round-trips
//! through its own hash; each ignored key comes with one short reason; it
//! takes time linear in the input and allocates at most a small multiple of
//! the input size. Valid hashes must read back exactly, with nothing ignored.
//!
//! Case counts: see `CASES` (34,000 cases in all); with the core and CLI
//! parsers the workspace runs over 100,000.
#![cfg(not(target_arch = "wasm32"))]

use lightbulb_core::{DatasetKind, Feature};
use lightbulb_web::controller::{PageState, SETTINGS};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

#[path = "../../core/tests/shared/measure.rs"]
mod measure;
use measure::{allocated, cpu_seconds};

/// The keys the hash holds, in its order (from the settings table).
fn hash_keys() -> Vec<&'static str> {
    SETTINGS
        .iter()
        .filter(|s| s.in_hash)
        .map(|s| s.key)
        .collect()
}

/// Cases per property test (the round-trip and text-level ones run half).
const CASES: u32 = 8_500;

/// Most hidden layers, neurons and batch size the page offers.
const MAX_LAYERS: usize = 8;
const MAX_NEURONS: usize = 16;
const MAX_BATCH: usize = 100;

/// Reads `hash` and checks every property; returns what was read.
fn check_hash(hash: &str) -> (PageState, Vec<String>) {
    let budget = 200 * hash.len() + 256 * 1024;
    let ((state, ignored), bytes) = allocated(|| PageState::from_hash(hash));
    assert!(
        bytes <= budget,
        "from_hash allocated {bytes} bytes for {} input bytes",
        hash.len()
    );
    check_state(&state);
    assert!(ignored.len() <= 64, "{} keys ignored", ignored.len());
    for reason in &ignored {
        assert!(!reason.trim().is_empty());
        // Short whatever the input: values are clipped (a number the core
        // writes in full, such as 1e-300 as 0.000…1, is the longest part).
        assert!(
            reason.chars().count() <= 500,
            "a {}-character reason: {}…",
            reason.chars().count(),
            reason.chars().take(80).collect::<String>()
        );
    }
    // Whatever was read writes a hash that reads back as the same state.
    let written = state.to_hash();
    let (back, back_ignored) = PageState::from_hash(&written);
    assert!(back_ignored.is_empty(), "{written}: {back_ignored:?}");
    assert_same(&back, &state);
    (state, ignored)
}

/// The same page: every key reads the same. (The class count a dataset without
/// one remembers, e.g. 5 for `circle` after `blobs`, is not in the hash: the
/// hash writes the 2 classes that `circle` has.)
fn assert_same(a: &PageState, b: &PageState) {
    for key in hash_keys() {
        assert_eq!(a.get(key), b.get(key), "{key}");
    }
    assert_eq!(a.config.dataset.problem(), b.config.dataset.problem());
    assert_eq!(a.config.hidden, b.config.hidden);
    assert_eq!((a.x1, a.x2), (b.x1, b.x2));
}

/// A configuration the page can run.
fn check_state(s: &PageState) {
    if let Err(e) = s.config.validate() {
        panic!("invalid config {:?}: {e}", s.config);
    }
    assert!(s.x1.is_finite() && s.x1.abs() <= 6.0, "x1 = {}", s.x1);
    assert!(s.x2.is_finite() && s.x2.abs() <= 6.0, "x2 = {}", s.x2);
    assert!(s.config.hidden.len() <= MAX_LAYERS);
    assert!(s
        .config
        .hidden
        .iter()
        .all(|h| (1..=MAX_NEURONS).contains(&h.neurons)));
    assert!((1..=MAX_BATCH).contains(&s.config.training.batch_size));
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

#[test]
fn the_key_list_is_the_pages() {
    let hash = PageState::default().to_hash();
    let keys: Vec<&str> = hash
        .split('&')
        .filter_map(|p| p.split_once('=').map(|(k, _)| k))
        .collect();
    assert_eq!(keys, hash_keys());
    assert_eq!(PageState::default().get("bogus"), None);
}

#[test]
fn arbitrary_bytes_never_panic() {
    let mut r = runner(CASES);
    r.run(&proptest::collection::vec(any::<u8>(), 0..300), |bytes| {
        check_hash(&String::from_utf8_lossy(&bytes));
        Ok(())
    })
    .unwrap();
}

/// Every name any key takes.
fn names() -> Vec<&'static str> {
    let mut all = vec![
        "sigmoid",
        "tanh",
        "relu",
        "leaky_relu",
        "linear",
        "softmax",
        "mse",
        "bce",
        "softmax_ce",
        "sgd",
        "momentum",
        "adam",
        "none",
        "l1",
        "l2",
        "true",
        "false",
        "on",
        "off",
    ];
    all.extend(DatasetKind::NAMES);
    all.extend(Feature::NAMES);
    all
}

const HOSTILE: [&str; 40] = [
    "",
    " ",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "Infinity",
    "-Infinity",
    "1e999",
    "-1e999",
    "1e-400",
    "-0",
    "-1",
    "0",
    "0.0",
    "-0.000001",
    "18446744073709551615",
    "18446744073709551616",
    "4294967295",
    "4294967296",
    "99999999999999999999999999",
    "0x10",
    "1_000",
    " 5",
    "5 ",
    "+5",
    "5.",
    ".5",
    "%35",
    "%",
    "%zz",
    "%F0%9F%92%A1",
    "%FF%FE",
    "💡",
    "x\u{0}",
    "1,2,3",
    "1,,2",
    ",",
    "16,16,16,16,16,16,16,16,16",
    "6,-6",
];

/// One value: a real name, a number of any size or form, a hostile literal,
/// a comma list (sometimes huge), or any unicode; sometimes %-encoded.
fn value() -> impl Strategy<Value = String> {
    let names = names();
    let name = proptest::sample::select(names.clone()).prop_map(str::to_string);
    let item = prop_oneof![
        proptest::sample::select(names).prop_map(str::to_string),
        (0u32..20).prop_map(|n| n.to_string()),
        (-10.0..10.0f64).prop_map(|f| format!("{f}")),
    ];
    let raw = prop_oneof![
        3 => name,
        2 => (0u64..6000).prop_map(|n| n.to_string()),
        1 => any::<u64>().prop_map(|n| n.to_string()),
        1 => any::<i64>().prop_map(|n| n.to_string()),
        2 => any::<f64>().prop_map(|f| format!("{f}")),
        1 => any::<f64>().prop_map(|f| format!("{f:e}")),
        2 => (-8.0..60.0f64).prop_map(|f| format!("{f}")),
        3 => proptest::sample::select(HOSTILE.to_vec()).prop_map(str::to_string),
        2 => proptest::collection::vec(item, 0..12).prop_map(|v| v.join(",")),
        1 => (10usize..3000, proptest::sample::select(vec!["1", "tanh", "x1", ""]))
            .prop_map(|(n, s)| vec![s; n].join(",")),
        1 => proptest::collection::vec(any::<char>(), 0..10)
            .prop_map(|c| c.into_iter().collect::<String>()),
        1 => ((-7.0..7.0f64), (-7.0..7.0f64)).prop_map(|(a, b)| format!("{a},{b}")),
    ];
    (raw, 0u8..8).prop_map(|(v, how)| match how {
        0 => percent_encode(&v),
        1 => v.replace(' ', "+"),
        2 => format!("{v}%"),
        _ => v,
    })
}

/// Every byte as `%XX`.
fn percent_encode(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02X}")).collect()
}

/// A key: a real one mostly, sometimes unknown, mis-cased, padded, empty or
/// %-encoded.
fn key() -> impl Strategy<Value = String> {
    let real = proptest::sample::select(hash_keys());
    prop_oneof![
        8 => real.clone().prop_map(str::to_string),
        1 => real.clone().prop_map(percent_encode),
        1 => real.clone().prop_map(|k| k.to_uppercase()),
        1 => real.prop_map(|k| format!("{k} ")),
        1 => proptest::sample::select(vec!["", "bogus", "x1", "#", "=", "%", "💡"])
            .prop_map(str::to_string),
    ]
}

/// A hash of key=value parts, with odd separators now and then.
fn hash_mix() -> impl Strategy<Value = String> {
    let part = (key(), value(), 0u8..12).prop_map(|(k, v, how)| match how {
        0 => k,
        1 => format!("{k}=={v}"),
        2 => format!("={v}"),
        _ => format!("{k}={v}"),
    });
    (
        proptest::collection::vec(part, 0..30),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(parts, hash, doubled)| {
            let sep = if doubled { "&&" } else { "&" };
            format!("{}{}", if hash { "#" } else { "" }, parts.join(sep))
        })
}

#[test]
fn hostile_key_value_mixes_give_valid_configs() {
    let mut r = runner(CASES);
    r.run(&hash_mix(), |h| {
        check_hash(&h);
        Ok(())
    })
    .unwrap();
}

/// Settings the page's controls can make: each a key and a value it offers.
fn setting() -> impl Strategy<Value = (&'static str, String)> {
    let acts = ["sigmoid", "tanh", "relu", "leaky_relu", "linear"];
    prop_oneof![
        proptest::sample::select(DatasetKind::NAMES.to_vec())
            .prop_map(|d| ("dataset", d.to_string())),
        (2u32..=10).prop_map(|k| ("classes", k.to_string())),
        (0u32..=50).prop_map(|n| ("noise", n.to_string())),
        (10u32..=90).prop_map(|n| ("train", n.to_string())),
        (2u32..=5000).prop_map(|n| ("points", n.to_string())),
        any::<u32>().prop_map(|n| ("dataseed", n.to_string())),
        proptest::sample::subsequence(Feature::NAMES.to_vec(), 1..=7)
            .prop_map(|f| ("features", f.join(","))),
        proptest::collection::vec(1..=MAX_NEURONS, 0..=MAX_LAYERS).prop_map(|l| (
            "layers",
            l.iter().map(usize::to_string).collect::<Vec<_>>().join(",")
        )),
        proptest::sample::select(acts.to_vec()).prop_map(|a| ("activation", a.to_string())),
        proptest::sample::select(vec!["mse", "bce", "softmax_ce"])
            .prop_map(|l| ("loss", l.to_string())),
        proptest::sample::select(vec!["sgd", "momentum", "adam"])
            .prop_map(|o| ("optimizer", o.to_string())),
        proptest::sample::select(vec!["0.00001", "0.001", "0.03", "0.3", "1", "3"])
            .prop_map(|v| ("lr", v.to_string())),
        proptest::sample::select(vec!["none", "l1", "l2"]).prop_map(|v| ("reg", v.to_string())),
        proptest::sample::select(vec!["0", "0.001", "0.01", "0.1"])
            .prop_map(|v| ("regrate", v.to_string())),
        (1..=MAX_BATCH).prop_map(|b| ("batch", b.to_string())),
        any::<u32>().prop_map(|n| ("seed", n.to_string())),
        any::<bool>().prop_map(|b| ("showtest", u8::from(b).to_string())),
        any::<bool>().prop_map(|b| ("discretize", u8::from(b).to_string())),
        any::<bool>().prop_map(|b| ("follow", u8::from(b).to_string())),
        ((-6.0..=6.0f64), (-6.0..=6.0f64)).prop_map(|(a, b)| ("x", format!("{a},{b}"))),
    ]
}

/// A state reached through the page's setters (those it refuses are skipped).
fn valid_state() -> impl Strategy<Value = PageState> {
    proptest::collection::vec(setting(), 0..16).prop_map(|settings| {
        let mut s = PageState::default();
        for (k, v) in settings {
            let _ = s.set(k, &v);
        }
        s
    })
}

#[test]
fn valid_hashes_read_back_exactly() {
    let mut r = runner(CASES / 2);
    r.run(&(valid_state(), any::<bool>()), |(s, with_hash)| {
        let hash = s.to_hash();
        let text = if with_hash { format!("#{hash}") } else { hash };
        let (back, ignored) = check_hash(&text);
        prop_assert!(ignored.is_empty(), "{:?}", ignored);
        assert_same(&back, &s);
        Ok(())
    })
    .unwrap();
}

#[test]
fn changed_values_and_duplicate_keys_of_valid_hashes() {
    let mut r = runner(CASES);
    r.run(
        &(valid_state(), any::<prop::sample::Index>(), value(), 0u8..4),
        |(s, i, v, how)| {
            let mut parts: Vec<String> = s.to_hash().split('&').map(str::to_string).collect();
            let i = i.index(parts.len());
            let k = parts[i].split_once('=').map_or("", |(k, _)| k).to_string();
            match how {
                // A changed value, or the key given again with it.
                0 | 1 => parts[i] = format!("{k}={v}"),
                2 => parts.push(format!("{k}={v}")),
                // The key given twice with its own value.
                _ => {
                    let again = parts[i].clone();
                    parts.insert(0, again);
                }
            }
            let (back, ignored) = check_hash(&parts.join("&"));
            if how == 3 {
                // A repeated valid key changes nothing.
                prop_assert!(ignored.is_empty(), "{:?}", ignored);
                assert_same(&back, &s);
            }
            Ok(())
        },
    )
    .unwrap();
}

#[test]
fn text_level_mutations_of_valid_hashes() {
    let mut r = runner(CASES / 2);
    r.run(
        &(
            valid_state(),
            any::<prop::sample::Index>(),
            any::<prop::sample::Index>(),
            any::<u8>(),
        ),
        |(s, a, b, byte)| {
            let good = s.to_hash().into_bytes();
            let (a, b) = (a.index(good.len()), b.index(good.len()));
            let (a, b) = (a.min(b), a.max(b));
            // Delete a span, duplicate a span, overwrite a byte, or splice a token in.
            let mut v: Vec<u8> = Vec::with_capacity(good.len() * 2);
            match byte % 4 {
                0 => {
                    v.extend_from_slice(&good[..a]);
                    v.extend_from_slice(&good[b..]);
                }
                1 => {
                    v.extend_from_slice(&good[..b]);
                    v.extend_from_slice(&good[a..]);
                }
                2 => {
                    v.extend_from_slice(&good);
                    v[a] = byte;
                }
                _ => {
                    v.extend_from_slice(&good[..a]);
                    v.extend_from_slice(HOSTILE[usize::from(byte) % HOSTILE.len()].as_bytes());
                    v.extend_from_slice(&good[b.min(a + 4)..]);
                }
            }
            check_hash(&String::from_utf8_lossy(&v));
            Ok(())
        },
    )
    .unwrap();
}

#[test]
fn duplicate_keys_the_last_one_counts() {
    let (s, ignored) = check_hash("seed=1&lr=0.1&seed=2&lr=abc");
    assert_eq!(s.config.seed, 2);
    assert_eq!(s.config.training.learning_rate, 0.1);
    assert_eq!(ignored.len(), 1, "{ignored:?}");
    // `acts` needs `layers` first, whatever the order in the hash.
    let (s, ignored) = check_hash("acts=relu,sigmoid&layers=4,2");
    assert!(ignored.is_empty(), "{ignored:?}");
    assert_eq!(s.get("acts").as_deref(), Some("relu,sigmoid"));
}

#[test]
fn huge_hashes_are_read_in_linear_time() {
    // Long values, many parts, and long %-escapes: 8× the input must cost
    // well under 8 × 4 the time (allowing for noise), i.e. not quadratic.
    let keys = hash_keys();
    let hashes = |n: usize| {
        [
            format!("features={}", "x1,".repeat(n / 3)),
            format!("layers={}", "1,".repeat(n / 2)),
            format!("noise={}", "%31".repeat(n / 3)),
            format!("dataset={}", "a".repeat(n)),
            format!("lr=1{}", "0".repeat(n)),
            "x=1,1&".repeat(n / 6),
            format!("{}=1", "k".repeat(n)),
            (0..64)
                .map(|i| format!("{}={}", keys[i % keys.len()], "9".repeat(n / 64)))
                .collect::<Vec<_>>()
                .join("&"),
        ]
    };
    // Each hash's fastest of 5 runs in CPU time, summed: other processes and
    // the other tests of this file share the cores, and a slow run is their doing.
    let time = |n: usize| {
        let hs = hashes(n);
        hs.iter()
            .map(|h| {
                check_hash(h);
                (0..5)
                    .map(|_| {
                        let start = cpu_seconds();
                        let _ = PageState::from_hash(h);
                        cpu_seconds() - start
                    })
                    .fold(f64::INFINITY, f64::min)
            })
            .sum::<f64>()
    };
    let small = time(100_000).max(1e-4);
    let large = time(800_000);
    assert!(
        large < small * 32.0,
        "8× input took {:.1}× the time",
        large / small
    );
}
