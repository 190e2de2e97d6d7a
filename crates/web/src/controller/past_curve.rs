//! The loss chart while a past step is on screen: the whole run's curve
//! (the session's own history ends at the step shown), with a cursor at
//! that step. Refreshed only when the step or the history changes, into a
//! buffer that is reused.

use super::Controller;
use lightbulb_core::{EpochRecord, Session};

/// The whole curve of the line on screen, and what it was read for.
#[derive(Debug, Default)]
pub(super) struct PastCurve {
    records: Vec<EpochRecord>,
    /// (newest step, revision) the records were read at.
    key: Option<(u64, u32)>,
}

impl PastCurve {
    /// The epochs to chart for `session`: the whole curve while it shows a
    /// past step, else its history so far.
    pub(super) fn chart<'a>(&'a self, session: &'a Session) -> &'a [EpochRecord] {
        if session.in_the_past() && self.key.is_some() {
            &self.records
        } else {
            session.history()
        }
    }
}

impl Controller {
    /// The epochs the loss chart draws: the whole run while a past step is
    /// shown (after [`Controller::frame`]), else the epochs so far.
    pub fn chart_history(&self) -> &[EpochRecord] {
        self.past.chart(&self.session)
    }

    /// Where the loss chart's cursor stands while a past step is shown: the
    /// epochs completed by that step, plus the share of the next epoch's
    /// points already trained on; `None` at the newest step.
    pub fn chart_cursor(&self) -> Option<f64> {
        if !self.session.in_the_past() {
            return None;
        }
        let points = self.session.training_order().len().max(1);
        let within = (self.session.cursor() as f64 / points as f64).min(1.0);
        Some(self.session.epoch() as f64 + within)
    }

    /// Reads the whole curve again if a past step is shown and it may have
    /// changed (called by `frame`; nothing is read at the newest step).
    pub(super) fn refresh_past_curve(&mut self) {
        if !self.session.in_the_past() {
            self.past.key = None;
            return;
        }
        let key = (self.session.timeline().last_step(), self.revision);
        if self.past.key != Some(key) {
            self.session
                .timeline()
                .history_to_head(&mut self.past.records);
            self.past.key = Some(key);
        }
    }
}
