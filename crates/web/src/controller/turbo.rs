//! Play's work in one frame: one epoch, or with Turbo as many epochs as fit
//! a work budget ([`BUDGET_MS`]), so that training runs fast while the page
//! keeps its frame rate (the grid, the scene and the paint take the rest of
//! the frame). The page gives the controller its clock
//! ([`Controller::set_clock`]); without one, Turbo runs one epoch a frame.

use super::Controller;
use lightbulb_core::StepOutcome;

/// The time Turbo may train in one frame, in ms: half of a 60 Hz frame.
pub const BUDGET_MS: f64 = 8.0;

/// The most epochs Turbo runs in one frame, whatever the clock says.
pub const MAX_EPOCHS: u32 = 1000;

impl Controller {
    /// Sets the clock (milliseconds, increasing) Turbo measures its budget by.
    pub fn set_clock(&mut self, clock: Box<dyn FnMut() -> f64>) {
        self.clock = Some(clock);
    }

    /// Trains one frame's worth while playing: one epoch, or with Turbo
    /// epochs until the budget is spent. Stops at a divergence (training
    /// pauses and the guard explains) or an error (said in the narration).
    pub(super) fn play_frame(&mut self) {
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
            if !self.state.turbo || epochs >= MAX_EPOCHS || spent.is_nan() || spent >= BUDGET_MS {
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
    /// epoch; the budget of 8 ms is spent after the 8th epoch.
    #[test]
    fn turbo_trains_until_the_budget_is_spent() {
        let (clock, t) = ticking(1.0);
        assert_eq!(epochs_in_one_frame("dataset=xor&turbo=1", Some(clock)), 8);
        assert_eq!(t.get(), 9.0);
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
