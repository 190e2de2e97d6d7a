//! Lessons: guided screens over the real app. A lesson is data, a JSON file
//! in `www/lessons/`, read and checked by [`Lesson::from_json`]; each screen
//! has a short text, a starting state (a set of settings), and optionally a
//! prediction to make before a reveal and a hands-on task with a live check.

mod action;
pub mod figure;
mod measure;
mod read;

pub use action::Action;
pub use figure::Figure;
pub use measure::Measure;

/// A lesson file that could not be used: the file, the field and why.
#[derive(Debug, PartialEq, thiserror::Error)]
#[error("lesson {lesson}: {field}: {reason}")]
pub struct LessonError {
    /// The lesson's file name.
    pub lesson: String,
    /// The JSON path of the field, e.g. `screens[1].prediction.choices[0].is`.
    pub field: String,
    /// What is wrong with it.
    pub reason: String,
}

/// One lesson.
#[derive(Clone, Debug, PartialEq)]
pub struct Lesson {
    /// The file name it came from (e.g. `"01-one-neuron.json"`).
    pub name: String,
    /// Its title.
    pub title: String,
    /// Its screens, at least one.
    pub screens: Vec<Screen>,
}

/// One screen of a lesson.
#[derive(Clone, Debug, PartialEq)]
pub struct Screen {
    /// At most about 80 words; `{measure}` is replaced by the live value.
    pub text: String,
    /// Settings to start from (a hash); `None` continues from the screen before.
    pub setup: Option<String>,
    /// Weights to set after the setup: (matrix, from, to, value).
    pub weights: Vec<(usize, usize, usize, f64)>,
    /// The probe point to show.
    pub input: Option<(f64, f64)>,
    /// Run one step's phases up to (not including) the update, so the
    /// gradients of the first example are on screen.
    pub backward: bool,
    /// A prediction to make before the reveal.
    pub prediction: Option<Prediction>,
    /// A hands-on task with a check on the live state.
    pub task: Option<Task>,
    /// A figure drawn beside the text.
    pub figure: Option<Figure>,
}

/// A question answered before the reveal runs the real computation.
#[derive(Clone, Debug, PartialEq)]
pub struct Prediction {
    /// The question.
    pub question: String,
    /// The answers to choose from; the right one is decided by the reveal.
    pub choices: Vec<PredictionChoice>,
    /// What the reveal does, in order.
    pub actions: Vec<Action>,
    /// What it measures, before and after the action.
    pub measure: Measure,
    /// Why the result is what it is, shown with the reveal.
    pub why: String,
}

/// One answer and when it is the right one.
#[derive(Clone, Debug, PartialEq)]
pub struct PredictionChoice {
    /// What the learner reads.
    pub label: String,
    /// When this answer is right.
    pub rule: Rule,
}

/// When an answer is right, comparing the measure before and after the action.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Rule {
    /// It grew.
    Up,
    /// It shrank.
    Down,
    /// It stayed (within 1e-9, relative).
    Same,
    /// It ended above this value.
    Above(f64),
    /// It ended below this value.
    Below(f64),
    /// It ended nearer this value than any other `Near` answer's.
    Near(f64),
    /// It moved by at most this share of where it started (0.01 = 1 %).
    Within(f64),
    /// It ended below this share of where it started (0.5 = halved).
    Shrunk(f64),
}

/// A task and its check.
#[derive(Clone, Debug, PartialEq)]
pub struct Task {
    /// What to do, in words.
    pub goal: String,
    /// What is checked.
    pub measure: Measure,
    /// Met when the measure is above this…
    pub above: Option<f64>,
    /// …and below this.
    pub below: Option<f64>,
}

impl Task {
    /// Whether a measured value meets the check.
    pub fn met_by(&self, value: f64) -> bool {
        value.is_finite()
            && self.above.is_none_or(|a| value > a)
            && self.below.is_none_or(|b| value < b)
    }
}

impl Prediction {
    /// The index of the right answer for a measure that went from `before`
    /// to `after` (the first that fits), or `None` if none does.
    pub fn right_answer(&self, before: f64, after: f64) -> Option<usize> {
        let scale = before.abs().max(after.abs()).max(1e-12);
        let same = (after - before).abs() <= 1e-9 * scale;
        let nearest = self
            .choices
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match c.rule {
                Rule::Near(v) => Some((i, (after - v).abs())),
                _ => None,
            })
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i);
        self.choices
            .iter()
            .enumerate()
            .position(|(i, c)| match c.rule {
                Rule::Up => !same && after > before,
                Rule::Down => !same && after < before,
                Rule::Same => same,
                Rule::Above(v) => after > v,
                Rule::Below(v) => after < v,
                Rule::Near(_) => nearest == Some(i),
                Rule::Within(share) => (after - before).abs() <= share * before.abs(),
                Rule::Shrunk(share) => after < share * before,
            })
    }
}

#[cfg(test)]
mod tests;
