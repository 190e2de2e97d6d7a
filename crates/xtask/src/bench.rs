//! `cargo xtask bench`: the criterion benchmarks of lightbulb-core, then every
//! `tests/bench/*.mjs`, each run with node and LIGHTBULB_URL set to a running server.
//!
//! `--against REV` also builds the bench wasm of another revision into
//! `www/pkg-bench-before/`, from a temporary `git worktree` under
//! `target/bench-before/`, and sets LIGHTBULB_BENCH_COMPARE=1 for the scripts:
//! tests/bench/frame.mjs then times both builds in the same browser, in
//! alternating rounds.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::proc::{self, cargo};
use crate::{say, serve, setup, Result};

/// Where the bench wasm of `--against` goes (git-ignored); tests/bench/frame.mjs
/// reads its `REVISION` file.
pub const BEFORE_OUT: &str = "www/pkg-bench-before";

/// The worktree of `--against` (`tree/`, removed after the build) and its cargo
/// output (`target/`, kept, so the next run rebuilds only the workspace crates).
const BEFORE_DIR: &str = "target/bench-before";

/// What `cargo xtask bench` was asked to do.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// `--against REV`: the revision to compare the working tree with.
    pub against: Option<String>,
    /// Passed on to the criterion benchmarks (a filter, `--quick`, `--test`).
    pub criterion_args: Vec<String>,
}

impl Options {
    /// `[--against REV] [--] [CRITERION_ARGS]`: everything after `--`, or after
    /// the options when there is no `--`, goes to criterion.
    pub fn parse(args: &[String]) -> Result<Options> {
        let mut options = Options::default();
        let mut rest = args;
        while let Some((arg, tail)) = rest.split_first() {
            let (rev, tail) = if arg == "--against" {
                let (rev, tail) = tail
                    .split_first()
                    .ok_or("--against needs a git revision (e.g. --against main)")?;
                (rev.as_str(), tail)
            } else if let Some(rev) = arg.strip_prefix("--against=") {
                (rev, tail)
            } else {
                if arg == "--" {
                    rest = tail;
                }
                break;
            };
            if rev.is_empty() || rev.starts_with('-') {
                return Err(format!("--against needs a git revision, not {rev:?}"));
            }
            if options.against.is_some() {
                return Err("--against is given twice".into());
            }
            options.against = Some(rev.to_string());
            rest = tail;
        }
        options.criterion_args = rest.to_vec();
        Ok(options)
    }
}

pub fn command(root: &Path, options: Options) -> Result<()> {
    let mut bench = cargo();
    bench
        .args(["bench", "-p", "lightbulb-core"])
        .current_dir(root);
    if !options.criterion_args.is_empty() {
        bench.arg("--").args(&options.criterion_args);
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
    if let Some(rev) = &options.against {
        build_before(root, &tools, rev)?;
    }
    setup::build_web_as(root, &tools, setup::BENCH_BUILD)?;
    let mut options_serve = serve::Options::new(root);
    options_serve.port = 0;
    let server = serve::start(&options_serve)?;
    let compare = if options.against.is_some() { "1" } else { "0" };
    let mut result = Ok(());
    for script in &scripts {
        say(format!(
            "node {} (LIGHTBULB_URL={}, LIGHTBULB_BENCH_COMPARE={compare})",
            script.display(),
            server.url
        ));
        result = proc::run(
            Command::new("node")
                .arg(script)
                .current_dir(root)
                .env("LIGHTBULB_URL", &server.url)
                .env("LIGHTBULB_ROOT", root)
                .env("LIGHTBULB_BENCH_COMPARE", compare),
        );
        if result.is_err() {
            break;
        }
    }
    server.stop();
    result
}

fn git(root: &Path, args: &[&str]) -> Result<String> {
    proc::output(Command::new("git").arg("-C").arg(root).args(args))
}

/// Builds the bench wasm of `rev` into [`BEFORE_OUT`], with setup.rs's own
/// build (cargo, wasm-bindgen, wasm-opt) run in a temporary worktree of it, and
/// writes `BEFORE_OUT/REVISION`: "<rev as given> <short sha>".
fn build_before(root: &Path, tools: &setup::Tools, rev: &str) -> Result<()> {
    let sha = git(
        root,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .map_err(|_| format!("--against {rev:?} is not a commit of this repository"))?;
    let short = git(root, &["rev-parse", "--short", &sha])?;
    say(format!("--against {rev}: building {short} in a worktree"));
    let base = root.join(BEFORE_DIR);
    let kept_target = base.join("target");
    fs::create_dir_all(&kept_target)
        .map_err(|e| format!("cannot create {}: {e}", kept_target.display()))?;
    let tree = Worktree::add(root, &base.join("tree"), &sha)?;
    link_dir(&kept_target, &tree.path.join("target"))?;

    // wasm-bindgen-cli must be the version the revision's Cargo.lock pins; when
    // that is not ours, setup.rs installs it under the revision's target/tools,
    // which is the kept target directory.
    let read_lock = |dir: &Path| fs::read_to_string(dir.join("Cargo.lock")).unwrap_or_default();
    let theirs = setup::locked_version(&read_lock(&tree.path), "wasm-bindgen");
    let ours = setup::locked_version(&read_lock(root), "wasm-bindgen");
    let bin_dir = if theirs == ours {
        tools.bin_dir.clone()
    } else {
        say(format!(
            "{short} pins wasm-bindgen {theirs:?}, this tree {ours:?}: installing its CLI"
        ));
        setup::ensure_wasm_bindgen(&tree.path)?
    };
    if fs::read(tree.path.join(".cargo/config.toml")).ok()
        != fs::read(root.join(".cargo/config.toml")).ok()
    {
        // Cargo merges the config files of every parent directory, and the
        // worktree is inside this tree: its wasm rustflags would be joined with ours.
        say(format!(
            "warning: {short}'s .cargo/config.toml differs from this tree's; cargo \
             merges the two for its build (arrays are joined)"
        ));
    }
    let before_tools = setup::Tools {
        bin_dir,
        wasm_opt: tools.wasm_opt.clone(),
    };
    setup::build_web_as(&tree.path, &before_tools, setup::BENCH_BUILD)?;

    let out = root.join(BEFORE_OUT);
    if out.exists() {
        fs::remove_dir_all(&out).map_err(|e| format!("cannot clear {}: {e}", out.display()))?;
    }
    fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let built = tree.path.join(setup::BENCH_BUILD.out_dir);
    for entry in
        fs::read_dir(&built).map_err(|e| format!("cannot read {}: {e}", built.display()))?
    {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_file() {
            let name = path.file_name().expect("a file has a name");
            fs::copy(&path, out.join(name))
                .map_err(|e| format!("cannot copy {}: {e}", path.display()))?;
        }
    }
    fs::write(out.join("REVISION"), format!("{rev} {short}\n"))
        .map_err(|e| format!("cannot write {BEFORE_OUT}/REVISION: {e}"))?;
    tree.remove()?;
    say(format!("{BEFORE_OUT}: {rev} ({short})"));
    Ok(())
}

/// `link` becomes a symbolic link to `dir` (elsewhere than on Unix, nothing: the
/// revision's cargo output then goes with its worktree).
fn link_dir(dir: &Path, link: &Path) -> Result<()> {
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir, link)
        .map_err(|e| format!("cannot link {}: {e}", link.display()))?;
    #[cfg(not(unix))]
    let _ = (dir, link);
    Ok(())
}

/// A detached `git worktree`, removed when dropped (also on errors) unless
/// [`Worktree::remove`] already did.
struct Worktree {
    root: PathBuf,
    path: PathBuf,
    removed: bool,
}

impl Worktree {
    /// `git worktree add --detach path sha`, after removing what a run that
    /// was interrupted left at `path`.
    fn add(root: &Path, path: &Path, sha: &str) -> Result<Worktree> {
        let mut tree = Worktree {
            root: root.to_path_buf(),
            path: path.to_path_buf(),
            removed: false,
        };
        if path.exists() {
            tree.remove_now()?;
        }
        git(root, &["worktree", "prune"])?;
        let path_str = path.to_str().ok_or("the worktree path is not UTF-8")?;
        git(
            root,
            &["worktree", "add", "--detach", "--quiet", path_str, sha],
        )?;
        tree.removed = false;
        Ok(tree)
    }

    fn remove(mut self) -> Result<()> {
        self.remove_now()
    }

    fn remove_now(&mut self) -> Result<()> {
        self.removed = true;
        // The kept cargo output is linked in as target/: unlink it first so that
        // nothing below deletes through it.
        let link = self.path.join("target");
        if link.is_symlink() {
            fs::remove_file(&link).map_err(|e| format!("cannot unlink {}: {e}", link.display()))?;
        }
        let path_str = self.path.to_str().ok_or("the worktree path is not UTF-8")?;
        if git(&self.root, &["worktree", "remove", "--force", path_str]).is_err()
            && self.path.exists()
        {
            fs::remove_dir_all(&self.path)
                .map_err(|e| format!("cannot remove {}: {e}", self.path.display()))?;
        }
        git(&self.root, &["worktree", "prune"]).map(drop)
    }
}

impl Drop for Worktree {
    fn drop(&mut self) {
        if !self.removed {
            if let Err(e) = self.remove_now() {
                say(format!("warning: {e}"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Options> {
        Options::parse(&args.iter().map(|a| a.to_string()).collect::<Vec<_>>())
    }

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|a| a.to_string()).collect()
    }

    #[test]
    fn parses_the_options() {
        assert_eq!(parse(&[]).unwrap(), Options::default());
        let criterion = parse(&["--", "--test"]).unwrap();
        assert_eq!(criterion.against, None);
        assert_eq!(criterion.criterion_args, strings(&["--test"]));
        // As before: arguments without `--` go to criterion too.
        assert_eq!(
            parse(&["epoch", "--quick"]).unwrap().criterion_args,
            strings(&["epoch", "--quick"])
        );
        let against = parse(&["--against", "main", "--", "--test"]).unwrap();
        assert_eq!(against.against.as_deref(), Some("main"));
        assert_eq!(against.criterion_args, strings(&["--test"]));
        let equals = parse(&["--against=abc123"]).unwrap();
        assert_eq!(equals.against.as_deref(), Some("abc123"));
        assert!(equals.criterion_args.is_empty());
        // After `--`, `--against` is criterion's.
        assert_eq!(
            parse(&["--", "--against", "x"]).unwrap().criterion_args,
            strings(&["--against", "x"])
        );
    }

    #[test]
    fn rejects_a_missing_or_repeated_revision() {
        assert!(parse(&["--against"]).is_err());
        assert!(parse(&["--against", "--", "--test"]).is_err());
        assert!(parse(&["--against="]).is_err());
        assert!(parse(&["--against", "a", "--against", "b"]).is_err());
    }
}
