//! What a reveal does to the live state.

/// One action, written in a lesson as text (`"step"`, `"epochs:50"`,
/// `"set:lr=3"`, `"input:0.5,0.8"`, `"weight:0:1:0:1.5"`).
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// One training step (a whole mini-batch), at once.
    Step,
    /// Several steps.
    Steps(u32),
    /// Several epochs.
    Epochs(u32),
    /// Changes a setting.
    Set(String, String),
    /// Moves the probe point.
    Input(f64, f64),
    /// Sets one weight: matrix, from, to, value.
    Weight(usize, usize, usize, f64),
}

fn count(s: &str) -> Result<u32, String> {
    s.parse::<u32>()
        .ok()
        .filter(|n| (1..=5000).contains(n))
        .ok_or_else(|| format!("\"{s}\" is not a count from 1 to 5000"))
}

fn number(s: &str) -> Result<f64, String> {
    s.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| format!("\"{s}\" is not a finite number"))
}

fn index(s: &str) -> Result<usize, String> {
    s.parse::<usize>()
        .ok()
        .filter(|&n| n < 64)
        .ok_or_else(|| format!("\"{s}\" is not an index below 64"))
}

impl Action {
    /// Reads an action; the message says what was wrong.
    pub fn parse(text: &str) -> Result<Action, String> {
        let (head, rest) = text.split_once(':').unwrap_or((text, ""));
        Ok(match head {
            "step" if rest.is_empty() => Action::Step,
            "steps" => Action::Steps(count(rest)?),
            "epochs" => Action::Epochs(count(rest)?),
            "set" => {
                let (k, v) = rest
                    .split_once('=')
                    .ok_or_else(|| format!("expected \"set:key=value\", got \"{text}\""))?;
                Action::Set(k.to_string(), v.to_string())
            }
            "input" => {
                let (a, b) = rest
                    .split_once(',')
                    .ok_or_else(|| format!("expected \"input:x1,x2\", got \"{text}\""))?;
                Action::Input(number(a)?, number(b)?)
            }
            "weight" => match rest.split(':').collect::<Vec<_>>()[..] {
                [m, f, t, v] => Action::Weight(index(m)?, index(f)?, index(t)?, number(v)?),
                _ => return Err(format!("expected \"weight:matrix:from:to:value\", got \"{text}\"")),
            },
            _ => {
                return Err(format!(
                    "\"{text}\" is not an action (step, steps:N, epochs:N, set:key=value, input:x1,x2, weight:m:from:to:value)"
                ))
            }
        })
    }
}
