//! The digits task on the page (`dataset=digits`): 8 × 8 images whose 64
//! pixels are the input layer. The images come from the page (it fetches
//! `digits.bin` and hands the bytes over: the wasm does not embed them);
//! the 2-D session stays behind, untouched, for when the page switches back.
//!
//! Play trains one epoch per frame with the core's `EpochRunner`; Step runs
//! one mini-batch phase by phase in one go, Phase one phase, and the bulbs
//! then show the batch's first image with its δ. The drawing pad, a test
//! image or the step's image is the input the bulbs show.

pub mod hover;
pub mod picture;
pub mod results;
pub mod task;

use super::lesson::{Action, Measure};
use super::{ControlError, Controller};
use hover::Bulb;
use lightbulb_core::digits::{reduce_drawing, Digits};
use lightbulb_core::Model;
use std::rc::Rc;
use task::DigitsTask;

/// The digits data and task, when the page has them.
#[derive(Default)]
pub struct Slot {
    data: Option<Rc<Digits>>,
    task: Option<DigitsTask>,
    /// Bumped whenever the test results may have changed.
    results: u32,
    /// The bulb under the pointer.
    hover: Option<Bulb>,
    /// A digits model restored from the saved page, loaded once the images
    /// are in.
    pending_model: Option<String>,
    /// While Step animates: when the next phase runs (ms, the frame clock).
    next_phase_at: Option<f64>,
}

impl Controller {
    /// Whether the page is on the digits task (`dataset=digits`), loaded or not.
    pub fn digits_wanted(&self) -> bool {
        self.state.digits
    }

    /// Whether the digits images have been handed over.
    pub fn digits_loaded(&self) -> bool {
        self.digits.data.is_some()
    }

    /// The digits task, while the page is on it and has the images.
    pub fn digits(&self) -> Option<&DigitsTask> {
        self.digits.task.as_ref().filter(|_| self.state.digits)
    }

    /// The bulb under the pointer on the digits view.
    pub fn digits_hovered(&self) -> Option<Bulb> {
        self.digits.hover
    }

    /// A number that changes whenever the results panel may have changed.
    pub fn digits_results_version(&self) -> u32 {
        self.digits.results
    }

    /// Reads the digits file the page fetched (`digits.bin`). A file that
    /// cannot be read is refused with the reason, and nothing changes.
    pub fn load_digits(&mut self, bytes: &[u8]) -> Result<(), ControlError> {
        let data = Digits::decode(bytes).map_err(|e| ControlError::Digits(e.to_string()))?;
        self.digits.data = Some(Rc::new(data));
        self.digits.task = None;
        self.rebuild_digits()?;
        if let Some(model) = self.digits.pending_model.take() {
            if self.state.digits {
                self.import_digits_model(&model)?;
                self.say_text("Digits: the network trained before the reload is back. Press Play to go on training, or draw a digit on the pad.");
            }
        }
        Ok(())
    }

    /// Keeps a restored digits model until the images are in (or loads it
    /// now if they already are).
    pub(super) fn keep_digits_model(&mut self, model: Option<String>) -> Result<(), ControlError> {
        self.digits.pending_model = model;
        if self.digits.data.is_some() && self.state.digits {
            self.rebuild_digits()?;
            if let Some(model) = self.digits.pending_model.take() {
                self.import_digits_model(&model)?;
            }
        }
        Ok(())
    }

    /// A new digits network from the state's seed and training settings
    /// (when the page is on digits and has the images); the drawing stays.
    /// Returns the task it replaced, if any.
    pub(super) fn rebuild_digits(&mut self) -> Result<Option<DigitsTask>, ControlError> {
        if !self.state.digits {
            return Ok(self.digits.task.take());
        }
        let Some(data) = self.digits.data.clone() else {
            return Ok(None);
        };
        let mut task = DigitsTask::new(data, self.state.config.seed, self.state.training())?;
        if let Some(old) = &self.digits.task {
            if old.input() == task::Input::Drawing {
                task.show_pixels(*old.pixels())?;
            }
        }
        let old = self.digits.task.replace(task);
        self.digits_changed();
        self.playing = false;
        self.say_text(
            "Digits: 64 pixels in, 10 digits out. Press Play to train, or draw a digit on the pad.",
        );
        Ok(old)
    }

    /// Puts a digits task back (Undo), if the page is on digits.
    pub(super) fn restore_digits(&mut self, task: DigitsTask) {
        if self.state.digits && self.digits.data.is_some() {
            self.digits.task = Some(task);
            self.digits_changed();
        }
    }

    /// The training settings changed (learning rate, optimizer, batch, …).
    pub(super) fn reconfigure_digits(&mut self) -> Result<(), ControlError> {
        let training = self.state.training();
        if let Some(task) = self.digits.task.as_mut() {
            task.reconfigure(training)?;
        }
        Ok(())
    }

    fn digits_changed(&mut self) {
        self.digits.results = self.digits.results.wrapping_add(1);
        self.touch();
    }

    fn digits_mut(&mut self) -> Result<&mut DigitsTask, ControlError> {
        match self.digits.task.as_mut() {
            Some(task) if self.state.digits => Ok(task),
            _ => Err(ControlError::DigitsNotLoaded),
        }
    }

    /// A drawing: `canvas` holds `side` × `side` ink values in [0, 1], row
    /// by row; it is reduced to 8 × 8 the way the data was made and becomes
    /// the input. A drawing that cannot be read is refused; nothing changes.
    pub fn digits_draw(&mut self, canvas: &[f64], side: usize) -> Result<(), ControlError> {
        let pixels =
            reduce_drawing(canvas, side).map_err(|e| ControlError::Drawing(e.to_string()))?;
        self.digits_mut()?.show_pixels(pixels)?;
        self.touch();
        Ok(())
    }

    /// Clears the drawing: a blank input.
    pub fn digits_clear(&mut self) -> Result<(), ControlError> {
        self.digits_mut()?
            .show_pixels([0; lightbulb_core::digits::PIXELS])?;
        self.touch();
        Ok(())
    }

    /// Shows test image `k` (e.g. a misclassified one) as the input.
    pub fn digits_show_test(&mut self, k: usize) -> Result<(), ControlError> {
        self.digits_mut()?.show_test(k)?;
        self.touch();
        Ok(())
    }

    /// The results panel as HTML ("" until the digits are loaded).
    pub fn digits_results_html(&self) -> String {
        self.digits().map_or_else(String::new, |t| {
            results::html(t.evaluation(), t.data().test())
        })
    }

    /// The 10 output probabilities the bulbs show (empty when not computed).
    pub fn digits_outputs(&self) -> Vec<f64> {
        self.digits()
            .map_or_else(Vec::new, |t| t.picture().out.clone())
    }

    /// The pointer is over `bulb` (or nothing): its equation ("" for nothing).
    pub fn digits_hover(&mut self, bulb: Option<Bulb>) -> String {
        self.digits.hover = bulb;
        match (self.digits(), bulb) {
            (Some(t), Some(b)) => hover::equation(t.picture(), t.network(), b),
            _ => String::new(),
        }
    }

    /// The numbers panel of the digits view.
    pub(super) fn digits_numbers(&self) -> Option<String> {
        self.digits().map(|t| hover::table(t.picture()))
    }

    /// Whether Step is animating a digits step.
    pub(super) fn digits_animating(&self) -> bool {
        self.digits.next_phase_at.is_some()
    }

    /// Play, Step, Phase and Reset on the digits task.
    pub(super) fn digits_play(&mut self) {
        self.digits.next_phase_at = None;
        self.playing = self.digits().is_some_and(|t| t.diverged().is_none());
    }

    /// Step: one mini-batch animated phase by phase as on the 2-D tasks
    /// (each phase on screen for its share of a step's time at the chosen
    /// speed); Step again during it finishes it at once. Phase (`whole`
    /// false): exactly one phase, then stop.
    pub(super) fn digits_step(&mut self, whole: bool) -> Result<(), ControlError> {
        self.playing = false;
        let animating = self.digits.next_phase_at.take().is_some();
        if whole && animating {
            return self.digits_run(true);
        }
        self.digits_run(false)?;
        let mid_step = self.digits().is_some_and(|t| t.mid_step());
        if whole && mid_step {
            let speed = self.state.speed.clamp(0.05, 20.0);
            self.digits.next_phase_at = Some(self.now + phase_ms(speed));
        }
        Ok(())
    }

    /// Runs the next phase (or, with `rest`, the rest of the step under
    /// way) and narrates it.
    fn digits_run(&mut self, rest: bool) -> Result<(), ControlError> {
        let task = self.digits_mut()?;
        let phase = if rest {
            task.step()?;
            task.last_phase()
        } else {
            task.phase()?
        };
        let text = match (task.diverged(), phase) {
            (Some(why), _) => format!("Training stopped: {why}. Reset to start again."),
            (None, Some(p)) => {
                hover::narrate(p, task.picture(), task.trainer().config().batch_size)
            }
            (None, None) => String::new(),
        };
        let updated = phase == Some(task::Phase::Update);
        self.say_text(text);
        if updated {
            self.digits_changed();
        }
        self.touch();
        Ok(())
    }

    /// One epoch per frame while playing; pauses when training diverges.
    pub(super) fn digits_frame(&mut self) -> Result<(), ControlError> {
        if let Some(at) = self.digits.next_phase_at {
            if self.now >= at {
                self.digits.next_phase_at = None;
                self.digits_run(false)?;
                if self.digits().is_some_and(|t| t.mid_step()) {
                    let speed = self.state.speed.clamp(0.05, 20.0);
                    self.digits.next_phase_at = Some(at.max(self.now - 100.0) + phase_ms(speed));
                }
            }
        }
        if !self.playing {
            return Ok(());
        }
        let task = self.digits_mut()?;
        let trained = task.epoch()?;
        let m = task.metrics();
        let text = match task.diverged() {
            Some(why) => format!("Training stopped: {why}. Reset to start again."),
            None => format!(
                "Epoch {} · train loss {} · test accuracy {:.1} %",
                task.epochs(),
                hover::num(m[0]),
                m[3] * 100.0
            ),
        };
        if !trained {
            self.playing = false;
        }
        self.say_text(text);
        self.digits_changed();
        Ok(())
    }

    /// A lesson's measure on the digits task: the losses, accuracies and
    /// steps (the others, about single neurons of a 2-D network, are not
    /// measured here).
    pub(super) fn digits_measure(&self, m: Measure) -> Option<f64> {
        let task = self.digits()?;
        let [train_loss, test_loss, train_accuracy, test_accuracy] = task.metrics();
        let value = match m {
            Measure::Loss => train_loss,
            Measure::TestLoss => test_loss,
            Measure::Gap => test_loss - train_loss,
            Measure::Accuracy => train_accuracy,
            Measure::TestAccuracy => test_accuracy,
            Measure::Steps => task.steps() as f64,
            Measure::LearningRate => self.state.config.training.learning_rate,
            _ => return None,
        };
        Some(value).filter(|v| v.is_finite())
    }

    /// A lesson's action on the digits task.
    pub(super) fn digits_lesson_action(&mut self, action: &Action) -> Result<(), ControlError> {
        self.playing = false;
        match action {
            Action::Step => self.digits_mut()?.step()?,
            Action::Steps(n) => {
                let task = self.digits_mut()?;
                for _ in 0..*n {
                    task.step()?;
                }
            }
            Action::Epochs(n) => {
                let task = self.digits_mut()?;
                for _ in 0..*n {
                    if !task.epoch()? {
                        break;
                    }
                }
            }
            Action::Set(k, v) => self.set(k, v)?,
            Action::Input(..) => return Err(ControlError::DigitsAction("input".into())),
            Action::Weight(..) => return Err(ControlError::DigitsAction("weight".into())),
        }
        self.digits_changed();
        Ok(())
    }

    /// The digits model as a model file.
    pub(super) fn digits_model(&self) -> Option<String> {
        self.digits()
            .map(|t| t.model(self.state.config.seed).to_json())
    }

    /// Loads a digits model file: 64 inputs, one hidden layer, 10 softmax
    /// outputs. Anything else is refused with its shape; nothing changes.
    pub(super) fn import_digits_model(&mut self, text: &str) -> Result<(), ControlError> {
        let model = Model::from_json(text)?;
        let Some(data) = self.digits.data.clone() else {
            return Err(ControlError::DigitsNotLoaded);
        };
        let mut next = self.state.clone();
        next.config.training = lightbulb_core::TrainingConfig {
            loss: next.config.training.loss,
            ..model.training
        };
        next.config.seed = model.seed;
        let task = DigitsTask::with_network(data, model.network, model.seed, next.training())?;
        self.state = next;
        self.digits.task = Some(task);
        self.playing = false;
        self.digits_changed();
        self.say_text("The model is loaded: its answers on the test images are in the results.");
        Ok(())
    }
}

/// How long one phase of an animated digits step stays on screen at `speed`.
fn phase_ms(speed: f64) -> f64 {
    super::timeline::STEP_MS / task::PHASES.len() as f64 / speed
}

#[cfg(test)]
mod tests;
