//! The digits task on the page: a 64-H-10 network trained on the 8 × 8
//! images with the core's [`EpochRunner`] (Play) or one mini-batch at a
//! time, phase by phase (Step, Phase); its test results; and the image the
//! bulbs show (a drawing, a test image, or the step's first image).

use super::picture::Picture;
use lightbulb_core::digits::{self, training, Digits, EpochRunner, Evaluation, CLASSES, PIXELS};
use lightbulb_core::ndarray::Array2;
/// A phase of a step: the core's, the same as on the 2-D tasks (layer 0 =
/// the hidden layer).
pub use lightbulb_core::Phase;
use lightbulb_core::{Activation, Error, Network, Result, StepOutcome, Trace, Trainer};
use lightbulb_core::{Model, TrainingConfig};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use std::rc::Rc;

/// Most hidden neurons a digits network may have (the view draws each).
pub const MAX_HIDDEN: usize = 64;

/// The phases of a digits step (one hidden layer), in order.
pub const PHASES: [Phase; 6] = [
    Phase::Forward(0),
    Phase::Forward(1),
    Phase::Loss,
    Phase::Backward(1),
    Phase::Backward(0),
    Phase::Update,
];

/// What the input bulbs show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// The drawing pad (blank until something is drawn).
    Drawing,
    /// Test image `k` (index into the test set).
    Test(usize),
    /// The first image of the step under way (training image `k`).
    Step(usize),
}

/// The digits task: data, network, training and the shown image.
pub struct DigitsTask {
    data: Rc<Digits>,
    trainer: Trainer,
    runner: EpochRunner,
    /// The training images in Step's order (shuffled once from the seed).
    order: Vec<usize>,
    cursor: usize,
    /// The phase the next Phase runs (index into [`PHASES`]); 0 between steps.
    next: usize,
    batch_x: Array2<f64>,
    batch_y: Array2<f64>,
    steps: u64,
    epochs: u64,
    diverged: Option<String>,
    evaluation: Evaluation,
    /// Train loss, test loss, train accuracy, test accuracy.
    metrics: [f64; 4],
    pixels: [u8; PIXELS],
    input: Input,
    picture: Picture,
    last_phase: Option<Phase>,
    /// The training and test images as input matrices, and a forward-only
    /// trace for each, kept for the metrics (no allocation per epoch).
    measure: [Measure; 2],
}

/// One image set's inputs and a trace to run them through.
struct Measure {
    x: Array2<f64>,
    trace: Trace,
}

impl Measure {
    fn new(network: &Network, images: &[lightbulb_core::DigitImage]) -> Measure {
        Measure {
            x: digits::inputs(images),
            trace: Trace::forward_only(network, images.len().max(1)),
        }
    }

    /// One forward pass over the images: mean cross-entropy −ln p(label)
    /// (each probability floored at 1e-300) and the answers.
    fn run(
        &mut self,
        network: &Network,
        images: &[lightbulb_core::DigitImage],
    ) -> Result<(f64, Evaluation)> {
        if !self.trace.fits(network) {
            self.trace = Trace::forward_only(network, images.len().max(1));
        }
        self.trace.load(self.x.view(), None)?;
        network.forward(&mut self.trace);
        let out = self
            .trace
            .output()
            .ok_or_else(|| Error::Invalid("the forward pass gave no output".into()))?;
        let mut confusion = lightbulb_core::digits::ConfusionMatrix::new(CLASSES)?;
        let mut predictions = Vec::with_capacity(images.len());
        let mut misclassified = Vec::new();
        let mut total = 0.0;
        for (k, (row, image)) in out.rows().into_iter().zip(images).enumerate() {
            let label = usize::from(image.label);
            let mut best = 0;
            for (d, &p) in row.iter().enumerate() {
                if p > row.get(best).copied().unwrap_or(f64::NEG_INFINITY) {
                    best = d;
                }
            }
            total -= row.get(label).copied().unwrap_or(0.0).max(1e-300).ln();
            confusion.add(label, best)?;
            if best != label {
                misclassified.push(k);
            }
            predictions.push(best as u8);
        }
        let ce = if images.is_empty() {
            -1.0
        } else {
            total / images.len() as f64
        };
        Ok((
            ce,
            Evaluation {
                predictions,
                confusion,
                misclassified,
            },
        ))
    }
}

impl DigitsTask {
    /// A new network from `seed` (the core's default 64-32-10) trained
    /// with `config` (its loss is always softmax cross-entropy).
    pub fn new(data: Rc<Digits>, seed: u64, config: TrainingConfig) -> Result<DigitsTask> {
        let network = Network::new(&training::network_spec(seed))?;
        DigitsTask::with_network(data, network, seed, config)
    }

    /// A task around an existing network (an imported model), which must be
    /// 64 inputs, one hidden layer of 1–64 neurons, and 10 softmax outputs.
    pub fn with_network(
        data: Rc<Digits>,
        network: Network,
        seed: u64,
        config: TrainingConfig,
    ) -> Result<DigitsTask> {
        check_shape(&network)?;
        let config = TrainingConfig {
            loss: training::LOSS,
            ..config
        };
        let trainer = Trainer::new(network, config)?;
        let runner = EpochRunner::new(data.train(), seed)?;
        let mut order: Vec<usize> = (0..data.train().len()).collect();
        order.shuffle(&mut StdRng::seed_from_u64(seed ^ 0x005E_EDD1_6175));
        let evaluation = digits::evaluate(trainer.network(), data.test())?;
        let measure = [
            Measure::new(trainer.network(), data.train()),
            Measure::new(trainer.network(), data.test()),
        ];
        let mut task = DigitsTask {
            data,
            trainer,
            runner,
            order,
            cursor: 0,
            next: 0,
            batch_x: Array2::zeros((0, PIXELS)),
            batch_y: Array2::zeros((0, CLASSES)),
            steps: 0,
            epochs: 0,
            diverged: None,
            evaluation,
            metrics: [-1.0; 4],
            pixels: [0; PIXELS],
            input: Input::Drawing,
            picture: Picture::default(),
            last_phase: None,
            measure,
        };
        task.refresh()?;
        Ok(task)
    }

    /// The images.
    pub fn data(&self) -> &Digits {
        &self.data
    }

    /// The network.
    pub fn network(&self) -> &Network {
        self.trainer.network()
    }

    /// The trainer (network, optimizer, last trace).
    pub fn trainer(&self) -> &Trainer {
        &self.trainer
    }

    /// Changes the learning rate, optimizer, regularisation or batch size;
    /// the weights stay. A step under way is finished first.
    pub fn reconfigure(&mut self, config: TrainingConfig) -> Result<()> {
        self.finish_step()?;
        self.trainer.reconfigure(TrainingConfig {
            loss: training::LOSS,
            ..config
        })
    }

    /// Steps (mini-batches) done.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// Epochs done (by Play, or by Steps that went through every image).
    pub fn epochs(&self) -> u64 {
        self.epochs
    }

    /// Train loss, test loss, train accuracy, test accuracy.
    pub fn metrics(&self) -> [f64; 4] {
        self.metrics
    }

    /// The test set's results: predictions, confusion matrix, misclassified.
    pub fn evaluation(&self) -> &Evaluation {
        &self.evaluation
    }

    /// Why training stopped, if a step diverged.
    pub fn diverged(&self) -> Option<&str> {
        self.diverged.as_deref()
    }

    /// The input the bulbs show.
    pub fn input(&self) -> Input {
        self.input
    }

    /// The shown image's pixels, 0–16.
    pub fn pixels(&self) -> &[u8; PIXELS] {
        &self.pixels
    }

    /// What the bulbs show: activations, and δ during a step.
    pub fn picture(&self) -> &Picture {
        &self.picture
    }

    /// The phase shown last (during a step), if any.
    pub fn last_phase(&self) -> Option<Phase> {
        self.last_phase
    }

    /// The phase the next Phase runs, or `None` between steps.
    pub fn step_under_way(&self) -> bool {
        self.next > 0
    }

    /// Shows a drawing already reduced to 8 × 8 (pixels 0–16).
    pub fn show_pixels(&mut self, pixels: [u8; PIXELS]) -> Result<()> {
        if let Some((i, &p)) = pixels
            .iter()
            .enumerate()
            .find(|(_, &p)| p > digits::MAX_PIXEL)
        {
            return Err(Error::out_of_range(
                format!("pixel {i}"),
                f64::from(p),
                0.0,
                f64::from(digits::MAX_PIXEL),
            ));
        }
        self.pixels = pixels;
        self.input = Input::Drawing;
        self.refresh_picture()
    }

    /// Shows test image `k`.
    pub fn show_test(&mut self, k: usize) -> Result<()> {
        let image = self.data.test().get(k).ok_or_else(|| {
            Error::out_of_range(
                "test image",
                k as f64,
                0.0,
                self.data.test().len().saturating_sub(1) as f64,
            )
        })?;
        self.pixels = image.pixels;
        self.input = Input::Test(k);
        self.refresh_picture()
    }

    /// One whole epoch (finishing a step under way first). Returns false
    /// when training diverged (nothing more is done until a reset).
    pub fn epoch(&mut self) -> Result<bool> {
        if self.diverged.is_some() {
            return Ok(false);
        }
        self.finish_step()?;
        let before = self.runner.epoch();
        let outcome = self.runner.run(&mut self.trainer)?;
        if let StepOutcome::Diverged(d) = outcome {
            self.diverged = Some(d.to_string());
            return Ok(false);
        }
        let batch = self.trainer.config().batch_size.max(1);
        self.steps += self.data.train().len().div_ceil(batch) as u64;
        self.epochs += self.runner.epoch() - before;
        if let Input::Step(_) = self.input {
            self.input = Input::Drawing;
            self.pixels = [0; PIXELS];
        }
        self.last_phase = None;
        self.refresh()?;
        Ok(true)
    }

    /// Runs the next phase of the step under way (starting a step on the
    /// next batch when none is). Returns the phase run.
    pub fn phase(&mut self) -> Result<Option<Phase>> {
        if self.diverged.is_some() {
            return Ok(None);
        }
        if self.next == 0 {
            self.begin()?;
        }
        let Some(&phase) = PHASES.get(self.next) else {
            self.next = 0;
            return Ok(None);
        };
        match phase {
            Phase::Forward(l) => self.trainer.forward_layer(l)?,
            Phase::Loss => {
                self.trainer.compute_loss()?;
            }
            Phase::Backward(l) => self.trainer.backward_layer(l)?,
            Phase::Update => {
                if let StepOutcome::Diverged(d) = self.trainer.update()? {
                    self.diverged = Some(d.to_string());
                }
                self.steps += 1;
            }
        }
        self.next = (self.next + 1) % PHASES.len();
        self.last_phase = Some(phase);
        if phase == Phase::Update {
            self.refresh()?;
        } else {
            self.refresh_picture()?;
        }
        Ok(Some(phase))
    }

    /// The rest of the step under way, or a whole step.
    pub fn step(&mut self) -> Result<()> {
        loop {
            match self.phase()? {
                Some(Phase::Update) | None => return Ok(()),
                Some(_) => {}
            }
        }
    }

    /// Whether a step is under way (some of its phases run, not yet Update).
    pub fn mid_step(&self) -> bool {
        self.next > 0
    }

    /// Finishes a step under way (if any), so that Play starts between steps.
    fn finish_step(&mut self) -> Result<()> {
        if self.next > 0 {
            self.step()?;
        }
        Ok(())
    }

    /// Loads the next batch of Step's order.
    fn begin(&mut self) -> Result<()> {
        let n = self.order.len();
        let batch = self.trainer.config().batch_size.clamp(1, n.max(1));
        if self.batch_x.nrows() != batch {
            self.batch_x = Array2::zeros((batch, PIXELS));
            self.batch_y = Array2::zeros((batch, CLASSES));
        }
        self.batch_y.fill(0.0);
        let train = self.data.train();
        let mut first = 0;
        for k in 0..batch {
            if self.cursor >= n {
                self.cursor = 0;
                self.epochs += 1;
            }
            let i = self.order.get(self.cursor).copied().unwrap_or(0);
            self.cursor += 1;
            if k == 0 {
                first = i;
            }
            if let Some(image) = train.get(i) {
                for (x, v) in self.batch_x.row_mut(k).iter_mut().zip(image.inputs()) {
                    *x = v;
                }
                if let Some(t) = self.batch_y.get_mut((k, usize::from(image.label))) {
                    *t = 1.0;
                }
            }
        }
        self.trainer
            .begin(self.batch_x.view(), self.batch_y.view())?;
        if let Some(image) = train.get(first) {
            self.pixels = image.pixels;
        }
        self.input = Input::Step(first);
        Ok(())
    }

    /// Recomputes the metrics, the test results and the picture.
    fn refresh(&mut self) -> Result<()> {
        let network = self.trainer.network();
        let [train_set, test_set] = &mut self.measure;
        let (train_loss, train) = train_set.run(network, self.data.train())?;
        let (test_loss, test) = test_set.run(network, self.data.test())?;
        self.metrics = [train_loss, test_loss, train.accuracy(), test.accuracy()];
        self.evaluation = test;
        self.refresh_picture()
    }

    /// Recomputes what the bulbs show.
    fn refresh_picture(&mut self) -> Result<()> {
        match self.input {
            Input::Step(_) if self.last_phase.is_some() || self.next > 0 => {
                let image = self.data.train().get(self.step_image()).map(|i| i.label);
                self.picture.from_trace(self.trainer.trace(), image);
                Ok(())
            }
            _ => {
                let p = digits::classify(self.trainer.network(), &self.pixels)?;
                self.picture
                    .from_probe(self.trainer.network(), &self.pixels, &p);
                Ok(())
            }
        }
    }

    fn step_image(&self) -> usize {
        match self.input {
            Input::Step(i) => i,
            _ => 0,
        }
    }

    /// The model file of this network (no input features: it takes pixels).
    pub fn model(&self, seed: u64) -> Model {
        Model::from_trainer(&self.trainer, None, seed)
    }
}

/// Refuses a network the digits view cannot show: not 64 inputs, not one
/// hidden layer of 1–64 neurons, not 10 softmax outputs.
pub fn check_shape(network: &Network) -> Result<()> {
    let sizes = network.sizes();
    let hidden_ok =
        sizes.len() == 3 && sizes.get(1).is_some_and(|&h| (1..=MAX_HIDDEN).contains(&h));
    if network.inputs() != PIXELS || network.outputs() != CLASSES || !hidden_ok {
        let shape: Vec<String> = sizes.iter().map(|s| s.to_string()).collect();
        return Err(Error::Invalid(format!(
            "a digits model must be {PIXELS} inputs (8 × 8 pixels), one hidden layer of 1 to \
             {MAX_HIDDEN} neurons and {CLASSES} outputs, but this one is {}",
            shape.join("-")
        )));
    }
    if network.output_activation() != Activation::Softmax {
        return Err(Error::Invalid(format!(
            "a digits model needs a softmax output layer, but this one uses \"{}\"",
            network.output_activation().name()
        )));
    }
    Ok(())
}
