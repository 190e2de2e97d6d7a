//! `cargo xtask`: the project's build and test driver.
//!
//! ```text
//! cargo xtask serve [--port N] [--host H] [--dir D] [--no-build]
//! cargo xtask build
//! cargo xtask test
//! cargo xtask dist
//! cargo xtask bench [--against REV] [-- CRITERION_ARGS]
//! cargo xtask fuzz <target> [--seconds N] | --list
//! ```
//!
//! Every command installs what it needs (the wasm32 target, wasm-bindgen-cli at the
//! version in Cargo.lock under `target/tools`, the npm packages of `tests/`, and for
//! `test` Debian's chromium) and skips what is already there.

mod bench;
mod digits_file;
mod dist;
mod fuzz;
mod lessons;
mod proc;
mod serve;
mod setup;
mod shell;
mod test;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Errors are plain messages: xtask prints them and exits non-zero.
pub type Result<T> = std::result::Result<T, String>;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  serve [--port N] [--host H] [--dir D] [--no-build] [--threads N]
          build the page and serve it (default http://127.0.0.1:8000/)
  build   build the page's wasm into www/pkg/ (what serve does before serving)
  test    run every check: fmt, clippy, native tests, wasm tests, wasm build, e2e
  dist    write a self-contained static site to dist/
  bench [--against REV] [-- ARGS]
          run the criterion benchmarks (ARGS go to criterion, e.g. `-- --quick`)
          and every tests/bench/*.mjs against a freshly built page; --against
          also builds git revision REV (e.g. main) and times the play frames
          and the slider drag of both builds in alternating rounds
  fuzz <target> [--seconds N] [-- LIBFUZZER_ARGS]
          run a cargo-fuzz target of fuzz/ on nightly (default 600 s);
          `fuzz --list` lists the targets
  help    print this";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let root = workspace_root();
    let result = match command.as_str() {
        "serve" => serve::Options::parse(rest, &root).and_then(|o| serve::command(&root, o)),
        "test" => no_args(rest).and_then(|()| test::command(&root)),
        "dist" => no_args(rest).and_then(|()| dist::command(&root)),
        "build" => no_args(rest).and_then(|()| {
            let tools = setup::tools(&root)?;
            setup::build_web(&root, &tools)
        }),
        "bench" => bench::Options::parse(rest).and_then(|o| bench::command(&root, o)),
        "fuzz" => fuzz::Options::parse(rest).and_then(|o| fuzz::command(&root, o)),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command {other:?}\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn no_args(rest: &[String]) -> Result<()> {
    match rest.first() {
        None => Ok(()),
        Some(arg) => Err(format!("unexpected argument {arg:?}\n\n{USAGE}")),
    }
}

/// The top of the repository: two levels above this crate's manifest. `cargo run`
/// sets CARGO_MANIFEST_DIR at run time; the compile-time value covers running the
/// binary directly (as the e2e tests do).
pub fn workspace_root() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .filter(|p| p.ends_with("crates/xtask"))
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    let root = manifest.join("../..");
    root.canonicalize().unwrap_or(root)
}

/// Where cargo puts build output: CARGO_TARGET_DIR, or `target/` at the top.
pub fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root.join(dir),
        None => root.join("target"),
    }
}

/// Prints a progress line of xtask's own (on stderr, so stdout stays machine-readable).
pub fn say(message: impl std::fmt::Display) {
    eprintln!("xtask: {message}");
}
