//! `cargo xtask test`: every check, stopping at the first failure, with the
//! time of each stage and one closing line `N passed, N failed`.
//!
//! fmt and clippy run first, one after the other. Then two lanes run side by
//! side, each in its order: native tests → wasm tests, and wasm build → e2e
//! (the wasm tests and the end-to-end tests each keep a browser busy, and
//! much of their time is spent waiting for frames and timers). The e2e files
//! run two at a time (or more, with more cores). Stages are
//! still reported in the order above, each with its own output: a stage's
//! output is held while an earlier stage's is being shown. When a stage
//! fails, every later stage is stopped (its whole process tree) or not
//! started, as if the stages had run one by one.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use crate::proc::{self, cargo, Captured, Sink, Stop};
use crate::{say, setup, Result};

/// Passed and failed checks of one stage.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
}

/// How a stage ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ended {
    /// It ran to the end (`ok`: it passed).
    Ran { ok: bool },
    /// An earlier stage failed while it was running: it was stopped.
    Stopped,
    /// It never started (an earlier stage failed).
    Skipped,
}

struct Outcome {
    name: &'static str,
    counts: Counts,
    ended: Ended,
    took: Duration,
    /// Ran alongside other stages.
    alongside: bool,
}

impl Outcome {
    fn failed(&self) -> bool {
        self.ended == Ended::Ran { ok: false }
    }
}

type StageFn<'a> = Box<dyn FnOnce(&Arc<Sink>, &Stop) -> Result<Captured> + Send + 'a>;

/// One stage: lane 0 runs first, stage after stage; then every other lane
/// runs alongside the others, its own stages in order.
struct Stage<'a> {
    name: &'static str,
    lane: usize,
    run: StageFn<'a>,
}

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
        ended: Ended::Ran {
            ok: setup_result.is_ok(),
        },
        took: started.elapsed(),
        alongside: false,
    });

    match &tools {
        Some(tools) => outcomes.extend(run_stages(&Stop::new(), stages_with(root, tools))),
        None => {
            let no_tools = setup::Tools {
                bin_dir: PathBuf::new(),
                wasm_opt: PathBuf::new(),
            };
            outcomes.extend(stages_with(root, &no_tools).iter().map(|s| Outcome {
                name: s.name,
                counts: Counts::default(),
                ended: Ended::Skipped,
                took: Duration::ZERO,
                alongside: false,
            }));
        }
    }

    println!();
    println!("stage               result        passed  failed     time");
    for o in &outcomes {
        let result = match o.ended {
            Ended::Ran { ok: true } => "ok",
            Ended::Ran { ok: false } => "FAILED",
            Ended::Stopped => "stopped",
            Ended::Skipped => {
                println!("{:<18}  skipped", o.name);
                continue;
            }
        };
        println!(
            "{:<18}  {:<12}  {:>6}  {:>6}  {:>6.1} s{}",
            o.name,
            result,
            o.counts.passed,
            o.counts.failed,
            o.took.as_secs_f64(),
            if o.alongside { "  ∥" } else { "" }
        );
    }
    if outcomes.iter().any(|o| o.alongside) {
        println!("∥ ran alongside each other: native tests → wasm tests | wasm build → e2e");
    }
    println!("total time {:.1} s", total.elapsed().as_secs_f64());
    let passed: u64 = outcomes.iter().map(|o| o.counts.passed).sum();
    let failed: u64 = outcomes.iter().map(|o| o.counts.failed).sum();
    println!("{passed} passed, {failed} failed");
    match outcomes.iter().find(|o| o.failed()) {
        None => Ok(()),
        Some(first) => Err(format!("stage `{}` failed", first.name)),
    }
}

fn banner(name: &str) {
    println!("\n==> {name}");
}

/// What a lane thread leaves for the reporting thread.
#[derive(Default)]
struct Slot {
    started: Option<Instant>,
    /// Counts, whether it passed, when it ended; None: not started or running.
    ended: Option<(Counts, Ended, Instant)>,
}

struct Shared {
    slots: Mutex<Vec<Slot>>,
    changed: Condvar,
}

impl Shared {
    fn update(&self, i: usize, f: impl FnOnce(&mut Slot)) {
        let mut slots = self.slots.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(slot) = slots.get_mut(i) {
            f(slot);
        }
        self.changed.notify_all();
    }
}

/// Runs the stages (lane 0 first, then the other lanes side by side) and
/// reports them in their order. Returns an outcome for every stage.
fn run_stages(stop: &Stop, stages: Vec<Stage<'_>>) -> Vec<Outcome> {
    let n = stages.len();
    let names: Vec<&'static str> = stages.iter().map(|s| s.name).collect();
    let first_len = stages.iter().take_while(|s| s.lane == 0).count();
    let sinks: Vec<Arc<Sink>> = (0..n).map(|_| Sink::held()).collect();
    let shared = Shared {
        slots: Mutex::new((0..n).map(|_| Slot::default()).collect()),
        changed: Condvar::new(),
    };
    let mut lanes: Vec<Vec<(usize, StageFn<'_>)>> = Vec::new();
    for (i, stage) in stages.into_iter().enumerate() {
        if lanes.len() <= stage.lane {
            lanes.resize_with(stage.lane + 1, Vec::new);
        }
        if let Some(lane) = lanes.get_mut(stage.lane) {
            lane.push((i, stage.run));
        }
    }
    let mut lanes = lanes.into_iter();
    let lane0 = lanes.next().unwrap_or_default();
    let others: Vec<_> = lanes.filter(|l| !l.is_empty()).collect();
    let alongside = others.len() > 1;

    // A lane's stages in order; after a failure (in this lane, or reported
    // by `stop`) the rest are skipped.
    let run_lane = |lane: Vec<(usize, StageFn<'_>)>| {
        let mut lane_failed = false;
        for (i, run) in lane {
            let (Some(sink), Some(name)) = (sinks.get(i), names.get(i)) else {
                continue;
            };
            if lane_failed || stop.is_stopped() {
                shared.update(i, |s| {
                    s.ended = Some((Counts::default(), Ended::Skipped, Instant::now()));
                });
                continue;
            }
            shared.update(i, |s| s.started = Some(Instant::now()));
            let (counts, ok) = match run(sink, stop) {
                Ok(captured) => (count(&captured), captured.success),
                Err(e) => {
                    sink.say(format!("{name}: {e}"));
                    (
                        Counts {
                            passed: 0,
                            failed: 1,
                        },
                        false,
                    )
                }
            };
            let ended = if !ok && stop.is_stopped() {
                Ended::Stopped
            } else {
                Ended::Ran { ok }
            };
            lane_failed = !ok;
            shared.update(i, |s| s.ended = Some((counts, ended, Instant::now())));
        }
    };

    thread::scope(|scope| {
        let mut handles = vec![scope.spawn(move || run_lane(lane0))];
        let mut others = Some(others);
        let mut failed = false;
        let mut outcomes = Vec::new();
        for (i, (name, sink)) in names.iter().zip(&sinks).enumerate() {
            if i == first_len && !failed {
                // Lane 0 has passed: the other lanes start, side by side.
                for lane in others.take().unwrap_or_default() {
                    handles.push(scope.spawn(move || run_lane(lane)));
                }
            }
            if i >= first_len && others.is_some() {
                // Lane 0 failed: the other lanes never started.
                outcomes.push(Outcome {
                    name,
                    counts: Counts::default(),
                    ended: Ended::Skipped,
                    took: Duration::ZERO,
                    alongside: false,
                });
                continue;
            }
            if !failed {
                // Its output from now on, after what it held so far.
                let started = shared
                    .slots
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .get(i)
                    .and_then(|s| s.started);
                let note = match started.map(|t| t.elapsed().as_secs_f64()) {
                    Some(s) if s >= 1.0 => {
                        format!(" (running alongside for {s:.1} s; its output so far follows)")
                    }
                    _ => String::new(),
                };
                sink.go_live(&format!("\n==> {name}{note}\n"));
            }
            let (started, (counts, ended, at)) = {
                let mut slots = shared.slots.lock().unwrap_or_else(PoisonError::into_inner);
                loop {
                    let slot = slots.get(i);
                    if let Some(ended) = slot.and_then(|s| s.ended) {
                        break (slot.and_then(|s| s.started), ended);
                    }
                    slots = shared
                        .changed
                        .wait(slots)
                        .unwrap_or_else(PoisonError::into_inner);
                }
            };
            if failed {
                match ended {
                    // It ended before the failure: its output belongs in the log.
                    Ended::Ran { .. } => sink.go_live(&format!(
                        "\n==> {name} (it ended before an earlier stage failed)\n"
                    )),
                    Ended::Stopped => println!("\n==> {name}: stopped, an earlier stage failed"),
                    Ended::Skipped => {}
                }
            }
            let outcome = Outcome {
                name,
                // A stopped stage's partial output counts nothing.
                counts: if ended == Ended::Stopped {
                    Counts::default()
                } else {
                    counts
                },
                ended,
                took: started.map_or(Duration::ZERO, |s| at.saturating_duration_since(s)),
                alongside: alongside && i >= first_len,
            };
            if outcome.failed() && !failed {
                failed = true;
                stop.stop();
            }
            outcomes.push(outcome);
        }
        for handle in handles {
            let _ = handle.join();
        }
        outcomes
    })
}

fn stages_with<'a>(root: &'a Path, tools: &'a setup::Tools) -> Vec<Stage<'a>> {
    let in_root = move |mut cmd: Command| {
        cmd.current_dir(root);
        cmd
    };
    let exe = std::env::current_exe().map_err(|e| format!("current_exe: {e}"));
    let build_exe = exe.clone();
    vec![
        Stage {
            name: "fmt",
            lane: 0,
            run: Box::new(move |sink, stop| {
                proc::tee_to(
                    in_root(cargo()).args(["fmt", "--all", "--check"]),
                    sink,
                    Some(stop),
                )
            }),
        },
        Stage {
            name: "clippy",
            lane: 0,
            run: Box::new(move |sink, stop| {
                proc::tee_to(
                    in_root(cargo())
                        .args([
                            "clippy",
                            "--workspace",
                            "--all-targets",
                            "--all-features",
                            "--",
                        ])
                        .args(["-D", "warnings"]),
                    sink,
                    Some(stop),
                )
            }),
        },
        Stage {
            name: "native tests",
            lane: 1,
            run: Box::new(move |sink, stop| {
                proc::tee_to(
                    in_root(cargo()).args(["test", "--workspace", "--no-fail-fast"]),
                    sink,
                    Some(stop),
                )
            }),
        },
        Stage {
            name: "wasm tests",
            lane: 1,
            run: Box::new(move |sink, stop| {
                let path = prepend_path(&tools.bin_dir);
                proc::tee_to(
                    in_root(cargo())
                        .args([
                            "test",
                            "-p",
                            "lightbulb-web",
                            "--features",
                            "bench",
                            "--target",
                            setup::WASM_TARGET,
                        ])
                        .env("PATH", path)
                        .env("CHROMEDRIVER", setup::CHROMEDRIVER)
                        // The soak tests run a million steps each in one test.
                        .env("WASM_BINDGEN_TEST_TIMEOUT", "300"),
                    sink,
                    Some(stop),
                )
            }),
        },
        Stage {
            name: "wasm build",
            lane: 2,
            // `xtask build`: the same as `serve` builds, in a process of its
            // own so that its output can be held. Then the `lightbulb`
            // command, which an end-to-end test runs on a step the page
            // exported (the same binary `cargo test` builds).
            run: Box::new(move |sink, stop| {
                proc::tee_to(
                    in_root(Command::new(build_exe?)).arg("build"),
                    sink,
                    Some(stop),
                )?;
                proc::tee_to(
                    in_root(cargo()).args(["build", "-p", "lightbulb-cli"]),
                    sink,
                    Some(stop),
                )
            }),
        },
        Stage {
            name: "e2e",
            lane: 2,
            run: Box::new(move |sink, stop| {
                let durations = root.join("target").join(E2E_DURATIONS);
                let mut files = e2e_files(&root.join("tests"))?;
                longest_first(
                    &mut files,
                    &fs::read_to_string(&durations).unwrap_or_default(),
                );
                if files.is_empty() {
                    return Err("no tests/*.test.mjs found".into());
                }
                let exe = exe?;
                // Test files side by side: one more than the cores, since
                // much of a file's time is spent waiting for animation frames
                // and timers. On the 2-core machine, e2e alone: two files at
                // a time left the CPU 16 % idle (161 s), three 5 % (153 s).
                let cores = thread::available_parallelism().map_or(1, usize::from);
                let concurrency = format!("--test-concurrency={}", (cores + 1).max(3));
                proc::tee_to(
                    in_root(Command::new("node"))
                        .args(["--test", &concurrency])
                        .args(["--test-reporter=spec", "--test-reporter-destination=stdout"])
                        .arg("--test-reporter=./tests/support/durations-reporter.mjs")
                        .arg(format!(
                            "--test-reporter-destination={}",
                            durations.display()
                        ))
                        .args(files)
                        .env("LIGHTBULB_XTASK", exe)
                        .env("LIGHTBULB_ROOT", root),
                    sink,
                    Some(stop),
                )
            }),
        },
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

/// Where the e2e stage writes how long each test file took (under `target/`),
/// read by the next run to order the files.
const E2E_DURATIONS: &str = "e2e-durations.json";

/// Orders `files` longest first by the durations of the last run (`json`, as
/// `tests/support/durations-reporter.mjs` writes it: file name → ms). Files
/// it does not know go first (they may be long), in their order; without a
/// readable record the order stays as it is. Running side by side, the
/// longest files then start first and the run does not end waiting for one
/// long file started last.
pub fn longest_first(files: &mut [PathBuf], json: &str) {
    let known: Vec<(String, f64)> = json
        .lines()
        .filter_map(|line| {
            let (name, ms) = line.trim().trim_end_matches(',').split_once("\":")?;
            let name = name.trim().strip_prefix('"')?;
            Some((name.to_string(), ms.trim().parse::<f64>().ok()?))
        })
        .collect();
    let took = |f: &PathBuf| {
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned());
        known
            .iter()
            .find(|(k, _)| Some(k) == name.as_ref())
            .map_or(f64::INFINITY, |(_, ms)| *ms)
    };
    // Stable: equal (or unknown) durations keep their order.
    files.sort_by(|a, b| took(b).total_cmp(&took(a)));
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

    /// A stage that prints a line and passes or fails with `tests` checks.
    fn fake(name: &'static str, lane: usize, ok: bool, tests: u64) -> Stage<'static> {
        Stage {
            name,
            lane,
            run: Box::new(move |sink, _| {
                sink.write(false, format!("{name} runs\n").as_bytes());
                Ok(captured(
                    ok,
                    &format!(
                        "test result: x. {} passed; {} failed;",
                        if ok { tests } else { 0 },
                        u64::from(!ok)
                    ),
                ))
            }),
        }
    }

    /// A stage whose command sleeps for `seconds`, a second at a time, in a
    /// shell that ignores SIGTERM (as a busy test runner may).
    fn sleeper(name: &'static str, lane: usize, seconds: u32) -> Stage<'static> {
        Stage {
            name,
            lane,
            run: Box::new(move |sink, stop| {
                proc::tee_to(
                    Command::new("sh").arg("-c").arg(format!(
                        "trap '' TERM; i=0; while [ $i -lt {seconds} ]; do sleep 1; i=$((i+1)); done; \
                         echo 'test result: ok. 1 passed; 0 failed;'"
                    )),
                    sink,
                    Some(stop),
                )
            }),
        }
    }

    fn summary(outcomes: &[Outcome]) -> Vec<(&'static str, Ended, u64, u64)> {
        outcomes
            .iter()
            .map(|o| (o.name, o.ended, o.counts.passed, o.counts.failed))
            .collect()
    }

    const OK: Ended = Ended::Ran { ok: true };
    const FAILED: Ended = Ended::Ran { ok: false };

    #[test]
    fn e2e_files_start_longest_first_and_unknown_files_first_of_all() {
        let paths = |names: &[&str]| -> Vec<PathBuf> {
            names.iter().map(|n| Path::new("tests").join(n)).collect()
        };
        // As the reporter writes it (JSON.stringify with one space of indent).
        let json =
            "{\n \"a.test.mjs\": 1200.5,\n \"b.test.mjs\": 95000,\n \"c.test.mjs\": 30000.25\n}\n";
        let mut files = paths(&["a.test.mjs", "b.test.mjs", "c.test.mjs", "new.test.mjs"]);
        longest_first(&mut files, json);
        assert_eq!(
            files,
            paths(&["new.test.mjs", "b.test.mjs", "c.test.mjs", "a.test.mjs"])
        );
        // No record (a fresh clone) or an unreadable one: the order is kept.
        for json in ["", "not json", "{\"a.test.mjs\": \"soon\"}"] {
            let mut files = paths(&["a.test.mjs", "b.test.mjs"]);
            longest_first(&mut files, json);
            assert_eq!(files, paths(&["a.test.mjs", "b.test.mjs"]), "{json:?}");
        }
    }

    #[test]
    fn every_stage_is_reported_in_order_with_its_counts() {
        let outcomes = run_stages(
            &Stop::with_grace(Duration::from_millis(300)),
            vec![
                fake("a", 0, true, 1),
                fake("b", 1, true, 2),
                fake("c", 1, true, 3),
                fake("d", 2, true, 4),
            ],
        );
        assert_eq!(
            summary(&outcomes),
            [
                ("a", OK, 1, 0),
                ("b", OK, 2, 0),
                ("c", OK, 3, 0),
                ("d", OK, 4, 0)
            ]
        );
        let alongside: Vec<bool> = outcomes.iter().map(|o| o.alongside).collect();
        assert_eq!(alongside, [false, true, true, true]);
    }

    #[test]
    fn a_failure_in_the_first_lane_starts_no_other_stage() {
        let outcomes = run_stages(
            &Stop::with_grace(Duration::from_millis(300)),
            vec![
                fake("fmt", 0, false, 0),
                fake("clippy", 0, true, 1),
                fake("b", 1, true, 2),
                fake("d", 2, true, 4),
            ],
        );
        assert_eq!(
            summary(&outcomes),
            [
                ("fmt", FAILED, 0, 1),
                ("clippy", Ended::Skipped, 0, 0),
                ("b", Ended::Skipped, 0, 0),
                ("d", Ended::Skipped, 0, 0)
            ]
        );
    }

    #[test]
    fn a_failure_stops_the_later_stages_running_alongside() {
        let started = Instant::now();
        let outcomes = run_stages(
            &Stop::with_grace(Duration::from_millis(300)),
            vec![
                fake("a", 0, true, 1),
                sleeper("b", 1, 1),
                fake("c", 1, false, 0),
                sleeper("d", 2, 60),
                fake("e", 2, true, 1),
            ],
        );
        assert_eq!(
            summary(&outcomes),
            [
                ("a", OK, 1, 0),
                ("b", OK, 1, 0),
                ("c", FAILED, 0, 1),
                ("d", Ended::Stopped, 0, 0),
                ("e", Ended::Skipped, 0, 0)
            ]
        );
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the sleeping stage was not stopped"
        );
    }

    #[test]
    fn a_later_failure_lets_the_earlier_stages_finish() {
        let outcomes = run_stages(
            &Stop::with_grace(Duration::from_millis(300)),
            vec![
                fake("a", 0, true, 1),
                sleeper("b", 1, 1),
                fake("c", 2, false, 0),
            ],
        );
        assert_eq!(
            summary(&outcomes),
            [("a", OK, 1, 0), ("b", OK, 1, 0), ("c", FAILED, 0, 1)]
        );
    }

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
