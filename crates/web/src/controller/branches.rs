//! Branches of the run: the later steps kept when training on from a past
//! step, listed for the page, switched to and deleted.

use super::{ControlError, Controller, Shown};
use lightbulb_core::session::MAX_BRANCHES;

impl Controller {
    /// The lines of the run as (name, label) pairs, the one on screen first:
    /// e.g. `("main", "main · to step 40 (on screen)")`, `("run 1", "run 1 · to step 300")`.
    pub fn branches(&self) -> Vec<(String, String)> {
        let t = self.session.timeline();
        let live = (
            t.name().to_string(),
            format!("{} · to step {} (on screen)", t.name(), t.last_step()),
        );
        std::iter::once(live)
            .chain(t.branches().map(|b| {
                (
                    b.name.to_string(),
                    format!("{} · to step {}", b.name, b.last),
                )
            }))
            .collect()
    }

    /// How many branches are kept besides the line on screen.
    pub fn kept_branches(&self) -> usize {
        self.session.timeline().branches().count()
    }

    /// Whether another branch can be kept (at most [`MAX_BRANCHES`] besides
    /// the line on screen).
    pub fn can_keep_branch(&self) -> bool {
        self.session.timeline().branches().count() < MAX_BRANCHES
    }

    /// Shows the kept branch `name` at its newest step; the line that was
    /// on screen is kept in its place. On error nothing changes.
    pub fn switch_branch(&mut self, name: &str) -> Result<(), ControlError> {
        self.session.switch_branch(name)?;
        self.follow_shown_settings();
        self.playing = false;
        self.finish_animation();
        self.shown = Shown::Probe;
        self.touch();
        let t = self.session.timeline();
        // The line that was on screen is kept last.
        let left = t.branches().last().map(|b| b.name).unwrap_or_default();
        let text = format!(
            "Switched to the branch “{}”, at its newest step, {}. The run you left is kept as “{left}”.",
            t.name(),
            t.last_step(),
        );
        self.say_text(text);
        Ok(())
    }

    /// Forgets the kept branch `name` (never the line on screen).
    pub fn delete_branch(&mut self, name: &str) -> Result<(), ControlError> {
        self.session.delete_branch(name)?;
        self.touch();
        self.say_text(format!("The branch “{name}” is deleted."));
        Ok(())
    }

    /// A name for the run kept by "keep as a branch": "run 1", "run 2", …,
    /// the first not taken.
    pub(super) fn new_branch_name(&self) -> String {
        let lines = self.branches();
        (1..=lines.len() + 1)
            .map(|n| format!("run {n}"))
            .find(|name| lines.iter().all(|b| &b.0 != name))
            .unwrap_or_else(|| "run".to_string())
    }
}
