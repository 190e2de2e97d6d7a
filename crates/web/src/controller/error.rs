//! What can go wrong when the page asks the controller for something. Each
//! message names the offending value; on any error the state is left as it was.

use lightbulb_core::error::short_number;

/// An error of a [`Controller`](super::Controller) call.
#[derive(Debug, thiserror::Error)]
pub enum ControlError {
    /// The core refused (a bad configuration, a weight out of range, a bad file, …).
    #[error(transparent)]
    Core(#[from] lightbulb_core::Error),
    /// Pasted points with bad rows (each named by its line).
    #[error(transparent)]
    Csv(#[from] lightbulb_core::dataset::CsvErrors),
    /// A setting's value could not be used.
    #[error(transparent)]
    Setting(#[from] super::settings::SettingError),
    /// The animation speed is not a positive number.
    #[error("speed must be a positive number, got {}", short_number(.0))]
    Speed(f64),
    /// A probe input is not a finite number.
    #[error("inputs must be finite numbers, got ({}, {})", short_number(.0), short_number(.1))]
    Input(f64, f64),
    /// A history step that is not a whole number ≥ 0.
    #[error("a step must be a whole number ≥ 0, got {}", short_number(.0))]
    Step(f64),
    /// A control the link locks (`lock=…`).
    #[error("{0} is locked by the link (lock=… in its address): it cannot be changed here")]
    Locked(&'static str),
    /// A model file without the input features the page feeds.
    #[error("the model has no \"features\", so the page cannot feed it 2-D points")]
    ModelWithoutFeatures,
    /// The digits file could not be read.
    #[error("the digits images could not be read: {0}")]
    Digits(String),
    /// A drawing that could not be reduced to 8 × 8.
    #[error("the drawing could not be read: {0}")]
    Drawing(String),
    /// A lesson action the digits task does not have.
    #[error("a lesson on the digits cannot do \"{0}\": only step, steps, epochs and set")]
    DigitsAction(String),
    /// A digits action before the images arrived (or off the digits task).
    #[error("the digits images are not loaded yet")]
    DigitsNotLoaded,
    /// A session file (2-D points) opened on the digits task.
    #[error("a session file holds 2-D points (x₁, x₂), but the digits task takes 64 pixels: choose a 2-D dataset first, or use Import model for a digits model")]
    SessionOnDigits,
    /// "Reset with rate" when no rate is on offer.
    #[error("there is no learning rate to offer right now")]
    NoSafeRate,
    /// Undo when nothing was put aside, or the current run trained since.
    #[error(
        "there is nothing to undo: no run was put aside, or the current one has trained since"
    )]
    NothingPutAside,
    /// A lesson file that could not be used.
    #[error(transparent)]
    Lesson(#[from] super::lesson::LessonError),
    /// A lesson number beyond those loaded.
    #[error("there is no lesson {0}: {1} are loaded")]
    NoLesson(usize, usize),
    /// A screen beyond the lesson's.
    #[error("lesson “{lesson}” has no screen {screen}: it has {screens}")]
    NoScreen {
        /// The lesson's title.
        lesson: String,
        /// The screen asked for, from 1.
        screen: usize,
        /// How many it has.
        screens: usize,
    },
    /// A lesson call outside learn mode.
    #[error("no lesson is open")]
    NotInLesson,
    /// A second answer to a prediction.
    #[error("this prediction is already answered")]
    Answered,
    /// An answer on a screen without a prediction.
    #[error("this screen asks for no prediction")]
    NoPrediction,
    /// An answer number beyond the choices.
    #[error("there is no answer {0}: the prediction offers {1}")]
    NoChoice(usize, usize),
    /// A measure that the live state does not hold now (e.g. a gradient before any step).
    #[error("{0} cannot be read now")]
    NotMeasurable(String),
    /// "Compare" while two runs are compared already.
    #[error("two runs are compared already: stop comparing first")]
    Comparing,
    /// A call about the other run when there is none.
    #[error("no run is pinned: press Compare first")]
    NotComparing,
    /// The grid was not computed (an internal slip, never expected).
    #[error("the heatmap grid is missing")]
    GridMissing,
    /// A gradient check before any step: there is no batch to check on.
    #[error("press Step first: the check uses the batch of the step on screen")]
    NoStepYet,
    /// A step exported while a past step of the history is on screen.
    #[error("go back to the latest step to export one (the history slider's right end)")]
    ExportInThePast,
    /// A step exported after training diverged.
    #[error("training diverged: reset before exporting a step")]
    ExportDiverged,
}
