//! User text as an error message quotes it: never more than a line's worth.

/// Most characters of user text that a message quotes.
pub const CLIP_CHARS: usize = 40;

/// At most [`CLIP_CHARS`] (40) characters of `s`, followed by `…` when
/// something was cut off. Counts characters, not bytes, so it never splits
/// one.
///
/// Every message of the core and the command line that quotes a value from
/// outside (a name, a key, a CSV field, a flag's value) passes it through
/// here, so that a 100,000-character value cannot flood a message.
///
/// ```
/// assert_eq!(lightbulb_core::clip("tanh"), "tanh");
/// let long = "é".repeat(100);
/// assert_eq!(lightbulb_core::clip(&long), format!("{}…", "é".repeat(40)));
/// ```
pub fn clip(s: &str) -> String {
    let mut chars = s.chars();
    let mut out: String = chars.by_ref().take(CLIP_CHARS).collect();
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_kept_whole() {
        assert_eq!(clip(""), "");
        let exact = "x".repeat(CLIP_CHARS);
        assert_eq!(clip(&exact), exact);
    }

    #[test]
    fn long_text_is_cut_on_a_character_boundary() {
        let one_more = "x".repeat(CLIP_CHARS + 1);
        assert_eq!(clip(&one_more), format!("{}…", "x".repeat(CLIP_CHARS)));
        let wide = "日本".repeat(1_000);
        let clipped = clip(&wide);
        assert_eq!(clipped.chars().count(), CLIP_CHARS + 1);
        assert!(clipped.ends_with('…'));
    }
}
