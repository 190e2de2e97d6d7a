//! The development server: tiny_http with a small pool of worker threads, serving
//! only `index.html` and the `www/` tree of one directory.
//!
//! Every request path goes through [`resolve`], a pure function: traversal (`..`,
//! `%2e%2e`), encoded separators (`%2f`, `%5c`), backslashes, empty segments
//! (absolute paths such as `//etc/passwd`), NUL and control bytes, dotfiles and
//! over-long URLs are refused before the file system is touched. What passes is
//! still checked, after following links, to lie inside the served directory.

use std::fs::File;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread;

use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

use crate::{say, setup, Result};

/// The longest request target answered; longer ones get 414.
pub const MAX_URL_LEN: usize = 8 * 1024;

/// The most header bytes (names and values) answered; more get 431.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

/// Top-level names that are served: the page and its front-end tree.
const SERVED_FILES: &[&str] = &["index.html"];
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

/// A server whose workers run in the background.
pub struct Running {
    pub url: String,
    pub addr: SocketAddr,
    server: Arc<Server>,
    workers: Vec<thread::JoinHandle<()>>,
}

impl Running {
    /// Blocks until the workers stop (they do not, unless [`Running::stop`] runs).
    pub fn wait(self) {
        for worker in self.workers {
            let _ = worker.join();
        }
    }

    /// Stops the workers and closes the socket.
    pub fn stop(self) {
        for _ in &self.workers {
            self.server.unblock();
        }
        self.wait();
    }
}

/// Binds `host:port` (port 0 picks a free one) and starts the worker threads.
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
    let server = Server::http(&bind).map_err(|e| format!("cannot listen on {bind}: {e}"))?;
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or("server has no IP address")?;
    let url = format!("http://{addr}/");
    let server = Arc::new(server);
    let dir = Arc::new(dir);
    let workers = (0..options.threads)
        .map(|_| {
            let server = server.clone();
            let dir = dir.clone();
            thread::spawn(move || {
                while let Ok(request) = server.recv() {
                    handle(&dir, request);
                }
            })
        })
        .collect();
    Ok(Running {
        url,
        addr,
        server,
        workers,
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
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "txt" | "md" | "ts" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn handle(dir: &Path, request: Request) {
    let (status, file) = match lookup(dir, &request) {
        Ok(found) => (200, Some(found)),
        Err(code) => (code, None),
    };
    let mut headers: Vec<Header> = [
        header("Cache-Control", "no-store"),
        header("X-Content-Type-Options", "nosniff"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let result = match file {
        Some((path, file)) => {
            headers.extend(header("Content-Type", mime_type(&path)));
            let mut response = Response::from_file(file);
            for h in headers {
                response.add_header(h);
            }
            request.respond(response)
        }
        None => {
            if status == 405 {
                headers.extend(header("Allow", "GET, HEAD"));
            }
            headers.extend(header("Content-Type", "text/plain; charset=utf-8"));
            let reason = StatusCode(status).default_reason_phrase();
            let mut response =
                Response::from_string(format!("{status} {reason}\n")).with_status_code(status);
            for h in headers {
                response.add_header(h);
            }
            request.respond(response)
        }
    };
    // A client that went away is not our problem.
    let _ = result;
}

fn lookup(dir: &Path, request: &Request) -> std::result::Result<(PathBuf, File), u16> {
    if !matches!(request.method(), Method::Get | Method::Head) {
        return Err(405);
    }
    let header_bytes: usize = request
        .headers()
        .iter()
        .map(|h| h.field.as_str().as_str().len() + h.value.as_str().len())
        .sum();
    if header_bytes > MAX_HEADER_BYTES {
        return Err(431);
    }
    let relative = resolve(request.url()).map_err(Refusal::status)?;
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
