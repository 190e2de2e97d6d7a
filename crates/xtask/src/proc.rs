//! Running child processes: plainly, or with their output both shown and kept.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;

use crate::Result;

/// A readable rendering of a command, for messages.
pub fn describe(cmd: &Command) -> String {
    let mut text = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// The `cargo` that runs us (so the toolchain matches), or `cargo` from PATH.
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Runs `cmd` with inherited stdio; an error if it cannot start or exits non-zero.
pub fn run(cmd: &mut Command) -> Result<()> {
    let status = cmd
        .status()
        .map_err(|e| format!("cannot run `{}`: {e}", describe(cmd)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(cmd)))
    }
}

/// Runs `cmd` and returns its stdout, trimmed; stderr is passed through.
pub fn output(cmd: &mut Command) -> Result<String> {
    let out = cmd
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run `{}`: {e}", describe(cmd)))?;
    if !out.status.success() {
        return Err(format!("`{}` failed ({})", describe(cmd), out.status));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// What a command printed (stdout and stderr lines, interleaved as they came)
/// and whether it succeeded.
pub struct Captured {
    pub success: bool,
    pub lines: Vec<String>,
}

/// Runs `cmd`, echoing its stdout and stderr as they come while keeping every line.
/// Fails only if the command cannot be started.
pub fn tee(cmd: &mut Command) -> Result<Captured> {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run `{}`: {e}", describe(cmd)))?;
    let lines = Arc::new(Mutex::new(Vec::new()));
    let mut readers = Vec::new();
    if let Some(out) = child.stdout.take() {
        readers.push(pump(out, lines.clone(), false));
    }
    if let Some(err) = child.stderr.take() {
        readers.push(pump(err, lines.clone(), true));
    }
    let status = child
        .wait()
        .map_err(|e| format!("waiting for `{}`: {e}", describe(cmd)))?;
    for reader in readers {
        let _ = reader.join();
    }
    let lines = std::mem::take(&mut *lines.lock().unwrap_or_else(|p| p.into_inner()));
    Ok(Captured {
        success: status.success(),
        lines,
    })
}

fn pump<R: Read + Send + 'static>(
    source: R,
    lines: Arc<Mutex<Vec<String>>>,
    to_stderr: bool,
) -> thread::JoinHandle<()> {
    thread::spawn(move || {
        let mut reader = BufReader::new(source);
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match reader.read_until(b'\n', &mut buf) {
                Ok(0) | Err(_) => break,
                Ok(_) => {
                    let _ = if to_stderr {
                        std::io::stderr().write_all(&buf)
                    } else {
                        std::io::stdout().write_all(&buf)
                    };
                    let line = String::from_utf8_lossy(&buf).trim_end().to_string();
                    lines.lock().unwrap_or_else(|p| p.into_inner()).push(line);
                }
            }
        }
    })
}
