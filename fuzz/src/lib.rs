//! What the fuzz targets share: counting allocations, and the bound they must
//! stay under. The same properties as the property tests
//! (`crates/*/tests/fuzz_*.rs`): no panic, `Ok` or an `Err` with a message,
//! and allocation at most a small multiple of the input size.

use std::alloc::{GlobalAlloc, Layout, System};
use std::borrow::Cow;
use std::cell::Cell;

struct Counting;
thread_local! {
    static BYTES: Cell<usize> = const { Cell::new(0) };
}
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = BYTES.try_with(|b| b.set(b.get() + layout.size()));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = BYTES.try_with(|b| b.set(b.get() + new_size));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}
#[global_allocator]
static GLOBAL: Counting = Counting;

/// Runs `f` and returns its result and the bytes it allocated on this thread.
pub fn allocated<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = BYTES.with(Cell::get);
    let out = f();
    (out, BYTES.with(Cell::get) - before)
}

/// The allocation bound for `len` input bytes (as in the property tests).
pub fn budget(len: usize) -> usize {
    200 * len + 256 * 1024
}

/// Runs parser `f`, asserting the allocation bound `extra + budget(len)`.
pub fn bounded<T>(what: &str, len: usize, extra: usize, f: impl FnOnce() -> T) -> T {
    let (out, bytes) = allocated(f);
    assert!(
        bytes <= budget(len) + extra,
        "{what} allocated {bytes} bytes for {len} input bytes"
    );
    out
}

/// Asserts that an error has a message.
pub fn clear<T, E: std::fmt::Display>(what: &str, result: &Result<T, E>) {
    if let Err(e) = result {
        assert!(!e.to_string().trim().is_empty(), "{what}: empty error");
    }
}

/// The input as text, as the page and the command line would read it.
pub fn text(data: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(data)
}
