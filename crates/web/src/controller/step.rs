//! Play, Step and Phase: training and the animated step, frame by frame.

use super::{live, narrate, ControlError, Controller, Shown, GRID, GRID_BUDGET};
use crate::scene::Phase as ScenePhase;
use lightbulb_core::maps::Maps;
use lightbulb_core::{Phase, PhaseReport, StepOutcome};

/// The scene's picture of a core phase. The core counts weight layers from
/// 0 (`Forward(0)` computes the first hidden layer); the scene counts bulb
/// columns, with the inputs as column 0, so the same phase lights column `l + 1`.
pub fn scene_phase(phase: Phase) -> ScenePhase {
    match phase {
        Phase::Forward(l) => ScenePhase::Forward(l + 1),
        Phase::Loss => ScenePhase::Loss,
        Phase::Backward(l) => ScenePhase::Backward(l + 1),
        Phase::Update => ScenePhase::Update,
    }
}

impl Controller {
    /// Play: one epoch per frame until paused or diverged. Playing on
    /// after a warning (a blow-up, a stall) dismisses it.
    pub fn play(&mut self) {
        if self.check_unlocked("play").is_err() {
            return;
        }
        if self.state.digits {
            return self.digits_play();
        }
        if self.session.diverged().is_none() {
            self.finish_animation();
            if self.guard.alert().is_some() {
                self.guard.dismiss();
                self.touch();
            }
            self.playing = true;
            self.pace = super::turbo::Pace::default();
            self.shown = Shown::Probe;
            self.live.restart();
            self.readouts.restart();
        }
    }

    /// Pause; the narration says where training stopped.
    pub fn pause(&mut self) {
        if self.state.digits {
            self.playing = false;
            return;
        }
        if self.playing {
            self.playing = false;
            self.say_paused();
        }
    }

    /// One mini-batch, animated phase by phase.
    pub fn step(&mut self) -> Result<(), ControlError> {
        self.check_unlocked("step")?;
        if self.state.digits {
            return self.digits_step(true);
        }
        self.playing = false;
        if self.timeline.active {
            self.finish_animation();
            // Finish a step in progress; one whose update is already done (its
            // last phase still animating) must not run a whole step more.
            if self.session.next_phase().is_some() {
                self.session.step()?;
            }
        }
        if self.session.diverged().is_some() {
            self.show_divergence();
            return Ok(());
        }
        self.timeline.continuous = true;
        self.start_phase()
    }

    /// Exactly one phase, then stop.
    pub fn phase(&mut self) -> Result<(), ControlError> {
        self.check_unlocked("phase")?;
        if self.state.digits {
            return self.digits_step(false);
        }
        self.playing = false;
        self.timeline.continuous = false;
        if self.session.diverged().is_some() {
            self.show_divergence();
            return Ok(());
        }
        self.start_phase()
    }

    /// Animation speed (1 = a step in about 1.5 s), at most 20.
    pub fn set_speed(&mut self, speed: f64) -> Result<(), ControlError> {
        if !speed.is_finite() || speed <= 0.0 {
            return Err(ControlError::Speed(speed));
        }
        self.state.speed = speed.min(20.0);
        Ok(())
    }

    /// Advances training or the animation to time `now` (ms), and brings
    /// the scene, the metrics, the narration and (when the weights may have
    /// changed) the grid up to date, ready for [`Controller::frame_view`].
    pub fn frame(&mut self, now: f64) -> Result<(), ControlError> {
        if now.is_finite() {
            if now < self.now {
                self.timeline.rebase(now);
            }
            self.now = now;
        }
        // Digits narrate every frame (an epoch there is a frame's work).
        let readouts_due = self
            .readouts
            .tick(self.now, self.playing && !self.state.digits);
        if self.state.digits {
            return self.digits_frame();
        }
        if self.playing {
            self.play_frame();
        }
        if self.timeline.done(self.now) {
            let next = self.session.next_phase();
            if self.timeline.continuous && next.is_some() {
                self.start_phase()?;
            } else {
                // A finished step stays on its Update picture (the changed
                // wires and their before → after label) until the next action.
                self.timeline.active = false;
            }
        }
        self.scene.t = self.timeline.progress(self.now);
        self.scene.settled = !self.playing && !self.timeline.active;
        self.follow_pinned();
        self.refresh_metrics();
        self.refresh_past_curve();
        self.narrate_play(readouts_due);
        self.prepare_scene()
    }

    /// Copies the weights and the shown activations into the scene, and
    /// recomputes the grid when a step, a setting or an edit may have
    /// changed the weights (not on frames that only move the probe or animate).
    fn prepare_scene(&mut self) -> Result<(), ControlError> {
        super::sync::weights(&mut self.scene, self.session.network());
        match self.shown {
            Shown::Example => {
                super::sync::from_trace(&mut self.scene, self.session.trace(), self.prev_weights)
            }
            Shown::Probe => {
                let probe = self.session.probe(self.state.x1, self.state.x2)?;
                super::sync::from_probe(&mut self.scene, probe);
            }
        }
        let key = (self.session.steps(), self.revision);
        if key == self.grid_key && self.session.last_grid().is_some() {
            return Ok(());
        }
        let cost = Maps::cost(self.session.network(), GRID);
        if self.playing && cost > GRID_BUDGET {
            let rows = (GRID * GRID).saturating_mul(GRID_BUDGET) / cost;
            if self.session.grid_in_steps(GRID, rows)? {
                // Of weights a few frames old: never `key`, so the next
                // frame begins another (or, paused, computes the whole grid).
                self.grid_key = (u64::MAX, self.revision);
                self.grid_fresh = true;
            }
            return Ok(());
        }
        self.session.grid(GRID)?;
        self.grid_key = key;
        // Until the view has taken it.
        self.grid_fresh = true;
        Ok(())
    }

    /// While playing, the live narration line (on the frames that rewrite
    /// the readouts, so the line and the counters agree); and the guard's
    /// look at the metrics just measured (a blow-up or a stall).
    fn narrate_play(&mut self, readouts_due: bool) {
        let loss = Some(self.shown_metrics[0]).filter(|&v| v >= 0.0);
        if self.guard.watch(&self.session, loss, self.now) {
            self.touch();
            if self.guard.alert().is_some_and(|a| a.pauses()) {
                self.playing = false;
                self.timeline.active = false;
                if let Some(a) = self.guard.alert() {
                    self.say_text(a.text(self.guard.rate()));
                }
            }
        }
        if self.playing && readouts_due {
            let accuracy = Some(self.shown_metrics[2]).filter(|&v| v >= 0.0);
            let epoch = self.session.epoch();
            if self
                .live
                .due(self.now, epoch, loss, accuracy, &mut self.narration)
            {
                self.revision = self.revision.wrapping_add(1);
            }
        }
    }

    /// The narration says where Play stopped (written in place: no allocation).
    fn say_paused(&mut self) {
        let m = self.shown_metrics;
        let loss = Some(m[0]).filter(|&v| v >= 0.0);
        let accuracy = Some(m[2]).filter(|&v| v >= 0.0);
        live::write_paused(&mut self.narration, self.session.epoch(), loss, accuracy);
        self.revision = self.revision.wrapping_add(1);
    }

    fn refresh_metrics(&mut self) {
        let at = (self.session.steps(), self.session.epoch());
        if self.metrics_dirty || at != self.metrics_at {
            let m = self.session.metrics();
            self.shown_metrics = [m.train_loss, m.test_loss, m.train_accuracy, m.test_accuracy]
                .map(|v| v.unwrap_or(-1.0));
            self.metrics_at = at;
            self.metrics_dirty = false;
        }
    }

    pub(super) fn finish_animation(&mut self) {
        self.timeline.active = false;
        self.scene.phase = ScenePhase::Idle;
        self.prev_weights = false;
    }

    pub(super) fn show_divergence(&mut self) {
        self.playing = false;
        self.timeline.active = false;
        self.guard.watch(&self.session, None, self.now);
        if let Some(a) = self.guard.alert() {
            self.say_text(a.text(self.guard.rate()));
        }
    }

    pub(super) fn start_phase(&mut self) -> Result<(), ControlError> {
        if self.session.next_phase().is_none() {
            self.example = self.session.batch_indices().first().copied();
            self.probe_chosen = false;
            // Phase at a past step shows the phases of the recorded step
            // after it (Step there trains on, once the later steps are
            // dropped or kept).
            self.replaying = self.session.in_the_past() && !self.timeline.continuous;
        }
        if self.session.next_phase() == Some(Phase::Update) {
            self.scene.snapshot_prev_weights();
            self.prev_weights = true;
        }
        let report = if self.replaying {
            self.session.replay_phase()?
        } else {
            self.session.advance_phase()?
        };
        let rows = self.session.trace().rows();
        let mut text = narrate::phase(
            &report,
            self.session.network(),
            &self.session.config().training,
            rows,
        );
        if let PhaseReport::Update {
            outcome: StepOutcome::Applied { .. },
            ..
        } = report
        {
            let scene = &self.scene;
            let before = |m: usize| scene.prev_weights(m).map(<[f64]>::to_vec);
            if let Some(line) = narrate::relative_change_line(&before, self.session.network()) {
                text.push(' ');
                text.push_str(&line);
            }
        }
        if self.replaying {
            // The update moves the counter onto the step replayed.
            let done = u64::from(matches!(report, PhaseReport::Update { .. }));
            let step = self.session.steps() + 1 - done;
            narrate::push_replayed(&mut text, step, self.history_last());
        }
        self.say_text(text);
        self.scene.phase = scene_phase(report.phase());
        if !self.probe_chosen {
            self.shown = Shown::Example;
        }
        if let PhaseReport::Update {
            outcome: StepOutcome::Diverged(_),
            ..
        } = report
        {
            self.show_divergence();
            self.scene.phase = ScenePhase::Idle;
            return Ok(());
        }
        let phases = 2 * self.session.network().depth() + 2;
        self.timeline.start(self.now, phases, self.state.speed);
        Ok(())
    }
}
