//! The training guard: what stops or warns about training that went wrong,
//! and the safe learning rate a reset offers.
//!
//! Three alerts, each with its own words:
//! - **diverged**: a step was refused because a number left floating-point
//!   range (the core's [`Diverged`]); training pauses;
//! - **growing**: the training loss grew more than [`GROWTH_LIMIT`]× since
//!   the start of the run, before anything overflowed; training pauses;
//! - **stalled**: more than half of the ReLU neurons are dead (0 for every
//!   training point, so no gradient flows through them), or the loss has
//!   been flat for [`FLAT_EPOCHS`] epochs near where it started.
//!
//! The offered rate is found by trying it: from the same seed and data (what
//! Reset gives), a candidate rate is trained for [`TRIAL_STEPS`] steps; the
//! first candidate at most a tenth of the current rate whose run neither
//! diverges nor ends with a higher loss than it began is offered.

use super::narrate::num;
use super::settings::LR_CHOICES;
use lightbulb_core::ndarray::Array2;
use lightbulb_core::session::Diverged;
use lightbulb_core::{
    Activation, Dataset, EpochRecord, Network, Session, SessionConfig, StepOutcome, Trace,
};

/// A loss this many times its value at the start of the run is reported.
pub const GROWTH_LIMIT: f64 = 1e4;
/// Epochs of a flat loss that count as a stall.
pub const FLAT_EPOCHS: usize = 50;
/// Steps a candidate learning rate is tried for.
pub const TRIAL_STEPS: usize = 300;

/// Something wrong with training that the page explains.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Alert {
    /// A step was refused.
    Diverged(Diverged),
    /// The loss grew from `start` to `now`.
    Growing {
        /// Training loss at the start of the run.
        start: f64,
        /// Training loss now.
        now: f64,
    },
    /// ReLU neurons that output 0 for every training point.
    DeadRelu(DeadCount),
    /// The loss stayed at `loss` for [`FLAT_EPOCHS`] epochs.
    Flat {
        /// The training loss.
        loss: f64,
    },
}

impl Alert {
    /// "diverged", "growing" or "stalled", for the page's styling.
    pub fn kind(&self) -> &'static str {
        match self {
            Alert::Diverged(_) => "diverged",
            Alert::Growing { .. } => "growing",
            Alert::DeadRelu(_) | Alert::Flat { .. } => "stalled",
        }
    }

    /// Whether training pauses for it.
    pub fn pauses(&self) -> bool {
        matches!(self, Alert::Diverged(_) | Alert::Growing { .. })
    }

    /// The notice, ending with what to do; `rate` is the offered learning rate.
    pub fn text(&self, rate: Option<f64>) -> String {
        let offer = match rate {
            Some(r) => format!(
                " Press \u{201c}Reset with learning rate {}\u{201d} to start again more gently.",
                num(r)
            ),
            None => " Lower the learning rate and press Reset.".to_string(),
        };
        match *self {
            Alert::Diverged(d) => format!(
                "Training diverged at step {}: {}. Nothing after that step was applied.{offer}",
                d.step, d.divergence
            ),
            Alert::Growing { start, now } => format!(
                "The loss has grown from {} to {} since the start of this run: training is blowing up, so it was paused.{offer}",
                num(start),
                num(now)
            ),
            Alert::DeadRelu(c) => {
                let whole = c.blocked.map_or(String::new(), |l| {
                    format!(", all of hidden layer {} among them", l + 1)
                });
                format!(
                    "Training has stalled: {} of {} ReLU neurons output 0 for every training point{whole}, so no gradient flows through them. Try a lower learning rate, or leaky ReLU or tanh.{offer}",
                    c.dead, c.total
                )
            }
            Alert::Flat { loss } => format!(
                "Training has stalled: the loss has stayed at {} for {FLAT_EPOCHS} epochs, about where it started. Try another learning rate, more neurons or other input features.{offer}",
                num(loss)
            ),
        }
    }
}

/// How often the stall checks run, in ms of page time.
pub const CHECK_EVERY_MS: f64 = 1000.0;

/// The guard's memory of one run: the loss it started from, the alert on
/// screen and its offered rate, and a reused trace for the dead-ReLU check (the inputs are the session's own encoded training points).
#[derive(Debug, Default)]
pub struct Guard {
    start: Option<f64>,
    alert: Option<Alert>,
    rate: Option<f64>,
    dismissed: bool,
    checked_at: Option<f64>,
    trace: Option<Trace>,
}

impl Guard {
    /// A new run (reset, rebuild, new data): forgets the start and any alert.
    pub fn clear(&mut self) {
        self.start = None;
        self.alert = None;
        self.rate = None;
        self.dismissed = false;
        self.checked_at = None;
    }

    /// The alert on screen, if any.
    pub fn alert(&self) -> Option<Alert> {
        self.alert
    }

    /// The learning rate the alert offers.
    pub fn rate(&self) -> Option<f64> {
        self.rate
    }

    /// The user dismissed a warning: no more warnings until the next run.
    /// A divergence cannot be dismissed (training cannot go on).
    pub fn dismiss(&mut self) {
        if !matches!(self.alert, Some(Alert::Diverged(_))) {
            self.alert = None;
            self.dismissed = true;
        }
    }

    /// Looks at the session after its metrics were measured at page time
    /// `now`; returns true when the alert on screen changed.
    pub fn watch(&mut self, session: &Session, train_loss: Option<f64>, now: f64) -> bool {
        if let Some(d) = session.diverged() {
            if self.alert == Some(Alert::Diverged(d)) {
                return false;
            }
            self.raise(Alert::Diverged(d), session);
            return true;
        }
        if matches!(self.alert, Some(Alert::Diverged(_))) {
            self.alert = None;
            return true;
        }
        let Some(loss) = train_loss.filter(|l| l.is_finite()) else {
            return false;
        };
        let Some(start) = self.start else {
            self.start = Some(loss);
            return false;
        };
        if self.dismissed || matches!(self.alert, Some(Alert::Growing { .. })) {
            return false;
        }
        if grew(start, loss) {
            self.raise(Alert::Growing { start, now: loss }, session);
            return true;
        }
        if self
            .checked_at
            .is_some_and(|t| (0.0..CHECK_EVERY_MS).contains(&(now - t)))
            || session.steps() == 0
        {
            return false;
        }
        self.checked_at = Some(now);
        let stall = self.stall(session, start);
        if stall.map(|a| a.kind()) == self.alert.map(|a| a.kind()) {
            return false;
        }
        match stall {
            Some(a) => self.raise(a, session),
            None => self.alert = None,
        }
        true
    }

    fn stall(&mut self, session: &Session, start: f64) -> Option<Alert> {
        let network = session.network();
        if network
            .layers()
            .iter()
            .any(|l| l.activation == Activation::Relu)
        {
            let trace = self
                .trace
                .get_or_insert_with(|| Trace::forward_only(network, 1));
            let count = dead_relus(network, session.train_inputs(), trace);
            if count.stalls() {
                return Some(Alert::DeadRelu(count));
            }
        }
        flat(session.history(), start).map(|loss| Alert::Flat { loss })
    }

    fn raise(&mut self, alert: Alert, session: &Session) {
        self.alert = Some(alert);
        self.rate = safe_rate(
            session.config(),
            session.data(),
            session.config().training.learning_rate,
        );
    }
}

/// Whether the loss grew past [`GROWTH_LIMIT`] times its start.
pub fn grew(start: f64, now: f64) -> bool {
    start.is_finite() && start > 0.0 && now.is_finite() && now > start * GROWTH_LIMIT
}

/// Whether the last [`FLAT_EPOCHS`] epochs' training loss stayed within
/// 0.5 % of its mean while at least half the loss the run started with.
pub fn flat(history: &[EpochRecord], start: f64) -> Option<f64> {
    if history.len() <= FLAT_EPOCHS || !(start.is_finite() && start > 0.0) {
        return None;
    }
    let tail = history.get(history.len() - FLAT_EPOCHS..)?;
    // No allocation: this runs while playing.
    let losses = || tail.iter().filter_map(|r| r.train_loss);
    if losses().count() < FLAT_EPOCHS {
        return None;
    }
    let (lo, hi) = losses().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    let mean = losses().sum::<f64>() / FLAT_EPOCHS as f64;
    (hi - lo <= 0.005 * mean && mean >= 0.5 * start).then_some(mean)
}

/// Dead ReLU neurons: those whose activation is 0 for every training point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeadCount {
    /// Dead neurons.
    pub dead: usize,
    /// ReLU neurons in the hidden layers.
    pub total: usize,
    /// The first hidden layer (from 0) whose neurons are all ReLU and all
    /// dead: no gradient reaches anything before it.
    pub blocked: Option<usize>,
}

impl DeadCount {
    /// More than half dead, or a whole layer dead.
    pub fn stalls(&self) -> bool {
        self.total > 0 && (2 * self.dead > self.total || self.blocked.is_some())
    }
}

/// Counts the hidden ReLU neurons whose activation is 0 for every row of
/// `inputs`. `trace` is reused.
pub fn dead_relus(network: &Network, inputs: &Array2<f64>, trace: &mut Trace) -> DeadCount {
    let hidden = network.depth().saturating_sub(1);
    let total: usize = network
        .layers()
        .iter()
        .take(hidden)
        .filter(|l| l.activation == Activation::Relu)
        .map(|l| l.neurons())
        .sum();
    let mut count = DeadCount {
        dead: 0,
        total,
        blocked: None,
    };
    if total == 0 || inputs.nrows() == 0 {
        return count;
    }
    if trace.capacity() < inputs.nrows() || !trace.fits(network) {
        *trace = Trace::forward_only(network, inputs.nrows());
    }
    if trace.load(inputs.view(), None).is_err() {
        return count;
    }
    network.forward(trace);
    for (l, layer) in network.layers().iter().take(hidden).enumerate() {
        if layer.activation != Activation::Relu {
            continue;
        }
        if let Some(a) = trace.a(l) {
            let dead = a
                .columns()
                .into_iter()
                .filter(|c| c.iter().all(|&v| v <= 0.0))
                .count();
            count.dead += dead;
            if dead == layer.neurons() && count.blocked.is_none() {
                count.blocked = Some(l);
            }
        }
    }
    count
}

/// The learning rate to offer: the largest of the page's choices at most a
/// tenth of `current` whose [`TRIAL_STEPS`]-step run from the start (same
/// seed and data) neither diverges nor ends above its starting loss.
pub fn safe_rate(config: &SessionConfig, data: &Dataset, current: f64) -> Option<f64> {
    let limit = current / 10.0 * (1.0 + 1e-9);
    LR_CHOICES
        .iter()
        .rev()
        .copied()
        .filter(|&r| r <= limit)
        .find(|&rate| trains_at(config, data, rate))
}

fn trains_at(config: &SessionConfig, data: &Dataset, rate: f64) -> bool {
    let mut c = config.clone();
    c.training.learning_rate = rate;
    let Ok(mut s) = Session::with_data(c, data.clone()) else {
        return false;
    };
    let Some(start) = s.metrics().train_loss else {
        return false;
    };
    for _ in 0..TRIAL_STEPS {
        match s.step() {
            Ok(StepOutcome::Applied { .. }) => {}
            _ => return false,
        }
    }
    matches!(s.metrics().train_loss, Some(end) if end.is_finite() && end <= start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lightbulb_core::{Divergence, DivergenceCause, HiddenSpec, NetworkSpec};

    fn rec(epoch: u64, loss: f64) -> EpochRecord {
        EpochRecord {
            epoch,
            train_loss: Some(loss),
            test_loss: Some(loss),
            train_accuracy: None,
            test_accuracy: None,
        }
    }

    #[test]
    fn growth_is_measured_against_the_start() {
        assert!(!grew(0.5, 4999.0));
        assert!(grew(0.5, 5001.0));
        assert!(!grew(0.0, 1e9), "no start, no ratio");
        assert!(!grew(0.5, f64::NAN));
    }

    #[test]
    fn a_flat_loss_near_the_start_is_a_stall_and_a_falling_one_is_not() {
        let flat_run: Vec<_> = (0..=60)
            .map(|e| rec(e, 1.0 + 1e-4 * (e % 3) as f64))
            .collect();
        assert_eq!(
            flat(&flat_run, 1.0).map(|v| (v * 1e3).round()),
            Some(1000.0)
        );
        // The same flat tail after the loss fell a lot: converged, not stalled.
        assert_eq!(flat(&flat_run, 10.0), None);
        let falling: Vec<_> = (0..=60).map(|e| rec(e, 1.0 / (1.0 + e as f64))).collect();
        assert_eq!(flat(&falling, 1.0), None);
        assert_eq!(flat(&flat_run[..FLAT_EPOCHS], 1.0), None, "too short");
    }

    #[test]
    fn dead_relus_are_counted_by_hand() {
        // One hidden ReLU layer of 3: weights make neuron 1 always dead
        // (z = −x₁ − 5 < 0 for x₁ ≥ 0), neuron 2 alive, neuron 3 dead by bias.
        let spec = NetworkSpec::new(1, &[3], Activation::Relu, 1, Activation::Tanh).seed(1);
        let mut net = Network::new(&spec).unwrap_or_else(|e| panic!("{e}"));
        let mut layers = net.layers().to_vec();
        if let Some(l) = layers.first_mut() {
            l.weights[[0, 0]] = -1.0;
            l.biases[0] = -5.0;
            l.weights[[1, 0]] = 1.0;
            l.biases[1] = 0.1;
            l.weights[[2, 0]] = 0.0;
            l.biases[2] = -0.2;
        }
        net = Network::from_layers(layers).unwrap_or_else(|e| panic!("{e}"));
        let inputs = Array2::from_shape_vec((4, 1), vec![0.0, 1.0, 2.0, 3.0])
            .unwrap_or_else(|e| panic!("{e}"));
        let mut trace = Trace::forward_only(&net, 1);
        let c = dead_relus(&net, &inputs, &mut trace);
        assert_eq!((c.dead, c.total, c.blocked), (2, 3, None));
        assert!(c.stalls(), "2 of 3 is more than half");
        let tanh = NetworkSpec::new(1, &[3], Activation::Tanh, 1, Activation::Tanh);
        let net = Network::new(&tanh).unwrap_or_else(|e| panic!("{e}"));
        let c = dead_relus(&net, &inputs, &mut trace);
        assert_eq!((c.dead, c.total), (0, 0));
        assert!(!c.stalls());
    }

    #[test]
    fn the_offered_rate_trains_and_is_at_most_a_tenth() {
        use lightbulb_core::{DatasetKind, DatasetParams};
        let config = SessionConfig {
            dataset: DatasetParams::new(DatasetKind::Plane),
            hidden: vec![
                HiddenSpec {
                    neurons: 4,
                    activation: Activation::Tanh,
                };
                2
            ],
            ..SessionConfig::default()
        };
        let data = lightbulb_core::generate(&config.dataset);
        let rate = safe_rate(&config, &data, 10.0).unwrap_or_else(|| panic!("no safe rate"));
        assert!(rate <= 1.0, "{rate}");
        assert!(trains_at(&config, &data, rate));
        // And the offered rate is the largest such choice.
        for &r in LR_CHOICES.iter().filter(|&&r| r > rate && r <= 1.0) {
            assert!(!trains_at(&config, &data, r), "{r} also trains");
        }
    }

    #[test]
    fn texts_name_the_numbers_and_the_offer() {
        let d = Diverged {
            step: 37,
            divergence: Divergence {
                layer: 1,
                cause: DivergenceCause::Weights,
            },
        };
        let t = Alert::Diverged(d).text(Some(0.1));
        assert!(
            t.contains("step 37") && t.contains("Reset with learning rate 0.1"),
            "{t}"
        );
        let t = Alert::Growing {
            start: 0.5,
            now: 3.2e8,
        }
        .text(None);
        assert!(
            t.contains("0.5") && t.contains("3.2×10⁸") && t.contains("Lower"),
            "{t}"
        );
        let c = DeadCount {
            dead: 2,
            total: 6,
            blocked: Some(1),
        };
        assert!(
            c.stalls(),
            "a whole dead layer blocks every gradient before it"
        );
        let t = Alert::DeadRelu(c).text(Some(0.01));
        assert!(
            t.contains("2 of 6 ReLU") && t.contains("all of hidden layer 2"),
            "{t}"
        );
        assert_eq!(Alert::DeadRelu(c).kind(), "stalled");
        assert!(!Alert::Flat { loss: 1.0 }.pauses());
        assert!(Alert::Diverged(d).pauses());
    }
}
