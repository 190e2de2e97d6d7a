//! Time travel: showing a past step, training on from it, undoing an edit.

use super::{narrate, ControlError, Controller, Shown};

impl Controller {
    /// The oldest step the history can show.
    pub fn history_first(&self) -> u64 {
        self.session.timeline().first_step()
    }

    /// The newest step of the history.
    pub fn history_last(&self) -> u64 {
        self.session.timeline().last_step()
    }

    /// Whether a past step is on screen (training from here drops or keeps
    /// the later steps first).
    pub fn in_the_past(&self) -> bool {
        self.session.in_the_past()
    }

    /// Shows the network exactly as it was after `step` steps: weights,
    /// optimizer state, counters, the loss chart's history. On error (a
    /// step outside the history) nothing changes.
    pub fn seek(&mut self, step: f64) -> Result<(), ControlError> {
        if !step.is_finite() || step < 0.0 {
            return Err(ControlError::Step(step));
        }
        self.session.seek(step.round() as u64)?;
        self.playing = false;
        self.finish_animation();
        self.touch();
        self.shown = Shown::Probe;
        let t = self.session.timeline();
        let (now, last) = (self.session.steps(), t.last_step());
        self.say_text(if now == last {
            format!("Back at the newest step, {now}.")
        } else {
            format!(
                "Showing step {now} of {last}, as it was. Step or Play trains on from here (the {} later steps are dropped, after you confirm); drag the history back to {last} to return.",
                last - now
            )
        });
        Ok(())
    }

    /// Forgets the steps after the one on screen, so training continues
    /// from it; with `keep`, the whole run so far is kept as a branch first.
    pub fn continue_from_here(&mut self, keep: bool) -> Result<(), ControlError> {
        if keep {
            let name = format!("run to step {}", self.session.timeline().last_step());
            self.session.keep_branch(&name)?;
        } else {
            self.session.drop_later();
        }
        self.touch();
        Ok(())
    }

    /// Undoes the last weight set by hand at this step; returns whether
    /// there was one.
    pub fn undo(&mut self) -> Result<bool, ControlError> {
        let edit = self.session.undo()?;
        self.finish_animation();
        let undone = edit.is_some();
        if let Some(e) = edit {
            self.touch();
            self.say_text(format!(
                "Undone: layer {} weight {}→{} is back to {}.",
                e.layer + 1,
                e.from + 1,
                e.to + 1,
                narrate::num(e.before)
            ));
        }
        Ok(undone)
    }
}
