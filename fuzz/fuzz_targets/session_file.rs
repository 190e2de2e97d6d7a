//! The session file: `Session::from_json` (the page's session import and the
//! CLI's `--resume`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use lightbulb_core::Session;
use lightbulb_fuzz::{bounded, clear, text};

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    // As in the property test: a session also builds its dataset and
    // network, up to a few MiB whatever the input.
    let session = bounded("Session::from_json", text.len(), 4 << 20, || {
        Session::from_json(&text)
    });
    clear("session file", &session);
});
