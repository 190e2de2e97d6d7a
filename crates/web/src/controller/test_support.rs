//! Helpers the controller's native tests share.

use super::Controller;

/// A controller opened with `hash`, or a panic naming it.
pub fn controller(hash: &str) -> Controller {
    Controller::new(hash).unwrap_or_else(|e| panic!("{hash}: {e}"))
}

/// Plays `epochs` epochs (one per frame), then pauses.
pub fn play(c: &mut Controller, epochs: u64) {
    let to = c.epoch() + epochs;
    c.play();
    let mut t = c.now;
    while c.epoch() < to {
        t += 16.0;
        c.frame(t).unwrap();
    }
    c.pause();
}
