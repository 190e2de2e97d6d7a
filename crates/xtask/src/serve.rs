//! The development server: `std::net` connections, request heads parsed by
//! the `httparse` crate (hyper's parser), one short-lived thread per
//! connection and one request per connection (`Connection: close`), serving
//! only `index.html` and the `www/` tree of one directory.
//!
//! (It used tiny_http before; its connection pool could leave a browser's
//! fifth or sixth parallel keep-alive connection unserved for minutes, so a
//! page with a dozen modules and images never finished loading.)
//!
//! Every request path goes through [`resolve`], a pure function: traversal (`..`,
//! `%2e%2e`), encoded separators (`%2f`, `%5c`), backslashes, empty segments
//! (absolute paths such as `//etc/passwd`), NUL and control bytes, dotfiles and
//! over-long URLs are refused before the file system is touched. What passes is
//! still checked, after following links, to lie inside the served directory.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use crate::{say, setup, Result};

/// The longest request target answered; longer ones get 414.
pub const MAX_URL_LEN: usize = 8 * 1024;

/// The most header bytes (names and values) answered; more get 431.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

/// The most bytes of a request head (request line and headers) read at all;
/// past this the request gets 431 without reading further.
const MAX_HEAD_BYTES: usize = 1024 * 1024;
/// The most header lines parsed; more get 431.
const MAX_HEADERS: usize = 128;

/// How long a connection may take to send its request head.
const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// How long writing a response may stall.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// Connections served at once per `--threads`; past the total, new ones are
/// closed unanswered.
const CONNECTIONS_PER_THREAD: usize = 64;

/// Top-level names that are served: the page and its front-end tree.
const SERVED_FILES: &[&str] = &["index.html", "sw.js", "manifest.webmanifest"];
const SERVED_DIRS: &[&str] = &["www"];

/// Command-line options of `cargo xtask serve`.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub host: String,
    pub port: u16,
    pub dir: PathBuf,
    pub build: bool,
    pub threads: usize,
}

impl Options {
    pub fn new(root: &Path) -> Self {
        Options {
            host: "127.0.0.1".into(),
            port: 8000,
            dir: root.to_path_buf(),
            build: true,
            threads: 8,
        }
    }

    pub fn parse(args: &[String], root: &Path) -> Result<Self> {
        let mut options = Options::new(root);
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = |name: &str| {
                args.next()
                    .cloned()
                    .ok_or_else(|| format!("{name} needs a value"))
            };
            match arg.as_str() {
                "--port" => {
                    let v = value("--port")?;
                    options.port = v.parse().map_err(|_| format!("bad --port {v:?}"))?;
                }
                "--host" => options.host = value("--host")?,
                "--dir" => options.dir = root.join(value("--dir")?),
                "--threads" => {
                    let v = value("--threads")?;
                    options.threads = match v.parse() {
                        Ok(n) if (1..=256).contains(&n) => n,
                        _ => return Err(format!("bad --threads {v:?} (1..=256)")),
                    };
                }
                "--no-build" => options.build = false,
                other => return Err(format!("serve: unknown option {other:?}")),
            }
        }
        Ok(options)
    }
}

/// `cargo xtask serve`: build (unless --no-build), then serve until killed.
pub fn command(root: &Path, options: Options) -> Result<()> {
    if options.build {
        let tools = setup::tools(root)?;
        setup::build_web(root, &tools)?;
    }
    let running = start(&options)?;
    // The URL is the first line on stdout; tests and scripts read it from there.
    println!("Lightbulb is served at {}", running.url);
    say("press Ctrl-C to stop");
    if !running.addr.ip().is_loopback() {
        say(format!(
            "warning: listening on {}, reachable from other machines",
            running.addr.ip()
        ));
    }
    running.wait();
    Ok(())
}

/// A server whose acceptor runs in the background.
pub struct Running {
    pub url: String,
    pub addr: SocketAddr,
    stopping: Arc<AtomicBool>,
    acceptor: thread::JoinHandle<()>,
}

impl Running {
    /// Blocks until the server stops (it does not, unless [`Running::stop`] runs).
    pub fn wait(self) {
        let _ = self.acceptor.join();
    }

    /// Stops accepting and closes the socket (connections in flight finish).
    pub fn stop(self) {
        self.stopping.store(true, Ordering::SeqCst);
        // Wake the blocking accept() with a connection of our own.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        self.wait();
    }
}

/// Counts a live connection until dropped.
struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Binds `host:port` (port 0 picks a free one) and starts accepting.
pub fn start(options: &Options) -> Result<Running> {
    let dir = options
        .dir
        .canonicalize()
        .map_err(|e| format!("cannot serve {}: {e}", options.dir.display()))?;
    let bind = if options.host.contains(':') {
        format!(
            "[{}]:{}",
            options.host.trim_matches(['[', ']']),
            options.port
        )
    } else {
        format!("{}:{}", options.host, options.port)
    };
    let listener = TcpListener::bind(&bind).map_err(|e| format!("cannot listen on {bind}: {e}"))?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("server has no address: {e}"))?;
    let url = format!("http://{addr}/");
    let dir = Arc::new(dir);
    let stopping = Arc::new(AtomicBool::new(false));
    let max_live = options.threads.max(1) * CONNECTIONS_PER_THREAD;
    let acceptor = {
        let stopping = stopping.clone();
        let live = Arc::new(AtomicUsize::new(0));
        thread::spawn(move || {
            for stream in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else {
                    // Out of file descriptors or similar: let others finish.
                    thread::sleep(Duration::from_millis(10));
                    continue;
                };
                if live.fetch_add(1, Ordering::SeqCst) >= max_live {
                    live.fetch_sub(1, Ordering::SeqCst);
                    continue;
                }
                let slot = Slot(live.clone());
                let dir = dir.clone();
                // If the thread cannot start, the closure (and the slot) is dropped.
                let _ = thread::Builder::new().spawn(move || {
                    let _slot = slot;
                    serve_connection(&dir, stream);
                });
            }
        })
    };
    Ok(Running {
        url,
        addr,
        stopping,
        acceptor,
    })
}

/// Why a request path is not served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not a path we can read: bad percent-encoding, not UTF-8, control bytes.
    BadRequest,
    /// An attempt to leave the served files: `..`, encoded separators, `//`, NUL...
    Forbidden,
    /// A well-formed path that names nothing served (including directories).
    NotFound,
    /// Longer than [`MAX_URL_LEN`].
    UriTooLong,
}

impl Refusal {
    pub fn status(self) -> u16 {
        match self {
            Refusal::BadRequest => 400,
            Refusal::Forbidden => 403,
            Refusal::NotFound => 404,
            Refusal::UriTooLong => 414,
        }
    }
}

/// Maps a request target (`/www/main.js?x=1`) to a path relative to the served
/// directory, or says why not. Touches no file system.
pub fn resolve(target: &str) -> std::result::Result<PathBuf, Refusal> {
    if target.len() > MAX_URL_LEN {
        return Err(Refusal::UriTooLong);
    }
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let Some(path) = path.strip_prefix('/') else {
        return Err(Refusal::BadRequest);
    };
    if path.is_empty() {
        return Ok(PathBuf::from("index.html"));
    }
    let raw: Vec<&str> = path.split('/').collect();
    let mut segments = Vec::with_capacity(raw.len());
    for (i, raw_segment) in raw.iter().enumerate() {
        let segment = percent_decode(raw_segment)?;
        if segment.is_empty() {
            // A trailing slash asks for a directory (no listings); any other empty
            // segment makes an absolute path.
            return Err(if i + 1 == raw.len() {
                Refusal::NotFound
            } else {
                Refusal::Forbidden
            });
        }
        if segment.starts_with('.') || segment.contains(['/', '\\', ':', '\0']) {
            return Err(Refusal::Forbidden);
        }
        if segment.chars().any(char::is_control) {
            return Err(Refusal::BadRequest);
        }
        segments.push(segment);
    }
    let served = match segments.as_slice() {
        [file] => SERVED_FILES.contains(&file.as_str()),
        [dir, _, ..] => SERVED_DIRS.contains(&dir.as_str()),
        [] => false,
    };
    if !served {
        return Err(Refusal::NotFound);
    }
    Ok(segments.iter().collect())
}

/// Decodes `%XX` escapes. Malformed escapes and non-UTF-8 results are refused.
fn percent_decode(segment: &str) -> std::result::Result<String, Refusal> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).ok_or(Refusal::BadRequest)?;
            let hex = std::str::from_utf8(hex).map_err(|_| Refusal::BadRequest)?;
            let byte = u8::from_str_radix(hex, 16).map_err(|_| Refusal::BadRequest)?;
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| Refusal::BadRequest)
}

/// The Content-Type for a file name.
pub fn mime_type(path: &Path) -> &'static str {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "txt" | "md" | "ts" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// The standard reason phrase of the statuses this server sends.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        _ => "Error",
    }
}

/// What a request head says.
struct Head {
    method: String,
    target: String,
    /// Bytes of header names and values.
    header_bytes: usize,
}

/// Reads one request head and parses it with `httparse`. `Ok(None)`: the
/// client sent nothing and left (a browser's unused preconnection).
/// `Err(status)`: answer with that status.
fn read_head(reader: &mut impl BufRead) -> std::result::Result<Option<Head>, u16> {
    let mut buf: Vec<u8> = Vec::new();
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                return if buf.is_empty() { Ok(None) } else { Err(408) };
            }
            Err(_) => return Ok(None),
        };
        if chunk.is_empty() {
            return if buf.is_empty() { Ok(None) } else { Err(400) };
        }
        // Take bytes up to the end of the head at most; leave any body unread.
        let before = buf.len();
        buf.extend_from_slice(chunk);
        let end = find_head_end(&buf, before.saturating_sub(3));
        let taken = match end {
            Some(end) => end - before,
            None => chunk.len(),
        };
        reader.consume(taken);
        if let Some(end) = end {
            buf.truncate(end);
            break;
        }
        if buf.len() > MAX_HEAD_BYTES {
            return Err(431);
        }
    }
    let mut headers = vec![httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut headers);
    match request.parse(&buf) {
        Ok(httparse::Status::Complete(_)) => {}
        Ok(httparse::Status::Partial) => return Err(400),
        Err(httparse::Error::TooManyHeaders) => return Err(431),
        Err(_) => return Err(400),
    }
    let header_bytes = request
        .headers
        .iter()
        .map(|h| h.name.len() + h.value.len())
        .sum();
    match (request.method, request.path) {
        (Some(method), Some(target)) => Ok(Some(Head {
            method: method.to_string(),
            target: target.to_string(),
            header_bytes,
        })),
        _ => Err(400),
    }
}

/// Where the blank line ending a request head ends, searching from `from`.
fn find_head_end(buf: &[u8], from: usize) -> Option<usize> {
    buf.get(from..)?
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| from + i + 4)
}

/// Serves one request on a fresh connection, then closes it.
fn serve_connection(dir: &Path, stream: TcpStream) {
    let _ = stream.set_read_timeout(Some(READ_TIMEOUT));
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let _ = stream.set_nodelay(true);
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(read_half);
    let (status, head_only, file) = match read_head(&mut reader) {
        Ok(None) => return,
        Ok(Some(head)) => match lookup(dir, &head) {
            Ok(found) => (200, head.method == "HEAD", Some(found)),
            Err(code) => (code, head.method == "HEAD", None),
        },
        Err(code) => (code, false, None),
    };
    // A client that went away is not our problem.
    let _ = respond(&stream, status, head_only, file);
    finish(stream, reader);
}

fn respond(
    stream: &TcpStream,
    status: u16,
    head_only: bool,
    file: Option<(PathBuf, File)>,
) -> io::Result<()> {
    let mut out = BufWriter::new(stream);
    let (content_type, length, body): (&str, u64, Box<dyn Read>) = match file {
        Some((path, file)) => {
            let length = file.metadata()?.len();
            (mime_type(&path), length, Box::new(file))
        }
        None => {
            let text = format!("{status} {}\n", reason(status));
            (
                "text/plain; charset=utf-8",
                text.len() as u64,
                Box::new(io::Cursor::new(text.into_bytes())),
            )
        }
    };
    write!(
        out,
        "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {length}\r\n\
         Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        reason(status)
    )?;
    if status == 405 {
        out.write_all(b"Allow: GET, HEAD\r\n")?;
    }
    out.write_all(b"\r\n")?;
    if !head_only {
        io::copy(&mut body.take(length), &mut out)?;
    }
    out.flush()
}

/// Closes the connection gently: end our side, then drain what the client
/// still sends (a request body, the rest of an over-long head) so that the
/// close does not reset the connection before the client read the response.
fn finish(stream: TcpStream, mut reader: BufReader<TcpStream>) {
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    let _ = io::copy(
        &mut reader.by_ref().take(MAX_HEAD_BYTES as u64),
        &mut io::sink(),
    );
}

fn lookup(dir: &Path, head: &Head) -> std::result::Result<(PathBuf, File), u16> {
    if !matches!(head.method.as_str(), "GET" | "HEAD") {
        return Err(405);
    }
    if head.header_bytes > MAX_HEADER_BYTES {
        return Err(431);
    }
    let relative = resolve(&head.target).map_err(Refusal::status)?;
    let full = dir.join(&relative);
    // Links inside the tree must not lead out of it.
    let real = full.canonicalize().map_err(|_| 404u16)?;
    if !real.starts_with(dir) {
        return Err(403);
    }
    if !real.is_file() {
        return Err(404);
    }
    let file = File::open(&real).map_err(|_| 404u16)?;
    Ok((real, file))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(target: &str) -> String {
        resolve(target)
            .unwrap_or_else(|e| panic!("{target}: {e:?}"))
            .to_string_lossy()
            .into_owned()
    }

    #[test]
    fn serves_the_page_and_www() {
        assert_eq!(ok("/"), "index.html");
        assert_eq!(ok("/?cache=1"), "index.html");
        assert_eq!(ok("/index.html"), "index.html");
        assert_eq!(ok("/www/main.js"), "www/main.js");
        assert_eq!(
            ok("/www/pkg/lightbulb_web_bg.wasm#x"),
            "www/pkg/lightbulb_web_bg.wasm"
        );
        assert_eq!(ok("/www/a%20b.css"), "www/a b.css");
    }

    #[test]
    fn refuses_traversal() {
        for target in [
            "/..",
            "/../Cargo.toml",
            "/www/../Cargo.toml",
            "/www/../../etc/passwd",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E/",
            "/www/%2e%2e/Cargo.toml",
            "/www/.%2e/Cargo.toml",
            "/www/..%2fCargo.toml",
            "/www/%2f..%2fCargo.toml",
            "/www%2f..%2fCargo.toml",
            "/www/..%5cCargo.toml",
            "/..\\Cargo.toml",
            "/www\\..\\Cargo.toml",
            "//etc/passwd",
            "/www//etc/passwd",
            "/www/%00",
            "/www/main.js%00.html",
            "/www/C:%5cwindows",
            "/www/.hidden",
            "/www/pkg/.build-stamp",
            "/.git/config",
        ] {
            assert_eq!(resolve(target), Err(Refusal::Forbidden), "{target}");
        }
    }

    #[test]
    fn refuses_what_is_not_served() {
        for target in [
            "/Cargo.toml",
            "/crates/xtask/src/main.rs",
            "/www",
            "/www/",
            "/www/pkg/",
        ] {
            assert_eq!(resolve(target), Err(Refusal::NotFound), "{target}");
        }
    }

    #[test]
    fn refuses_malformed_paths() {
        for target in [
            "www/main.js",
            "http://x/index.html",
            "*",
            "/%",
            "/%zz",
            "/%ff",
            "/www/%0a",
        ] {
            assert_eq!(resolve(target), Err(Refusal::BadRequest), "{target}");
        }
    }

    #[test]
    fn refuses_long_urls() {
        let long = format!("/www/{}", "a".repeat(64 * 1024));
        assert_eq!(resolve(&long), Err(Refusal::UriTooLong));
    }

    #[test]
    fn serves_the_service_worker_and_the_manifest() {
        assert_eq!(ok("/sw.js"), "sw.js");
        assert_eq!(ok("/manifest.webmanifest"), "manifest.webmanifest");
        assert_eq!(
            mime_type(Path::new("sw.js")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(
            mime_type(Path::new("manifest.webmanifest")),
            "application/manifest+json"
        );
    }

    #[test]
    fn wasm_is_application_wasm() {
        assert_eq!(
            mime_type(Path::new("www/pkg/x_bg.wasm")),
            "application/wasm"
        );
        assert!(mime_type(Path::new("www/main.js")).starts_with("text/javascript"));
        assert!(mime_type(Path::new("index.html")).starts_with("text/html"));
    }

    #[test]
    fn options_default_to_loopback_port_8000() {
        let root = Path::new("/r");
        let o = Options::parse(&[], root).unwrap();
        assert_eq!(
            (o.host.as_str(), o.port, o.build),
            ("127.0.0.1", 8000, true)
        );
        let args: Vec<String> = ["--port", "0", "--no-build", "--dir", "dist"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let o = Options::parse(&args, root).unwrap();
        assert_eq!((o.port, o.build, o.dir), (0, false, root.join("dist")));
        assert!(Options::parse(&["--port".into(), "x".into()], root).is_err());
        assert!(Options::parse(&["--bogus".into()], root).is_err());
    }

    #[test]
    fn serves_files_over_http_and_refuses_others() {
        use std::io::{Read, Write};
        let dir = std::env::temp_dir().join(format!("xtask-serve-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("www")).unwrap();
        std::fs::write(dir.join("index.html"), "<p>hi</p>").unwrap();
        std::fs::write(dir.join("www/m_bg.wasm"), b"\0asm").unwrap();
        std::fs::write(dir.join("secret.txt"), "secret").unwrap();
        let mut options = Options::new(&dir);
        options.port = 0;
        options.threads = 2;
        let running = start(&options).unwrap();
        assert!(running.addr.ip().is_loopback());
        let get = |target: &str| {
            let mut s = std::net::TcpStream::connect(running.addr).unwrap();
            write!(
                s,
                "GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            )
            .unwrap();
            let mut text = String::new();
            s.read_to_string(&mut text).unwrap();
            text
        };
        let page = get("/");
        assert!(page.starts_with("HTTP/1.1 200"), "{page}");
        assert!(page.contains("<p>hi</p>"));
        let wasm = get("/www/m_bg.wasm");
        assert!(wasm.contains("Content-Type: application/wasm"), "{wasm}");
        for bad in [
            "/secret.txt",
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/www/",
        ] {
            let text = get(bad);
            assert!(!text.starts_with("HTTP/1.1 200"), "{bad}: {text}");
            assert!(
                !text.contains("secret\n") && !text.ends_with("secret"),
                "{bad}"
            );
        }
        running.stop();
        let _ = std::fs::remove_dir_all(&dir);
    }
}
