//! Installing what the commands need, each step skipped when already done, and
//! building the page's wasm into `www/pkg/`.

use std::fs;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::proc::{self, cargo};
use crate::{say, target_dir, Result};

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
const WEB_CRATE: &str = "lightbulb-web";
const WEB_LIB: &str = "lightbulb_web";

/// Paths of the installed tools.
pub struct Tools {
    /// `target/tools/bin`: wasm-bindgen and wasm-bindgen-test-runner.
    pub bin_dir: PathBuf,
    /// `tests/node_modules/.bin/wasm-opt` (npm's binaryen, never Debian's).
    pub wasm_opt: PathBuf,
}

/// Everything `serve`, `dist` and `bench` need: the wasm target, wasm-bindgen-cli
/// and the npm packages.
pub fn tools(root: &Path) -> Result<Tools> {
    ensure_wasm_target()?;
    let bin_dir = ensure_wasm_bindgen(root)?;
    let wasm_opt = ensure_node_modules(root)?;
    Ok(Tools { bin_dir, wasm_opt })
}

/// `rustup target add wasm32-unknown-unknown` unless the sysroot already has it.
pub fn ensure_wasm_target() -> Result<()> {
    let sysroot = proc::output(Command::new("rustc").args(["--print", "sysroot"]))?;
    let lib = Path::new(&sysroot).join("lib/rustlib").join(WASM_TARGET);
    if lib.is_dir() {
        return Ok(());
    }
    say(format!("installing the {WASM_TARGET} target"));
    proc::run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

/// The version of `name` in Cargo.lock.
pub fn locked_version(lock: &str, name: &str) -> Option<String> {
    let wanted = format!("name = \"{name}\"");
    let mut lines = lock.lines().map(str::trim);
    while let Some(line) = lines.next() {
        if line == wanted {
            let version = lines
                .next()?
                .strip_prefix("version = \"")?
                .strip_suffix('"')?;
            return Some(version.to_string());
        }
    }
    None
}

/// wasm-bindgen-cli at exactly the Cargo.lock version of wasm-bindgen, installed with
/// `cargo install --locked --root target/tools`. Returns its bin directory.
pub fn ensure_wasm_bindgen(root: &Path) -> Result<PathBuf> {
    let lock = fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let version =
        locked_version(&lock, "wasm-bindgen").ok_or("Cargo.lock has no wasm-bindgen package")?;
    let tools = root.join("target/tools");
    let bin_dir = tools.join("bin");
    let wasm_bindgen = bin_dir.join("wasm-bindgen");
    let installed = proc::output(Command::new(&wasm_bindgen).arg("--version")).ok();
    let runner = bin_dir.join("wasm-bindgen-test-runner");
    if installed.as_deref() == Some(&format!("wasm-bindgen {version}")) && runner.is_file() {
        return Ok(bin_dir);
    }
    say(format!(
        "installing wasm-bindgen-cli {version} into {} (takes a few minutes, once)",
        tools.display()
    ));
    // A debug build of the CLI without debug info installs in half the time of a
    // release build, and its output is the same.
    proc::run(
        cargo()
            .args([
                "install",
                "wasm-bindgen-cli",
                "--locked",
                "--debug",
                "--force",
            ])
            .args(["--version", &version, "--root"])
            .arg(&tools)
            .env("CARGO_PROFILE_DEV_DEBUG", "false"),
    )?;
    Ok(bin_dir)
}

/// `npm ci` in tests/ unless node_modules matches package-lock.json (a copy of
/// the lock file is kept in node_modules as the stamp). Returns npm's wasm-opt.
pub fn ensure_node_modules(root: &Path) -> Result<PathBuf> {
    let tests = root.join("tests");
    let lock = fs::read(tests.join("package-lock.json"))
        .map_err(|e| format!("cannot read tests/package-lock.json: {e}"))?;
    let modules = tests.join("node_modules");
    let stamp = modules.join(".lightbulb-lock-stamp");
    let wasm_opt = modules.join(".bin/wasm-opt");
    if fs::read(&stamp).ok().as_deref() == Some(&lock[..]) && wasm_opt.is_file() {
        return Ok(wasm_opt);
    }
    say("installing the npm packages of tests/ (npm ci)");
    proc::run(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&tests),
    )
    .map_err(|e| format!("{e} (is node with npm installed?)"))?;
    fs::write(&stamp, &lock).map_err(|e| format!("cannot write {}: {e}", stamp.display()))?;
    Ok(wasm_opt)
}

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Debian's chromium and chromium-driver, through apt-get when missing.
pub fn ensure_chromium() -> Result<()> {
    if Path::new(CHROMIUM).is_file() && Path::new(CHROMEDRIVER).is_file() {
        return Ok(());
    }
    say("installing chromium and chromium-driver with apt-get");
    let root = proc::output(Command::new("id").arg("-u")).is_ok_and(|uid| uid == "0");
    let apt = |args: &[&str]| {
        let mut cmd = if root {
            Command::new("apt-get")
        } else {
            let mut sudo = Command::new("sudo");
            sudo.arg("apt-get");
            sudo
        };
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        proc::run(&mut cmd)
    };
    apt(&["update"])?;
    apt(&["install", "-y", "chromium", "chromium-driver"])
}

/// The wasm the page ships: no cargo features, into www/pkg/.
pub const PAGE_BUILD: WebBuild = WebBuild {
    features: "",
    out_dir: "www/pkg",
};

/// The wasm the bench page loads: with the `bench` feature's handles, into
/// www/pkg-bench/, so the shipped build never carries them.
pub const BENCH_BUILD: WebBuild = WebBuild {
    features: "bench",
    out_dir: "www/pkg-bench",
};

/// One build of lightbulb-web for the browser.
#[derive(Clone, Copy, Debug)]
pub struct WebBuild {
    /// Cargo features, comma-separated ("" for none).
    pub features: &'static str,
    /// Where wasm-bindgen writes, relative to the root.
    pub out_dir: &'static str,
}

/// Builds the page's wasm ([`PAGE_BUILD`]).
pub fn build_web(root: &Path, tools: &Tools) -> Result<()> {
    crate::lessons::write_index(root)?;
    build_web_as(root, tools, PAGE_BUILD)?;
    crate::digits_file::copy(root)?;
    crate::shell::write(root)
}

/// Builds lightbulb-web for wasm32 in release mode with `build.features`, then
/// wasm-bindgen --target web into `build.out_dir` and wasm-opt -Oz. The last two
/// are skipped when their input and tools are unchanged (a stamp in the out dir).
pub fn build_web_as(root: &Path, tools: &Tools, build: WebBuild) -> Result<()> {
    let mut command = cargo();
    command
        .args([
            "build",
            "--release",
            "-p",
            WEB_CRATE,
            "--target",
            WASM_TARGET,
        ])
        .current_dir(root);
    if !build.features.is_empty() {
        command.args(["--features", build.features]);
    }
    proc::run(&mut command)?;
    let input = target_dir(root)
        .join(WASM_TARGET)
        .join("release")
        .join(format!("{WEB_LIB}.wasm"));
    let bytes = fs::read(&input).map_err(|e| format!("cannot read {}: {e}", input.display()))?;
    let pkg = root.join(build.out_dir);
    let stamp_path = pkg.join(".build-stamp");
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write(&bytes);
    hasher.write(&fs::read(root.join("Cargo.lock")).unwrap_or_default());
    hasher.write(&fs::read(root.join("tests/package-lock.json")).unwrap_or_default());
    let stamp = format!("{:016x} {}\n", hasher.finish(), bytes.len());
    let outputs = [format!("{WEB_LIB}.js"), format!("{WEB_LIB}_bg.wasm")];
    let fresh = fs::read_to_string(&stamp_path).ok().as_deref() == Some(&stamp[..])
        && outputs.iter().all(|f| pkg.join(f).is_file());
    if fresh {
        say(format!("{} is up to date", build.out_dir));
        return Ok(());
    }
    if pkg.exists() {
        fs::remove_dir_all(&pkg).map_err(|e| format!("cannot clear {}: {e}", pkg.display()))?;
    }
    say(format!("wasm-bindgen --target web -> {}", build.out_dir));
    proc::run(
        Command::new(tools.bin_dir.join("wasm-bindgen"))
            .args(["--target", "web", "--out-dir"])
            .arg(&pkg)
            .arg(&input),
    )?;
    let wasm = pkg.join(format!("{WEB_LIB}_bg.wasm"));
    say("wasm-opt -Oz (npm binaryen)");
    proc::run(
        Command::new(&tools.wasm_opt)
            .args(WASM_OPT_FLAGS)
            .arg(&wasm)
            .arg("-o")
            .arg(&wasm),
    )?;
    fs::write(&stamp_path, stamp).map_err(|e| format!("cannot write stamp: {e}"))?;
    Ok(())
}

/// The wasm features rustc enables by default for wasm32-unknown-unknown, which
/// wasm-opt must accept and keep.
const WASM_OPT_FLAGS: &[&str] = &[
    "-Oz",
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
    // 128-bit SIMD, enabled for rustc in .cargo/config.toml.
    "--enable-simd",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_locked_version() {
        let lock = "[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"0.1.0\"\n\n\
                    [[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.129\"\nsource = \"x\"\n";
        assert_eq!(
            locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.129")
        );
        assert_eq!(locked_version(lock, "serde"), None);
    }

    #[test]
    fn the_real_lock_pins_wasm_bindgen() {
        let lock = fs::read_to_string(crate::workspace_root().join("Cargo.lock")).unwrap();
        assert!(locked_version(&lock, "wasm-bindgen").is_some());
    }
}
