//! Helpers shared by the integration tests: temporary files and running the binary.
#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A fresh directory for one test.
pub fn dir(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("cli-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("create test dir");
    d
}

pub fn write(d: &Path, file: &str, text: &str) -> String {
    let p = d.join(file);
    std::fs::write(&p, text).expect("write test file");
    p.to_string_lossy().into_owned()
}

/// What one run printed and returned.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_lightbulb"))
        .args(args)
        .output()
        .expect("run lightbulb");
    let r = Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!r.stderr.contains("panicked"), "panic: {}", r.stderr);
    r
}

pub fn ok_json(args: &[&str]) -> Value {
    let r = run(args);
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    assert!(r.stderr.is_empty(), "stderr: {}", r.stderr);
    serde_json::from_str(&r.stdout).expect("stdout is JSON")
}

/// Runs a command that must fail with `code` and one stderr line containing `needle`.
pub fn fails(args: &[&str], code: i32, needle: &str) {
    let r = run(args);
    assert_eq!(r.code, Some(code), "{args:?}: stderr {}", r.stderr);
    assert!(r.stdout.is_empty(), "{args:?}: stdout {}", r.stdout);
    assert_eq!(r.stderr.lines().count(), 1, "{args:?}: {}", r.stderr);
    assert!(r.stderr.starts_with("error: "), "{}", r.stderr);
    assert!(
        r.stderr.contains(needle),
        "{args:?}: {:?} should contain {needle:?}",
        r.stderr
    );
}
