//! Timing of an animated step: which phase is on screen and how far along.

/// Total time of one animated step at speed 1, in milliseconds.
pub const STEP_MS: f64 = 1500.0;

/// What the animation is doing.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Timeline {
    /// A phase is being animated.
    pub active: bool,
    /// When it finishes, start the next phase (a whole Step), until Update.
    pub continuous: bool,
    /// Start time of the current phase (ms, as `performance.now()`).
    pub started: f64,
    /// Duration of one phase (ms).
    pub duration: f64,
}

impl Timeline {
    /// Starts animating a phase at `now`, for a step of `phases` phases at `speed`.
    pub fn start(&mut self, now: f64, phases: usize, speed: f64) {
        self.active = true;
        self.started = now;
        let speed = if speed.is_finite() {
            speed.clamp(0.05, 20.0)
        } else {
            1.0
        };
        self.duration = STEP_MS / phases.max(1) as f64 / speed;
    }

    /// Progress of the current phase, 0..=1 (1 when idle).
    pub fn progress(&self, now: f64) -> f64 {
        if !self.active || self.duration <= 0.0 {
            return 1.0;
        }
        ((now - self.started) / self.duration).clamp(0.0, 1.0)
    }

    /// The clock went backwards (a new time origin): restart the current
    /// phase from `now`, so the animation never waits for the old time.
    pub fn rebase(&mut self, now: f64) {
        if self.active {
            self.started = now;
        }
    }

    /// Whether the current phase has played out.
    pub fn done(&self, now: f64) -> bool {
        self.active && self.progress(now) >= 1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_of_eight_phases_takes_about_a_second_and_a_half() {
        let mut t = Timeline::default();
        t.start(1000.0, 8, 1.0);
        assert!((t.duration * 8.0 - STEP_MS).abs() < 1e-9);
        assert_eq!(t.progress(1000.0), 0.0);
        assert!((t.progress(1000.0 + t.duration / 2.0) - 0.5).abs() < 1e-12);
        assert!(t.done(1000.0 + t.duration));
        t.start(0.0, 8, 2.0);
        assert!((t.duration * 8.0 - STEP_MS / 2.0).abs() < 1e-9);
        t.start(0.0, 8, f64::NAN);
        assert!(t.duration.is_finite());
        // A clock that jumps back does not stall the animation.
        t.start(1e300, 8, 1.0);
        t.rebase(10.0);
        assert!(t.done(10.0 + t.duration));
    }
}
