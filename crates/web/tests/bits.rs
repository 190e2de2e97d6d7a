//! The core's bit-identity runs in wasm (Node, no browser): the weights after
//! thousands of steps have the same bits as before the step's kernels were
//! vectorised (`crates/core/tests/bit_identity.rs`; hashes recorded from the
//! scalar code's wasm build, with +simd128, on 2026-12-07).
//! Run with `cargo test -p lightbulb-web --target wasm32-unknown-unknown --test bits`.
#![cfg(target_arch = "wasm32")]

#[path = "../../core/tests/shared/bits.rs"]
mod bits;

use wasm_bindgen_test::*;

/// Not the native hash: the dataset's points come from `sin`, `cos` and `ln`,
/// whose last bits differ between the native libm and wasm's.
#[wasm_bindgen_test]
fn default_session_sgd_adam_momentum() {
    assert_eq!(bits::default_session(), 16_646_194_567_515_530_240);
}

#[wasm_bindgen_test]
fn odd_widths_and_batch() {
    assert_eq!(bits::odd_widths(), 11_421_766_527_009_707_564);
}

#[wasm_bindgen_test]
fn digits_two_epochs() {
    assert_eq!(bits::digits(), 16_847_693_955_824_622_248);
}
