//! Play's work in one frame: one epoch, or with Turbo as many epochs as fit
//! a work budget, so that training runs fast while the page keeps 60 frames
//! a second (the grid, the scene and the paint take the rest of the frame).
//! The budget follows the frames the page actually gets ([`Pace`]): it
//! starts small, grows while frames come every 16.7 ms and halves when one
//! comes late. The page gives the controller its clock
//! ([`Controller::set_clock`]); without one, Turbo runs one epoch a frame.

use super::Controller;
use lightbulb_core::StepOutcome;

/// The most time Turbo may train in one frame, in ms: half of a 60 Hz frame.
pub const BUDGET_MS: f64 = 8.0;

/// The budget of Turbo's first frame, in ms: that frame also draws what
/// Play shows for the first time, so it starts low and grows.
pub const START_MS: f64 = 2.0;

/// The least budget after the first frame, in ms: however slow the frames
/// (on a loaded machine they are late whatever Turbo does), Turbo trains at
/// least this long (and at least one epoch) a frame.
pub const MIN_MS: f64 = 3.0;

/// How much the budget grows after a frame on time, in ms.
pub const GROW_MS: f64 = 1.0;

/// A frame interval longer than this (ms) means a frame was dropped
/// (60 Hz is 16.7 ms, one dropped frame 33.3 ms).
pub const LATE_MS: f64 = 20.0;

/// The most epochs Turbo runs in one frame, whatever the clock says.
pub const MAX_EPOCHS: u32 = 1000;

/// Turbo's training budget, adjusted frame by frame from the intervals
/// between the frames: more while they come on time, half after a late one.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pace {
    budget: f64,
    last: f64,
}

impl Default for Pace {
    fn default() -> Self {
        Pace {
            budget: START_MS,
            last: f64::NAN,
        }
    }
}

impl Pace {
    /// The budget (ms) for the frame at `now` (ms), after the interval since
    /// the last frame has moved it.
    pub fn budget(&mut self, now: f64) -> f64 {
        let interval = now - self.last;
        self.last = now;
        if interval.is_finite() && interval >= 0.0 {
            self.budget = if interval > LATE_MS {
                (self.budget / 2.0).max(MIN_MS)
            } else {
                (self.budget + GROW_MS).min(BUDGET_MS)
            };
        }
        self.budget
    }
}

impl Controller {
    /// Sets the clock (milliseconds, increasing) Turbo measures its budget by.
    pub fn set_clock(&mut self, clock: Box<dyn FnMut() -> f64>) {
        self.clock = Some(clock);
    }

    /// Trains one frame's worth while playing: one epoch, or with Turbo
    /// epochs until the frame's budget is spent. Stops at a divergence
    /// (training pauses and the guard explains) or an error (said in the
    /// narration).
    pub(super) fn play_frame(&mut self) {
        let budget = if self.state.turbo {
            self.pace.budget(self.now)
        } else {
            0.0
        };
        let start = self.clock.as_mut().map(|c| c());
        let mut epochs = 0;
        loop {
            match self.session.epoch_run() {
                Ok(StepOutcome::Diverged(_)) => {
                    self.show_divergence();
                    return;
                }
                Ok(StepOutcome::Applied { .. }) => {}
                Err(e) => {
                    self.playing = false;
                    self.say_text(e.to_string());
                    return;
                }
            }
            epochs += 1;
            let spent = match (start, self.clock.as_mut()) {
                (Some(t0), Some(c)) => c() - t0,
                _ => f64::INFINITY,
            };
            if !self.state.turbo || epochs >= MAX_EPOCHS || spent.is_nan() || spent >= budget {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::rc::Rc;

    /// A clock that moves `per_call` ms each time it is read.
    fn ticking(per_call: f64) -> (Box<dyn FnMut() -> f64>, Rc<Cell<f64>>) {
        let t = Rc::new(Cell::new(0.0));
        let shared = t.clone();
        let clock = Box::new(move || {
            shared.set(shared.get() + per_call);
            shared.get()
        });
        (clock, t)
    }

    fn epochs_in_one_frame(hash: &str, clock: Option<Box<dyn FnMut() -> f64>>) -> u64 {
        let mut c = Controller::new(hash).unwrap();
        if let Some(clock) = clock {
            c.set_clock(clock);
        }
        c.play();
        c.frame(16.0).unwrap();
        c.session.epoch()
    }

    #[test]
    fn play_trains_one_epoch_a_frame_without_turbo() {
        let (clock, _) = ticking(0.1);
        assert_eq!(epochs_in_one_frame("dataset=xor", Some(clock)), 1);
    }

    /// A clock moving 1 ms a read: the start, then one read after each
    /// epoch; the first frame's budget of 2 ms is spent after the 2nd epoch.
    #[test]
    fn turbo_trains_until_the_budget_is_spent() {
        let (clock, t) = ticking(1.0);
        assert_eq!(epochs_in_one_frame("dataset=xor&turbo=1", Some(clock)), 2);
        assert_eq!(t.get(), 3.0);
    }

    /// Epochs in each of `frames` frames `interval` ms apart, with a clock
    /// moving 1 ms a read (so a budget of b ms trains ceil(b) epochs).
    fn epochs_per_frame(interval: f64, frames: u32) -> Vec<u64> {
        let (clock, _) = ticking(1.0);
        let mut c = Controller::new("dataset=xor&turbo=1").unwrap();
        c.set_clock(clock);
        c.play();
        let mut out = Vec::new();
        for f in 0..frames {
            let before = c.session.epoch();
            c.frame(1000.0 + interval * f64::from(f)).unwrap();
            out.push(c.session.epoch() - before);
        }
        out
    }

    /// Frames on time: the budget grows by 1 ms a frame from 2 ms to 8 ms
    /// and stays there.
    #[test]
    fn frames_on_time_let_the_budget_grow_to_its_most() {
        let got = epochs_per_frame(16.7, 10);
        assert_eq!(got, [2, 3, 4, 5, 6, 7, 8, 8, 8, 8]);
    }

    /// Late frames: the budget halves each time, down to 3 ms, and grows
    /// again once frames come on time.
    #[test]
    fn late_frames_halve_the_budget_and_it_recovers() {
        assert_eq!(epochs_per_frame(33.3, 4), [2, 3, 3, 3]);
        let mut pace = Pace::default();
        let mut now = 0.0;
        let mut budgets = Vec::new();
        for interval in [16.7, 16.7, 16.7, 16.7, 16.7, 16.7, 16.7, 40.0, 40.0, 16.7] {
            now += interval;
            budgets.push(pace.budget(now));
        }
        // The first frame has no interval: the start budget.
        assert_eq!(budgets[0], START_MS);
        assert_eq!(budgets[6], BUDGET_MS);
        assert_eq!(budgets[7..], [4.0, 3.0, 4.0]);
    }

    #[test]
    fn turbo_stops_at_its_epoch_cap_and_without_a_clock_runs_one() {
        let (clock, _) = ticking(0.0);
        let n = epochs_in_one_frame("dataset=xor&turbo=1&points=20", Some(clock));
        assert_eq!(n, u64::from(MAX_EPOCHS));
        assert_eq!(epochs_in_one_frame("dataset=xor&turbo=1", None), 1);
    }

    /// A divergence ends the frame's epochs at once and pauses training.
    #[test]
    fn turbo_stops_at_a_divergence() {
        let (clock, _) = ticking(0.0);
        let mut c = Controller::new("dataset=plane&lr=10&activation=linear&turbo=1").unwrap();
        c.set_clock(clock);
        c.play();
        for f in 0..20 {
            c.frame(16.0 * f64::from(f)).unwrap();
        }
        assert!(c.session.diverged().is_some() || c.guard.alert().is_some());
        assert!(!c.playing, "training paused");
    }
}
