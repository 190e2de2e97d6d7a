//! The weights after thousands of steps keep the exact bits they had before
//! the step's kernels were vectorised (hashes recorded on the scalar code of
//! 2026-12-07). The web crate runs the same runs in wasm (`tests/bits.rs`).

#[path = "shared/bits.rs"]
mod bits;

#[test]
fn default_session_sgd_adam_momentum() {
    assert_eq!(bits::default_session(), 298_315_310_620_649_547);
}

#[test]
fn odd_widths_and_batch() {
    assert_eq!(bits::odd_widths(), 11_421_766_527_009_707_564);
}

#[test]
fn digits_two_epochs() {
    assert_eq!(bits::digits(), 16_847_693_955_824_622_248);
}
