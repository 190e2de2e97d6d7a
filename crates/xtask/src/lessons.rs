//! The lesson index: `www/lessons/index.json` lists the lesson files in that
//! folder, so adding a lesson takes only its file. Written by every page
//! build (and so by `serve`, `test` and `dist`); not committed.

use std::fs;
use std::path::Path;

use crate::Result;

/// Writes `www/lessons/index.json`: the sorted names of `www/lessons/*.json`.
pub fn write_index(root: &Path) -> Result<()> {
    let dir = root.join("www/lessons");
    let mut names: Vec<String> = match fs::read_dir(&dir) {
        Ok(entries) => entries
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n.ends_with(".json") && n != "index.json")
            .filter(|n| {
                n.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
            })
            .collect(),
        Err(_) => return Ok(()),
    };
    names.sort();
    let list: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    let text = format!("[{}]\n", list.join(","));
    let path = dir.join("index.json");
    if fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}
