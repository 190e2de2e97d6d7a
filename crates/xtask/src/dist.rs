//! `cargo xtask dist`: a static site in dist/ that works from any static host.

use std::fs;
use std::path::Path;

use crate::{say, setup, Result};

/// What the site is made of, relative to the top of the repo.
const SITE: &[&str] = &["index.html", "sw.js", "manifest.webmanifest", "www"];

pub fn command(root: &Path) -> Result<()> {
    let tools = setup::tools(root)?;
    setup::build_web(root, &tools)?;
    let dist = root.join("dist");
    if dist.exists() {
        fs::remove_dir_all(&dist).map_err(|e| format!("cannot clear dist/: {e}"))?;
    }
    for item in SITE {
        copy(&root.join(item), &dist.join(item))?;
    }
    let remote = remote_references(&dist)?;
    if !remote.is_empty() {
        return Err(format!(
            "dist/ would load files from elsewhere, which a self-contained site must not:\n  {}",
            remote.join("\n  ")
        ));
    }
    let mut bytes = 0;
    walk(&dist, &mut |p| bytes += p.metadata().map_or(0, |m| m.len()))?;
    say(format!(
        "dist/ is ready ({} KiB); copy it to any static host, or try it with \
         `cargo xtask serve --no-build --dir dist`",
        bytes / 1024
    ));
    Ok(())
}

/// Copies a file or a directory tree, leaving out dotfiles (stamps, .gitignore).
fn copy(from: &Path, to: &Path) -> Result<()> {
    if from.is_dir() {
        fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
        let entries = fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
        for entry in entries.flatten() {
            if !entry.file_name().to_string_lossy().starts_with('.') {
                copy(&entry.path(), &to.join(entry.file_name()))?;
            }
        }
        Ok(())
    } else {
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        fs::copy(from, to)
            .map(|_| ())
            .map_err(|e| format!("cannot copy {}: {e}", from.display()))
    }
}

fn walk(dir: &Path, f: &mut dyn FnMut(&Path)) -> Result<()> {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, f)?;
        } else {
            f(&path);
        }
    }
    Ok(())
}

/// Lines of html/js/css files that load something by absolute URL (a CDN).
fn remote_references(dir: &Path) -> Result<Vec<String>> {
    let mut found = Vec::new();
    walk(dir, &mut |path| {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "html" | "js" | "mjs" | "css") {
            return;
        }
        let Ok(text) = fs::read_to_string(path) else {
            return;
        };
        for (i, line) in text.lines().enumerate() {
            if loads_remote(line) {
                found.push(format!("{}:{}: {}", path.display(), i + 1, line.trim()));
            }
        }
    })?;
    Ok(found)
}

fn loads_remote(line: &str) -> bool {
    let compact: String = line
        .split_whitespace()
        .collect::<String>()
        .to_ascii_lowercase();
    ["src=", "href=", "from", "import(", "url(", "fetch("]
        .iter()
        .any(|lead| {
            compact.match_indices(lead).any(|(at, _)| {
                let rest = compact[at + lead.len()..].trim_start_matches(['"', '\'', '`']);
                ["http:", "https:", "//"]
                    .iter()
                    .any(|p| rest.starts_with(p))
            })
        })
}

#[cfg(test)]
mod tests {
    use super::loads_remote;

    #[test]
    fn spots_cdn_loads() {
        assert!(loads_remote(
            r#"<script src="https://cdn.example/x.js"></script>"#
        ));
        assert!(loads_remote(
            r#"import x from 'https://cdn.example/x.mjs';"#
        ));
        assert!(loads_remote(r#"<link href="//cdn.example/x.css">"#));
        assert!(loads_remote("background: url(http://x/y.png);"));
        assert!(!loads_remote(
            r#"<script type="module" src="www/main.js"></script>"#
        ));
        assert!(!loads_remote(
            r#"import init from './pkg/lightbulb_web.js';"#
        ));
        assert!(!loads_remote(r#"<link rel="icon" href="data:,">"#));
    }
}
