//! The controller: what the page decides, in plain Rust (no web-sys, no
//! `JsError`), tested natively. It owns the page state, the session, the
//! animation timeline, the view options, play and speed, the metrics and
//! the narration; the [view](crate::view) paints what it hands over in a
//! [`Frame`].
//!
//! ```
//! use lightbulb_web::controller::Controller;
//!
//! let mut c = Controller::new("#dataset=xor&layers=4").unwrap();
//! c.step().unwrap(); // the first phase of an animated step starts
//! assert!(c.narration().starts_with("Forward · layer 1"));
//! c.set("lr", "0.1").unwrap(); // applies live
//! assert!(c.set("lr", "abc").is_err()); // and nothing changes
//! assert_eq!(c.get("lr").as_deref(), Some("0.1"));
//! ```

mod branches;
mod caption;
mod compare;
pub mod digits;
mod edit;
pub mod embed;
mod error;
mod frame;
mod guard;
mod inspect;
pub mod lesson;
mod lessons;
mod live;
mod narrate;
mod numbers;
mod page_state;
mod past_curve;
mod plot_scene;
pub mod preview;
mod projector;
mod put_aside;
mod readout;
pub mod saved;
mod setting_kind;
pub mod settings;
pub mod share;
mod step;
pub(crate) mod sync;
mod timeline;
mod travel;
mod turbo;

pub use error::ControlError;
pub use frame::Frame;
pub use lessons::{LessonPlace, Reveal};
pub use page_state::PageState;
pub use setting_kind::{clip, Choice, Kind, SettingError, Value};
pub use settings::{Effect, Setting, LR_CHOICES, SETTINGS};

use crate::glow::ActivationKind;
use crate::hit::Hit;
use crate::scene::Scene;
use lightbulb_core::Session;
use timeline::Timeline;

/// Resolution of the decision heatmap (and the source of the bulbs' thumbnails).
pub const GRID: usize = 100;

/// Multiply-adds of the grid evaluation one frame of Play spends at most
/// (about 1 ms natively): a larger network's grid is spread over frames
/// ([`lightbulb_core::Session::grid_in_steps`]), so the largest page network
/// (7 features, 8 × 16: 19.2 million) refreshes its heatmap and thumbnails
/// every second frame instead of dropping frames. The default network
/// (0.9 million) and TF Playground's largest (6 × 8, 3.8 million) refresh
/// every frame.
pub const GRID_BUDGET: usize = 10_000_000;

/// What the bulbs show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shown {
    /// The probe point of the input sliders.
    Probe,
    /// Example 1 of the current step's batch.
    Example,
}

/// Everything the page decides, behind the handle.
pub struct Controller {
    state: PageState,
    notice: String,
    session: Session,
    scene: Scene,
    sizes: Vec<usize>,
    kinds: Vec<ActivationKind>,
    playing: bool,
    /// Milliseconds now, for Turbo's work budget (the page's clock; none natively).
    clock: Option<Box<dyn FnMut() -> f64>>,
    /// Turbo's training budget a frame, following the frame intervals.
    pace: turbo::Pace,
    timeline: Timeline,
    shown: Shown,
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
    /// The grid was recomputed this frame (the view refreshes the thumbnails).
    grid_fresh: bool,
    numbers: String,
    now: f64,
    log_chart: bool,
    chart_hover: Option<f64>,
    hovered_neuron: Option<(usize, usize)>,
    /// What the data plot and the loss chart paint.
    plot: plot_scene::PlotFill,
    /// Divergence, a blow-up or a stall, and the rate a reset offers.
    guard: guard::Guard,
    /// The narration while playing.
    live: live::LiveLine,
    /// When the page rewrites its counters and metrics (the live line's times).
    readouts: readout::ReadoutClock,
    /// The training point of the step on screen (its batch's first example),
    /// taken when the step began: the session's batch cursor moves on at
    /// the update.
    example: Option<usize>,
    /// Bumped when the probe point moves (the caption changes).
    probe_moves: u32,
    /// The probe was moved during the step on screen: its remaining phases
    /// keep showing the probe rather than switching back to the example.
    probe_chosen: bool,
    /// The lessons loaded, sorted by file name.
    lessons: Vec<lesson::Lesson>,
    /// Where the learner is, in learn mode.
    lesson: Option<LessonPlace>,
    /// The controls an embedded page shows (`embed=…`), or `None`.
    embed: Option<Vec<&'static str>>,
    /// The controls the link locks (`lock=…`).
    locked: Vec<&'static str>,
    /// The loss chart's whole curve while a past step is shown.
    past: past_curve::PastCurve,
    /// The step on screen replays a recorded step phase by phase (it
    /// began at a past step), changing nothing in the history.
    replaying: bool,
    /// The run not on screen, while comparing two.
    pinned: Option<compare::Pinned>,
    /// The run the last replacing action put aside, for Undo.
    aside: Option<put_aside::PutAside>,
    /// The digits task's images and network (`dataset=digits`).
    digits: digits::Slot,
}

impl Controller {
    /// Builds the page state from a URL hash. A bad hash never fails: what
    /// can be read is used, and [`Controller::notice`] says what was ignored.
    pub fn new(hash: &str) -> Result<Controller, ControlError> {
        let embed::EmbedKeys {
            rest: hash,
            names: embed,
            locked,
            unknown,
        } = embed::split(hash);
        let (hash, shared) = share::split(&hash);
        let (state, ignored) = PageState::from_hash(&hash);
        let notice = if ignored.is_empty() {
            String::new()
        } else {
            format!(
                "Some settings in the link could not be used and were reset to defaults: {}.",
                ignored.join("; ")
            )
        };
        let notice = format!("{notice} {}", embed::notice(&unknown))
            .trim()
            .to_string();
        let session = Session::new(state.session_config())?;
        let mut c = Controller {
            state,
            notice,
            session,
            scene: Scene::new(),
            sizes: Vec::new(),
            kinds: Vec::new(),
            playing: false,
            clock: None,
            pace: turbo::Pace::default(),
            timeline: Timeline::default(),
            shown: Shown::Probe,
            prev_weights: false,
            narration: String::new(),
            revision: 0,
            shown_metrics: [-1.0; 4],
            metrics_at: (u64::MAX, u64::MAX),
            metrics_dirty: true,
            grid_key: (u64::MAX, u32::MAX),
            grid_fresh: false,
            plot: plot_scene::PlotFill::default(),
            numbers: String::new(),
            now: 0.0,
            log_chart: false,
            chart_hover: None,
            hovered_neuron: None,
            guard: guard::Guard::default(),
            live: live::LiveLine::default(),
            readouts: readout::ReadoutClock::default(),
            example: None,
            probe_moves: 0,
            probe_chosen: false,
            lessons: Vec::new(),
            lesson: None,
            embed,
            locked,
            past: past_curve::PastCurve::default(),
            replaying: false,
            pinned: None,
            aside: None,
            digits: digits::Slot::default(),
        };
        c.after_rebuild();
        if let Err(e) = c.open_shared(shared) {
            c.notice = format!("{} {}.", c.notice, capitalised(&e.to_string()))
                .trim_start()
                .to_string();
        }
        Ok(c)
    }

    /// What the link's hash held that could not be used ("" if nothing).
    pub fn notice(&self) -> &str {
        &self.notice
    }

    /// The whole configuration as a URL hash (without `#`); in learn mode,
    /// the lesson and screen (`lesson=6&screen=2`, from 1).
    pub fn hash(&self) -> String {
        let hash = match &self.lesson {
            Some(p) => format!("lesson={}&screen={}", p.lesson + 1, p.screen + 1),
            None => self.state.to_hash(),
        };
        let hash = match &self.embed {
            Some(names) => format!("{hash}&{}", embed::key(names)),
            None => hash,
        };
        if self.locked.is_empty() {
            hash
        } else {
            format!("{hash}&{}", embed::lock_key(&self.locked))
        }
    }

    /// The controls an embedded page shows, or `None` when not embedded.
    pub fn embedded(&self) -> Option<&[&'static str]> {
        self.embed.as_deref()
    }

    /// One setting's current value, as text (see the [settings table](settings)).
    pub fn get(&self, key: &str) -> Option<String> {
        self.state.get(key)
    }

    /// The page state.
    pub fn state(&self) -> &PageState {
        &self.state
    }

    /// The session on screen.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The scene the view paints (as of the last frame).
    pub fn scene(&self) -> &Scene {
        &self.scene
    }

    /// Whether playing.
    pub fn playing(&self) -> bool {
        self.playing
    }

    /// Whether an animated step (or phase) is running.
    pub fn animating(&self) -> bool {
        if self.state.digits {
            return self.digits_animating();
        }
        self.timeline.active
    }

    /// Completed steps.
    pub fn steps(&self) -> u64 {
        if self.state.digits {
            return self.digits().map_or(0, |t| t.steps());
        }
        self.session.steps()
    }

    /// Completed epochs.
    pub fn epoch(&self) -> u64 {
        if self.state.digits {
            return self.digits().map_or(0, |t| t.epochs());
        }
        self.session.epoch()
    }

    /// One of the metrics as of the last frame: 0 train loss, 1 test loss,
    /// 2 train accuracy, 3 test accuracy; −1 when missing.
    pub fn metric(&self, index: usize) -> f64 {
        if self.state.digits {
            let m = self.digits().map_or([-1.0; 4], |t| t.metrics());
            return m.get(index).copied().unwrap_or(-1.0);
        }
        self.shown_metrics.get(index).copied().unwrap_or(-1.0)
    }

    /// The loss in words, e.g. "mean squared error".
    pub fn loss_name(&self) -> &'static str {
        if self.state.digits {
            return narrate::loss_name(lightbulb_core::digits::training::LOSS);
        }
        narrate::loss_name(self.state.config.training.loss)
    }

    /// The losses that fit the current problem, as (value, label).
    pub fn loss_choices(&self) -> Vec<(&'static str, &'static str)> {
        let classes = self.classes();
        lightbulb_core::Loss::ALL
            .iter()
            .filter(|&&loss| {
                let mut c = self.state.config.clone();
                c.training.loss = loss;
                c.head().is_ok()
            })
            .map(|&loss| (loss.name(), settings::loss_label(loss, classes)))
            .collect()
    }

    /// Whether a setting means something for the current configuration
    /// (the class count only for datasets that have one).
    pub fn applies(&self, key: &str) -> bool {
        match key {
            "classes" => !self.state.digits && self.state.config.dataset.kind().has_class_count(),
            _ => settings::find(key).is_some(),
        }
    }

    /// A number that changes whenever [`Controller::narration`] or
    /// [`Controller::divergence`] does, so the page fetches the text only then.
    pub fn revision(&self) -> u32 {
        self.revision
    }

    /// A number that changes whenever the page should rewrite its readouts
    /// (counters, losses and accuracy, the history slider): every frame when
    /// paused, with the live narration line (a few times a second) while
    /// playing.
    pub fn readout(&self) -> u32 {
        self.readouts.ticket()
    }

    /// What the last phase did, in words.
    pub fn narration(&self) -> &str {
        &self.narration
    }

    /// The guard's notice (a divergence, a loss that blew up, a stall), or
    /// "" while training is healthy.
    pub fn divergence(&self) -> String {
        self.guard
            .alert()
            .map(|a| a.text(self.guard.rate()))
            .unwrap_or_default()
    }

    /// What the notice is about: "diverged", "growing", "stalled" or "".
    pub fn alert_kind(&self) -> &'static str {
        self.guard.alert().map_or("", |a| a.kind())
    }

    /// The learning rate the notice offers for a reset.
    pub fn safe_rate(&self) -> Option<f64> {
        self.guard.rate()
    }

    /// Hides a warning (a blow-up, a stall) until the next run.
    pub fn dismiss_alert(&mut self) {
        self.guard.dismiss();
        self.touch();
    }

    /// A number that changes whenever the probe point moves, so the page
    /// re-reads [`Controller::shown_input`] only then (and on a new revision).
    pub fn probe_moves(&self) -> u32 {
        self.probe_moves
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
    pub fn numbers_html(&mut self) -> &str {
        if let Some(table) = self.digits_numbers() {
            self.numbers = table;
            return &self.numbers;
        }
        numbers::table(&self.scene, self.session.network(), &mut self.numbers);
        &self.numbers
    }

    /// How many points there are, as `[train, test]`.
    pub fn point_counts(&self) -> [usize; 2] {
        let data = self.session.data();
        [data.train.len(), data.test.len()]
    }

    /// How many classes the problem has (0 for regression).
    pub fn classes(&self) -> usize {
        if self.state.digits {
            return lightbulb_core::digits::CLASSES;
        }
        self.session.data().problem.classes().unwrap_or(0)
    }

    /// Hovering the loss chart at CSS x (`None`: the pointer left it).
    pub fn hover_chart(&mut self, x: Option<f64>) {
        self.chart_hover = x;
    }

    /// Log scale for the loss chart.
    pub fn set_log_chart(&mut self, on: bool) {
        self.log_chart = on;
    }

    /// Index of the training point the bulbs show (the first example of
    /// the step's batch), or `None` while they show the probe.
    pub fn followed_point(&self) -> Option<usize> {
        match (self.shown, self.example) {
            (Shown::Example, Some(i)) => Some(i),
            _ => None,
        }
    }

    /// The pointer is over `hit` on the network (or nothing): returns the
    /// read-out for that bulb or wire ("" for nothing).
    pub fn hover_network(&mut self, hit: Option<Hit>) -> String {
        self.scene.hover = hit;
        self.hovered_neuron = match hit {
            Some(Hit::Neuron { layer, index }) if layer > 0 => Some((layer, index)),
            _ => None,
        };
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

    /// The weight of the wire `hit` points at, as `(layer, from, to, weight)`.
    pub fn wire(&self, hit: Option<Hit>) -> Option<(usize, usize, usize, f64)> {
        match hit {
            Some(Hit::Wire { layer, from, to }) => self
                .session
                .network()
                .layers()
                .get(layer)
                .and_then(|l| l.weights.get((to, from)))
                .map(|&w| (layer, from, to, w)),
            _ => None,
        }
    }

    /// The example the bulbs show: (1, batch size, the point), or `None`
    /// while they show the probe.
    fn shown_example(&self) -> Option<(usize, usize, lightbulb_core::Point)> {
        if self.shown != Shown::Example {
            return None;
        }
        let i = self.example?;
        let p = *self.session.data().train.get(i)?;
        Some((1, self.session.trace().rows().max(1), p))
    }

    /// Something changed that the loss, accuracy or notices may depend on.
    fn touch(&mut self) {
        self.metrics_dirty = true;
        self.revision = self.revision.wrapping_add(1);
    }

    fn say_text(&mut self, text: impl Into<String>) {
        self.narration = text.into();
        self.revision = self.revision.wrapping_add(1);
    }
}

/// `text` with its first letter in capitals. Only a Latin letter is changed:
/// a sentence may open with a symbol (σ, ∂L) that must keep its case, and
/// no Unicode case table is shipped for it.
fn capitalised(text: &str) -> String {
    let mut out = text.to_owned();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

#[cfg(test)]
mod put_aside_tests;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod travel_tests;
