//! When the page rewrites its text readouts (the step and epoch counters,
//! the losses and accuracy, the history slider): on every frame when
//! paused, a few times a second while playing, in the same frame as the
//! live narration line.
//!
//! Each rewrite of the page's text costs a style, layout and paint pass of
//! the whole page. On the phone proxy (4× slower CPU) that was half of
//! every Play frame: counters rewritten 60 times a second held the page at
//! 30 frames a second, and nobody reads digits that change 60 times a
//! second.

use super::live::EVERY_MS;

/// The readouts' clock: a ticket the page compares with the one it last
/// wrote.
#[derive(Clone, Copy, Debug)]
pub struct ReadoutClock {
    ticket: u32,
    written_at: f64,
}

impl Default for ReadoutClock {
    fn default() -> Self {
        ReadoutClock {
            ticket: 0,
            written_at: f64::NEG_INFINITY,
        }
    }
}

impl ReadoutClock {
    /// Play starts: its first frame rewrites the readouts.
    pub fn restart(&mut self) {
        self.written_at = f64::NEG_INFINITY;
    }

    /// Called once per frame, `playing` or not. Returns whether the
    /// readouts are rewritten this frame (and then moves the ticket on).
    pub fn tick(&mut self, now: f64, playing: bool) -> bool {
        if playing && now - self.written_at < EVERY_MS {
            return false;
        }
        self.written_at = now;
        self.ticket = self.ticket.wrapping_add(1);
        true
    }

    /// Changes whenever the page should rewrite its readouts.
    pub fn ticket(&self) -> u32 {
        self.ticket
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paused_every_frame_rewrites_the_readouts() {
        let mut clock = ReadoutClock::default();
        for frame in 0..5 {
            let before = clock.ticket();
            assert!(clock.tick(frame as f64 * 16.7, false));
            assert_ne!(clock.ticket(), before, "frame {frame}");
        }
    }

    #[test]
    fn playing_rewrites_them_a_few_times_a_second() {
        let mut clock = ReadoutClock::default();
        clock.tick(0.0, false);
        clock.restart();
        let mut due = Vec::new();
        for frame in 1..=60 {
            if clock.tick(frame as f64 * 16.7, true) {
                due.push(frame);
            }
        }
        // The first playing frame, then every 15th (250 ms at 16.7 ms).
        assert_eq!(due, [1, 16, 31, 46]);
    }

    #[test]
    fn the_first_frame_after_play_stops_rewrites_them() {
        let mut clock = ReadoutClock::default();
        clock.restart();
        assert!(clock.tick(0.0, true));
        assert!(!clock.tick(16.7, true));
        let before = clock.ticket();
        assert!(clock.tick(33.4, false));
        assert_ne!(clock.ticket(), before);
    }
}
