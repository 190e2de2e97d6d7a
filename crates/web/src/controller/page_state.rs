//! The page's whole configuration, and its URL-hash form.
//!
//! One setter, [`PageState::set`], serves the controls and the hash alike;
//! both go through the [settings table](super::settings), so every key the
//! hash can hold is a control and vice versa. Reading a hash never fails:
//! what can be read is used, and the keys that could not are reported so
//! the page can say which were ignored.

use super::setting_kind::clip;
use super::settings::{lookup, SettingError, SETTINGS};
use lightbulb_core::{
    Activation, DatasetKind, DatasetParams, HiddenSpec, Loss, SessionConfig, TrainingConfig,
};

/// Everything the page is configured with.
#[derive(Clone, Debug, PartialEq)]
pub struct PageState {
    /// The session's configuration.
    pub config: SessionConfig,
    /// Draw test points on the data plot.
    pub show_test: bool,
    /// Draw the output heatmap in two (or k) flat colours.
    pub discretize: bool,
    /// Play trains as many epochs per frame as fit the frame's work budget.
    pub turbo: bool,
    /// Batch size 1, showing the example being learned.
    pub follow: bool,
    /// The probe point of the input sliders.
    pub x1: f64,
    /// The probe point of the input sliders.
    pub x2: f64,
    /// Animation speed (1 = a step in about 1.5 s).
    pub speed: f64,
    /// The digits task (8 × 8 images, 10 classes) instead of the 2-D
    /// dataset of `config` (which is kept for when the page switches back).
    pub digits: bool,
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
            turbo: false,
            follow: false,
            x1: 1.0,
            x2: 1.0,
            speed: 1.0,
            digits: false,
        }
    }
}

impl PageState {
    /// Sets one key from its text form, checking the result as a whole. On
    /// error nothing changes and the message says why.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), SettingError> {
        let setting = lookup(key)?;
        let mut next = self.clone();
        setting.apply(&mut next, value)?;
        next.config.validate()?;
        *self = next;
        Ok(())
    }

    /// The text form of one key.
    pub fn get(&self, key: &str) -> Option<String> {
        super::settings::find(key).map(|s| s.format(self))
    }

    /// The whole state as a URL hash (without the `#`).
    pub fn to_hash(&self) -> String {
        SETTINGS
            .iter()
            .filter(|s| s.in_hash)
            .map(|s| format!("{}={}", s.key, s.format(self)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// Reads a hash (with or without `#`). Returns the state and the keys
    /// that were ignored, each with the reason.
    pub fn from_hash(hash: &str) -> (PageState, Vec<String>) {
        let mut state = PageState::default();
        let mut ignored = Vec::new();
        let body = hash.strip_prefix('#').unwrap_or(hash);
        // Apply in the table's order so that e.g. `layers` comes before `acts`.
        let mut pairs: Vec<(usize, String, String)> = Vec::new();
        for (n, part) in body
            .split('&')
            .filter(|p| !p.is_empty())
            .enumerate()
            .take(64)
        {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            let (k, v) = (decode(k), decode(v));
            match SETTINGS.iter().position(|s| s.in_hash && s.key == k) {
                Some(order) => pairs.push((order * 64 + n, k, v)),
                None => ignored.push(format!("{} (unknown)", clip(&k))),
            }
        }
        // In the settings' order, then the hash's. The keys are distinct, so
        // sorting them alone gives the order a stable sort of the pairs would
        // (and reuses the wasm's one sort of `usize`s: issue 13, its size).
        let mut keys: Vec<usize> = pairs.iter().map(|p| p.0).collect();
        keys.sort_unstable();
        for key in keys {
            let Some((_, k, v)) = pairs.iter().find(|p| p.0 == key) else {
                continue;
            };
            if let Err(e) = state.set(k, v) {
                ignored.push(format!("{} ({e})", clip(k)));
            }
        }
        (state, ignored)
    }

    /// The session's configuration with "follow one example" applied.
    pub fn session_config(&self) -> SessionConfig {
        let mut c = self.config.clone();
        c.training = self.training();
        c
    }

    /// The training configuration with "follow one example" applied (batch 1).
    pub fn training(&self) -> TrainingConfig {
        let mut t = self.config.training;
        if self.follow {
            t.batch_size = 1;
        }
        t
    }

    /// New hidden-layer sizes; layers that stay keep their activation, new
    /// ones take the last layer's.
    pub(super) fn set_layer_sizes(&mut self, sizes: Vec<usize>) {
        let c = &mut self.config;
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

    /// One activation per hidden layer, by name.
    pub(super) fn set_layer_activations(&mut self, names: &[&str]) -> Result<(), SettingError> {
        let hidden = &mut self.config.hidden;
        if names.len() != hidden.len() {
            return Err(SettingError::ActivationCount {
                acts: names.len(),
                layers: hidden.len(),
            });
        }
        for (h, name) in hidden.iter_mut().zip(names) {
            h.activation = name.parse()?;
        }
        Ok(())
    }

    /// Switches to the digits task with the core's training defaults
    /// (SGD at 0.2, batches of 10, no regularisation). The loss of `config`
    /// stays the 2-D dataset's: the digits always train with softmax +
    /// cross-entropy.
    pub(super) fn choose_digits(&mut self) {
        use lightbulb_core::digits::training;
        self.digits = true;
        self.follow = false;
        let t = &mut self.config.training;
        t.optimizer = training::OPTIMIZER;
        t.learning_rate = training::LEARNING_RATE;
        t.batch_size = training::BATCH_SIZE;
        t.regularization = lightbulb_core::Regularization::None;
        t.regularization_rate = 0.0;
    }

    /// Picks the loss the problem needs when the current one no longer fits
    /// (e.g. softmax for 5 classes, MSE for regression).
    pub(super) fn fit_loss_to_problem(&mut self) {
        if self.config.head().is_err() {
            let problem = self.config.dataset.problem();
            self.config.training.loss = match problem {
                lightbulb_core::Problem::Regression => Loss::Mse,
                lightbulb_core::Problem::Classification { classes: 2 } => Loss::Mse,
                lightbulb_core::Problem::Classification { .. } => Loss::SoftmaxCe,
            };
        }
    }
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
mod tests;
