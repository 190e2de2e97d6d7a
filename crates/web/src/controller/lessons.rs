//! Learn mode: the controller opens a lesson's screen on the real app,
//! takes a prediction, runs the reveal and checks the task on the live state.

use super::lesson::{figure, Action, Figure, Lesson, Measure, Screen};
use super::settings::quote;
use super::{narrate, ControlError, Controller, PageState, Shown};
use lightbulb_core::{Phase, Session};
use std::fmt::Write;

/// Where the learner is in the lessons.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LessonPlace {
    /// Which lesson (index into the sorted list).
    pub lesson: usize,
    /// Which screen of it.
    pub screen: usize,
    /// The prediction, once answered (or skipped) and revealed.
    pub reveal: Option<Reveal>,
    /// The learner was reminded once that a prediction helps.
    pub reminded: bool,
    /// The screen's task was met once: it stays done (a live measure such
    /// as the accuracy wobbles while training, and a learner who met the
    /// goal should not see "done" taken back).
    pub task_done: bool,
}

/// What a reveal found.
#[derive(Clone, Debug, PartialEq)]
pub struct Reveal {
    /// The answer chosen (`None`: skipped).
    pub chosen: Option<usize>,
    /// The right answer, as the real computation decided.
    pub right: Option<usize>,
    /// The measure before the action.
    pub before: f64,
    /// And after it.
    pub after: f64,
    /// The question with the numbers it showed when answered.
    pub question: String,
}

impl Controller {
    /// Adds a lesson file (checked; on error nothing is added and the
    /// message names the lesson, the field and why). Lessons are kept in
    /// the order of their file names. Returns how many there are.
    pub fn add_lesson(&mut self, name: &str, text: &str) -> Result<usize, ControlError> {
        let lesson = Lesson::from_json(name, text)?;
        self.lessons.retain(|l| l.name != lesson.name);
        let at = self.lessons.partition_point(|l| l.name < lesson.name);
        self.lessons.insert(at, lesson);
        Ok(self.lessons.len())
    }

    /// The lessons loaded, in order.
    pub fn lessons(&self) -> &[Lesson] {
        &self.lessons
    }

    /// The lessons as JSON for the page's list: title and screen count of each.
    pub fn lessons_json(&self) -> String {
        let items: Vec<String> = self
            .lessons
            .iter()
            .map(|l| {
                format!(
                    "{{\"title\":{},\"screens\":{}}}",
                    quote(&l.title),
                    l.screens.len()
                )
            })
            .collect();
        format!("[{}]", items.join(","))
    }

    /// Where the learner is, while in learn mode.
    pub fn lesson_place(&self) -> Option<&LessonPlace> {
        self.lesson.as_ref()
    }

    /// Opens screen `screen` of lesson `lesson` (both from 0) on the real
    /// app: the last setup at or before that screen, then each screen's
    /// weights and input up to it. On error nothing changes.
    pub fn open_lesson(&mut self, lesson: usize, screen: usize) -> Result<(), ControlError> {
        let l = self
            .lessons
            .get(lesson)
            .ok_or(ControlError::NoLesson(lesson + 1, self.lessons.len()))?;
        let screens = l.screens.get(..=screen).ok_or(ControlError::NoScreen {
            lesson: l.title.clone(),
            screen: screen + 1,
            screens: l.screens.len(),
        })?;
        let start = screens.iter().rposition(|s| s.setup.is_some()).unwrap_or(0);
        let steps: Vec<Screen> = screens.get(start..).unwrap_or_default().to_vec();
        let hash = steps
            .first()
            .and_then(|s| s.setup.clone())
            .unwrap_or_default();
        let (state, _) = PageState::from_hash(&hash);
        let mut session = Session::new(state.session_config())?;
        let mut probe = (state.x1, state.x2);
        for s in &steps {
            for &(m, from, to, value) in &s.weights {
                session.set_weight(m, to, from, value)?;
            }
            if let Some(p) = s.input {
                probe = p;
            }
        }
        let backward = steps.last().is_some_and(|s| s.backward);
        if backward {
            while session.next_phase() != Some(Phase::Update) {
                session.advance_phase()?;
            }
        }
        let mut state = state;
        (state.x1, state.x2) = probe;
        self.replace(state, session);
        if backward {
            self.example = self.session.batch_indices().first().copied();
            self.shown = Shown::Example;
            self.scene.phase = crate::scene::Phase::Backward(1);
        }
        self.lesson = Some(LessonPlace {
            lesson,
            screen,
            ..LessonPlace::default()
        });
        self.say_text("");
        Ok(())
    }

    /// Leaves learn mode; the state on screen stays (the playground takes it).
    pub fn leave_lesson(&mut self) {
        self.lesson = None;
    }

    fn screen(&self) -> Option<&Screen> {
        let p = self.lesson.as_ref()?;
        self.lessons.get(p.lesson)?.screens.get(p.screen)
    }

    /// Answers the screen's prediction with choice `chosen` (or skips it
    /// with `None`), then runs the reveal: the action on the live state,
    /// the measure before and after, and which answer was right. An answer
    /// locks: a second one is refused. Skipping needs two calls: the first
    /// only reminds (returns `Ok(false)`).
    pub fn predict(&mut self, chosen: Option<usize>) -> Result<bool, ControlError> {
        let place = self.lesson.as_ref().ok_or(ControlError::NotInLesson)?;
        if place.reveal.is_some() {
            return Err(ControlError::Answered);
        }
        let reminded = place.reminded;
        let prediction = self
            .screen()
            .and_then(|s| s.prediction.clone())
            .ok_or(ControlError::NoPrediction)?;
        match chosen {
            Some(i) if i >= prediction.choices.len() => {
                return Err(ControlError::NoChoice(i + 1, prediction.choices.len()))
            }
            None if !reminded => {
                if let Some(p) = self.lesson.as_mut() {
                    p.reminded = true;
                }
                return Ok(false);
            }
            _ => {}
        }
        let question = self.fill_text(&prediction.question);
        let before = self.measure(prediction.measure)?;
        for action in &prediction.actions {
            self.run(action)?;
        }
        let after = self.measure(prediction.measure)?;
        let right = prediction.right_answer(before, after);
        if let Some(p) = self.lesson.as_mut() {
            p.reveal = Some(Reveal {
                chosen,
                right,
                before,
                after,
                question,
            });
        }
        self.touch();
        Ok(true)
    }

    /// Whether the screen's task is met (`false` without one): met by the
    /// live state now, or once since the screen was opened.
    pub fn task_met(&mut self) -> bool {
        let Some(task) = self.screen().and_then(|s| s.task.clone()) else {
            return false;
        };
        if self.lesson.as_ref().is_some_and(|p| p.task_done) {
            return true;
        }
        let met = self.measure(task.measure).is_ok_and(|v| task.met_by(v));
        if let Some(p) = self.lesson.as_mut() {
            p.task_done = met;
        }
        met
    }

    /// One quantity of the live state.
    pub fn measure(&mut self, m: Measure) -> Result<f64, ControlError> {
        let missing = || ControlError::NotMeasurable(format!("{m:?}"));
        let at = |v: Option<lightbulb_core::ndarray::ArrayView2<'_, f64>>, i: usize| {
            v.and_then(|a| a.get((0, i)).copied())
        };
        if self.state.digits {
            return self.digits_measure(m).ok_or_else(missing);
        }
        let value = match m {
            Measure::Output | Measure::Activation(..) | Measure::Sum(..) => {
                let t = self.session.probe(self.state.x1, self.state.x2)?;
                match m {
                    Measure::Output => at(t.output(), 0),
                    Measure::Activation(0, i) => at(Some(t.inputs()), i),
                    Measure::Activation(l, i) => at(t.a(l - 1), i),
                    Measure::Sum(l, i) => l.checked_sub(1).and_then(|l| at(t.z(l), i)),
                    _ => None,
                }
            }
            Measure::ExampleActivation(0, i) => at(Some(self.session.trace().inputs()), i),
            Measure::ExampleActivation(l, i) => at(self.session.trace().a(l - 1), i),
            Measure::ExampleSum(l, i) => l
                .checked_sub(1)
                .and_then(|l| at(self.session.trace().z(l), i)),
            Measure::Target => at(Some(self.session.trace().targets()), 0),
            Measure::ExampleLoss => self.session.trace().loss(),
            Measure::Delta(l, i) => l
                .checked_sub(1)
                .and_then(|l| at(self.session.trace().delta(l), i)),
            Measure::Slope(l, i) | Measure::LossSlope(l, i) => {
                let t = self.session.trace();
                let layer = l.checked_sub(1);
                let z = layer.and_then(|l| at(t.z(l), i));
                let a = layer.and_then(|l| at(t.a(l), i));
                let act = layer
                    .and_then(|l| self.session.network().layers().get(l))
                    .map(|l| l.activation);
                let slope = match (act, z, a) {
                    (Some(f), Some(z), Some(a)) => Some(f.derivative(z, a)),
                    _ => None,
                };
                match m {
                    Measure::Slope(..) => slope,
                    _ => {
                        let delta = layer.and_then(|l| at(t.delta(l), i));
                        match (delta, slope) {
                            (Some(d), Some(s)) if s != 0.0 => Some(d / s),
                            _ => None,
                        }
                    }
                }
            }
            Measure::Gradient(mx, from, to) => self
                .session
                .trace()
                .grad_w(mx)
                .and_then(|g| g.get((to, from)).copied()),
            Measure::Weight(mx, from, to) => self
                .session
                .network()
                .layers()
                .get(mx)
                .and_then(|l| l.weights.get((to, from)).copied()),
            Measure::Loss => self.session.metrics().train_loss,
            Measure::Gap => {
                let m = self.session.metrics();
                m.test_loss.zip(m.train_loss).map(|(t, l)| t - l)
            }
            Measure::TestLoss => self.session.metrics().test_loss,
            Measure::Accuracy => self.session.metrics().train_accuracy,
            Measure::TestAccuracy => self.session.metrics().test_accuracy,
            Measure::Steps => Some(self.session.steps() as f64),
            Measure::LearningRate => Some(self.state.config.training.learning_rate),
        };
        value.filter(|v| v.is_finite()).ok_or_else(missing)
    }

    fn run(&mut self, action: &Action) -> Result<(), ControlError> {
        if self.state.digits {
            return self.digits_lesson_action(action);
        }
        self.finish_animation();
        match action {
            Action::Step => {
                self.session.step()?;
            }
            Action::Steps(n) => {
                for _ in 0..*n {
                    if self.session.diverged().is_some() {
                        break;
                    }
                    self.session.step()?;
                }
            }
            Action::Epochs(n) => {
                for _ in 0..*n {
                    if self.session.diverged().is_some() {
                        break;
                    }
                    self.session.epoch_run()?;
                }
            }
            Action::Set(k, v) => self.set(k, v)?,
            Action::Input(a, b) => self.set_input(*a, *b)?,
            Action::Weight(m, f, t, v) => self.set_weight(*m, *f, *t, *v)?,
        }
        if self.session.diverged().is_some() {
            self.show_divergence();
        }
        self.touch();
        Ok(())
    }

    /// `text` with each `{measure}` replaced by its live value ("—" when
    /// it cannot be read now).
    pub fn fill_text(&mut self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(rest.get(..open).unwrap_or(""));
            let after = rest.get(open + 1..).unwrap_or("");
            let Some(close) = after.find('}') else {
                out.push_str(rest.get(open..).unwrap_or(""));
                return out;
            };
            let inside = after.get(..close).unwrap_or("");
            let value = Measure::parse(inside)
                .ok()
                .and_then(|m| self.measure(m).ok());
            out.push_str(&value.map_or_else(|| "—".to_string(), narrate::num));
            rest = after.get(close + 1..).unwrap_or("");
        }
        out.push_str(rest);
        out
    }

    /// The screen on show as JSON for the page: where it is, its text with
    /// live numbers, the prediction (and its reveal) and the task.
    pub fn lesson_json(&mut self) -> String {
        let (Some(place), Some(screen)) = (self.lesson.clone(), self.screen().cloned()) else {
            return "null".to_string();
        };
        let title = self
            .lessons
            .get(place.lesson)
            .map_or("", |l| l.title.as_str())
            .to_string();
        let screens = self
            .lessons
            .get(place.lesson)
            .map_or(0, |l| l.screens.len());
        let text = self.fill_text(&screen.text);
        let mut out = format!(
            "{{\"lesson\":{},\"lessons\":{},\"title\":{},\"screen\":{},\"screens\":{},\"text\":{}",
            place.lesson,
            self.lessons.len(),
            quote(&title),
            place.screen,
            screens,
            quote(&text)
        );
        if let Some(p) = &screen.prediction {
            let labels: Vec<String> = p.choices.iter().map(|c| quote(&c.label)).collect();
            // The question's numbers as they were before the reveal.
            let question = match &place.reveal {
                Some(r) => r.question.clone(),
                None => self.fill_text(&p.question),
            };
            let _ = write!(
                out,
                ",\"prediction\":{{\"question\":{},\"choices\":[{}],\"reminded\":{}",
                quote(&question),
                labels.join(","),
                place.reminded
            );
            if let Some(r) = &place.reveal {
                let said = self.reveal_words(p, r);
                let index = |i: Option<usize>| i.map_or(-1, |i| i as i64);
                let _ = write!(
                    out,
                    ",\"reveal\":{{\"chosen\":{},\"right\":{},\"correct\":{},\"before\":{},\"after\":{},\"text\":{}}}",
                    index(r.chosen),
                    index(r.right),
                    r.chosen.is_some() && r.chosen == r.right,
                    r.before,
                    r.after,
                    quote(&said)
                );
            }
            out.push('}');
        }
        if screen.figure == Some(Figure::ActivationCurves) {
            let net = self.session.network();
            let (active, output) = (net.output_activation(), net.depth());
            let z = self.measure(Measure::Sum(output, 0)).unwrap_or(f64::NAN);
            out.push_str(",\"figure\":");
            figure::activation_json(&mut out, z, active);
        }
        if let Some(t) = &screen.task {
            let goal = self.fill_text(&t.goal);
            let met = self.task_met();
            let _ = write!(out, ",\"task\":{{\"goal\":{},\"met\":{met}}}", quote(&goal));
        }
        out.push('}');
        out
    }

    fn reveal_words(&self, p: &super::lesson::Prediction, r: &Reveal) -> String {
        let moved = format!(
            "It went from {} to {}.",
            narrate::num(r.before),
            narrate::num(r.after)
        );
        let verdict = match (r.chosen, r.right) {
            (Some(c), Some(w)) if c == w => "Right.".to_string(),
            (Some(_), Some(w)) => format!(
                "Not this time: the answer is “{}”.",
                p.choices.get(w).map_or("", |c| c.label.as_str())
            ),
            (None, Some(w)) => format!(
                "The answer is “{}”.",
                p.choices.get(w).map_or("", |c| c.label.as_str())
            ),
            (_, None) => "None of the answers fits what happened.".to_string(),
        };
        format!("{verdict} {moved} {}", p.why)
    }
}
