//! The settings table is the only place a setting's limits and choices are
//! written: `index.html` and the page's modules in `www/` read them through
//! the `settings()` export. This test fails if either carries its own copy:
//! a `min`/`max`/`step` or an `<option>` on a settings control, a list of
//! two or more of a setting's choice values, or a `MAX_…` constant.
#![cfg(not(target_arch = "wasm32"))]

use lightbulb_web::controller::{Kind, SETTINGS};
use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The page's own files: index.html and www/*.js (not the generated
/// packages, not the bench page, which drives fixed configurations).
fn page_files() -> Vec<(String, String)> {
    let mut files = vec![("index.html".to_string(), root().join("index.html"))];
    let www = root().join("www");
    let mut modules: Vec<PathBuf> = fs::read_dir(&www)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "js"))
        .filter(|p| p.file_name().is_some_and(|n| n != "bench.js"))
        .collect();
    modules.sort();
    assert!(modules.len() >= 10, "www/ has {} modules", modules.len());
    files.extend(modules.into_iter().map(|p| {
        let name = format!("www/{}", p.file_name().unwrap().to_string_lossy());
        (name, p)
    }));
    files
        .into_iter()
        .map(|(n, p)| (n, fs::read_to_string(p).unwrap()))
        .collect()
}

/// The choice values of every setting that has a list.
fn choice_lists() -> Vec<(&'static str, Vec<String>)> {
    SETTINGS
        .iter()
        .filter_map(|s| {
            let values: Vec<String> = match s.kind {
                Kind::Choice(list) | Kind::Names(list) | Kind::PerLayer(list) => {
                    list().iter().map(|c| c.value.to_string()).collect()
                }
                Kind::Rate { listed } => listed.iter().map(|v| format!("{v}")).collect(),
                _ => return None,
            };
            Some((s.key, values))
        })
        .collect()
}

/// Problems found in one file's text (named `name`).
fn copies_in(name: &str, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (key, values) in choice_lists() {
        let quoted: Vec<&String> = values
            .iter()
            // Short values ("1", "x1", "l2") are too common in any code to mean a list.
            .filter(|v| v.chars().count() > 2)
            .filter(|v| {
                ['\'', '"', '`']
                    .iter()
                    .any(|q| text.contains(&format!("{q}{v}{q}")))
            })
            .collect();
        if quoted.len() >= 2 {
            found.push(format!("{name}: the choices of \"{key}\": {quoted:?}"));
        }
    }
    for line in text.lines() {
        let t = line.trim_start();
        if (t.starts_with("const ") || t.starts_with("let ")) && t.contains("MAX_") {
            let (lhs, rhs) = t.split_once('=').unwrap_or((t, ""));
            if lhs.contains("MAX_") && rhs.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
                found.push(format!("{name}: a limit of its own: {t}"));
            }
        }
    }
    if name == "index.html" {
        for tag in text
            .split('<')
            .filter(|t| t.starts_with("input") || t.starts_with("select"))
        {
            let tag = tag.split('>').next().unwrap_or(tag);
            let settings_control =
                tag.contains("data-key=") || tag.contains("id=\"x1\"") || tag.contains("id=\"x2\"");
            if settings_control {
                for attr in [" min=", " max=", " step="] {
                    if tag.contains(attr) {
                        found.push(format!("index.html: <{tag}> has its own{attr}"));
                    }
                }
            }
        }
        for option in text.split("<option").skip(1) {
            if !option.split('>').next().unwrap_or("").contains("data-keep") {
                found.push(format!(
                    "index.html: an <option{}",
                    option.split('<').next().unwrap_or("")
                ));
            }
        }
    }
    found
}

#[test]
fn the_page_carries_no_copy_of_a_limit_or_a_choice_list() {
    let mut found = Vec::new();
    for (name, text) in page_files() {
        found.extend(copies_in(&name, &text));
    }
    assert!(
        found.is_empty(),
        "copies of the settings table:\n{}",
        found.join("\n")
    );
}

/// The check itself finds what it looks for: each kind of copy this round
/// removed from the page is caught.
#[test]
fn the_check_catches_each_kind_of_copy() {
    let cases = [
        ("www/network.js", "const MAX_LAYERS = 8;"),
        ("www/x.js", "const LOSS = [['mse', 'MSE'], ['bce', 'CE']];"),
        ("www/x.js", "new Set(['tanh', 'relu'])"),
        ("www/x.js", "const LR = [\"0.003\", \"0.01\"];"),
        (
            "index.html",
            "<input type=\"range\" id=\"noise\" data-key=\"noise\" min=\"0\">",
        ),
        ("index.html", "<input type=\"range\" id=\"x1\" max=\"6\">"),
        (
            "index.html",
            "<select id=\"reg\" data-key=\"reg\"><option value=\"l1\">L1</option></select>",
        ),
    ];
    for (name, text) in cases {
        assert!(!copies_in(name, text).is_empty(), "{name}: {text}");
    }
    // And leaves alone what is not a copy.
    assert!(copies_in("index.html", "<option value=\"mixed\" data-keep hidden>").is_empty());
    assert!(copies_in("www/x.js", "el.checked ? '1' : '0'; const MAX = n;").is_empty());
}
