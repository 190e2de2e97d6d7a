//! Undo for the actions that put aside what the user made: Reset, new
//! data, a rebuilt network, an opened file or lesson, cleared or pasted
//! points. The run put aside is kept whole (weights, optimizer state, points,
//! history and branches, or the digits network) until the current run
//! trains on, or the next action puts another aside.

use super::digits::task::DigitsTask;
use super::{ControlError, Controller, PageState};
use lightbulb_core::Session;

/// A run put aside by an action, and when it may come back.
pub(super) struct PutAside {
    state: PageState,
    session: Session,
    /// The digits network, when the run was on the digits task.
    digits: Option<DigitsTask>,
    /// It has points other than the ones its settings generate (found once,
    /// when put aside: generating them is not per-call work).
    own_points: bool,
    /// The current run's step count when this was put aside: a training step
    /// since then ends the offer (Undo would now lose those steps).
    steps_then: u64,
}

impl PutAside {
    /// The steps of the run put aside (of its digits network on digits).
    fn steps(&self) -> u64 {
        match &self.digits {
            Some(task) => task.steps(),
            None => self.session.steps(),
        }
    }

    fn new(
        state: PageState,
        session: Session,
        digits: Option<DigitsTask>,
        steps_then: u64,
    ) -> Self {
        let own_points =
            digits.is_none() && *session.data() != lightbulb_core::generate(&state.config.dataset);
        PutAside {
            state,
            session,
            digits,
            own_points,
            steps_then,
        }
    }
}

impl Controller {
    /// The steps of the run on screen: the digits network's on digits.
    fn run_steps(&self) -> u64 {
        match (self.state.digits, self.digits()) {
            (true, Some(task)) => task.steps(),
            _ => self.session.steps(),
        }
    }

    /// Keeps a run just replaced for Undo when it holds something the user
    /// made: training steps, or points other than its settings generate.
    /// Otherwise an earlier run put aside stays on offer.
    pub(super) fn put_aside(
        &mut self,
        state: PageState,
        session: Session,
        digits: Option<DigitsTask>,
    ) {
        let steps_then = self.run_steps();
        let aside = PutAside::new(state, session, digits, steps_then);
        if aside.steps() > 0 || aside.own_points {
            self.aside = Some(aside);
        } else if let Some(kept) = &mut self.aside {
            kept.steps_then = steps_then;
        }
    }

    /// Keeps a run for Undo, whatever it holds (points cleared by hand are
    /// worth bringing back even if they were generated).
    pub(super) fn keep_for_undo(
        &mut self,
        state: PageState,
        session: Session,
        digits: Option<DigitsTask>,
    ) {
        let steps_then = self.run_steps();
        self.aside = Some(PutAside::new(state, session, digits, steps_then));
    }

    fn offered(&self) -> Option<&PutAside> {
        self.aside
            .as_ref()
            .filter(|a| a.steps_then == self.run_steps())
    }

    /// What Undo would bring back, as a sentence, or `None`.
    pub fn bring_back_offer(&self) -> Option<String> {
        let aside = self.offered()?;
        let run = match aside.steps() {
            0 => "the network and points as they were".to_string(),
            1 => "the previous run (1 step)".to_string(),
            n => format!("the previous run ({n} steps)"),
        };
        Some(if aside.own_points {
            format!("Undo brings back {run} with your points.")
        } else {
            format!("Undo brings back {run}.")
        })
    }

    /// Undo: brings back the run last put aside, as it was. The current run,
    /// which has not trained since, is dropped.
    pub fn bring_back(&mut self) -> Result<(), ControlError> {
        if self.offered().is_none() {
            return Err(ControlError::NothingPutAside);
        }
        let aside = self.aside.take().ok_or(ControlError::NothingPutAside)?;
        let steps = aside.steps();
        self.swap_in(aside.state, aside.session);
        if let Some(task) = aside.digits {
            self.restore_digits(task);
        }
        self.say_text(format!(
            "Back to the run put aside, at step {steps}. Press Step or Play to go on training it."
        ));
        Ok(())
    }

    /// Forgets the run put aside (the user said no to Undo).
    pub fn forget_put_aside(&mut self) {
        if self.aside.take().is_some() {
            self.touch();
        }
    }
}
