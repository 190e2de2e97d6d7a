//! The kinds of setting (a choice, a whole number, a rate, …): how each is
//! read from text and checked against its limits, and how its limits are
//! described to the page.

use lightbulb_core::error::short_number;
use std::fmt::Write;

/// One entry of a list of choices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The value the hash holds, e.g. `"leaky_relu"`.
    pub value: &'static str,
    /// What the page shows, e.g. `"leaky ReLU"`.
    pub label: &'static str,
    /// A longer description (a tooltip, a screen reader's name).
    pub title: &'static str,
}

impl Choice {
    /// A choice whose title is its label.
    pub fn plain(value: &'static str, label: &'static str) -> Choice {
        Choice {
            value,
            label,
            title: label,
        }
    }
}

/// The type of a setting, with its limits or its choices.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// One of a list.
    Choice(fn() -> Vec<Choice>),
    /// Several of a list, comma-separated, at least one.
    Names(fn() -> Vec<Choice>),
    /// One of a list per hidden layer, comma-separated.
    PerLayer(fn() -> Vec<Choice>),
    /// A whole number in `min..=max` (a slider moves by `step`).
    Whole {
        /// Smallest value.
        min: u64,
        /// Largest value.
        max: u64,
        /// Slider step.
        step: u64,
        /// Unit shown after the value.
        unit: &'static str,
    },
    /// A number in `min..=max` (a slider moves by `step`).
    Number {
        /// Smallest value.
        min: f64,
        /// Largest value.
        max: f64,
        /// Slider step.
        step: f64,
        /// Unit shown after the value.
        unit: &'static str,
    },
    /// A rate ≥ 0 (the core checks what the rate needs); the page lists `listed`,
    /// a link may hold any other.
    Rate {
        /// The values the page's list offers.
        listed: &'static [f64],
    },
    /// On or off: `1`/`0` (also `true`/`false`, `on`/`off`).
    Flag,
    /// Hidden-layer sizes, comma-separated: at most `layers` sizes in `1..=neurons`.
    Layers {
        /// Most hidden layers.
        layers: usize,
        /// Most neurons per layer.
        neurons: usize,
    },
    /// A point `x1,x2` in the square [−limit, limit]².
    Point {
        /// Half the square's side.
        limit: f64,
        /// Slider step.
        step: f64,
    },
}

/// A setting's value, read and checked against its kind.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A choice.
    Name(&'static str),
    /// Several choices.
    Names(Vec<&'static str>),
    /// A whole number.
    Whole(u64),
    /// A number.
    Number(f64),
    /// On or off.
    Flag(bool),
    /// Layer sizes.
    Sizes(Vec<usize>),
    /// A point.
    Point(f64, f64),
}

/// Why a setting's text could not be used. Each names the key and the value.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum SettingError {
    /// No setting has this key.
    #[error("unknown setting \"{key}\"")]
    Unknown {
        /// The key (clipped).
        key: String,
    },
    /// Not one of the choices.
    #[error("{key}: \"{value}\" is not one of {choices}")]
    NotAChoice {
        /// The setting.
        key: &'static str,
        /// The value (clipped).
        value: String,
        /// The choices, comma-separated.
        choices: String,
    },
    /// Not a number.
    #[error("{key}: \"{value}\" is not a number")]
    NotANumber {
        /// The setting.
        key: &'static str,
        /// The value (clipped).
        value: String,
    },
    /// Infinite or NaN.
    #[error("{key}: {value} is not a finite number")]
    NotFinite {
        /// The setting.
        key: &'static str,
        /// The value (clipped).
        value: String,
    },
    /// Not a whole number.
    #[error("{key}: \"{value}\" is not a whole number")]
    NotWhole {
        /// The setting.
        key: &'static str,
        /// The value (clipped).
        value: String,
    },
    /// Outside the setting's limits.
    #[error("{key} must be between {min} and {max}, got {got}")]
    OutOfRange {
        /// The setting.
        key: &'static str,
        /// Smallest allowed.
        min: String,
        /// Largest allowed.
        max: String,
        /// The value.
        got: String,
    },
    /// Not 0 or 1.
    #[error("{key}: \"{value}\" is not 0 or 1")]
    NotAFlag {
        /// The setting.
        key: &'static str,
        /// The value (clipped).
        value: String,
    },
    /// Too many hidden layers.
    #[error("layers: at most {max} hidden layers, got {got}")]
    TooManyLayers {
        /// The most allowed.
        max: usize,
        /// How many were given.
        got: usize,
    },
    /// A list with no entries where one is needed.
    #[error("{key}: at least one is needed")]
    Empty {
        /// The setting.
        key: &'static str,
    },
    /// One activation per hidden layer is needed.
    #[error("acts: {acts} activations for {layers} hidden layers")]
    ActivationCount {
        /// Activations given.
        acts: usize,
        /// Hidden layers.
        layers: usize,
    },
    /// A point that is not `x1,x2`.
    #[error("x: expected \"x1,x2\", got \"{value}\"")]
    NotAPoint {
        /// The value (clipped).
        value: String,
    },
    /// A point outside the input square.
    #[error("x: the point ({x1}, {x2}) is outside the square [−{limit}, {limit}]²")]
    PointOutside {
        /// First coordinate.
        x1: String,
        /// Second coordinate.
        x2: String,
        /// Half the square's side.
        limit: String,
    },
    /// The value fits the setting but the configuration as a whole does not
    /// (e.g. cross-entropy for a regression).
    #[error(transparent)]
    Core(#[from] lightbulb_core::Error),
    /// The value's kind does not match what the setting stores (a slip in the table).
    #[error("the settings table gives a setting the wrong kind")]
    WrongKind,
}

pub use lightbulb_core::clip;

fn number(key: &'static str, text: &str) -> Result<f64, SettingError> {
    let v: f64 = text.trim().parse().map_err(|_| SettingError::NotANumber {
        key,
        value: clip(text),
    })?;
    if v.is_finite() {
        Ok(v)
    } else {
        Err(SettingError::NotFinite {
            key,
            value: clip(text),
        })
    }
}

fn in_range(key: &'static str, v: f64, min: f64, max: f64) -> Result<f64, SettingError> {
    if (min..=max).contains(&v) {
        Ok(v)
    } else {
        Err(SettingError::OutOfRange {
            key,
            min: short_number(&min),
            max: short_number(&max),
            got: short_number(&v),
        })
    }
}

fn whole(key: &'static str, text: &str, min: u64, max: u64) -> Result<u64, SettingError> {
    let v: u64 = text.trim().parse().map_err(|_| SettingError::NotWhole {
        key,
        value: clip(text),
    })?;
    if (min..=max).contains(&v) {
        Ok(v)
    } else {
        Err(SettingError::OutOfRange {
            key,
            min: min.to_string(),
            max: max.to_string(),
            got: v.to_string(),
        })
    }
}

fn choose(key: &'static str, text: &str, list: &[Choice]) -> Result<&'static str, SettingError> {
    let text = text.trim();
    list.iter()
        .find(|c| c.value == text)
        .map(|c| c.value)
        .ok_or_else(|| SettingError::NotAChoice {
            key,
            value: clip(text),
            choices: list.iter().map(|c| c.value).collect::<Vec<_>>().join(", "),
        })
}

/// The entries of a comma-separated list ("" is no entries).
fn entries(text: &str) -> impl Iterator<Item = &str> {
    text.split(',').map(str::trim).filter(|s| !s.is_empty())
}

impl Kind {
    /// Reads `text` as a value of this kind, within its limits.
    pub fn parse(&self, key: &'static str, text: &str) -> Result<Value, SettingError> {
        Ok(match *self {
            Kind::Choice(list) => Value::Name(choose(key, text, &list())?),
            Kind::Names(list) => {
                let list = list();
                let names = entries(text)
                    .map(|n| choose(key, n, &list))
                    .collect::<Result<Vec<_>, _>>()?;
                if names.is_empty() {
                    return Err(SettingError::Empty { key });
                }
                Value::Names(names)
            }
            Kind::PerLayer(list) => {
                let list = list();
                Value::Names(
                    entries(text)
                        .map(|n| choose(key, n, &list))
                        .collect::<Result<_, _>>()?,
                )
            }
            Kind::Whole { min, max, .. } => Value::Whole(whole(key, text, min, max)?),
            Kind::Number { min, max, .. } => {
                Value::Number(in_range(key, number(key, text)?, min, max)?)
            }
            Kind::Rate { .. } => Value::Number(number(key, text)?),
            Kind::Flag => Value::Flag(match text {
                "1" | "true" | "on" => true,
                "0" | "false" | "off" => false,
                _ => {
                    return Err(SettingError::NotAFlag {
                        key,
                        value: clip(text),
                    })
                }
            }),
            Kind::Layers { layers, neurons } => {
                let sizes = entries(text)
                    .map(|s| whole(key, s, 1, neurons as u64).map(|v| v as usize))
                    .collect::<Result<Vec<_>, _>>()?;
                if sizes.len() > layers {
                    return Err(SettingError::TooManyLayers {
                        max: layers,
                        got: sizes.len(),
                    });
                }
                Value::Sizes(sizes)
            }
            Kind::Point { limit, .. } => {
                let (a, b) = text
                    .split_once(',')
                    .ok_or_else(|| SettingError::NotAPoint { value: clip(text) })?;
                let (x1, x2) = (number("x1", a)?, number("x2", b)?);
                if x1.abs() > limit || x2.abs() > limit {
                    return Err(SettingError::PointOutside {
                        x1: short_number(&x1),
                        x2: short_number(&x2),
                        limit: short_number(&limit),
                    });
                }
                Value::Point(x1, x2)
            }
        })
    }

    /// Appends this kind's fields to a JSON object being written
    /// (`,"type":…` and its limits or choices).
    pub fn write_json(&self, out: &mut String) {
        let choices = |out: &mut String, list: Vec<Choice>| {
            out.push_str(",\"choices\":[");
            for (i, c) in list.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let _ = write!(
                    out,
                    "[{},{},{}]",
                    super::settings::quote(c.value),
                    super::settings::quote(c.label),
                    super::settings::quote(c.title)
                );
            }
            out.push(']');
        };
        let _ = match *self {
            Kind::Choice(list) => {
                out.push_str(",\"type\":\"choice\"");
                choices(out, list());
                Ok(())
            }
            Kind::Names(list) => {
                out.push_str(",\"type\":\"names\"");
                choices(out, list());
                Ok(())
            }
            Kind::PerLayer(list) => {
                out.push_str(",\"type\":\"per_layer\"");
                choices(out, list());
                Ok(())
            }
            Kind::Whole {
                min,
                max,
                step,
                unit,
            } => write!(
                out,
                ",\"type\":\"whole\",\"min\":{min},\"max\":{max},\"step\":{step},\"unit\":{}",
                super::settings::quote(unit)
            ),
            Kind::Number {
                min,
                max,
                step,
                unit,
            } => write!(
                out,
                ",\"type\":\"number\",\"min\":{min},\"max\":{max},\"step\":{step},\"unit\":{}",
                super::settings::quote(unit)
            ),
            Kind::Rate { listed } => {
                out.push_str(",\"type\":\"rate\",\"choices\":[");
                for (i, v) in listed.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    let t = super::settings::fmt(*v);
                    let _ = write!(out, "[\"{t}\",\"{t}\",\"{t}\"]");
                }
                out.push(']');
                Ok(())
            }
            Kind::Flag => write!(out, ",\"type\":\"flag\""),
            Kind::Layers { layers, neurons } => write!(
                out,
                ",\"type\":\"layers\",\"layers\":{layers},\"neurons\":{neurons}"
            ),
            Kind::Point { limit, step } => write!(
                out,
                ",\"type\":\"point\",\"min\":{},\"max\":{limit},\"step\":{step}",
                -limit
            ),
        };
    }
}

impl Value {
    /// The choice, or a kind error.
    pub fn name(&self) -> Result<&'static str, SettingError> {
        match self {
            Value::Name(n) => Ok(n),
            _ => Err(self.wrong()),
        }
    }

    /// The choices, or a kind error.
    pub fn names(&self) -> Result<&[&'static str], SettingError> {
        match self {
            Value::Names(n) => Ok(n),
            _ => Err(self.wrong()),
        }
    }

    /// The whole number, or a kind error.
    pub fn whole(&self) -> Result<u64, SettingError> {
        match self {
            Value::Whole(v) => Ok(*v),
            _ => Err(self.wrong()),
        }
    }

    /// The number, or a kind error.
    pub fn number(&self) -> Result<f64, SettingError> {
        match self {
            Value::Number(v) => Ok(*v),
            _ => Err(self.wrong()),
        }
    }

    /// The flag, or a kind error.
    pub fn flag(&self) -> Result<bool, SettingError> {
        match self {
            Value::Flag(v) => Ok(*v),
            _ => Err(self.wrong()),
        }
    }

    /// The layer sizes, or a kind error.
    pub fn sizes(&self) -> Result<Vec<usize>, SettingError> {
        match self {
            Value::Sizes(v) => Ok(v.clone()),
            _ => Err(self.wrong()),
        }
    }

    /// The point, or a kind error.
    pub fn point(&self) -> Result<(f64, f64), SettingError> {
        match self {
            Value::Point(a, b) => Ok((*a, *b)),
            _ => Err(self.wrong()),
        }
    }

    fn wrong(&self) -> SettingError {
        SettingError::WrongKind
    }
}
