//! `cargo xtask bench`: the criterion benchmarks of lightbulb-core, then every
//! `tests/bench/*.mjs`, each run with node and LIGHTBULB_URL set to a running server.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::proc::{self, cargo};
use crate::{say, serve, setup, Result};

/// `criterion_args` are passed on to the criterion benchmarks (a filter, `--quick`).
pub fn command(root: &Path, criterion_args: &[String]) -> Result<()> {
    let mut bench = cargo();
    bench
        .args(["bench", "-p", "lightbulb-core"])
        .current_dir(root);
    if !criterion_args.is_empty() {
        bench.arg("--").args(criterion_args);
    }
    proc::run(&mut bench)?;

    let dir = root.join("tests/bench");
    let mut scripts: Vec<_> = match fs::read_dir(&dir) {
        Ok(entries) => entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "mjs"))
            .collect(),
        Err(_) => Vec::new(),
    };
    scripts.sort();
    if scripts.is_empty() {
        say("no tests/bench/*.mjs: no browser benchmarks to run");
        return Ok(());
    }
    let tools = setup::tools(root)?;
    setup::ensure_chromium()?;
    setup::build_web_as(root, &tools, setup::BENCH_BUILD)?;
    let mut options = serve::Options::new(root);
    options.port = 0;
    let server = serve::start(&options)?;
    let mut result = Ok(());
    for script in &scripts {
        say(format!(
            "node {} (LIGHTBULB_URL={})",
            script.display(),
            server.url
        ));
        result = proc::run(
            Command::new("node")
                .arg(script)
                .current_dir(root)
                .env("LIGHTBULB_URL", &server.url)
                .env("LIGHTBULB_ROOT", root),
        );
        if result.is_err() {
            break;
        }
    }
    server.stop();
    result
}
