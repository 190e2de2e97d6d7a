//! Play's work in one frame: one epoch, or with Turbo as many epochs as fit
//! a work budget, so that training runs fast while the page keeps 60 frames
//! a second. The budget is what the frame's other work (the grid, the scene,
//! the painting) leaves of [`FRAME_MS`]: the page says when a frame is drawn
//! ([`Controller::frame_drawn`]) and [`Pace`] measures the frame's work
//! without the training and sets the next frame's budget from it. The page
//! gives the controller its clock ([`Controller::set_clock`]); without one,
//! Turbo runs one epoch a frame.

use super::Controller;
use lightbulb_core::StepOutcome;

/// The work a Turbo frame may take in all, in ms: a 60 Hz frame (16.7 ms)
/// less what the browser needs to paint and composite.
pub const FRAME_MS: f64 = 12.0;

/// The most time Turbo may train in one frame, in ms.
pub const BUDGET_MS: f64 = 8.0;

/// The budget of a frame before any frame has been measured, in ms.
pub const START_MS: f64 = 2.0;

/// The least budget, in ms: however heavy the rest of the frame, Turbo
/// trains at least this long (and at least one epoch) a frame.
pub const MIN_MS: f64 = 1.0;

/// The most epochs Turbo runs in one frame, whatever the clock says.
pub const MAX_EPOCHS: u32 = 1000;

/// Turbo's training budget, set after each frame from that frame's work
/// without the training: [`FRAME_MS`] less it, within [`MIN_MS`] and
/// [`BUDGET_MS`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pace {
    budget: f64,
    /// When this frame's work began (clock ms), NaN between frames.
    began: f64,
    /// How long this frame trained, in ms.
    trained: f64,
}

impl Default for Pace {
    fn default() -> Self {
        Pace {
            budget: START_MS,
            began: f64::NAN,
            trained: 0.0,
        }
    }
}

impl Pace {
    /// The budget (ms) of the frame whose work begins at `began`.
    pub fn begin(&mut self, began: f64) -> f64 {
        self.began = began;
        self.trained = 0.0;
        self.budget
    }

    /// The frame trained for `ms`.
    pub fn trained(&mut self, ms: f64) {
        self.trained = ms;
    }

    /// The frame's work ended at `now`: the next budget is what the work
    /// besides training leaves of [`FRAME_MS`].
    pub fn drawn(&mut self, now: f64) {
        let other = now - self.began - self.trained;
        if other.is_finite() && other >= 0.0 {
            self.budget = (FRAME_MS - other).clamp(MIN_MS, BUDGET_MS);
        }
        self.began = f64::NAN;
    }
}

impl Controller {
    /// Sets the clock (milliseconds, increasing) Turbo measures its budget by.
    pub fn set_clock(&mut self, clock: Box<dyn FnMut() -> f64>) {
        self.clock = Some(clock);
    }

    /// The page has drawn the frame: with Turbo on, its work sets the next
    /// frame's training budget.
    pub fn frame_drawn(&mut self) {
        if !(self.playing && self.state.turbo) {
            return;
        }
        if let Some(clock) = self.clock.as_mut() {
            self.pace.drawn(clock());
        }
    }

    /// Trains one frame's worth while playing: one epoch, or with Turbo
    /// epochs until the frame's budget is spent. Stops at a divergence
    /// (training pauses and the guard explains) or an error (said in the
    /// narration).
    pub(super) fn play_frame(&mut self) {
        let start = self.clock.as_mut().map(|c| c());
        let budget = match start {
            Some(t0) if self.state.turbo => self.pace.begin(t0),
            _ => 0.0,
        };
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
                self.pace.trained(spent);
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

    /// Epochs in each frame of a Turbo run with a clock moving 1 ms a read
    /// (so a budget of b ms trains ceil(b) epochs), where the page's drawing
    /// after each frame takes `drawing[f]` ms (advanced on the clock).
    fn epochs_per_frame(drawing: &[f64]) -> Vec<u64> {
        let (clock, t) = ticking(1.0);
        let mut c = Controller::new("dataset=xor&turbo=1").unwrap();
        c.set_clock(clock);
        c.play();
        let mut out = Vec::new();
        for (f, ms) in drawing.iter().enumerate() {
            let before = c.session.epoch();
            c.frame(1000.0 + 16.7 * f as f64).unwrap();
            out.push(c.session.epoch() - before);
            // The rest of the frame: `ms` (less the read frame_drawn makes).
            t.set(t.get() + ms - 1.0);
            c.frame_drawn();
        }
        out
    }

    /// A light frame (1 ms besides training): the budget goes to its most;
    /// a heavy one leaves less, down to the least.
    #[test]
    fn the_budget_is_what_the_rest_of_the_frame_leaves() {
        // Frame 0 has no measure yet: 2 epochs. Then 12 − 2 = 10 → 8 ms.
        assert_eq!(epochs_per_frame(&[1.0, 1.0, 1.0]), [2, 8, 8]);
        // 12 − 6 = 6 ms; 12 − 19 → the least, 1 ms.
        assert_eq!(epochs_per_frame(&[6.0, 6.0, 19.0, 19.0]), [2, 6, 6, 1]);
    }

    #[test]
    fn the_pace_clamps_and_ignores_a_frame_without_a_start() {
        let mut pace = Pace::default();
        assert_eq!(pace.begin(100.0), START_MS);
        pace.trained(2.0);
        pace.drawn(105.0); // 3 ms besides training: 12 − 3 = 9 → 8.
        assert_eq!(pace.begin(120.0), BUDGET_MS);
        pace.trained(8.0);
        pace.drawn(139.0); // 11 ms besides: 1 ms.
        assert_eq!(pace.begin(150.0), 1.0);
        pace.drawn(150.5); // 0.5 ms, nothing trained: 11.5 → 8.
        assert_eq!(pace.begin(160.0), BUDGET_MS);
        // Drawn twice: the second has no start and changes nothing.
        pace.trained(0.0);
        pace.drawn(180.0); // 20 ms: 1.
        pace.drawn(181.0);
        assert_eq!(pace.begin(200.0), MIN_MS);
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
