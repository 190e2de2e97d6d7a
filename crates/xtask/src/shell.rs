//! The app shell the service worker (`sw.js`) caches for offline use:
//! `www/pkg/shell.js` names every file of the page and a version, a hash of
//! their names and contents. Written by every page build (after the wasm),
//! so `serve`, `test` and `dist` all carry it; not committed. A changed
//! file gives a new version, which the service worker caches whole, beside
//! the old one, before it takes over.

use std::fs;
use std::path::Path;

use crate::Result;

/// Files at the top of the site that belong to the shell.
const TOP: &[&str] = &["index.html", "manifest.webmanifest"];
/// Under `www/`: what the page itself never loads (the bench page, type
/// declarations, wasm-bindgen's package.json, this file).
fn skipped(rel: &str) -> bool {
    rel.starts_with("www/pkg-bench")
        || rel.starts_with("www/bench.")
        || rel.ends_with(".d.ts")
        || rel == "www/pkg/package.json"
        || rel == "www/pkg/shell.js"
}

/// The shell's files (relative to the site root, sorted) under `root`.
pub fn files(root: &Path) -> Result<Vec<String>> {
    let mut found: Vec<String> = TOP.iter().map(|f| (*f).to_string()).collect();
    walk(root, Path::new("www"), &mut found)?;
    found.sort();
    Ok(found)
}

fn walk(root: &Path, rel: &Path, found: &mut Vec<String>) -> Result<()> {
    let dir = root.join(rel);
    let entries = fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = rel.join(&name);
        let text = path.to_string_lossy().replace('\\', "/");
        if skipped(&text) {
            continue;
        }
        if entry.path().is_dir() {
            walk(root, &path, found)?;
        } else {
            found.push(text);
        }
    }
    Ok(())
}

/// FNV-1a, 64 bits: a version that changes with any byte (not a secret).
fn fnv(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The text of `www/pkg/shell.js` for `files` under `root`.
pub fn script(root: &Path, files: &[String]) -> Result<String> {
    let mut hash = 0xcbf2_9ce4_8422_2325;
    for f in files {
        let bytes = fs::read(root.join(f)).map_err(|e| format!("cannot read {f}: {e}"))?;
        hash = fnv(fnv(hash, f.as_bytes()), &[0]);
        hash = fnv(fnv(hash, &bytes), &[0]);
    }
    // "./" is the page itself as a navigation asks for it.
    let list: Vec<String> = std::iter::once("./")
        .chain(files.iter().map(String::as_str))
        .map(|f| format!("    \"{f}\","))
        .collect();
    Ok(format!(
        "// Written by `cargo xtask build` (crates/xtask/src/shell.rs): the app shell\n\
         // that sw.js caches, and its version (a hash of every file). Not committed.\n\
         self.LIGHTBULB_SHELL = {{\n  version: \"{hash:016x}\",\n  files: [\n{}\n  ],\n}};\n",
        list.join("\n")
    ))
}

/// Writes `www/pkg/shell.js` (only when it changed).
pub fn write(root: &Path) -> Result<()> {
    let files = files(root)?;
    let text = script(root, &files)?;
    let path = root.join("www/pkg/shell.js");
    if fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(dir: &Path, app: &str) {
        for (f, text) in [
            ("index.html", "<!doctype html>"),
            ("manifest.webmanifest", "{}"),
            ("www/main.js", app),
            ("www/bench.html", "bench"),
            ("www/pkg/lightbulb_web_bg.wasm", "\0asm"),
            ("www/pkg/lightbulb_web.d.ts", "types"),
            ("www/pkg/.build-stamp", "stamp"),
            ("www/lessons/01-a.json", "{}"),
        ] {
            let path = dir.join(f);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
    }

    fn version(text: &str) -> &str {
        let at = text.find("version: \"").unwrap() + 10;
        &text[at..at + 16]
    }

    #[test]
    fn lists_the_page_and_a_version_that_follows_every_byte() {
        let dir = std::env::temp_dir().join(format!("lightbulb-shell-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        site(&dir, "one");
        write(&dir).unwrap();
        let first = fs::read_to_string(dir.join("www/pkg/shell.js")).unwrap();
        for f in [
            "\"./\"",
            "\"index.html\"",
            "\"manifest.webmanifest\"",
            "\"www/main.js\"",
            "\"www/pkg/lightbulb_web_bg.wasm\"",
            "\"www/lessons/01-a.json\"",
        ] {
            assert!(first.contains(f), "{f} in {first}");
        }
        for f in ["bench", ".d.ts", ".build-stamp", "shell.js\""] {
            assert!(!first.contains(f), "{f} in {first}");
        }
        // Written again unchanged: the same version; one byte more: another.
        write(&dir).unwrap();
        assert_eq!(
            fs::read_to_string(dir.join("www/pkg/shell.js")).unwrap(),
            first
        );
        site(&dir, "one!");
        write(&dir).unwrap();
        let second = fs::read_to_string(dir.join("www/pkg/shell.js")).unwrap();
        assert_ne!(version(&second), version(&first));
        fs::remove_dir_all(&dir).unwrap();
    }
}
