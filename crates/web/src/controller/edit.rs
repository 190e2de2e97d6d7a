//! What the user changes: settings, the probe point, weights, points, files.
//! Every change is checked first; on error nothing changes.

use super::digits::task::DigitsTask;
use super::settings::{self, Effect};
use super::{sync, ControlError, Controller, PageState, Shown};
use crate::scene::Phase as ScenePhase;
use lightbulb_core::{Dataset, Model, Session};

impl Controller {
    /// Changes one setting, routed by its [effect](Effect) in the settings
    /// table: live settings apply to the running training, display settings
    /// only redraw, new data starts over with new points, and anything else
    /// rebuilds the network (same seed, so the same starting weights),
    /// keeping the points if they still fit. On error nothing changes.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), ControlError> {
        let setting = settings::lookup(key)?;
        if setting.effect == Effect::Probe {
            self.check_unlocked("inputs")?;
        }
        self.touch();
        let mut next = self.state.clone();
        next.set(key, value)?;
        match setting.effect {
            Effect::Live => {
                self.session.set_training(next.training())?;
                self.state = next;
                if self.state.digits {
                    self.reconfigure_digits()?;
                }
            }
            Effect::Display => self.state = next,
            Effect::Probe => {
                self.state = next;
                self.shown = Shown::Probe;
            }
            Effect::NewData => {
                let session = Session::new(next.session_config())?;
                self.replace(next, session);
            }
            Effect::Rebuild => {
                let config = next.session_config();
                let data = self.session.data().clone();
                let session = if data.problem == config.dataset.problem() {
                    Session::with_data(config, data)
                } else {
                    Session::new(config)
                }?;
                self.replace(next, session);
            }
        }
        Ok(())
    }

    /// Starts again from the same seed: the same starting weights, counters at 0.
    /// While comparing, the other run stays (same data, same starting
    /// weights) and follows back to step 0.
    pub fn reset(&mut self) -> Result<(), ControlError> {
        self.check_unlocked("reset")?;
        if self.state.digits {
            if let Some(old) = self.rebuild_digits()? {
                self.put_aside(self.state.clone(), self.session.clone(), Some(old));
            }
            return Ok(());
        }
        let data = self.session.data().clone();
        let session = Session::with_data(self.state.session_config(), data)?;
        let pinned = self.pinned.take();
        self.replace(self.state.clone(), session);
        self.pinned = pinned;
        Ok(())
    }

    /// New data from a new seed.
    pub fn regenerate(&mut self) -> Result<(), ControlError> {
        let seed = (self.state.config.dataset.seed() + 1) % (u32::MAX as u64);
        self.set("dataseed", &seed.to_string())
    }

    /// Sets the offered learning rate and resets: same seed, same data.
    pub fn reset_with_rate(&mut self) -> Result<(), ControlError> {
        self.check_unlocked("reset")?;
        let rate = self.guard.rate().ok_or(ControlError::NoSafeRate)?;
        let mut next = self.state.clone();
        next.set("lr", &settings::fmt(rate))?;
        let data = self.session.data().clone();
        let session = Session::with_data(next.session_config(), data)?;
        self.replace(next, session);
        Ok(())
    }

    /// Moves the probe point (the input sliders, clamped to the input
    /// square) and shows its activations.
    pub fn set_input(&mut self, x1: f64, x2: f64) -> Result<(), ControlError> {
        self.check_unlocked("inputs")?;
        if !x1.is_finite() || !x2.is_finite() {
            return Err(ControlError::Input(x1, x2));
        }
        let limit = settings::INPUT_LIMIT;
        self.state.x1 = x1.clamp(-limit, limit);
        self.state.x2 = x2.clamp(-limit, limit);
        self.shown = Shown::Probe;
        self.probe_chosen = true;
        // Only the caption changes: the grid and thumbnails (keyed on the
        // revision) stay.
        self.probe_moves = self.probe_moves.wrapping_add(1);
        if !self.timeline.active {
            self.scene.phase = ScenePhase::Idle;
        }
        Ok(())
    }

    /// Sets one weight (matrix `layer`, from input `from` to neuron `to`).
    pub fn set_weight(
        &mut self,
        layer: usize,
        from: usize,
        to: usize,
        value: f64,
    ) -> Result<(), ControlError> {
        self.session.set_weight(layer, to, from, value)?;
        self.touch();
        self.finish_animation();
        self.shown = Shown::Probe;
        Ok(())
    }

    /// Adds a point of `label` (a class index, or a value for regression).
    pub fn add_point(&mut self, x1: f64, x2: f64, label: f64) -> Result<(), ControlError> {
        // On the 0.01 grid, finer than a pixel of the plot: a share link
        // then carries the point in 7 bytes (see `share`).
        let grid = |v: f64| (v * 100.0).round() / 100.0;
        self.session.add_point(grid(x1), grid(x2), label, true)?;
        self.after_points();
        Ok(())
    }

    /// Removes the point nearest to (x1, x2); returns whether one was removed.
    pub fn remove_point(&mut self, x1: f64, x2: f64) -> Result<bool, ControlError> {
        let removed = self.session.remove_nearest(x1, x2)?.is_some();
        self.after_points();
        Ok(removed)
    }

    /// Removes every point.
    pub fn clear_points(&mut self) -> Result<(), ControlError> {
        let before = (self.state.clone(), self.session.clone());
        self.session.clear_points()?;
        self.keep_for_undo(before.0, before.1, None);
        self.after_points();
        Ok(())
    }

    /// Replaces the points with `x1,x2,label` rows. Reports every bad row by
    /// line number, and then changes nothing. Returns the number of points.
    pub fn paste_csv(&mut self, text: &str) -> Result<usize, ControlError> {
        let problem = self.session.data().problem;
        let points = lightbulb_core::dataset::parse_csv(text, problem)?;
        let n = points.len();
        let share = self.state.config.dataset.train_percent() / 100.0;
        let cut = ((n as f64 * share).round() as usize)
            .clamp(usize::from(n > 1), n.saturating_sub(usize::from(n > 1)));
        let (train, test) = points.split_at(cut);
        let data = Dataset::from_points(problem, train.to_vec(), test.to_vec())?;
        let before = (self.state.clone(), self.session.clone());
        self.session.set_data(data)?;
        self.keep_for_undo(before.0, before.1, None);
        self.after_points();
        Ok(n)
    }

    /// The model file of the current network.
    pub fn export_model(&self) -> String {
        if let Some(json) = self.digits_model() {
            return json;
        }
        Model::from_trainer(
            self.session.trainer(),
            Some(self.state.config.features),
            self.state.config.seed,
        )
        .to_json()
    }

    /// Loads a model file; it must fit the current data (inputs from the 2-D
    /// point, outputs for the problem). On error nothing changes.
    pub fn import_model(&mut self, text: &str) -> Result<(), ControlError> {
        if self.state.digits {
            return self.import_digits_model(text);
        }
        let model = Model::from_json(text)?;
        let features = model.features.ok_or(ControlError::ModelWithoutFeatures)?;
        let mut next = self.state.clone();
        next.config.features = features;
        next.config.hidden =
            model
                .network
                .layers()
                .split_last()
                .map_or_else(Vec::new, |(_, hidden)| {
                    hidden
                        .iter()
                        .map(|l| lightbulb_core::HiddenSpec {
                            neurons: l.neurons(),
                            activation: l.activation,
                        })
                        .collect()
                });
        next.config.training = model.training;
        next.config.seed = model.seed;
        next.config.validate()?;
        let mut session = Session::with_data(next.session_config(), self.session.data().clone())?;
        session.replace_trainer(model.trainer()?)?;
        self.replace(next, session);
        Ok(())
    }

    /// The session file: model, data (custom points too), counters and history.
    pub fn save_session(&self) -> String {
        self.session.to_json()
    }

    /// Opens a session file. On error nothing changes.
    pub fn open_session(&mut self, text: &str) -> Result<(), ControlError> {
        let session = Session::from_json(text)?;
        if self.state.digits {
            return Err(ControlError::SessionOnDigits);
        }
        let mut next = self.state.clone();
        next.config = session.config().clone();
        next.follow = false;
        self.replace(next, session);
        Ok(())
    }

    /// After the points changed: the metrics are stale, the bulbs show the probe.
    fn after_points(&mut self) {
        self.touch();
        // The runs compared no longer train on the same data.
        if let Some((_, other)) = self.run_names() {
            self.pinned = None;
            self.say_text(format!(
                "Comparing stopped: {other} trained on the points as they were."
            ));
        }
        self.finish_animation();
        self.shown = Shown::Probe;
    }

    /// Replaces the page state and the session; the old ones are kept for
    /// Undo when they hold something the user made.
    pub(super) fn replace(&mut self, state: PageState, session: Session) {
        let (old_state, old_session, old_digits) = self.swap_in(state, session);
        self.put_aside(old_state, old_session, old_digits);
    }

    /// Replaces the page state and the session and returns the old ones,
    /// with the digits task the new state replaced.
    pub(super) fn swap_in(
        &mut self,
        state: PageState,
        session: Session,
    ) -> (PageState, Session, Option<DigitsTask>) {
        self.touch();
        // A new network or new data: the pinned run compares no more.
        let other = self.run_names().map(|n| n.1);
        self.pinned = None;
        let old_state = std::mem::replace(&mut self.state, state);
        let old_session = std::mem::replace(&mut self.session, session);
        self.playing = false;
        self.timeline = super::timeline::Timeline::default();
        self.guard.clear();
        self.after_rebuild();
        // The digits task follows the state: a new network, or none off digits.
        let old_digits = match self.rebuild_digits() {
            Ok(old) => old,
            Err(e) => {
                self.say_text(format!("The digits network could not be built: {e}."));
                None
            }
        };
        if let Some(other) = other {
            self.narration.push_str(&format!(
                " Comparing stopped: {other} trained another network or other data."
            ));
        }
        (old_state, old_session, old_digits)
    }

    pub(super) fn after_rebuild(&mut self) {
        sync::structure(
            &mut self.scene,
            self.session.network(),
            &self.state.config.features,
            &mut self.sizes,
            &mut self.kinds,
        );
        self.scene.phase = ScenePhase::Idle;
        self.scene.hover = None;
        self.shown = Shown::Probe;
        self.prev_weights = false;
        self.hovered_neuron = None;
        self.say_text("Press Step to watch one training step, or Play to train continuously.");
    }
}
