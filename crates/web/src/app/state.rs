//! The page's whole configuration, and its URL-hash form.
//!
//! One setter, [`PageState::set`], serves the controls and the hash alike, so
//! every key the hash can hold is a control and vice versa. Reading a hash
//! never fails: what can be read is used, and the keys that could not are
//! reported so the page can say which were ignored.

use lightbulb_core::error::short_number;
use lightbulb_core::{
    Activation, DatasetKind, DatasetParams, FeatureSet, HiddenSpec, Loss, OptimizerKind,
    Regularization, SessionConfig,
};

/// Most hidden layers the page offers.
pub const MAX_LAYERS: usize = 8;
/// Most neurons per hidden layer the page offers.
pub const MAX_NEURONS: usize = 16;
/// Largest batch size the page offers.
pub const MAX_BATCH: usize = 100;
/// The learning rates the page lists (a link may hold any other positive rate).
pub const LR_CHOICES: [f64; 11] = [
    0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0,
];
/// The regularization rates the page lists.
pub const REGRATE_CHOICES: [f64; 10] = [0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0];

/// The listed values of a setting with a fixed list of numbers, as the
/// hash writes them ("0.00001", "0.3", "10"); `None` for other keys.
pub fn number_choices(key: &str) -> Option<Vec<String>> {
    let list: &[f64] = match key {
        "lr" => &LR_CHOICES,
        "regrate" => &REGRATE_CHOICES,
        _ => return None,
    };
    Some(list.iter().map(|v| fmt(*v)).collect())
}

/// Everything the page is configured with.
#[derive(Clone, Debug, PartialEq)]
pub struct PageState {
    /// The session's configuration.
    pub config: SessionConfig,
    /// Draw test points on the data plot.
    pub show_test: bool,
    /// Draw the output heatmap in two (or k) flat colours.
    pub discretize: bool,
    /// Batch size 1, showing the example being learned.
    pub follow: bool,
    /// The probe point of the input sliders.
    pub x1: f64,
    /// The probe point of the input sliders.
    pub x2: f64,
}

impl Default for PageState {
    fn default() -> Self {
        let config = SessionConfig {
            dataset: DatasetParams::new(DatasetKind::Circle),
            ..SessionConfig::default()
        };
        PageState {
            config,
            show_test: false,
            discretize: false,
            follow: false,
            x1: 1.0,
            x2: 1.0,
        }
    }
}

/// The keys, in the order the hash writes them.
pub const KEYS: [&str; 21] = [
    "dataset",
    "classes",
    "noise",
    "train",
    "points",
    "dataseed",
    "features",
    "layers",
    "activation",
    "acts",
    "loss",
    "optimizer",
    "lr",
    "reg",
    "regrate",
    "batch",
    "seed",
    "showtest",
    "discretize",
    "follow",
    "x",
];

fn number(key: &str, value: &str) -> Result<f64, String> {
    let v: f64 = value
        .trim()
        .parse()
        .map_err(|_| format!("{key}: \"{}\" is not a number", clip(value)))?;
    if v.is_finite() {
        Ok(v)
    } else {
        Err(format!("{key}: {} is not a finite number", clip(value)))
    }
}

fn whole(key: &str, value: &str, min: u64, max: u64) -> Result<u64, String> {
    let v: u64 = value
        .trim()
        .parse()
        .map_err(|_| format!("{key}: \"{}\" is not a whole number", clip(value)))?;
    if (min..=max).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{key} must be between {min} and {max}, got {v}"))
    }
}

fn flag(key: &str, value: &str) -> Result<bool, String> {
    match value {
        "1" | "true" | "on" => Ok(true),
        "0" | "false" | "off" => Ok(false),
        _ => Err(format!("{key}: \"{}\" is not 0 or 1", clip(value))),
    }
}

/// At most 24 characters of user text, for messages.
pub fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(24).collect();
    if s.chars().nth(24).is_some() {
        out.push('…');
    }
    out
}

fn core(e: lightbulb_core::Error) -> String {
    e.to_string()
}

impl PageState {
    /// Sets one key from its text form, checking the result as a whole. On
    /// error nothing changes and the message says why.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        let mut next = self.clone();
        next.apply(key, value)?;
        next.config.validate().map_err(core)?;
        *self = next;
        Ok(())
    }

    fn apply(&mut self, key: &str, value: &str) -> Result<(), String> {
        let c = &mut self.config;
        match key {
            "dataset" => {
                let kind: DatasetKind = value.parse().map_err(core)?;
                c.dataset = c.dataset.with_kind(kind);
                self.fit_loss_to_problem();
            }
            "classes" => {
                let k = whole(key, value, 2, 10)? as usize;
                c.dataset = c.dataset.with_classes(k).map_err(core)?;
                self.fit_loss_to_problem();
            }
            "noise" => c.dataset = c.dataset.with_noise(number(key, value)?).map_err(core)?,
            "train" => {
                c.dataset = c
                    .dataset
                    .with_train_percent(number(key, value)?)
                    .map_err(core)?
            }
            "points" => {
                c.dataset = c
                    .dataset
                    .with_points(whole(key, value, 2, 5000)? as usize)
                    .map_err(core)?
            }
            "dataseed" => c.dataset = c.dataset.with_seed(whole(key, value, 0, u32::MAX as u64)?),
            "features" => {
                let names: Vec<&str> = value
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect();
                c.features = FeatureSet::from_names(&names).map_err(core)?;
            }
            "layers" => {
                let sizes: Vec<usize> = if value.trim().is_empty() {
                    Vec::new()
                } else {
                    value
                        .split(',')
                        .map(|s| whole("layers", s, 1, MAX_NEURONS as u64).map(|v| v as usize))
                        .collect::<Result<_, _>>()?
                };
                if sizes.len() > MAX_LAYERS {
                    return Err(format!(
                        "layers: at most {MAX_LAYERS} hidden layers, got {}",
                        sizes.len()
                    ));
                }
                let act = c.hidden.last().map_or(Activation::Tanh, |h| h.activation);
                let old = std::mem::take(&mut c.hidden);
                c.hidden = sizes
                    .iter()
                    .enumerate()
                    .map(|(i, &neurons)| HiddenSpec {
                        neurons,
                        activation: old.get(i).map_or(act, |h| h.activation),
                    })
                    .collect();
            }
            "activation" => {
                let act = hidden_activation(value)?;
                c.hidden.iter_mut().for_each(|h| h.activation = act);
            }
            "acts" => {
                // Empty for no hidden layers, as `get` writes it.
                let acts: Vec<Activation> = if value.trim().is_empty() {
                    Vec::new()
                } else {
                    value
                        .split(',')
                        .map(hidden_activation)
                        .collect::<Result<_, _>>()?
                };
                if acts.len() != c.hidden.len() {
                    return Err(format!(
                        "acts: {} activations for {} hidden layers",
                        acts.len(),
                        c.hidden.len()
                    ));
                }
                c.hidden
                    .iter_mut()
                    .zip(acts)
                    .for_each(|(h, a)| h.activation = a);
            }
            "loss" => c.training.loss = value.parse::<Loss>().map_err(core)?,
            "optimizer" => c.training.optimizer = value.parse::<OptimizerKind>().map_err(core)?,
            "lr" => c.training.learning_rate = number(key, value)?,
            "reg" => c.training.regularization = value.parse::<Regularization>().map_err(core)?,
            "regrate" => c.training.regularization_rate = number(key, value)?,
            "batch" => c.training.batch_size = whole(key, value, 1, MAX_BATCH as u64)? as usize,
            "seed" => c.seed = whole(key, value, 0, u32::MAX as u64)?,
            "showtest" => self.show_test = flag(key, value)?,
            "discretize" => self.discretize = flag(key, value)?,
            "follow" => self.follow = flag(key, value)?,
            "x" => {
                let (a, b) = value
                    .split_once(',')
                    .ok_or_else(|| format!("x: expected \"x1,x2\", got \"{}\"", clip(value)))?;
                let (x1, x2) = (number("x1", a)?, number("x2", b)?);
                if x1.abs() > 6.0 || x2.abs() > 6.0 {
                    return Err(format!(
                        "x: the point ({}, {}) is outside the square [−6, 6]²",
                        short_number(&x1),
                        short_number(&x2)
                    ));
                }
                self.x1 = x1;
                self.x2 = x2;
            }
            _ => return Err(format!("unknown setting \"{}\"", clip(key))),
        }
        Ok(())
    }

    /// Picks the loss the problem needs when the current one no longer fits
    /// (e.g. softmax for 5 classes, MSE for regression).
    fn fit_loss_to_problem(&mut self) {
        if self.config.head().is_err() {
            let problem = self.config.dataset.problem();
            self.config.training.loss = match problem {
                lightbulb_core::Problem::Regression => Loss::Mse,
                lightbulb_core::Problem::Classification { classes: 2 } => Loss::Mse,
                lightbulb_core::Problem::Classification { .. } => Loss::SoftmaxCe,
            };
        }
    }

    /// The text form of one key.
    pub fn get(&self, key: &str) -> Option<String> {
        let c = &self.config;
        let d = &c.dataset;
        let t = &c.training;
        Some(match key {
            "dataset" => d.kind().name().to_string(),
            "classes" => d.classes().max(2).to_string(),
            "noise" => fmt(d.noise()),
            "train" => fmt(d.train_percent()),
            "points" => d.points().to_string(),
            "dataseed" => d.seed().to_string(),
            "features" => c.features.names().join(","),
            "layers" => c
                .hidden
                .iter()
                .map(|h| h.neurons.to_string())
                .collect::<Vec<_>>()
                .join(","),
            "activation" => c
                .hidden
                .first()
                .map_or(Activation::Tanh, |h| h.activation)
                .name()
                .to_string(),
            "acts" => c
                .hidden
                .iter()
                .map(|h| h.activation.name())
                .collect::<Vec<_>>()
                .join(","),
            "loss" => t.loss.name().to_string(),
            "optimizer" => t.optimizer.name().to_string(),
            "lr" => fmt(t.learning_rate),
            "reg" => t.regularization.name().to_string(),
            "regrate" => fmt(t.regularization_rate),
            "batch" => t.batch_size.to_string(),
            "seed" => c.seed.to_string(),
            "showtest" => u8::from(self.show_test).to_string(),
            "discretize" => u8::from(self.discretize).to_string(),
            "follow" => u8::from(self.follow).to_string(),
            "x" => format!("{},{}", fmt(self.x1), fmt(self.x2)),
            _ => return None,
        })
    }

    /// The whole state as a URL hash (without the `#`).
    pub fn to_hash(&self) -> String {
        KEYS.iter()
            .filter_map(|k| self.get(k).map(|v| format!("{k}={v}")))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// Reads a hash (with or without `#`). Returns the state and the keys
    /// that were ignored, each with the reason.
    pub fn from_hash(hash: &str) -> (PageState, Vec<String>) {
        let mut state = PageState::default();
        let mut ignored = Vec::new();
        let body = hash.strip_prefix('#').unwrap_or(hash);
        // Apply in canonical order so that e.g. `layers` comes before `acts`.
        let mut pairs: Vec<(usize, String, String)> = Vec::new();
        for (n, part) in body
            .split('&')
            .filter(|p| !p.is_empty())
            .enumerate()
            .take(64)
        {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            let (k, v) = (decode(k), decode(v));
            match KEYS.iter().position(|key| *key == k) {
                Some(order) => pairs.push((order * 64 + n, k, v)),
                None => ignored.push(format!("{} (unknown)", clip(&k))),
            }
        }
        pairs.sort_by_key(|p| p.0);
        for (_, k, v) in pairs {
            if let Err(e) = state.set(&k, &v) {
                ignored.push(format!("{} ({e})", clip(&k)));
            }
        }
        (state, ignored)
    }
}

fn hidden_activation(value: &str) -> Result<Activation, String> {
    let act: Activation = value.trim().parse().map_err(core)?;
    if act == Activation::Softmax {
        return Err("softmax is for the output layer only".into());
    }
    Ok(act)
}

/// Shortest text that reads back as the same number.
pub fn fmt(v: f64) -> String {
    format!("{v}")
}

/// Decodes `%xx` escapes and `+`; invalid escapes are kept as they are.
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |j: usize| bytes.get(j).and_then(|c| (*c as char).to_digit(16));
        match (b, hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_round_trips() {
        let mut s = PageState::default();
        for (k, v) in [
            ("dataset", "spiral"),
            ("noise", "15"),
            ("layers", "8,6,3"),
            ("acts", "tanh,relu,sigmoid"),
            ("features", "x1,x2,sin_x1"),
            ("lr", "0.003"),
            ("optimizer", "adam"),
            ("reg", "l2"),
            ("regrate", "0.001"),
            ("batch", "7"),
            ("seed", "42"),
            ("showtest", "1"),
            ("x", "-2.5,3"),
        ] {
            s.set(k, v).unwrap_or_else(|e| panic!("{k}={v}: {e}"));
        }
        let hash = s.to_hash();
        let (back, ignored) = PageState::from_hash(&format!("#{hash}"));
        assert!(ignored.is_empty(), "{ignored:?}");
        assert_eq!(back, s);
        assert_eq!(back.to_hash(), hash);
    }

    #[test]
    fn garbage_is_ignored_and_named_and_the_rest_is_used() {
        let (s, ignored) =
            PageState::from_hash("#lr=abc&layers=3,99&noise=20&bogus=1&optimizer=adam&%zz&x=7,7");
        assert_eq!(s.config.training.optimizer, OptimizerKind::Adam);
        assert_eq!(s.config.dataset.noise(), 20.0);
        assert_eq!(
            s.config.training.learning_rate,
            PageState::default().config.training.learning_rate
        );
        let all = ignored.join("; ");
        for needle in ["lr", "layers", "bogus", "%zz", "x ("] {
            assert!(all.contains(needle), "{all:?} should mention {needle}");
        }
    }

    #[test]
    fn hostile_hashes_never_panic() {
        for h in [
            "",
            "#",
            "&&&",
            "=",
            "#=&=",
            "lr=1e999",
            "lr=NaN",
            "batch=-1",
            "layers=,,,",
            "x=1",
            "acts=tanh",
            "features=",
            "dataset=%F0%9F%92%A1",
            &"a=b&".repeat(10_000),
            "classes=10&dataset=blobs&loss=bce",
        ] {
            let (s, _) = PageState::from_hash(h);
            assert!(s.config.validate().is_ok(), "{h:?}");
        }
    }

    #[test]
    fn no_hidden_layers_round_trip_and_long_values_give_short_reasons() {
        // Found by tests/fuzz_hash.rs: `acts=` (no hidden layers) was ignored.
        let mut s = PageState::default();
        s.set("layers", "").unwrap();
        let (back, ignored) = PageState::from_hash(&s.to_hash());
        assert!(ignored.is_empty(), "{ignored:?}");
        assert_eq!(back, s);
        // Long values are clipped in the reasons.
        let long = "1".repeat(10_000);
        let (_, ignored) =
            PageState::from_hash(&format!("noise={long}&dataset={long}&activation={long}"));
        assert_eq!(ignored.len(), 3, "{ignored:?}");
        assert!(ignored.iter().all(|r| r.len() < 200), "{ignored:?}");
    }

    #[test]
    fn a_setter_error_leaves_the_state_as_it_was() {
        let mut s = PageState::default();
        let before = s.clone();
        for (k, v) in [
            ("lr", "-1"),
            ("batch", "0"),
            ("layers", "1,2,3,4,5,6,7,8,9"),
            ("features", ""),
            ("activation", "softmax"),
            ("loss", "bce_typo"),
        ] {
            assert!(s.set(k, v).is_err(), "{k}={v}");
            assert_eq!(s, before);
        }
    }

    #[test]
    fn switching_to_many_classes_picks_softmax() {
        let mut s = PageState::default();
        s.set("dataset", "blobs").unwrap();
        s.set("classes", "5").unwrap();
        assert_eq!(s.config.training.loss, Loss::SoftmaxCe);
        s.set("dataset", "plane").unwrap();
        assert_eq!(s.config.training.loss, Loss::Mse);
    }
}
