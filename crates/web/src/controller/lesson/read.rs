//! Reading a lesson file: every field checked, every error naming the
//! lesson, the field and the reason.

use super::{
    Action, Figure, Lesson, LessonError, Measure, Prediction, PredictionChoice, Rule, Screen, Task,
};
use crate::controller::PageState;
use lightbulb_core::json_read::{self, At};

/// Most words a screen's text may have ("at most about 80": some slack).
pub const MAX_WORDS: usize = 90;

type Read<T> = Result<T, LessonError>;

struct File<'n> {
    name: &'n str,
}

impl File<'_> {
    fn err(&self, at: &At<'_>, reason: impl Into<String>) -> LessonError {
        LessonError {
            lesson: self.name.to_string(),
            field: at.path().to_string(),
            reason: reason.into(),
        }
    }

    /// A core error from `json_read` names the path already.
    fn core(&self, e: lightbulb_core::Error) -> LessonError {
        let (field, reason) = match e {
            lightbulb_core::Error::File { path, message } => (path, message),
            other => ("(root)".to_string(), other.to_string()),
        };
        LessonError {
            lesson: self.name.to_string(),
            field,
            reason,
        }
    }

    fn text(&self, at: &At<'_>) -> Read<String> {
        let s = at.str().map_err(|e| self.core(e))?.trim();
        if s.is_empty() {
            return Err(self.err(at, "is empty"));
        }
        Ok(s.to_string())
    }

    fn screen(&self, at: &At<'_>, first: bool) -> Read<Screen> {
        let keys = [
            "text",
            "setup",
            "weights",
            "input",
            "backward",
            "prediction",
            "task",
            "figure",
        ];
        let map = at.object(&keys).map_err(|e| self.core(e))?;
        let text_at = at.field(map, "text").map_err(|e| self.core(e))?;
        let text = self.text(&text_at)?;
        let words = text.split_whitespace().count();
        if words > MAX_WORDS {
            return Err(self.err(
                &text_at,
                format!("{words} words; a screen holds at most {MAX_WORDS}"),
            ));
        }
        self.placeholders(&text_at, &text)?;
        let setup = match at.optional(map, "setup") {
            Some(s) => {
                let hash = s.str().map_err(|e| self.core(e))?.to_string();
                let (_, ignored) = PageState::from_hash(&hash);
                if !ignored.is_empty() {
                    return Err(self.err(&s, ignored.join("; ")));
                }
                Some(hash)
            }
            None if first => return Err(self.err(at, "the first screen needs a \"setup\"")),
            None => None,
        };
        let mut weights = Vec::new();
        if let Some(w) = at.optional(map, "weights") {
            for item in w.items().map_err(|e| self.core(e))? {
                let v = item.numbers().map_err(|e| self.core(e))?;
                match v[..] {
                    [m, f, t, value]
                        if [m, f, t]
                            .iter()
                            .all(|x| x.fract() == 0.0 && (0.0..64.0).contains(x)) =>
                    {
                        weights.push((m as usize, f as usize, t as usize, value))
                    }
                    _ => return Err(self.err(&item, "expected [matrix, from, to, value]")),
                }
            }
        }
        let input = match at.optional(map, "input") {
            Some(i) => match i.numbers().map_err(|e| self.core(e))?[..] {
                [a, b] if a.abs() <= 6.0 && b.abs() <= 6.0 => Some((a, b)),
                _ => return Err(self.err(&i, "expected [x1, x2] inside [−6, 6]²")),
            },
            None => None,
        };
        let backward = match at.optional(map, "backward") {
            Some(b) => b
                .value
                .as_bool()
                .ok_or_else(|| self.err(&b, "expected true or false"))?,
            None => false,
        };
        let prediction = match at.optional(map, "prediction") {
            Some(p) => Some(self.prediction(&p)?),
            None => None,
        };
        let task = match at.optional(map, "task") {
            Some(t) => Some(self.task(&t)?),
            None => None,
        };
        let figure = match at.optional(map, "figure") {
            Some(f) => {
                let name = f.str().map_err(|e| self.core(e))?;
                Some(Figure::parse(name).map_err(|e| self.err(&f, e))?)
            }
            None => None,
        };
        Ok(Screen {
            text,
            setup,
            weights,
            input,
            backward,
            prediction,
            task,
            figure,
        })
    }

    /// Every `{…}` in a text must be a measure.
    fn placeholders(&self, at: &At<'_>, text: &str) -> Read<()> {
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let after = rest.get(open + 1..).unwrap_or("");
            let close = after
                .find('}')
                .ok_or_else(|| self.err(at, "a \"{\" without its \"}\""))?;
            let inside = after.get(..close).unwrap_or("");
            Measure::parse(inside).map_err(|e| self.err(at, format!("{{{inside}}}: {e}")))?;
            rest = after.get(close + 1..).unwrap_or("");
        }
        Ok(())
    }

    fn measure(&self, at: &At<'_>) -> Read<Measure> {
        Measure::parse(at.str().map_err(|e| self.core(e))?).map_err(|e| self.err(at, e))
    }

    fn prediction(&self, at: &At<'_>) -> Read<Prediction> {
        let map = at
            .object(&["question", "choices", "action", "measure", "why"])
            .map_err(|e| self.core(e))?;
        let field = |k: &str| at.field(map, k).map_err(|e| self.core(e));
        let question_at = field("question")?;
        let question = self.text(&question_at)?;
        self.placeholders(&question_at, &question)?;
        let choices_at = field("choices")?;
        let mut choices = Vec::new();
        for c in choices_at.items().map_err(|e| self.core(e))? {
            let m = c
                .object(&["label", "is", "value"])
                .map_err(|e| self.core(e))?;
            let label = self.text(&c.field(m, "label").map_err(|e| self.core(e))?)?;
            let is = c.field(m, "is").map_err(|e| self.core(e))?;
            let value = || -> Read<f64> {
                let v = c.field(m, "value").map_err(|e| self.core(e))?;
                v.number().map_err(|e| self.core(e))
            };
            let rule = match is.str().map_err(|e| self.core(e))? {
                "up" => Rule::Up,
                "down" => Rule::Down,
                "same" => Rule::Same,
                "above" => Rule::Above(value()?),
                "below" => Rule::Below(value()?),
                "near" => Rule::Near(value()?),
                "within" => Rule::Within(value()?),
                "shrunk" => Rule::Shrunk(value()?),
                other => {
                    return Err(self.err(
                        &is,
                        format!(
                        "\"{}\" is not one of up, down, same, above, below, near, within, shrunk",
                        lightbulb_core::clip(other)
                    ),
                    ))
                }
            };
            choices.push(PredictionChoice { label, rule });
        }
        if !(2..=6).contains(&choices.len()) {
            return Err(self.err(
                &choices_at,
                format!("{} choices; a prediction offers 2 to 6", choices.len()),
            ));
        }
        let action_at = field("action")?;
        let actions = action_at
            .str()
            .map_err(|e| self.core(e))?
            .split(';')
            .map(|a| Action::parse(a.trim()).map_err(|e| self.err(&action_at, e)))
            .collect::<Read<Vec<_>>>()?;
        Ok(Prediction {
            question,
            choices,
            actions,
            measure: self.measure(&field("measure")?)?,
            why: self.text(&field("why")?)?,
        })
    }

    fn task(&self, at: &At<'_>) -> Read<Task> {
        let map = at
            .object(&["goal", "measure", "above", "below"])
            .map_err(|e| self.core(e))?;
        let goal = self.text(&at.field(map, "goal").map_err(|e| self.core(e))?)?;
        let measure = self.measure(&at.field(map, "measure").map_err(|e| self.core(e))?)?;
        let bound = |k: &str| -> Read<Option<f64>> {
            at.optional(map, k)
                .map(|v| v.number().map_err(|e| self.core(e)))
                .transpose()
        };
        let (above, below) = (bound("above")?, bound("below")?);
        if above.is_none() && below.is_none() {
            return Err(self.err(at, "a task needs \"above\" or \"below\""));
        }
        Ok(Task {
            goal,
            measure,
            above,
            below,
        })
    }
}

impl Lesson {
    /// Reads and checks a lesson file called `name`. Each lesson needs a
    /// title, at least one screen, at least one prediction and one task.
    pub fn from_json(name: &str, text: &str) -> Result<Lesson, LessonError> {
        let file = File { name };
        let value = json_read::parse(text).map_err(|e| LessonError {
            lesson: name.to_string(),
            field: "(root)".into(),
            reason: e.to_string(),
        })?;
        let root = At::root(&value);
        let map = root
            .object(&["title", "screens"])
            .map_err(|e| file.core(e))?;
        let title = file.text(&root.field(map, "title").map_err(|e| file.core(e))?)?;
        let screens_at = root.field(map, "screens").map_err(|e| file.core(e))?;
        let items = screens_at.items().map_err(|e| file.core(e))?;
        let screens = items
            .iter()
            .enumerate()
            .map(|(i, s)| file.screen(s, i == 0))
            .collect::<Read<Vec<_>>>()?;
        if screens.is_empty() {
            return Err(file.err(&screens_at, "a lesson needs at least one screen"));
        }
        if !screens.iter().any(|s| s.prediction.is_some()) {
            return Err(file.err(&screens_at, "a lesson needs at least one prediction"));
        }
        if !screens.iter().any(|s| s.task.is_some()) {
            return Err(file.err(&screens_at, "a lesson needs at least one task"));
        }
        Ok(Lesson {
            name: name.to_string(),
            title,
            screens,
        })
    }
}
