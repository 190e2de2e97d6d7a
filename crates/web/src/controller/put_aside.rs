//! Undo for the actions that put aside what the user made: Reset, new
//! data, a rebuilt network, an opened file or lesson, cleared or pasted
//! points. The run put aside is kept whole (weights, optimizer state, points,
//! history and branches) until the current run trains on, or the next action
//! puts another aside.

use super::{ControlError, Controller, PageState};
use lightbulb_core::Session;

/// A run put aside by an action, and when it may come back.
pub(super) struct PutAside {
    state: PageState,
    session: Session,
    /// The current run's step count when this was put aside: a training step
    /// since then ends the offer (Undo would now lose those steps).
    steps_then: u64,
}

/// Whether `session` holds something the user made: training steps, or
/// points other than the ones its settings generate.
fn made_by_user(state: &PageState, session: &Session) -> bool {
    session.steps() > 0 || *session.data() != lightbulb_core::generate(&state.config.dataset)
}

impl Controller {
    /// Keeps `state` and `session`, just replaced by `self`'s, for Undo when
    /// they hold something the user made. Otherwise an earlier run put aside
    /// stays on offer.
    pub(super) fn put_aside(&mut self, state: PageState, session: Session) {
        if made_by_user(&state, &session) {
            self.keep_for_undo(state, session);
        } else if let Some(aside) = &mut self.aside {
            aside.steps_then = self.session.steps();
        }
    }

    /// Keeps `state` and `session` for Undo, whatever they hold (points
    /// cleared by hand are worth bringing back even if they were generated).
    pub(super) fn keep_for_undo(&mut self, state: PageState, session: Session) {
        self.aside = Some(PutAside {
            state,
            session,
            steps_then: self.session.steps(),
        });
    }

    fn offered(&self) -> Option<&PutAside> {
        self.aside
            .as_ref()
            .filter(|a| a.steps_then == self.session.steps())
    }

    /// What Undo would bring back, as a sentence, or `None`.
    pub fn bring_back_offer(&self) -> Option<String> {
        let aside = self.offered()?;
        let steps = aside.session.steps();
        let own_points =
            *aside.session.data() != lightbulb_core::generate(&aside.state.config.dataset);
        let run = match steps {
            0 => "the network and points as they were".to_string(),
            1 => "the previous run (1 step)".to_string(),
            n => format!("the previous run ({n} steps)"),
        };
        Some(if own_points {
            format!("Undo brings back {run} with your points.")
        } else {
            format!("Undo brings back {run}.")
        })
    }

    /// Undo: brings back the run last put aside, as it was. The current run, which
    /// has not trained since, is dropped.
    pub fn bring_back(&mut self) -> Result<(), ControlError> {
        if self.offered().is_none() {
            return Err(ControlError::NothingPutAside);
        }
        let aside = self.aside.take().ok_or(ControlError::NothingPutAside)?;
        let steps = aside.session.steps();
        self.swap_in(aside.state, aside.session);
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
