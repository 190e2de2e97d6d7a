//! An embedded page (`embed=play,step` in the link, e.g. in an `<iframe>`):
//! only the network and the controls the link names. The names are those of
//! [`EMBED_CONTROLS`]; an unknown one is left out and the notice says so.
//! An embedded page neither restores nor keeps a session (several embeds on
//! one page would overwrite each other's).

use super::setting_kind::clip;
use super::settings::{EMBED_CONTROLS, EMBED_KEY};

/// Takes `embed=…` out of a hash: the rest, the names it holds (`None`
/// when the key is absent) and the names that are not controls.
pub fn split(hash: &str) -> (String, Option<Vec<&'static str>>, Vec<String>) {
    let body = hash.strip_prefix('#').unwrap_or(hash);
    let mut rest = Vec::new();
    let mut names: Option<Vec<&'static str>> = None;
    let mut unknown = Vec::new();
    for part in body.split('&') {
        match part.split_once('=') {
            Some((k, v)) if k == EMBED_KEY => {
                let list = names.get_or_insert_with(Vec::new);
                list.clear();
                for name in v.split(',').filter(|n| !n.is_empty()) {
                    match EMBED_CONTROLS.iter().find(|(n, _)| *n == name) {
                        Some((n, _)) if !list.contains(n) => list.push(n),
                        Some(_) => {}
                        None => unknown.push(clip(name)),
                    }
                }
            }
            _ if part == EMBED_KEY => names = Some(Vec::new()),
            _ => rest.push(part),
        }
    }
    (rest.join("&"), names, unknown)
}

/// The notice for names that are not controls ("" for none).
pub fn notice(unknown: &[String]) -> String {
    if unknown.is_empty() {
        return String::new();
    }
    let known: Vec<&str> = EMBED_CONTROLS.iter().map(|(n, _)| *n).collect();
    format!(
        "The link's embed names controls that do not exist, left out: {} (there are {}).",
        unknown.join(", "),
        known.join(", ")
    )
}

/// The `embed=…` part of a hash for `names`.
pub fn key(names: &[&str]) -> String {
    format!("{EMBED_KEY}={}", names.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::controller::Controller;

    #[test]
    fn the_embed_key_names_controls_and_stays_in_the_hash() {
        let (rest, names, unknown) = split("#dataset=xor&embed=play,step,nope,play&layers=3");
        assert_eq!(rest, "dataset=xor&layers=3");
        assert_eq!(names, Some(vec!["play", "step"]));
        assert_eq!(unknown, vec!["nope".to_string()]);
        assert!(notice(&unknown).contains("nope (there are play, step, phase"));
        assert_eq!(split("dataset=xor"), ("dataset=xor".into(), None, vec![]));
        assert_eq!(split("embed=").1, Some(vec![]));
        assert_eq!(split("embed").1, Some(vec![]));

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
}
