//! Running child processes: plainly, or with their output both shown and kept.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

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

/// Where a command's output goes: straight to our stdout/stderr when live, or
/// held (in order) until [`Sink::go_live`], so that a stage running alongside
/// another prints its output after the earlier stage's, not mixed with it.
pub struct Sink {
    state: Mutex<SinkState>,
}

struct SinkState {
    live: bool,
    held: Vec<(bool, Vec<u8>)>,
}

impl Sink {
    /// A sink that prints at once.
    pub fn live() -> Arc<Sink> {
        Arc::new(Sink {
            state: Mutex::new(SinkState {
                live: true,
                held: Vec::new(),
            }),
        })
    }

    /// A sink that holds its output until `go_live`.
    pub fn held() -> Arc<Sink> {
        Arc::new(Sink {
            state: Mutex::new(SinkState {
                live: false,
                held: Vec::new(),
            }),
        })
    }

    /// Writes `bytes` to stdout (or stderr), now or when the sink goes live.
    pub fn write(&self, to_stderr: bool, bytes: &[u8]) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if state.live {
            emit(to_stderr, bytes);
        } else {
            state.held.push((to_stderr, bytes.to_vec()));
        }
    }

    /// A progress line of xtask's own, as [`crate::say`] prints it.
    pub fn say(&self, message: impl std::fmt::Display) {
        self.write(true, format!("xtask: {message}\n").as_bytes());
    }

    /// Prints `first`, then everything held, and from now on prints at once.
    pub fn go_live(&self, first: &str) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        emit(false, first.as_bytes());
        for (to_stderr, bytes) in std::mem::take(&mut state.held) {
            emit(to_stderr, &bytes);
        }
        state.live = true;
    }
}

fn emit(to_stderr: bool, bytes: &[u8]) {
    // print!/eprint! (not raw writes) so that tests capture it; stdout is
    // flushed so that held stdout and stderr lines keep their order.
    let text = String::from_utf8_lossy(bytes);
    if to_stderr {
        let _ = std::io::stdout().flush();
        eprint!("{text}");
    } else {
        print!("{text}");
        let _ = std::io::stdout().flush();
    }
}

/// Stops the commands of stages that will not be reported: every command
/// started through [`tee_to`] with this `Stop` is ended, with its whole
/// process tree (a test runner's browsers and servers too), when `stop` is
/// called, and none starts after that.
pub struct Stop {
    stopped: AtomicBool,
    running: Mutex<Vec<u32>>,
    /// How long SIGTERM has before SIGKILL.
    grace: Duration,
}

impl Stop {
    pub fn new() -> Arc<Stop> {
        Stop::with_grace(Duration::from_secs(5))
    }

    pub fn with_grace(grace: Duration) -> Arc<Stop> {
        Arc::new(Stop {
            stopped: AtomicBool::new(false),
            running: Mutex::new(Vec::new()),
            grace,
        })
    }

    /// Whether `stop` was called.
    pub fn is_stopped(&self) -> bool {
        self.stopped.load(Ordering::SeqCst)
    }

    /// Ends every running command and its descendants: SIGTERM, then SIGKILL
    /// for whatever is left after the grace time (a test runner may ignore
    /// SIGTERM while its browsers shut down).
    pub fn stop(&self) {
        let tree: Vec<u32> = {
            let running = self.running.lock().unwrap_or_else(PoisonError::into_inner);
            self.stopped.store(true, Ordering::SeqCst);
            running.iter().flat_map(|pid| process_tree(*pid)).collect()
        };
        end(&tree, self.grace);
    }

    /// Registers a started command; false (and the command is ended) if
    /// `stop` came first.
    fn register(&self, pid: u32) -> bool {
        let mut running = self.running.lock().unwrap_or_else(PoisonError::into_inner);
        if self.is_stopped() {
            drop(running);
            end(&process_tree(pid), self.grace);
            return false;
        }
        running.push(pid);
        true
    }

    fn unregister(&self, pid: u32) {
        let mut running = self.running.lock().unwrap_or_else(PoisonError::into_inner);
        running.retain(|p| *p != pid);
    }
}

/// `pid` and every process below it, found through /proc (where there is no
/// /proc, only `pid`).
fn process_tree(pid: u32) -> Vec<u32> {
    let mut tree = vec![pid];
    let mut parents: Vec<(u32, u32)> = Vec::new();
    if let Ok(entries) = std::fs::read_dir("/proc") {
        for entry in entries.flatten() {
            let Some(child) = entry
                .file_name()
                .to_str()
                .and_then(|n| n.parse::<u32>().ok())
            else {
                continue;
            };
            if let Some(ppid) = stat_field(child, 1).and_then(|p| p.parse::<u32>().ok()) {
                parents.push((child, ppid));
            }
        }
    }
    let mut i = 0;
    while let Some(&parent) = tree.get(i) {
        tree.extend(
            parents
                .iter()
                .filter(|(_, ppid)| *ppid == parent)
                .map(|(child, _)| *child),
        );
        i += 1;
    }
    tree
}

/// Field `n` after the command name in /proc/PID/stat (0: the state, 1: the
/// parent's pid).
fn stat_field(pid: u32, n: usize) -> Option<String> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
    let rest = stat.get(stat.rfind(')')? + 1..)?;
    rest.split_whitespace().nth(n).map(str::to_string)
}

/// Whether `pid` still runs (exists and is not a zombie); without /proc, false.
fn alive(pid: u32) -> bool {
    stat_field(pid, 0).is_some_and(|state| state != "Z")
}

/// SIGTERM to every process of `tree`; SIGKILL to those alive `grace` later.
fn end(tree: &[u32], grace: Duration) {
    let signal = |sig: &str, pids: &[u32]| {
        if pids.is_empty() {
            return;
        }
        let _ = Command::new("kill")
            .arg(sig)
            .args(pids.iter().map(u32::to_string))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    };
    signal("-TERM", tree);
    let deadline = Instant::now() + grace;
    loop {
        let left: Vec<u32> = tree.iter().copied().filter(|p| alive(*p)).collect();
        if left.is_empty() {
            return;
        }
        if Instant::now() >= deadline {
            signal("-KILL", &left);
            return;
        }
        thread::sleep(Duration::from_millis(50));
    }
}

/// Runs `cmd`, echoing its stdout and stderr as they come while keeping every line.
/// Fails only if the command cannot be started.
pub fn tee(cmd: &mut Command) -> Result<Captured> {
    tee_to(cmd, &Sink::live(), None)
}

/// [`tee`] into `sink`; with `stop`, the command can be ended from another
/// thread (it then fails).
pub fn tee_to(cmd: &mut Command, sink: &Arc<Sink>, stop: Option<&Stop>) -> Result<Captured> {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run `{}`: {e}", describe(cmd)))?;
    let pid = child.id();
    let registered = stop.map(|s| s.register(pid));
    let lines = Arc::new(Mutex::new(Vec::new()));
    let mut readers = Vec::new();
    if let Some(out) = child.stdout.take() {
        readers.push(pump(out, lines.clone(), sink.clone(), false));
    }
    if let Some(err) = child.stderr.take() {
        readers.push(pump(err, lines.clone(), sink.clone(), true));
    }
    let status = child.wait();
    if let (Some(stop), Some(true)) = (stop, registered) {
        stop.unregister(pid);
    }
    let status = status.map_err(|e| format!("waiting for `{}`: {e}", describe(cmd)))?;
    for reader in readers {
        let _ = reader.join();
    }
    let lines = std::mem::take(&mut *lines.lock().unwrap_or_else(PoisonError::into_inner));
    Ok(Captured {
        success: status.success(),
        lines,
    })
}

fn pump<R: Read + Send + 'static>(
    source: R,
    lines: Arc<Mutex<Vec<String>>>,
    sink: Arc<Sink>,
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
                    sink.write(to_stderr, &buf);
                    let line = String::from_utf8_lossy(&buf).trim_end().to_string();
                    lines
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .push(line);
                }
            }
        }
    })
}
