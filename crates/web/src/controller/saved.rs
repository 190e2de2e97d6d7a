//! The page kept in the browser (localStorage), so that a reload loses
//! nothing: [`Controller::saved_page`] writes it, [`Controller::restore_saved`]
//! reads it back.
//!
//! A saved page is the [session file](lightbulb_core::Session::to_json),
//! unchanged (model with its optimizer state, dataset settings, every point,
//! counters, the loss history), in a small envelope that adds what the
//! session file does not hold: the page's own settings, as the URL hash
//! writes them (test points shown, the probe point, "follow one example", …).
//!
//! ```text
//! {"format": "lightbulb-saved-page", "version": 1, "hash": "dataset=xor&…", "session": {…}}
//! ```
//!
//! On the digits task the envelope also holds the digits network as a model
//! file (`"digits": {…}`: its weights and biases, seed and training
//! settings); it is loaded once the page has fetched the images. The digits
//! epoch counter and an optimizer's running averages are not kept.
//!
//! As with the session file, the timeline (the past steps the history
//! slider shows, kept branches, undo) is not kept: after a reload the history
//! starts at the restored step. The animation speed is not kept either.
//!
//! A saved page that is larger than [`SAVED_LIMIT`], is not this format, is
//! of another version or does not read as a valid session is refused, with
//! a message that says why; the page then stays as it was.

use super::{ControlError, Controller, PageState};
use lightbulb_core::json_read::{parse, At};
use lightbulb_core::Session;

/// The `format` value of a saved page.
pub const SAVED_FORMAT: &str = "lightbulb-saved-page";
/// The only version this build reads and writes.
pub const SAVED_VERSION: u64 = 1;
/// The largest saved page written or read, in bytes of text (2 MiB; browsers
/// give an origin about 5 million characters of localStorage).
pub const SAVED_LIMIT: usize = 2 << 20;

/// Why a saved page was not written or not restored.
#[derive(Debug, thiserror::Error)]
pub enum SavedError {
    /// Past [`SAVED_LIMIT`].
    #[error("it is {bytes} bytes, more than the {limit} bytes this browser keeps")]
    TooLarge {
        /// Its size.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// Not a saved page, or one written by another version.
    #[error("{0}")]
    Format(String),
    /// Its settings did not all read back.
    #[error("its settings could not all be read: {0}")]
    Settings(String),
    /// The session inside does not read (named by its JSON path).
    #[error("its session could not be read: {0}")]
    Session(#[from] lightbulb_core::Error),
    /// The controller refused it.
    #[error(transparent)]
    Control(#[from] ControlError),
}

fn check_size(bytes: usize) -> Result<(), SavedError> {
    if bytes > SAVED_LIMIT {
        return Err(SavedError::TooLarge {
            bytes,
            limit: SAVED_LIMIT,
        });
    }
    Ok(())
}

/// The settings and the session text of a saved page, checked for size,
/// format and version (the session itself is read by the caller).
fn read(text: &str) -> Result<(PageState, String, Option<String>), SavedError> {
    check_size(text.len())?;
    let value = parse(text)?;
    let root = At::root(&value);
    let map = root.object(&["format", "version", "hash", "session", "digits"])?;
    let format = root.field(map, "format")?;
    if format.str()? != SAVED_FORMAT {
        return Err(SavedError::Format(format!(
            "it is not a saved page (format {})",
            format.value
        )));
    }
    let version = root.field(map, "version")?.unsigned()?;
    if version != SAVED_VERSION {
        let age = if version < SAVED_VERSION {
            "an older"
        } else {
            "a newer"
        };
        return Err(SavedError::Format(format!(
            "it was saved by {age} version of Lightbulb (version {version}; this one reads {SAVED_VERSION})"
        )));
    }
    let hash = root.field(map, "hash")?.str()?;
    let (state, ignored) = PageState::from_hash(hash);
    if !ignored.is_empty() {
        return Err(SavedError::Settings(ignored.join("; ")));
    }
    let session = root.field(map, "session")?;
    let digits = root.optional(map, "digits").map(|d| d.value.to_string());
    Ok((state, session.value.to_string(), digits))
}

impl Controller {
    /// The page as it is kept in the browser (see the [module](self)), or
    /// `None` in learn mode (a lesson sets its own state, from its link) and
    /// in an embedded page (several on one page would overwrite each other).
    /// Fails past [`SAVED_LIMIT`].
    pub fn saved_page(&self) -> Result<Option<String>, SavedError> {
        if self.lesson.is_some() || self.embed.is_some() {
            return Ok(None);
        }
        let mut page = serde_json::json!({
            "format": SAVED_FORMAT,
            "version": SAVED_VERSION,
            "hash": self.state.to_hash(),
            "session": self.session.to_value(),
        });
        if let (Some(task), Some(map)) = (self.digits(), page.as_object_mut()) {
            map.insert(
                "digits".into(),
                task.model(self.state.config.seed).to_value(),
            );
        }
        let text = page.to_string();
        check_size(text.len())?;
        Ok(Some(text))
    }

    /// Restores a saved page, unless `link` (the URL hash the page was
    /// opened with) asks for other settings or carries points or a model
    /// (a share link): then the link wins and this
    /// returns `false` (the saved page is not read). An empty link, or one
    /// with the saved settings, restores it and returns `true`. On error
    /// nothing changes and the message says why the saved page was refused.
    pub fn restore_saved(&mut self, text: &str, link: &str) -> Result<bool, SavedError> {
        let (mut state, session_text, digits) = read(text)?;
        let link = link.strip_prefix('#').unwrap_or(link);
        let keys = super::embed::split(link);
        if keys.names.is_some() {
            return Ok(false);
        }
        let (settings, shared) = super::share::split(&keys.rest);
        let other = PageState::from_hash(&settings).0.to_hash() != state.to_hash();
        if !link.is_empty() && (other || !shared.is_empty()) {
            return Ok(false);
        }
        let session = Session::from_json(&session_text)?;
        if state.session_config() != *session.config() {
            // The session decides what trains; "follow" cannot be told apart.
            state.config = session.config().clone();
            state.follow = false;
        }
        if let Some(model) = &digits {
            // Checked now, loaded with the images (see `load_digits`).
            lightbulb_core::Model::from_json(model)?;
        }
        self.lesson = None;
        self.replace(state, session);
        self.keep_digits_model(digits)?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests;
