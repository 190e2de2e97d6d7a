//! The one handle the page holds: Rust owns the session, the scene and the
//! drawing; JavaScript wires controls to these methods and runs the
//! `requestAnimationFrame` loop, calling [`Lightbulb::frame`].
//!
//! Every method returns `Result<_, JsError>` or cannot fail; on error the
//! state is left as it was.

mod caption;
mod guard;
mod live;
mod narrate;
mod numbers;
mod state;
pub(crate) mod surface;
pub(crate) mod sync;
mod timeline;

pub use state::{clip, number_choices, PageState, KEYS, LR_CHOICES};

use crate::glow::ActivationKind;
use crate::hit::Hit;
use crate::plot::{DataView, Plots};
use crate::render::Renderer;
use crate::scene::{Phase as ScenePhase, Scene};
use lightbulb_core::{Dataset, Model, Phase, PhaseReport, Session, StepOutcome};
pub(crate) use surface::Surface;
use timeline::Timeline;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Resolution of the decision heatmap (and the source of the bulbs' thumbnails).
pub const GRID: usize = 100;

fn js(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// What the bulbs show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum View {
    /// The probe point of the input sliders.
    Probe,
    /// Example 1 of the current step's batch.
    Example,
}

/// Lightbulb's state, behind one opaque handle.
#[wasm_bindgen]
pub struct Lightbulb {
    state: PageState,
    notice: String,
    session: Session,
    scene: Scene,
    renderer: Renderer,
    plots: Plots,
    sizes: Vec<usize>,
    kinds: Vec<ActivationKind>,
    network: Option<Surface>,
    data: Option<Surface>,
    chart: Option<Surface>,
    playing: bool,
    timeline: Timeline,
    speed: f64,
    view: View,
    prev_weights: bool,
    narration: String,
    /// Bumped whenever the narration or the divergence notice changes.
    revision: u32,
    /// Loss and accuracy as shown, refreshed by `frame` when they may have changed.
    shown_metrics: [f64; 4],
    /// (steps, epoch) the shown metrics belong to, and whether anything else changed since.
    metrics_at: (u64, u64),
    metrics_dirty: bool,
    /// (steps, revision) of the last grid and thumbnails.
    grid_key: (u64, u32),
    numbers: String,
    now: f64,
    log_chart: bool,
    chart_hover: Option<f64>,
    hovered_neuron: Option<(usize, usize)>,
    /// Divergence, a blow-up or a stall, and the rate a reset offers.
    guard: guard::Guard,
    /// The narration while playing.
    live: live::LiveLine,
    /// The training point of the step on screen (its batch's first example),
    /// taken when the step began: the session's batch cursor moves on at
    /// the update.
    example: Option<usize>,
    /// Bumped when the probe point moves (the caption changes).
    probe_moves: u32,
    /// The probe was moved during the step on screen: its remaining phases
    /// keep showing the probe rather than switching back to the example.
    probe_chosen: bool,
}

#[wasm_bindgen]
impl Lightbulb {
    /// Builds the page state from a URL hash. A bad hash never fails: what
    /// can be read is used, and [`Lightbulb::notice`] says what was ignored.
    #[wasm_bindgen(constructor)]
    pub fn new(hash: &str) -> Result<Lightbulb, JsError> {
        let (state, ignored) = PageState::from_hash(hash);
        let notice = if ignored.is_empty() {
            String::new()
        } else {
            format!(
                "Some settings in the link could not be used and were reset to defaults: {}.",
                ignored.join("; ")
            )
        };
        let session = Session::new(session_config(&state)).map_err(js)?;
        let mut lb = Lightbulb {
            state,
            notice,
            session,
            scene: Scene::new(),
            renderer: Renderer::new(),
            plots: Plots::new(),
            sizes: Vec::new(),
            kinds: Vec::new(),
            network: None,
            data: None,
            chart: None,
            playing: false,
            timeline: Timeline::default(),
            speed: 1.0,
            view: View::Probe,
            prev_weights: false,
            narration: String::new(),
            revision: 0,
            shown_metrics: [-1.0; 4],
            metrics_at: (u64::MAX, u64::MAX),
            metrics_dirty: true,
            grid_key: (u64::MAX, u32::MAX),
            numbers: String::new(),
            now: 0.0,
            log_chart: false,
            chart_hover: None,
            hovered_neuron: None,
            guard: guard::Guard::default(),
            live: live::LiveLine::default(),
            example: None,
            probe_moves: 0,
            probe_chosen: false,
        };
        lb.after_rebuild();
        Ok(lb)
    }

    /// The canvases to draw on: the network view, the data plot and the loss chart.
    pub fn attach(
        &mut self,
        network: HtmlCanvasElement,
        data: HtmlCanvasElement,
        chart: HtmlCanvasElement,
    ) -> Result<(), JsError> {
        self.network = Some(Surface::new(network)?);
        self.data = Some(Surface::new(data)?);
        self.chart = Some(Surface::new(chart)?);
        Ok(())
    }

    /// What the link's hash held that could not be used ("" if nothing).
    pub fn notice(&self) -> String {
        self.notice.clone()
    }

    /// The whole configuration as a URL hash (without `#`).
    pub fn hash(&self) -> String {
        self.state.to_hash()
    }

    /// One setting's current value, as text (see the hash keys).
    pub fn get(&self, key: &str) -> Result<String, JsError> {
        self.state
            .get(key)
            .ok_or_else(|| JsError::new(&format!("unknown setting \"{}\"", state::clip(key))))
    }

    /// Changes one setting. Learning rate, optimizer, regularisation, batch
    /// size and the display options apply live; anything else rebuilds the
    /// network (same seed, so the same starting weights). On error nothing changes.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), JsError> {
        self.touch();
        let mut next = self.state.clone();
        next.set(key, value).map_err(|e| JsError::new(&e))?;
        match key {
            "lr" | "optimizer" | "reg" | "regrate" | "batch" | "follow" => {
                self.session.set_training(training_of(&next)).map_err(js)?;
                self.state = next;
            }
            "showtest" | "discretize" => self.state = next,
            "x" => {
                self.state = next;
                self.view = View::Probe;
            }
            "dataset" | "classes" | "noise" | "train" | "points" | "dataseed" => {
                let session = Session::new(session_config(&next)).map_err(js)?;
                self.replace(next, session);
            }
            _ => {
                // Architecture, features, activations, loss, seed: keep the points if they still fit.
                let config = session_config(&next);
                let data = self.session.data().clone();
                let session = if data.problem == config.dataset.problem() {
                    Session::with_data(config, data)
                } else {
                    Session::new(config)
                }
                .map_err(js)?;
                self.replace(next, session);
            }
        }
        Ok(())
    }

    /// Starts again from the same seed: the same starting weights, counters at 0.
    pub fn reset(&mut self) -> Result<(), JsError> {
        let data = self.session.data().clone();
        let session = Session::with_data(session_config(&self.state), data).map_err(js)?;
        self.replace(self.state.clone(), session);
        Ok(())
    }

    /// New data from a new seed.
    pub fn regenerate(&mut self) -> Result<(), JsError> {
        let seed = (self.state.config.dataset.seed() + 1) % (u32::MAX as u64);
        self.set("dataseed", &seed.to_string())
    }

    /// Play: one epoch per frame until paused or diverged. Playing on
    /// after a warning (a blow-up, a stall) dismisses it.
    pub fn play(&mut self) {
        if self.session.diverged().is_none() {
            self.finish_animation();
            if self.guard.alert().is_some() {
                self.guard.dismiss();
                self.touch();
            }
            self.playing = true;
            self.view = View::Probe;
            self.live.restart();
        }
    }

    /// Pause; the narration says where training stopped.
    pub fn pause(&mut self) {
        if self.playing {
            self.playing = false;
            self.say_paused();
        }
    }

    /// Whether playing.
    pub fn playing(&self) -> bool {
        self.playing
    }

    /// One mini-batch, animated phase by phase.
    pub fn step(&mut self) -> Result<(), JsError> {
        self.playing = false;
        if self.timeline.active {
            self.finish_animation();
            // Finish a step in progress; one whose update is already done (its
            // last phase still animating) must not run a whole step more.
            if self.session.next_phase().is_some() {
                self.session.step().map_err(js)?;
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
    pub fn phase(&mut self) -> Result<(), JsError> {
        self.playing = false;
        self.timeline.continuous = false;
        if self.session.diverged().is_some() {
            self.show_divergence();
            return Ok(());
        }
        self.start_phase()
    }

    /// Animation speed (1 = a step in about 1.5 s).
    pub fn set_speed(&mut self, speed: f64) -> Result<(), JsError> {
        if !speed.is_finite() || speed <= 0.0 {
            return Err(JsError::new(&format!(
                "speed must be a positive number, got {speed}"
            )));
        }
        self.speed = speed.min(20.0);
        Ok(())
    }

    /// Moves the probe point (the input sliders) and shows its activations.
    pub fn set_input(&mut self, x1: f64, x2: f64) -> Result<(), JsError> {
        if !x1.is_finite() || !x2.is_finite() {
            return Err(JsError::new(&format!(
                "inputs must be finite numbers, got ({x1}, {x2})"
            )));
        }
        self.state.x1 = x1.clamp(-6.0, 6.0);
        self.state.x2 = x2.clamp(-6.0, 6.0);
        self.view = View::Probe;
        self.probe_chosen = true;
        // Only the caption changes: the grid and thumbnails (keyed on the
        // revision) stay.
        self.probe_moves = self.probe_moves.wrapping_add(1);
        if !self.timeline.active {
            self.scene.phase = ScenePhase::Idle;
        }
        Ok(())
    }

    /// Advances training or the animation to time `now` (ms) and draws everything.
    pub fn frame(&mut self, now: f64) -> Result<(), JsError> {
        if now.is_finite() {
            if now < self.now {
                self.timeline.rebase(now);
            }
            self.now = now;
        }
        if self.playing {
            match self.session.epoch_run() {
                Ok(StepOutcome::Diverged(_)) => self.show_divergence(),
                Ok(StepOutcome::Applied { .. }) => {}
                Err(e) => {
                    self.playing = false;
                    self.say_text(e.to_string());
                }
            }
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
        self.refresh_metrics();
        self.narrate_play();
        self.draw()
    }

    /// Hover over the network canvas at CSS px (x, y): returns the read-out
    /// for the bulb or wire there ("" for nothing).
    pub fn hover_network(&mut self, x: f64, y: f64) -> String {
        let hit = if x.is_finite() && y.is_finite() {
            self.renderer.hit(x, y)
        } else {
            None
        };
        self.scene.hover = hit;
        self.hovered_neuron = match hit {
            Some(Hit::Neuron { layer, index }) if layer > 0 => Some((layer, index)),
            _ => None,
        };
        self.describe(hit)
    }

    /// The wire under CSS px (x, y) as `[layer, from, to, weight]`, or an empty list.
    pub fn wire_at(&self, x: f64, y: f64) -> Vec<f64> {
        match (x.is_finite() && y.is_finite())
            .then(|| self.renderer.hit(x, y))
            .flatten()
        {
            Some(Hit::Wire { layer, from, to }) => {
                let w = self
                    .session
                    .network()
                    .layers()
                    .get(layer)
                    .and_then(|l| l.weights.get((to, from)))
                    .copied();
                w.map_or_else(Vec::new, |w| vec![layer as f64, from as f64, to as f64, w])
            }
            _ => Vec::new(),
        }
    }

    /// Sets one weight (matrix `layer`, from input `from` to neuron `to`).
    pub fn set_weight(
        &mut self,
        layer: usize,
        from: usize,
        to: usize,
        value: f64,
    ) -> Result<(), JsError> {
        self.touch();
        self.finish_animation();
        self.session
            .set_weight(layer, to, from, value)
            .map_err(js)?;
        self.view = View::Probe;
        Ok(())
    }

    /// Data coordinates of CSS px (x, y) on the data plot.
    pub fn plot_point(&self, x: f64, y: f64) -> Vec<f64> {
        let (x1, x2) = self.plots.to_data(x, y);
        vec![x1, x2]
    }

    /// Adds a point of `label` (a class index, or a value for regression).
    pub fn add_point(&mut self, x1: f64, x2: f64, label: f64) -> Result<(), JsError> {
        self.touch();
        self.finish_animation();
        self.view = View::Probe;
        self.session.add_point(x1, x2, label, true).map_err(js)
    }

    /// Removes the point nearest to (x1, x2); returns whether one was removed.
    pub fn remove_point(&mut self, x1: f64, x2: f64) -> Result<bool, JsError> {
        self.touch();
        self.finish_animation();
        self.view = View::Probe;
        Ok(self.session.remove_nearest(x1, x2).map_err(js)?.is_some())
    }

    /// Removes every point.
    pub fn clear_points(&mut self) -> Result<(), JsError> {
        self.touch();
        self.finish_animation();
        self.view = View::Probe;
        self.session.clear_points().map_err(js)
    }

    /// Replaces the points with `x1,x2,label` rows. Reports every bad row by
    /// line number, and then changes nothing. Returns the number of points.
    pub fn paste_csv(&mut self, text: &str) -> Result<usize, JsError> {
        self.touch();
        let problem = self.session.data().problem;
        let points = lightbulb_core::dataset::parse_csv(text, problem).map_err(js)?;
        let n = points.len();
        let share = self.state.config.dataset.train_percent() / 100.0;
        let cut = ((n as f64 * share).round() as usize)
            .clamp(usize::from(n > 1), n.saturating_sub(usize::from(n > 1)));
        let (train, test) = points.split_at(cut);
        let data = Dataset::from_points(problem, train.to_vec(), test.to_vec()).map_err(js)?;
        self.finish_animation();
        self.view = View::Probe;
        self.session.set_data(data).map_err(js)?;
        Ok(n)
    }

    /// The model file of the current network.
    pub fn export_model(&self) -> String {
        Model::from_trainer(
            self.session.trainer(),
            Some(self.state.config.features),
            self.state.config.seed,
        )
        .to_json()
    }

    /// Loads a model file; it must fit the current data (inputs from the 2-D
    /// point, outputs for the problem). On error nothing changes.
    pub fn import_model(&mut self, text: &str) -> Result<(), JsError> {
        let model = Model::from_json(text).map_err(js)?;
        let features = model.features.ok_or_else(|| {
            JsError::new("the model has no \"features\", so the page cannot feed it 2-D points")
        })?;
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
        next.config.validate().map_err(js)?;
        let mut session =
            Session::with_data(session_config(&next), self.session.data().clone()).map_err(js)?;
        session
            .replace_trainer(model.trainer().map_err(js)?)
            .map_err(js)?;
        self.replace(next, session);
        Ok(())
    }

    /// The session file: model, data (custom points too), counters and history.
    pub fn save_session(&self) -> String {
        self.session.to_json()
    }

    /// Opens a session file. On error nothing changes.
    pub fn open_session(&mut self, text: &str) -> Result<(), JsError> {
        let session = Session::from_json(text).map_err(js)?;
        let mut next = self.state.clone();
        next.config = session.config().clone();
        next.follow = false;
        self.replace(next, session);
        Ok(())
    }

    /// Completed steps.
    pub fn steps(&self) -> f64 {
        self.session.steps() as f64
    }

    /// Completed epochs.
    pub fn epoch(&self) -> f64 {
        self.session.epoch() as f64
    }

    /// One of the metrics as of the last frame, without allocating: 0 train
    /// loss, 1 test loss, 2 train accuracy, 3 test accuracy; −1 when missing.
    pub fn metric(&self, index: usize) -> f64 {
        self.shown_metrics.get(index).copied().unwrap_or(-1.0)
    }

    /// The loss in words, e.g. "mean squared error".
    pub fn loss_name(&self) -> String {
        narrate::loss_name(self.state.config.training.loss).to_string()
    }

    /// A number that changes whenever [`Lightbulb::narration`] or
    /// [`Lightbulb::divergence`] does, so the page fetches the text only then.
    pub fn revision(&self) -> u32 {
        self.revision
    }

    /// What the last phase did, in words.
    pub fn narration(&self) -> String {
        self.narration.clone()
    }

    /// The guard's notice (a divergence, a loss that blew up, a stall), or
    /// "" while training is healthy.
    pub fn divergence(&self) -> String {
        self.guard
            .alert()
            .map(|a| a.text(self.guard.rate()))
            .unwrap_or_default()
    }

    /// A number that changes whenever the probe point moves, so the page
    /// re-reads [`Lightbulb::shown_input`] only then (and on a new revision).
    pub fn probe_moves(&self) -> u32 {
        self.probe_moves
    }

    /// What the notice is about: "diverged", "growing", "stalled" or "".
    pub fn alert_kind(&self) -> String {
        self.guard.alert().map_or("", |a| a.kind()).to_string()
    }

    /// The learning rate the notice offers for a reset, or −1 for none.
    pub fn safe_rate(&self) -> f64 {
        self.guard.rate().unwrap_or(-1.0)
    }

    /// The offered learning rate as the lists write it ("0.1", "0.00001"),
    /// or "" for none.
    pub fn safe_rate_text(&self) -> String {
        self.guard.rate().map(state::fmt).unwrap_or_default()
    }

    /// Sets the offered learning rate and resets: same seed, same data.
    pub fn reset_with_rate(&mut self) -> Result<(), JsError> {
        let rate = self
            .guard
            .rate()
            .ok_or_else(|| JsError::new("there is no learning rate to offer right now"))?;
        let mut next = self.state.clone();
        next.set("lr", &state::fmt(rate))
            .map_err(|e| JsError::new(&e))?;
        let data = self.session.data().clone();
        let session = Session::with_data(session_config(&next), data).map_err(js)?;
        self.replace(next, session);
        Ok(())
    }

    /// Hides a warning (a blow-up, a stall) until the next run.
    pub fn dismiss_alert(&mut self) {
        self.guard.dismiss();
        self.touch();
    }

    /// The oldest step the history can show.
    pub fn history_first(&self) -> f64 {
        self.session.timeline().first_step() as f64
    }

    /// The newest step of the history.
    pub fn history_last(&self) -> f64 {
        self.session.timeline().last_step() as f64
    }

    /// Whether a past step is on screen (training from here drops or keeps
    /// the later steps first).
    pub fn in_the_past(&self) -> bool {
        self.session.in_the_past()
    }

    /// Shows the network exactly as it was after `step` steps: weights,
    /// optimizer state, counters, the loss chart's history. On error (a
    /// step outside the history) nothing changes.
    pub fn seek(&mut self, step: f64) -> Result<(), JsError> {
        if !step.is_finite() || step < 0.0 {
            return Err(JsError::new(&format!(
                "a step must be a whole number ≥ 0, got {}",
                lightbulb_core::error::short_number(&step)
            )));
        }
        self.playing = false;
        self.finish_animation();
        self.session.seek(step.round() as u64).map_err(js)?;
        self.touch();
        self.view = View::Probe;
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
    pub fn continue_from_here(&mut self, keep: bool) -> Result<(), JsError> {
        if keep {
            let name = format!("run to step {}", self.session.timeline().last_step());
            self.session.keep_branch(&name).map_err(js)?;
        } else {
            self.session.drop_later();
        }
        self.touch();
        Ok(())
    }

    /// Undoes the last weight set by hand at this step; returns whether
    /// there was one.
    pub fn undo(&mut self) -> Result<bool, JsError> {
        self.finish_animation();
        let edit = self.session.undo().map_err(js)?;
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

    /// What the last frame drew, as JSON, for tests and tools that cannot
    /// read a canvas: the legend's words and whether the loss had room, how
    /// many input bulbs carried their name (of how many), and the loss
    /// chart's y labels.
    pub fn view_report(&self) -> String {
        let (words, loss) = self
            .renderer
            .legend_plan()
            .map_or((Vec::new(), false), |p| {
                (crate::render::legend::words(p.tier).to_vec(), p.loss)
            });
        let quoted = |list: &mut dyn Iterator<Item = &str>| {
            list.map(|w| format!("\"{}\"", w.replace('"', "")))
                .collect::<Vec<_>>()
                .join(",")
        };
        format!(
            "{{\"legend\":[{}],\"legendLoss\":{loss},\"inputLabels\":{},\"inputs\":{},\"chartLabels\":[{}]}}",
            quoted(&mut words.into_iter()),
            self.renderer.input_labels(),
            self.scene.sizes().first().copied().unwrap_or(0),
            quoted(&mut self.plots.chart_labels().split('|').filter(|s| !s.is_empty())),
        )
    }

    /// Which input the bulbs show, in words: an example of the batch (with
    /// its values and target) or the probe point of the sliders.
    pub fn shown_input(&self) -> String {
        match self.shown_example() {
            Some((k, n, p)) => {
                let trace = self.session.trace();
                let targets = trace.targets();
                let row = targets.rows().into_iter().next();
                let t: Vec<f64> = row.map(|r| r.to_vec()).unwrap_or_default();
                caption::example(k, n, p.x1, p.x2, &t)
            }
            None => caption::probe(self.state.x1, self.state.x2),
        }
    }

    /// The numbers panel as HTML tables.
    pub fn numbers_html(&mut self) -> String {
        numbers::table(&self.scene, self.session.network(), &mut self.numbers);
        self.numbers.clone()
    }

    /// How many points there are, as `[train, test]`.
    pub fn point_counts(&self) -> Vec<f64> {
        let data = self.session.data();
        vec![data.train.len() as f64, data.test.len() as f64]
    }

    /// Whether the problem is a classification, and how many classes (0 for regression).
    pub fn classes(&self) -> usize {
        self.session.data().problem.classes().unwrap_or(0)
    }

    /// Hover over the loss chart at CSS px x (or leave it with NaN): returns the read-out.
    pub fn hover_chart(&mut self, x: f64) -> String {
        self.chart_hover = x.is_finite().then_some(x);
        self.plots.chart_readout(x, self.session.history())
    }

    /// Log scale for the loss chart.
    pub fn set_log_chart(&mut self, on: bool) {
        self.log_chart = on;
    }

    /// Index of the training point the bulbs show (the first example of
    /// the step's batch), or −1 while they show the probe.
    pub fn followed_point(&self) -> f64 {
        match (self.view, self.example) {
            (View::Example, Some(i)) => i as f64,
            _ => -1.0,
        }
    }
}

impl Lightbulb {
    /// The example the bulbs show: (1, batch size, the point), or `None`
    /// while they show the probe.
    fn shown_example(&self) -> Option<(usize, usize, lightbulb_core::Point)> {
        if self.view != View::Example {
            return None;
        }
        let i = self.example?;
        let p = *self.session.data().train.get(i)?;
        Some((1, self.session.trace().rows().max(1), p))
    }

    /// While playing, the live narration line; and the guard's look at the
    /// metrics just measured (a blow-up or a stall).
    fn narrate_play(&mut self) {
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
        if self.playing {
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

    /// Something changed that the loss, accuracy or notices may depend on.
    fn touch(&mut self) {
        self.metrics_dirty = true;
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

    fn say_text(&mut self, text: impl Into<String>) {
        self.narration = text.into();
        self.revision = self.revision.wrapping_add(1);
    }

    fn replace(&mut self, state: PageState, session: Session) {
        self.touch();
        self.state = state;
        self.session = session;
        self.playing = false;
        self.timeline = Timeline::default();
        self.guard.clear();
        self.after_rebuild();
    }

    fn after_rebuild(&mut self) {
        sync::structure(
            &mut self.scene,
            self.session.network(),
            &self.state.config.features,
            &mut self.sizes,
            &mut self.kinds,
        );
        self.scene.phase = ScenePhase::Idle;
        self.scene.hover = None;
        self.view = View::Probe;
        self.prev_weights = false;
        self.hovered_neuron = None;
        self.say_text(
            "Press Step to watch one training step, or Play to train continuously.".to_string(),
        );
    }

    fn finish_animation(&mut self) {
        self.timeline.active = false;
        self.scene.phase = ScenePhase::Idle;
        self.prev_weights = false;
    }

    fn show_divergence(&mut self) {
        self.playing = false;
        self.timeline.active = false;
        self.guard.watch(&self.session, None, self.now);
        if let Some(a) = self.guard.alert() {
            self.say_text(a.text(self.guard.rate()));
        }
    }

    fn start_phase(&mut self) -> Result<(), JsError> {
        if self.session.next_phase().is_none() {
            self.example = self.session.batch_indices().first().copied();
            self.probe_chosen = false;
        }
        if self.session.next_phase() == Some(Phase::Update) {
            self.scene.snapshot_prev_weights();
            self.prev_weights = true;
        }
        let report = self.session.advance_phase().map_err(js)?;
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
        self.say_text(text);
        self.scene.phase = match report.phase() {
            Phase::Forward(l) => ScenePhase::Forward(l + 1),
            Phase::Loss => ScenePhase::Loss,
            Phase::Backward(l) => ScenePhase::Backward(l + 1),
            Phase::Update => ScenePhase::Update,
        };
        if !self.probe_chosen {
            self.view = View::Example;
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
        self.timeline.start(self.now, phases, self.speed);
        Ok(())
    }

    fn describe(&self, hit: Option<Hit>) -> String {
        match hit {
            Some(Hit::Neuron { layer, index }) => {
                numbers::neuron_equation(&self.scene, self.session.network(), layer, index)
            }
            Some(Hit::Wire { layer, from, to }) => numbers::wire_text(
                &self.scene,
                self.session.trace(),
                self.session.network(),
                self.state.config.training.regularization != lightbulb_core::Regularization::None,
                (layer, from, to),
            ),
            None => String::new(),
        }
    }

    fn draw(&mut self) -> Result<(), JsError> {
        sync::weights(&mut self.scene, self.session.network());
        match self.view {
            View::Example => {
                sync::from_trace(&mut self.scene, self.session.trace(), self.prev_weights)
            }
            View::Probe => {
                let probe = self
                    .session
                    .probe(self.state.x1, self.state.x2)
                    .map_err(js)?;
                sync::from_probe(&mut self.scene, probe);
            }
        }
        // The grid and the thumbnails depend only on the weights: recompute
        // them when a step, a setting or an edit may have changed those, not
        // on frames that only move the probe or animate.
        let key = (self.session.steps(), self.revision);
        if key != self.grid_key || self.session.last_grid().is_none() {
            self.session.grid(GRID).map_err(js)?;
            if let Some(grid) = self.session.last_grid() {
                self.plots.thumbnails(grid, &mut self.scene);
            }
            self.grid_key = key;
        }
        let Some(grid) = self.session.last_grid() else {
            return Err(JsError::new("the heatmap grid is missing"));
        };
        if let Some(s) = &self.network {
            let (w, h, dpr) = s.fit();
            self.renderer
                .draw(&s.ctx, &self.scene, w, h, dpr)
                .map_err(|_| JsError::new("drawing the network failed"))?;
        }
        let data = self.session.data();
        let highlight = match self.followed_point() {
            i if i >= 0.0 => data.train.get(i as usize).copied(),
            _ => None,
        };
        if let Some(s) = &self.data {
            let (w, h, dpr) = s.fit();
            let view = DataView {
                grid,
                resolution: grid.resolution(),
                head: self.session.head(),
                hovered: self.hovered_neuron,
                data,
                show_test: self.state.show_test,
                discretize: self.state.discretize,
                probe: (self.state.x1, self.state.x2),
                highlight,
            };
            self.plots
                .draw_data(&s.ctx, w, h, dpr, &view)
                .map_err(|_| JsError::new("drawing the data plot failed"))?;
        }
        if let Some(s) = &self.chart {
            let (w, h, dpr) = s.fit();
            self.plots
                .draw_chart(
                    &s.ctx,
                    w,
                    h,
                    dpr,
                    self.session.history(),
                    self.log_chart,
                    self.chart_hover,
                )
                .map_err(|_| JsError::new("drawing the loss chart failed"))?;
        }
        Ok(())
    }
}

fn training_of(state: &PageState) -> lightbulb_core::TrainingConfig {
    let mut t = state.config.training;
    if state.follow {
        t.batch_size = 1;
    }
    t
}

fn session_config(state: &PageState) -> lightbulb_core::SessionConfig {
    let mut c = state.config.clone();
    c.training = training_of(state);
    c
}
