//! `cargo xtask test`: every check in order, stopping at the first failure, with
//! the time of each stage and one closing line `N passed, N failed`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::proc::{self, cargo, Captured};
use crate::{say, setup, Result};

/// Passed and failed checks of one stage.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
}

struct Outcome {
    name: &'static str,
    counts: Counts,
    ok: bool,
    took: Duration,
}

type StageFn<'a> = Box<dyn FnOnce() -> Result<Captured> + 'a>;

pub fn command(root: &Path) -> Result<()> {
    let total = Instant::now();
    let mut tools = None;
    let mut outcomes: Vec<Outcome> = Vec::new();

    // Setup is a stage of its own: it counts as a failure only when it fails.
    let started = Instant::now();
    banner("setup");
    let setup_result = setup::tools(root).and_then(|t| {
        setup::ensure_chromium()?;
        tools = Some(t);
        Ok(())
    });
    if let Err(e) = &setup_result {
        say(format!("setup failed: {e}"));
    }
    outcomes.push(Outcome {
        name: "setup",
        counts: Counts {
            passed: 0,
            failed: u64::from(setup_result.is_err()),
        },
        ok: setup_result.is_ok(),
        took: started.elapsed(),
    });

    let mut stages: Vec<(&'static str, StageFn)> = Vec::new();
    if let Some(tools) = &tools {
        stages = stages_with(root, tools);
    }
    let mut remaining: Vec<&'static str> = stages.iter().map(|(n, _)| *n).collect();
    for (name, stage) in stages {
        if outcomes.iter().any(|o| !o.ok) {
            break;
        }
        remaining.retain(|n| *n != name);
        banner(name);
        let started = Instant::now();
        let (counts, ok) = match stage() {
            Ok(captured) => (count(&captured), captured.success),
            Err(e) => {
                say(format!("{name}: {e}"));
                (
                    Counts {
                        passed: 0,
                        failed: 1,
                    },
                    false,
                )
            }
        };
        outcomes.push(Outcome {
            name,
            counts,
            ok,
            took: started.elapsed(),
        });
    }

    println!();
    println!("stage               result        passed  failed     time");
    for o in &outcomes {
        let result = if o.ok { "ok" } else { "FAILED" };
        println!(
            "{:<18}  {:<12}  {:>6}  {:>6}  {:>6.1} s",
            o.name,
            result,
            o.counts.passed,
            o.counts.failed,
            o.took.as_secs_f64()
        );
    }
    for name in &remaining {
        println!("{name:<18}  skipped");
    }
    println!("total time {:.1} s", total.elapsed().as_secs_f64());
    let passed: u64 = outcomes.iter().map(|o| o.counts.passed).sum();
    let failed: u64 = outcomes.iter().map(|o| o.counts.failed).sum();
    println!("{passed} passed, {failed} failed");
    if outcomes.iter().all(|o| o.ok) {
        Ok(())
    } else {
        let first = outcomes.iter().find(|o| !o.ok).map_or("?", |o| o.name);
        Err(format!("stage `{first}` failed"))
    }
}

fn banner(name: &str) {
    println!("\n==> {name}");
}

fn stages_with<'a>(root: &'a Path, tools: &'a setup::Tools) -> Vec<(&'static str, StageFn<'a>)> {
    let in_root = move |mut cmd: Command| {
        cmd.current_dir(root);
        cmd
    };
    vec![
        (
            "fmt",
            Box::new(move || proc::tee(in_root(cargo()).args(["fmt", "--all", "--check"]))),
        ),
        (
            "clippy",
            Box::new(move || {
                proc::tee(
                    in_root(cargo())
                        .args(["clippy", "--workspace", "--all-targets", "--"])
                        .args(["-D", "warnings"]),
                )
            }),
        ),
        (
            "native tests",
            Box::new(move || {
                proc::tee(in_root(cargo()).args(["test", "--workspace", "--no-fail-fast"]))
            }),
        ),
        (
            "wasm tests",
            Box::new(move || {
                let path = prepend_path(&tools.bin_dir);
                proc::tee(
                    in_root(cargo())
                        .args([
                            "test",
                            "-p",
                            "lightbulb-web",
                            "--target",
                            setup::WASM_TARGET,
                        ])
                        .env("PATH", path)
                        .env("CHROMEDRIVER", setup::CHROMEDRIVER)
                        // The soak test runs a million steps in one test.
                        .env("WASM_BINDGEN_TEST_TIMEOUT", "300"),
                )
            }),
        ),
        (
            "wasm build",
            Box::new(move || {
                // Runs in this process; shaped like a command's result.
                let result = setup::build_web(root, tools);
                if let Err(e) = &result {
                    say(e);
                }
                Ok(Captured {
                    success: result.is_ok(),
                    lines: Vec::new(),
                })
            }),
        ),
        (
            "e2e",
            Box::new(move || {
                let files = e2e_files(&root.join("tests"))?;
                if files.is_empty() {
                    return Err("no tests/*.test.mjs found".into());
                }
                let exe = std::env::current_exe().map_err(|e| format!("current_exe: {e}"))?;
                proc::tee(
                    in_root(Command::new("node"))
                        .args(["--test", "--test-reporter=spec"])
                        .args(files)
                        .env("LIGHTBULB_XTASK", exe)
                        .env("LIGHTBULB_ROOT", root),
                )
            }),
        ),
    ]
}

/// PATH with `dir` first.
fn prepend_path(dir: &Path) -> std::ffi::OsString {
    let mut paths = vec![dir.to_path_buf()];
    if let Some(old) = std::env::var_os("PATH") {
        paths.extend(std::env::split_paths(&old));
    }
    std::env::join_paths(paths).unwrap_or_else(|_| dir.as_os_str().to_owned())
}

/// Every `*.test.mjs` / `*.test.js` under tests/, outside node_modules, sorted.
pub fn e2e_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(dir) = todo.pop() {
        let entries = fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                if name != "node_modules" && !name.starts_with('.') {
                    todo.push(path);
                }
            } else if name.ends_with(".test.mjs") || name.ends_with(".test.js") {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Counts a stage's checks from its output: cargo's `test result:` lines and node's
/// `pass N` / `fail N` summary. A stage with no such lines (fmt, clippy, a build)
/// is one check. A failed stage counts at least one failure.
pub fn count(captured: &Captured) -> Counts {
    let mut counts = Counts::default();
    let mut seen = false;
    for line in &captured.lines {
        if let Some(c) = parse_line(line) {
            counts.passed += c.passed;
            counts.failed += c.failed;
            seen = true;
        }
    }
    if !seen {
        counts = if captured.success {
            Counts {
                passed: 1,
                failed: 0,
            }
        } else {
            Counts {
                passed: 0,
                failed: 1,
            }
        };
    }
    if !captured.success && counts.failed == 0 {
        counts.failed = 1;
    }
    counts
}

fn parse_line(line: &str) -> Option<Counts> {
    let line = line.trim();
    if let Some(rest) = line.strip_prefix("test result:") {
        // test result: ok. 3 passed; 0 failed; 1 ignored; ...
        let mut counts = Counts::default();
        for part in rest.split([';', '.']) {
            let mut words = part.split_whitespace();
            if let (Some(n), Some(what)) = (words.next(), words.next()) {
                match (n.parse::<u64>(), what) {
                    (Ok(n), "passed") => counts.passed = n,
                    (Ok(n), "failed") => counts.failed = n,
                    _ => {}
                }
            }
        }
        return Some(counts);
    }
    // node --test: `ℹ pass 3` (spec reporter) or `# pass 3` (tap reporter).
    let rest = line
        .strip_prefix("ℹ ")
        .or_else(|| line.strip_prefix("# "))?;
    let mut words = rest.split_whitespace();
    let (what, n, end) = (words.next()?, words.next()?, words.next());
    let n: u64 = n.parse().ok()?;
    match (what, end) {
        ("pass", None) => Some(Counts {
            passed: n,
            failed: 0,
        }),
        ("fail", None) => Some(Counts {
            passed: 0,
            failed: n,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn captured(success: bool, text: &str) -> Captured {
        Captured {
            success,
            lines: text.lines().map(String::from).collect(),
        }
    }

    #[test]
    fn counts_cargo_test_results() {
        let out = "running 2 tests\n\
                   test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\n\
                   test result: FAILED. 4 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out\n";
        assert_eq!(
            count(&captured(false, out)),
            Counts {
                passed: 6,
                failed: 1
            }
        );
    }

    #[test]
    fn counts_node_test_summaries() {
        let spec = "ℹ tests 5\nℹ suites 0\nℹ pass 4\nℹ fail 1\nℹ cancelled 0\n";
        assert_eq!(
            count(&captured(false, spec)),
            Counts {
                passed: 4,
                failed: 1
            }
        );
        let tap = "# tests 3\n# pass 3\n# fail 0\n";
        assert_eq!(
            count(&captured(true, tap)),
            Counts {
                passed: 3,
                failed: 0
            }
        );
    }

    #[test]
    fn a_stage_without_tests_is_one_check() {
        assert_eq!(
            count(&captured(true, "all good")),
            Counts {
                passed: 1,
                failed: 0
            }
        );
        assert_eq!(
            count(&captured(false, "Diff in x.rs")),
            Counts {
                passed: 0,
                failed: 1
            }
        );
    }

    #[test]
    fn a_failed_stage_counts_a_failure_even_when_its_tests_passed() {
        let out = "test result: ok. 3 passed; 0 failed;\nerror: could not compile `x`\n";
        assert_eq!(
            count(&captured(false, out)),
            Counts {
                passed: 3,
                failed: 1
            }
        );
    }

    #[test]
    fn ignores_lines_that_only_look_similar() {
        assert_eq!(parse_line("# pass the salt"), None);
        assert_eq!(parse_line("ℹ duration_ms 120.5"), None);
        assert_eq!(parse_line("pass 3"), None);
    }
}
