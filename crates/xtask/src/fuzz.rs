//! `cargo xtask fuzz <target> [--seconds N] [-- LIBFUZZER_ARGS]`: runs one
//! cargo-fuzz target of `fuzz/` (libFuzzer, on the nightly toolchain) for a
//! while. Longer runs than the property tests of `cargo test`; not part of CI.
//!
//! Installs what it needs, each only when missing: the nightly toolchain
//! (`rustup toolchain install nightly --profile minimal`) and cargo-fuzz
//! (`cargo install cargo-fuzz --locked --root target/tools`). Then, in `fuzz/`:
//!
//! ```text
//! cargo +nightly fuzz run <target> corpus/<target> seeds/<target> -- \
//!     -max_total_time=N -dict=dicts/<dict> -print_final_stats=1
//! ```
//!
//! New inputs go to `fuzz/corpus/<target>` (git-ignored), crashes to
//! `fuzz/artifacts/<target>`. The last line is a summary: executions,
//! corpus size and whether it crashed.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::proc::{self, cargo};
use crate::{say, Result};

/// The targets (files `fuzz/fuzz_targets/<name>.rs`), their dictionaries and
/// what they read.
pub const TARGETS: [(&str, &str, &str); 6] = [
    (
        "model_file",
        "json.dict",
        "the model file (lightbulb_core::Model::from_json)",
    ),
    (
        "session_file",
        "json.dict",
        "the session file (lightbulb_core::Session::from_json)",
    ),
    (
        "csv",
        "csv.dict",
        "CSV paste (lightbulb_core::dataset::parse_csv)",
    ),
    (
        "url_hash",
        "url_hash.dict",
        "the URL hash (lightbulb_web::controller::PageState::from_hash)",
    ),
    (
        "batch_file",
        "json.dict",
        "the CLI's batch file (lightbulb_cli::batch::parse_text)",
    ),
    (
        "saved_page",
        "json.dict",
        "the page kept in the browser (lightbulb_web::controller::Controller::restore_saved)",
    ),
];

/// Default run time, in seconds.
pub const DEFAULT_SECONDS: u64 = 600;

/// What `cargo xtask fuzz` was asked to do.
#[derive(Debug, PartialEq)]
pub enum Options {
    /// Print the targets.
    List,
    /// Run one target.
    Run {
        target: String,
        seconds: u64,
        /// Passed on to libFuzzer.
        extra: Vec<String>,
    },
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Options> {
        let (args, extra) = match args.iter().position(|a| a == "--") {
            Some(i) => (&args[..i], args[i + 1..].to_vec()),
            None => (args, Vec::new()),
        };
        let mut target = None;
        let mut seconds = DEFAULT_SECONDS;
        let mut list = false;
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            match arg.as_str() {
                "--list" => list = true,
                "--seconds" => {
                    let value = it.next().ok_or("--seconds needs a number")?;
                    seconds =
                        value.parse().ok().filter(|s| *s > 0).ok_or_else(|| {
                            format!("--seconds: {value:?} is not a whole number > 0")
                        })?;
                }
                flag if flag.starts_with('-') => {
                    return Err(format!("fuzz: unknown option {flag:?}\n\n{}", usage()))
                }
                name if target.is_none() => target = Some(name.to_string()),
                other => return Err(format!("fuzz: unexpected argument {other:?}")),
            }
        }
        if list {
            return Ok(Options::List);
        }
        let target = target.ok_or_else(|| format!("fuzz: which target?\n\n{}", usage()))?;
        if !TARGETS.iter().any(|(name, ..)| *name == target) {
            return Err(format!(
                "fuzz: unknown target {target:?}; the targets are: {}",
                names().join(", ")
            ));
        }
        Ok(Options::Run {
            target,
            seconds,
            extra,
        })
    }
}

fn names() -> Vec<&'static str> {
    TARGETS.iter().map(|(name, ..)| *name).collect()
}

fn usage() -> String {
    format!(
        "usage: cargo xtask fuzz <target> [--seconds N] [-- LIBFUZZER_ARGS]\n       \
         cargo xtask fuzz --list\ntargets: {}",
        names().join(", ")
    )
}

pub fn command(root: &Path, options: Options) -> Result<()> {
    let (target, seconds, extra) = match options {
        Options::List => {
            for (name, _, what) in TARGETS {
                println!("{name:<14}{what}");
            }
            return Ok(());
        }
        Options::Run {
            target,
            seconds,
            extra,
        } => (target, seconds, extra),
    };
    let dict = TARGETS
        .iter()
        .find(|(name, ..)| *name == target)
        .map(|(_, dict, _)| *dict)
        .ok_or_else(|| format!("unknown target {target:?}"))?;
    ensure_nightly()?;
    let bin_dir = ensure_cargo_fuzz(root)?;
    let fuzz = root.join("fuzz");
    let corpus = format!("corpus/{target}");
    fs::create_dir_all(fuzz.join(&corpus))
        .map_err(|e| format!("cannot create fuzz/{corpus}: {e}"))?;
    let path = std::env::var_os("PATH").unwrap_or_default();
    let path = std::env::join_paths(std::iter::once(bin_dir).chain(std::env::split_paths(&path)))
        .map_err(|e| format!("cannot extend PATH: {e}"))?;
    let mut cmd = Command::new("rustup");
    cmd.args(["run", "nightly", "cargo", "fuzz", "run", &target, &corpus])
        .arg(format!("seeds/{target}"))
        .arg("--")
        .arg(format!("-max_total_time={seconds}"))
        .arg(format!("-dict=dicts/{dict}"))
        .arg("-print_final_stats=1")
        .args(&extra)
        .current_dir(&fuzz)
        .env("PATH", path)
        // The stable toolchain that runs xtask must not leak into nightly's cargo.
        .env_remove("CARGO")
        .env_remove("RUSTUP_TOOLCHAIN")
        .env_remove("RUSTC")
        .env_remove("RUSTDOC");
    say(format!(
        "fuzzing {target} for {seconds} s (cargo +nightly fuzz run {target}, in fuzz/)"
    ));
    let run = proc::tee(&mut cmd)?;
    let corpus_files = fs::read_dir(fuzz.join(&corpus)).map_or(0, |d| d.count());
    let executions = final_stat(&run.lines, "stat::number_of_executed_units")
        .map_or("?".to_string(), |n| n.to_string());
    let crashed = !run.success;
    say(format!(
        "fuzz {target}: {executions} executions in {seconds} s, corpus {corpus_files} files, {}",
        if crashed {
            "FAILED (see fuzz/artifacts/ and the output above)"
        } else {
            "no crash"
        }
    ));
    if crashed {
        Err(format!("fuzz target {target} failed"))
    } else {
        Ok(())
    }
}

/// The value of a `-print_final_stats` line, e.g. `stat::number_of_executed_units: 123`.
pub fn final_stat(lines: &[String], name: &str) -> Option<u64> {
    lines.iter().rev().find_map(|line| {
        line.trim()
            .strip_prefix(name)?
            .strip_prefix(':')?
            .trim()
            .parse()
            .ok()
    })
}

/// `rustup toolchain install nightly` unless rustup already has a nightly.
fn ensure_nightly() -> Result<()> {
    let list = proc::output(Command::new("rustup").args(["toolchain", "list"]))
        .map_err(|e| format!("{e} (fuzzing needs rustup and a nightly toolchain)"))?;
    if list.lines().any(|l| l.starts_with("nightly")) {
        return Ok(());
    }
    say("installing the nightly toolchain (rustup, minimal profile)");
    proc::run(Command::new("rustup").args([
        "toolchain",
        "install",
        "nightly",
        "--profile",
        "minimal",
    ]))
}

/// cargo-fuzz in `target/tools/bin`, installed there when missing. Returns the
/// bin directory.
fn ensure_cargo_fuzz(root: &Path) -> Result<std::path::PathBuf> {
    let tools = root.join("target/tools");
    let bin_dir = tools.join("bin");
    let exe = bin_dir.join("cargo-fuzz");
    if proc::output(Command::new(&exe).arg("--version")).is_ok() {
        return Ok(bin_dir);
    }
    say(format!(
        "installing cargo-fuzz into {} (a few minutes, once)",
        tools.display()
    ));
    proc::run(
        cargo()
            .args(["install", "cargo-fuzz", "--locked", "--root"])
            .arg(&tools),
    )?;
    Ok(bin_dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_targets_seconds_and_extra_arguments() {
        assert_eq!(Options::parse(&args(&["--list"])), Ok(Options::List));
        assert_eq!(
            Options::parse(&args(&["csv"])),
            Ok(Options::Run {
                target: "csv".into(),
                seconds: DEFAULT_SECONDS,
                extra: vec![],
            })
        );
        assert_eq!(
            Options::parse(&args(&["url_hash", "--seconds", "30", "--", "-jobs=2"])),
            Ok(Options::Run {
                target: "url_hash".into(),
                seconds: 30,
                extra: args(&["-jobs=2"]),
            })
        );
    }

    #[test]
    fn unknown_targets_and_bad_options_are_clear_errors() {
        let e = Options::parse(&args(&["modelfile"])).unwrap_err();
        assert!(e.contains("unknown target \"modelfile\""), "{e}");
        assert!(
            e.contains("model_file, session_file, csv, url_hash, batch_file"),
            "{e}"
        );
        for bad in [
            &["csv", "--seconds"][..],
            &["csv", "--seconds", "0"],
            &["csv", "--seconds", "x"],
            &["csv", "--bogus"],
            &["csv", "csv"],
            &[],
        ] {
            assert!(Options::parse(&args(bad)).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn every_target_has_its_file_dictionary_and_seeds() {
        let fuzz = crate::workspace_root().join("fuzz");
        let manifest = fs::read_to_string(fuzz.join("Cargo.toml")).unwrap();
        let mut files: Vec<String> = fs::read_dir(fuzz.join("fuzz_targets"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        files.sort();
        let mut expected: Vec<String> = names().iter().map(|n| format!("{n}.rs")).collect();
        expected.sort();
        assert_eq!(files, expected);
        for (name, dict, _) in TARGETS {
            assert!(manifest.contains(&format!("name = \"{name}\"")), "{name}");
            assert!(fuzz.join("dicts").join(dict).is_file(), "{dict}");
            assert!(fuzz.join("seeds").join(name).read_dir().unwrap().count() > 0);
        }
    }

    #[test]
    fn reads_libfuzzer_final_stats() {
        let lines = args(&[
            "#1024\tpulse  cov: 10 ft: 12 corp: 3/40b exec/s: 512 rss: 40Mb",
            "Done 2000 runs in 2 second(s)",
            "stat::number_of_executed_units: 2000",
            "stat::peak_rss_mb: 41",
        ]);
        assert_eq!(
            final_stat(&lines, "stat::number_of_executed_units"),
            Some(2000)
        );
        assert_eq!(final_stat(&lines, "stat::peak_rss_mb"), Some(41));
        assert_eq!(final_stat(&lines, "stat::nothing"), None);
    }
}
