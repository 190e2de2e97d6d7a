//! Comparing two runs. "Compare" pins the run on screen (run A) and starts
//! run B from the same initial weights and data, to be trained with other
//! settings (say Adam instead of SGD). The loss chart shows both; the
//! network view can switch between them; both stand at the same step: the
//! run not on screen follows the one on screen (it trains, or replays its
//! own history, up to that step; scrubbing moves it too).

use super::{ControlError, Controller, Shown};
use lightbulb_core::{EpochRecord, Session, StepOutcome};

/// The run not on screen, while comparing.
pub(super) struct Pinned {
    session: Session,
    /// Whether it is run A (the one pinned first); else run B is pinned.
    is_a: bool,
    /// It could not follow (it diverged, or its history ran out): why.
    stuck: Option<String>,
    /// Its whole curve, up to its newest step (buffer reused).
    curve: Vec<EpochRecord>,
    /// The newest step `curve` was read at.
    curve_at: Option<u64>,
}

impl Pinned {
    /// Its epochs, up to its newest step (it may stand at an earlier one).
    pub(super) fn history(&self) -> &[EpochRecord] {
        &self.curve
    }

    /// Its name, "run A" or "run B".
    pub(super) fn name(&self) -> &'static str {
        if self.is_a {
            "run A"
        } else {
            "run B"
        }
    }

    /// Reads its whole curve again if it has grown.
    fn refresh_curve(&mut self) {
        let last = self.session.timeline().last_step();
        if self.curve_at != Some(last) {
            self.session.timeline().history_to_head(&mut self.curve);
            self.curve_at = Some(last);
        }
    }
}

impl Controller {
    /// Whether two runs are being compared.
    pub fn comparing(&self) -> bool {
        self.pinned.is_some()
    }

    /// The names of the run on screen and of the other run ("run A",
    /// "run B"), or `None` when not comparing.
    pub fn run_names(&self) -> Option<(&'static str, &'static str)> {
        self.pinned.as_ref().map(|p| {
            if p.is_a {
                ("run B", "run A")
            } else {
                ("run A", "run B")
            }
        })
    }

    /// The step the other run stands at, while comparing.
    pub fn other_steps(&self) -> Option<u64> {
        self.pinned.as_ref().map(|p| p.session.steps())
    }

    /// The other run's epochs so far, for the loss chart.
    pub fn other_history(&self) -> Option<&[EpochRecord]> {
        self.pinned.as_ref().map(Pinned::history)
    }

    /// Pins the run on screen as run A and starts run B at step 0 from the
    /// same initial weights and data (exactly: the step 0 of the history,
    /// when the history still reaches it; else the seed's weights).
    pub fn compare(&mut self) -> Result<(), ControlError> {
        if self.pinned.is_some() {
            return Err(ControlError::Comparing);
        }
        let a = self.session.clone();
        if self.session.timeline().first_step() == 0 {
            self.session.seek(0)?;
            self.session.drop_later();
        } else {
            let data = self.session.data().clone();
            self.session = Session::with_data(self.state.session_config(), data)?;
        }
        let at = a.steps();
        let mut pinned = Pinned {
            session: a,
            is_a: true,
            stuck: None,
            curve: Vec::new(),
            curve_at: None,
        };
        pinned.refresh_curve();
        self.pinned = Some(pinned);
        self.follow_shown_settings();
        self.playing = false;
        self.finish_animation();
        self.shown = Shown::Probe;
        self.touch();
        self.say_text(format!(
            "Run A (up to step {at}) is pinned. Run B starts here from the same initial weights and data: change a setting (the optimizer, say) and train. The chart shows both runs, and run A follows run B step by step."
        ));
        Ok(())
    }

    /// Shows the other run, at the same step; training goes on with it.
    pub fn switch_run(&mut self) -> Result<(), ControlError> {
        let Some(p) = self.pinned.as_mut() else {
            return Err(ControlError::NotComparing);
        };
        std::mem::swap(&mut self.session, &mut p.session);
        p.is_a = !p.is_a;
        p.stuck = None;
        p.curve_at = None;
        p.refresh_curve();
        self.follow_shown_settings();
        self.playing = false;
        self.finish_animation();
        self.shown = Shown::Probe;
        self.touch();
        if let Some((shown, other)) = self.run_names() {
            let text = format!(
                "Showing {shown}, at step {}; {other} follows it.",
                self.session.steps()
            );
            self.say_text(text);
        }
        Ok(())
    }

    /// Stops comparing: the run not on screen is forgotten.
    pub fn stop_comparing(&mut self) {
        if let Some((shown, other)) = self.run_names() {
            self.pinned = None;
            self.touch();
            self.say_text(format!(
                "Stopped comparing: {other} is gone, {shown} stays."
            ));
        }
    }

    /// Brings the run not on screen to the step on screen: trains it on, or
    /// moves it through its own history. Called every frame; does nothing
    /// when it is there already (or cannot get there: it says so once).
    pub(super) fn follow_pinned(&mut self) {
        let target = self.session.steps();
        let Some(p) = self.pinned.as_mut() else {
            return;
        };
        if p.session.steps() == target || p.stuck.is_some() {
            return;
        }
        let result = follow(&mut p.session, target);
        p.refresh_curve();
        if let Err(why) = result {
            let other = if p.is_a { "Run A" } else { "Run B" };
            let text = format!(
                "{other} stops following at step {}: {why}.",
                p.session.steps()
            );
            p.stuck = Some(why);
            self.say_text(text);
        }
    }
}

/// Brings `s` to step `target`: through its own history as far as it
/// goes, then by training on. Says why it could not.
fn follow(s: &mut Session, target: u64) -> Result<(), String> {
    let (first, last) = (s.timeline().first_step(), s.timeline().last_step());
    if target < first {
        return Err(format!("its history starts at step {first}"));
    }
    let to = target.min(last);
    if s.steps() != to {
        s.seek(to).map_err(|e| e.to_string())?;
    }
    while s.steps() < target {
        match s.step() {
            Ok(StepOutcome::Applied { .. }) => {}
            Ok(StepOutcome::Diverged(_)) => {
                return Err(format!("it diverged at step {}", s.steps() + 1));
            }
            Err(e) => return Err(e.to_string()),
        }
    }
    Ok(())
}
