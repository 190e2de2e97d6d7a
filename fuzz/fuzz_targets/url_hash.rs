//! The URL hash: `PageState::from_hash` never fails; it must give a valid
//! configuration that round-trips, with a short reason per ignored key.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lightbulb_fuzz::{bounded, text};
use lightbulb_web::controller::PageState;

fuzz_target!(|data: &[u8]| {
    let hash = text(data);
    let (state, ignored) = bounded("PageState::from_hash", hash.len(), 0, || {
        PageState::from_hash(&hash)
    });
    if let Err(e) = state.config.validate() {
        panic!("invalid config {:?}: {e}", state.config);
    }
    assert!(state.x1.is_finite() && state.x1.abs() <= 6.0);
    assert!(state.x2.is_finite() && state.x2.abs() <= 6.0);
    assert!(ignored.len() <= 64);
    for reason in &ignored {
        assert!(!reason.trim().is_empty());
        assert!(reason.chars().count() <= 500, "{reason}");
    }
    let written = state.to_hash();
    let (back, back_ignored) = PageState::from_hash(&written);
    assert!(back_ignored.is_empty(), "{written}: {back_ignored:?}");
    assert_eq!(back.to_hash(), written);
});
