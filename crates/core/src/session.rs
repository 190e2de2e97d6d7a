//! A training session: the network, its optimizer, the data split, a
//! shuffled batch cursor, counters and history — what a live visualiser drives.
//!
//! Phases of one step (see [`Phase`]), probes of single points and grids
//! for heatmaps live in the files of `session/`, and so does the
//! [`Timeline`]: the history from which any recent step can be restored
//! exactly, branched from, and hand edits undone (see `session/timeline.rs`
//! for what it holds and its memory bound).

mod change;
mod config;
mod file;
mod grid;
mod history;
mod keyframe;
mod line;
mod phase;
mod probe;
mod scrub_cache;
mod timeline;
mod travel;

pub use change::{Change, WeightEdit};

pub use config::{Head, SessionConfig};
pub use file::{SESSION_FORMAT, SESSION_VERSION};
pub use grid::MAX_GRID_RESOLUTION;
pub use history::{EpochRecord, MAX_HISTORY};
pub use phase::{Phase, PhaseReport};
pub use scrub_cache::CACHE_SLOTS;
pub use timeline::{
    BranchInfo, Timeline, HISTORY_BOUND, HISTORY_STEPS, KEYFRAME_BUDGET, MAX_BRANCHES,
    MAX_BRANCH_NAME, MAX_CHANGES, MIN_INTERVAL,
};

use crate::dataset::{encode_inputs, encode_targets, generate, Dataset, Point};
use crate::divergence::Divergence;
use crate::error::{Error, Result};
use crate::maps::Maps;
use crate::network::Network;
use crate::trace::Trace;
use crate::trainer::{StepOutcome, Trainer, TrainingConfig};
use ndarray::{s, Array2};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::SeedableRng;

/// A divergence and the step at which it happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Diverged {
    /// The step (1-based) that was refused.
    pub step: u64,
    /// What went non-finite.
    pub divergence: Divergence,
}

/// A network being trained on a dataset.
#[derive(Clone, Debug)]
pub struct Session {
    config: SessionConfig,
    head: Head,
    data: Dataset,
    trainer: Trainer,
    train_x: Array2<f64>,
    train_y: Array2<f64>,
    test_x: Array2<f64>,
    test_y: Array2<f64>,
    order: Vec<usize>,
    cursor: usize,
    epoch: u64,
    steps: u64,
    batch_x: Array2<f64>,
    batch_y: Array2<f64>,
    batch_rows: usize,
    history: Vec<EpochRecord>,
    next_phase: Option<Phase>,
    diverged: Option<Diverged>,
    probe: probe::Probe,
    grid: Maps,
    /// The grid evaluation [`Session::grid_in_steps`] carries out, and
    /// whether one is under way (otherwise its buffers wait for the next).
    pending: Maps,
    pending_started: bool,
    eval: Trace,
    /// Bumped by every change that can change the metrics without a step.
    revision: u64,
    /// The metrics last measured, with the (steps, revision) they are for.
    measured: Option<((u64, u64), EpochRecord)>,
    /// The training history.
    timeline: Timeline,
}

impl Session {
    /// Builds a session: generates the data and initialises the network.
    pub fn new(config: SessionConfig) -> Result<Session> {
        config.validate()?;
        let data = generate(&config.dataset);
        Session::with_data(config, data)
    }

    /// Builds a session on given points (e.g. custom or pasted data).
    pub fn with_data(config: SessionConfig, data: Dataset) -> Result<Session> {
        config.validate()?;
        let head = config.head()?;
        if data.problem != config.dataset.problem() {
            return Err(Error::Invalid(format!(
                "the points are for {:?}, but the dataset settings describe {:?}",
                data.problem,
                config.dataset.problem()
            )));
        }
        let network = Network::new(&config.network_spec()?)?;
        let trainer = Trainer::new(network, config.training)?;
        let mut session = Session {
            head,
            probe: probe::Probe::new(trainer.network(), &config.features),
            grid: Maps::default(),
            pending: Maps::default(),
            pending_started: false,
            eval: Trace::new(trainer.network(), 1),
            batch_x: Array2::zeros((config.training.batch_size, config.features.len())),
            batch_y: Array2::zeros((config.training.batch_size, head.outputs)),
            batch_rows: 0,
            trainer,
            data,
            config,
            train_x: Array2::zeros((0, 0)),
            train_y: Array2::zeros((0, 0)),
            test_x: Array2::zeros((0, 0)),
            test_y: Array2::zeros((0, 0)),
            order: Vec::new(),
            cursor: 0,
            epoch: 0,
            steps: 0,
            history: Vec::with_capacity(history::MAX_HISTORY),
            next_phase: None,
            diverged: None,
            revision: 0,
            measured: None,
            timeline: Timeline::new(0, Default::default(), &[]),
        };
        session.encode_data()?;
        Ok(session)
    }

    /// Replaces the trainer's network, e.g. one read from a model file. The
    /// network must fit the session's features and head. The timeline
    /// starts again here, without branches.
    pub fn replace_trainer(&mut self, trainer: Trainer) -> Result<()> {
        let expected = self.config.network_spec()?;
        let net = trainer.network();
        let hidden: Vec<usize> = expected.hidden.iter().map(|h| h.neurons).collect();
        let sizes: Vec<usize> = std::iter::once(expected.inputs)
            .chain(hidden)
            .chain([expected.outputs])
            .collect();
        if net.sizes() != sizes || net.output_activation() != self.head.activation {
            return Err(Error::Invalid(format!(
                "the network has layer sizes {:?} with a {} output, but the session needs {:?} with a {} output",
                net.sizes(),
                net.output_activation(),
                sizes,
                self.head.activation
            )));
        }
        self.trainer = trainer;
        self.revision += 1;
        self.config.training = *self.trainer.config();
        self.next_phase = None;
        self.diverged = None;
        self.reset_timeline();
        Ok(())
    }

    fn encode_data(&mut self) -> Result<()> {
        self.revision += 1;
        encode_inputs(&self.data.train, &self.config.features, &mut self.train_x);
        encode_targets(&self.data.train, self.head.encoding, &mut self.train_y)?;
        encode_inputs(&self.data.test, &self.config.features, &mut self.test_x);
        encode_targets(&self.data.test, self.head.encoding, &mut self.test_y)?;
        let rows = self.data.train.len().max(self.data.test.len()).max(1);
        if self.eval.capacity() < rows {
            self.eval = Trace::new(self.trainer.network(), rows);
        }
        self.order.clear();
        self.order.extend(0..self.data.train.len());
        self.shuffle();
        self.cursor = 0;
        self.next_phase = None;
        self.reset_timeline();
        Ok(())
    }

    /// Reshuffles the training order for the current epoch, seeded by the
    /// session seed and the epoch number so that a saved session resumes exactly.
    fn shuffle(&mut self) {
        self.order.sort_unstable();
        let mut rng = StdRng::seed_from_u64(
            self.config.seed ^ self.epoch.wrapping_mul(0x9E37_79B9_7F4A_7C15),
        );
        self.order.shuffle(&mut rng);
    }

    /// The configuration.
    pub fn config(&self) -> &SessionConfig {
        &self.config
    }

    /// The output layer and target encoding.
    pub fn head(&self) -> Head {
        self.head
    }

    /// The points.
    pub fn data(&self) -> &Dataset {
        &self.data
    }

    /// The network.
    pub fn network(&self) -> &Network {
        self.trainer.network()
    }

    /// The trainer (network, optimizer and training trace).
    pub fn trainer(&self) -> &Trainer {
        &self.trainer
    }

    /// The trace of the current or last training step.
    pub fn trace(&self) -> &Trace {
        self.trainer.trace()
    }

    /// Completed epochs.
    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    /// Completed updates.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// Position in the current epoch's shuffled order.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The shuffled order of the training points in the current epoch.
    pub fn training_order(&self) -> &[usize] {
        &self.order
    }

    /// The training points encoded as network inputs (one row per point,
    /// one column per feature), as training reads them.
    pub fn train_inputs(&self) -> &Array2<f64> {
        &self.train_x
    }

    /// The encoded target rows of the training points, in the data's order
    /// (one row per point of [`Dataset::train`], as the loss sees them).
    pub fn train_targets(&self) -> &Array2<f64> {
        &self.train_y
    }

    /// Indices of the training points of the next (or current) batch.
    pub fn batch_indices(&self) -> &[usize] {
        let end = (self.cursor + self.config.training.batch_size).min(self.order.len());
        self.order.get(self.cursor..end).unwrap_or(&[])
    }

    /// Loss and accuracy per completed epoch.
    pub fn history(&self) -> &[EpochRecord] {
        &self.history
    }

    /// Set once a step diverged; cleared by a new configuration or a rebuild.
    pub fn diverged(&self) -> Option<Diverged> {
        self.diverged
    }

    /// The next phase of the step in progress, or `None` between steps.
    pub fn next_phase(&self) -> Option<Phase> {
        self.next_phase
    }

    /// Changes learning rate, optimizer, regularisation or batch size live,
    /// without touching the weights. A step in progress restarts. The
    /// timeline records the change, so it applies from this step on. At a
    /// past step, settings equal to the current ones (bit for bit) change
    /// nothing and are accepted; others need the later steps dropped or kept.
    pub fn set_training(&mut self, training: TrainingConfig) -> Result<()> {
        if self.in_the_past() && change::same_training(&self.config.training, &training) {
            return Ok(());
        }
        self.ensure_at_head()?;
        let before = self.config.training;
        self.apply_training(training)?;
        self.record_training(&before, training);
        Ok(())
    }

    fn apply_training(&mut self, training: TrainingConfig) -> Result<()> {
        self.trainer.reconfigure(training)?;
        self.revision += 1;
        self.config.training = training;
        self.fit_batch_buffers();
        self.next_phase = None;
        self.diverged = None;
        Ok(())
    }

    /// Makes the batch buffers large enough for the batch size.
    fn fit_batch_buffers(&mut self) {
        let rows = self.config.training.batch_size;
        if self.batch_x.nrows() < rows {
            self.batch_x = Array2::zeros((rows, self.config.features.len()));
            self.batch_y = Array2::zeros((rows, self.head.outputs));
        }
    }

    /// Sets one weight (layer counts weight matrices from 0). The timeline
    /// records the edit, which [`Session::undo`] undoes.
    pub fn set_weight(&mut self, layer: usize, to: usize, from: usize, value: f64) -> Result<()> {
        self.ensure_at_head()?;
        let before = self
            .network()
            .layers()
            .get(layer)
            .and_then(|l| l.weights.get((to, from)))
            .copied();
        self.apply_weight(layer, to, from, value)?;
        if let Some(before) = before {
            self.record_change(Change::Weight(WeightEdit {
                layer,
                to,
                from,
                value,
                before,
            }));
        }
        Ok(())
    }

    fn apply_weight(&mut self, layer: usize, to: usize, from: usize, value: f64) -> Result<()> {
        self.trainer.set_weight(layer, to, from, value)?;
        self.revision += 1;
        self.next_phase = None;
        Ok(())
    }

    /// Adds a point; the network is kept.
    pub fn add_point(&mut self, x1: f64, x2: f64, label: f64, to_train: bool) -> Result<()> {
        let mut data = self.data.clone();
        data.add_point(x1, x2, label, to_train)?;
        self.set_data(data)
    }

    /// Removes the point nearest to (x1, x2), if any.
    pub fn remove_nearest(&mut self, x1: f64, x2: f64) -> Result<Option<Point>> {
        let mut data = self.data.clone();
        let removed = data.remove_nearest(x1, x2);
        if removed.is_some() {
            self.set_data(data)?;
        }
        Ok(removed)
    }

    /// Removes every point.
    pub fn clear_points(&mut self) -> Result<()> {
        self.set_data(Dataset::empty(self.data.problem))
    }

    /// Replaces the points, keeping the network. Their problem must match.
    /// The timeline starts again here (its steps trained on other points).
    pub fn set_data(&mut self, data: Dataset) -> Result<()> {
        self.ensure_at_head()?;
        if data.problem != self.data.problem {
            return Err(Error::Invalid(format!(
                "the points are for {:?}, but this session is {:?}",
                data.problem, self.data.problem
            )));
        }
        let backup = std::mem::replace(&mut self.data, data);
        if let Err(e) = self.encode_data() {
            self.data = backup;
            self.encode_data()?;
            return Err(e);
        }
        Ok(())
    }

    /// One mini-batch update. If a step is in progress phase by phase, it is
    /// finished. Errors only when there are no training points.
    pub fn step(&mut self) -> Result<StepOutcome> {
        if self.next_phase.is_some() {
            loop {
                let report = self.advance_phase()?;
                if let Some(outcome) = report.outcome() {
                    return Ok(outcome);
                }
            }
        }
        self.ensure_at_head()?;
        if let Some(d) = self.diverged {
            return Ok(StepOutcome::Diverged(d.divergence));
        }
        let rows = self.gather_batch()?;
        let outcome = self.trainer.step(
            self.batch_x.slice(s![..rows, ..]),
            self.batch_y.slice(s![..rows, ..]),
        )?;
        self.finish_step(outcome, rows)?;
        Ok(outcome)
    }

    /// Runs the rest of the current epoch; returns the last step's outcome.
    pub fn epoch_run(&mut self) -> Result<StepOutcome> {
        let start = self.epoch;
        loop {
            let outcome = self.step()?;
            if matches!(outcome, StepOutcome::Diverged(_)) || self.epoch != start {
                return Ok(outcome);
            }
        }
    }

    /// Copies the next batch's rows into the batch buffers.
    fn gather_batch(&mut self) -> Result<usize> {
        if self.order.is_empty() {
            return Err(Error::Invalid(
                "there are no training points: add some, or regenerate the data".into(),
            ));
        }
        let end = (self.cursor + self.config.training.batch_size).min(self.order.len());
        let indices = self.order.get(self.cursor..end).unwrap_or(&[]);
        for (k, &i) in indices.iter().enumerate() {
            self.batch_x.row_mut(k).assign(&self.train_x.row(i));
            self.batch_y.row_mut(k).assign(&self.train_y.row(i));
        }
        Ok(indices.len())
    }

    /// Moves the counters and the cursor past a step of `rows` examples;
    /// returns whether it ended an epoch (and reshuffled).
    fn advance_counters(&mut self, rows: usize) -> bool {
        self.steps += 1;
        self.cursor += rows;
        if self.cursor >= self.order.len() {
            self.epoch += 1;
            self.shuffle();
            self.cursor = 0;
            return true;
        }
        false
    }

    /// Counts an applied step and records it in the timeline; a step
    /// replayed in the past (see [`Session::replay_phase`]) records nothing
    /// and takes the history's changes and records instead.
    fn finish_step(&mut self, outcome: StepOutcome, rows: usize) -> Result<()> {
        let past = self.in_the_past();
        match outcome {
            StepOutcome::Applied { .. } if past => {
                self.advance_counters(rows);
                self.after_replayed_step()?;
            }
            StepOutcome::Applied { .. } => {
                let record = self.advance_counters(rows).then(|| self.record_epoch());
                self.record_step(record);
            }
            StepOutcome::Diverged(divergence) => {
                self.diverged = Some(Diverged {
                    step: self.steps + 1,
                    divergence,
                });
            }
        }
        Ok(())
    }
}
