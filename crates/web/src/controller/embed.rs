//! An embedded page (`embed=play,step` in the link, e.g. in an `<iframe>`):
//! only the network and the controls the link names. The names are those of
//! [`EMBED_CONTROLS`]; an unknown one is left out and the notice says so.
//! An embedded page neither restores nor keeps a session (several embeds on
//! one page would overwrite each other's).
//!
//! `lock=inputs,reset` (on any page, embedded or not) shows the controls it
//! names but disabled: the controller refuses every change through them
//! ([`Controller::check_unlocked`]), whatever asks (a click, a key, a call).
//! Both keys stay in the page's hash, so a reload keeps them.

use super::setting_kind::clip;
use super::settings::{EMBED_CONTROLS, EMBED_KEY, LOCK_KEY};
use super::{ControlError, Controller};

/// What a hash says about embedding and locking.
#[derive(Debug, Default, PartialEq)]
pub struct EmbedKeys {
    /// The hash without `embed=…` and `lock=…`.
    pub rest: String,
    /// The controls shown (`embed=…`), `None` when the key is absent.
    pub names: Option<Vec<&'static str>>,
    /// The controls locked (`lock=…`).
    pub locked: Vec<&'static str>,
    /// Names that are not controls, and names `lock` cannot lock.
    pub unknown: Vec<String>,
}

/// The names of `value` (comma-separated) found in [`EMBED_CONTROLS`] (and
/// lockable when `lock`), each once, into `list`; the others into `unknown`.
fn names_into(value: &str, lock: bool, list: &mut Vec<&'static str>, unknown: &mut Vec<String>) {
    list.clear();
    for name in value.split(',').filter(|n| !n.is_empty()) {
        match EMBED_CONTROLS
            .iter()
            .find(|(n, _, lockable)| *n == name && (*lockable || !lock))
        {
            Some((n, _, _)) if !list.contains(n) => list.push(n),
            Some(_) => {}
            None => unknown.push(clip(name)),
        }
    }
}

/// Takes `embed=…` and `lock=…` out of a hash.
pub fn split(hash: &str) -> EmbedKeys {
    let body = hash.strip_prefix('#').unwrap_or(hash);
    let mut rest = Vec::new();
    let mut keys = EmbedKeys::default();
    for part in body.split('&') {
        match part.split_once('=') {
            Some((k, v)) if k == EMBED_KEY => {
                let list = keys.names.get_or_insert_with(Vec::new);
                names_into(v, false, list, &mut keys.unknown);
            }
            Some((k, v)) if k == LOCK_KEY => {
                names_into(v, true, &mut keys.locked, &mut keys.unknown);
            }
            _ if part == EMBED_KEY => keys.names = Some(Vec::new()),
            _ if part == LOCK_KEY => keys.locked.clear(),
            _ => rest.push(part),
        }
    }
    keys.rest = rest.join("&");
    keys
}

/// The notice for names that are not controls ("" for none).
pub fn notice(unknown: &[String]) -> String {
    if unknown.is_empty() {
        return String::new();
    }
    let known: Vec<&str> = EMBED_CONTROLS.iter().map(|(n, _, _)| *n).collect();
    let lockable: Vec<&str> = EMBED_CONTROLS
        .iter()
        .filter(|c| c.2)
        .map(|(n, _, _)| *n)
        .collect();
    format!(
        "The link's embed or lock names controls that do not exist or cannot be locked, left out: {} (there are {}; lock can name {}).",
        unknown.join(", "),
        known.join(", "),
        lockable.join(", ")
    )
}

/// The `embed=…` part of a hash for `names`.
pub fn key(names: &[&str]) -> String {
    format!("{EMBED_KEY}={}", names.join(","))
}

/// The `lock=…` part of a hash for `names`.
pub fn lock_key(names: &[&str]) -> String {
    format!("{LOCK_KEY}={}", names.join(","))
}

impl Controller {
    /// The controls the link locks (`lock=…`), empty for none.
    pub fn locked(&self) -> &[&'static str] {
        &self.locked
    }

    /// Fails when the link locks the control `name` (see the [module](self)).
    pub fn check_unlocked(&self, name: &'static str) -> Result<(), ControlError> {
        if self.locked.contains(&name) {
            return Err(ControlError::Locked(name));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::controller::Controller;

    #[test]
    fn the_embed_key_names_controls_and_stays_in_the_hash() {
        let keys = split("#dataset=xor&embed=play,step,nope,play&layers=3");
        assert_eq!(keys.rest, "dataset=xor&layers=3");
        assert_eq!(keys.names, Some(vec!["play", "step"]));
        assert_eq!(keys.unknown, vec!["nope".to_string()]);
        assert!(notice(&keys.unknown).contains("nope (there are play, step, phase"));
        let plain = split("dataset=xor");
        assert_eq!((plain.rest.as_str(), plain.names), ("dataset=xor", None));
        assert_eq!(split("embed=").names, Some(vec![]));
        assert_eq!(split("embed").names, Some(vec![]));

        let c = Controller::new("#dataset=xor&embed=phase,chart").unwrap();
        assert_eq!(c.embedded(), Some(&["phase", "chart"][..]));
        assert!(c.hash().ends_with("&embed=phase,chart"), "{}", c.hash());
        assert_eq!(c.notice(), "");
        assert_eq!(c.get("dataset").as_deref(), Some("xor"));
        // Nothing is kept for an embed.
        assert!(c.saved_page().unwrap().is_none());
        let plain = Controller::new("#dataset=xor").unwrap();
        assert_eq!(plain.embedded(), None);
        let text = plain.saved_page().unwrap().unwrap();
        let mut e = Controller::new("#dataset=xor&embed=play").unwrap();
        assert!(!e.restore_saved(&text, "#dataset=xor&embed=play").unwrap());
        let bad = Controller::new("#embed=play,zap").unwrap();
        assert!(bad.notice().contains("zap"), "{}", bad.notice());
    }

    #[test]
    fn the_lock_key_names_lockable_controls_only() {
        let keys = split("lock=inputs,chart,reset,inputs&dataset=xor&embed=play");
        assert_eq!(keys.rest, "dataset=xor");
        assert_eq!(keys.locked, vec!["inputs", "reset"]);
        assert_eq!(
            keys.unknown,
            vec!["chart".to_string()],
            "the chart has nothing to lock"
        );
        let n = notice(&keys.unknown);
        assert!(
            n.contains("lock can name play, step, phase, reset, inputs"),
            "{n}"
        );
    }

    /// A locked control changes nothing, whoever asks; the others still work;
    /// the lock stays in the hash.
    #[test]
    fn a_locked_control_changes_nothing() {
        let mut c =
            Controller::new("#dataset=xor&x=1,2&embed=play,step,inputs&lock=inputs,reset,phase")
                .unwrap();
        assert_eq!(c.locked(), &["inputs", "reset", "phase"][..]);
        assert!(
            c.hash()
                .ends_with("&embed=play,step,inputs&lock=inputs,reset,phase"),
            "{}",
            c.hash()
        );
        let x = c.get("x").unwrap();
        let err = c.set_input(3.0, -3.0).unwrap_err().to_string();
        assert!(err.contains("locked"), "{err}");
        assert!(c.set("x", "3,-3").is_err());
        assert!(c.set("x1", "3").is_err());
        assert_eq!(c.get("x").unwrap(), x);
        assert!(c.phase().is_err());
        assert!(c.phase_back().is_err());
        assert_eq!(c.scene().phase, crate::scene::Phase::Idle);
        c.frame(0.0).unwrap();
        c.step().unwrap();
        let mut t = 0.0;
        while c.steps() == 0 && t < 60_000.0 {
            t += 100.0;
            c.frame(t).unwrap();
        }
        assert_eq!(c.steps(), 1);
        let model = c.export_model();
        assert!(c.reset().is_err());
        assert_eq!(c.steps(), 1);
        assert_eq!(c.export_model(), model);
        // Unlocked settings still change.
        c.set("lr", "0.1").unwrap();
        // Play is not locked here; with it locked, play() does nothing.
        let mut p = Controller::new("#dataset=xor&lock=play").unwrap();
        p.play();
        assert!(!p.playing());
    }
}
