//! Time travel: showing a past step, training on from it, undoing an edit.

use super::settings::{self, Effect};
use super::{narrate, ControlError, Controller, Shown};
use lightbulb_core::session::MAX_BRANCHES;

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
        self.follow_shown_settings();
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
                "Showing step {now} of {last}, as it was. Epochs done: {}. Step or Play trains on from here: you choose whether the {} later steps are dropped or kept as a branch. Drag the history back to {last} to return.",
                self.session.epoch(),
                last - now
            )
        });
        Ok(())
    }

    /// Whether `action` at the step on screen first needs the later steps
    /// dropped or kept as a branch: `"train"` (Step, Play), `"weight"` (a
    /// weight set by hand), or a setting's key (those that apply live, from
    /// this step on; the others start a new run anyway). `"phase"` never
    /// asks: at a past step it replays the recorded step after it.
    pub fn asks_before(&self, action: &str) -> bool {
        if !self.session.in_the_past() {
            return false;
        }
        match action {
            "train" | "weight" => true,
            "phase" => false,
            key => settings::find(key).is_some_and(|s| s.effect == Effect::Live),
        }
    }

    /// The question asked before training or changing anything at a past step.
    pub fn continue_prompt(&self) -> String {
        let (now, last) = (self.session.steps(), self.history_last());
        let later = last.saturating_sub(now);
        let steps = if later == 1 { "step" } else { "steps" };
        if self.can_keep_branch() {
            format!("Go on from step {now}? The {later} later {steps} of this run can be dropped, or kept as a branch to switch back to.")
        } else {
            format!("Go on from step {now}? The {later} later {steps} of this run will be dropped ({MAX_BRANCHES} branches are kept already: delete one to keep this run too).")
        }
    }

    /// Forgets the steps after the one on screen, so training continues
    /// from it; with `keep`, the whole run so far is kept as a branch first
    /// ("run 1", "run 2", …).
    pub fn continue_from_here(&mut self, keep: bool) -> Result<(), ControlError> {
        if keep {
            let name = self.new_branch_name();
            self.session.keep_branch(&name)?;
        } else {
            self.session.drop_later();
        }
        self.touch();
        Ok(())
    }

    /// What a saved session file holds, in words, for the page to say on
    /// saving: the step on screen and its loss history, not the
    /// step-by-step history (later steps, branches, a compared run).
    pub fn save_note(&self) -> String {
        let t = self.session.timeline();
        let (now, last) = (self.session.steps(), t.last_step());
        let mut left = Vec::new();
        if last > now {
            left.push(format!("the {} later steps", last - now));
        }
        if now > t.first_step() {
            left.push(format!("the {} steps before it", now - t.first_step()));
        }
        match t.branches().count() {
            0 => {}
            1 => left.push("1 branch".to_string()),
            n => left.push(format!("{n} branches")),
        }
        if let Some((_, other)) = self.run_names() {
            left.push(format!("{other} (compared)"));
        }
        let mut text = format!(
            "Session saved at step {now}, the step on screen, with the network, the points and the loss chart."
        );
        if !left.is_empty() {
            text.push_str(&format!(
                " Not in the file: {} (time travel starts again at step {now} when it is opened).",
                left.join(", ")
            ));
        }
        text
    }

    /// The settings control the page shows are those of the step on screen.
    pub(super) fn follow_shown_settings(&mut self) {
        let mut training = self.session.config().training;
        if self.state.follow {
            // Following one example trains with batches of 1; the batch
            // size setting keeps its own value for when following stops.
            training.batch_size = self.state.config.training.batch_size;
        }
        self.state.config.training = training;
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
