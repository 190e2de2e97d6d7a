//! The digits images for the page: `data/digits/digits.bin` copied to
//! `www/pkg/digits.bin` by every page build, so `serve`, `dist` and the
//! service worker's shell carry it. The page fetches it and hands the bytes
//! to the wasm, which does not embed them (the shipped wasm stays small).

use std::fs;
use std::path::Path;

use crate::Result;

/// Where the data lives in the repository.
pub const SOURCE: &str = "data/digits/digits.bin";
/// Where the page fetches it, relative to the site root.
pub const TARGET: &str = "www/pkg/digits.bin";

/// Copies the digits file into the page build (only when it differs).
pub fn copy(root: &Path) -> Result<()> {
    let from = root.join(SOURCE);
    let to = root.join(TARGET);
    let bytes = fs::read(&from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    if fs::read(&to).ok().as_deref() != Some(&bytes[..]) {
        fs::write(&to, &bytes).map_err(|e| format!("cannot write {}: {e}", to.display()))?;
    }
    Ok(())
}
