//! The share link: the settings hash, plus what the settings cannot say.
//!
//! - `add=…`: points added by hand to the generated ones (the common case:
//!   a few clicks on a dataset), or `data=…`: every training and test point
//!   when the generated ones were changed otherwise (removed, cleared,
//!   pasted). See [`codec`] for the bytes; base64url in the link.
//! - `model=…`, on request: the trained weights, exactly (`f64`) when they
//!   fit, else as `f32`; see [`weights`]. The optimizer's running averages
//!   do not travel (the session file keeps them).
//!
//! A link holds at most [`SHARE_LIMIT`] characters after the `#` (a QR code
//! that a phone reads well; the largest QR code holds about 2,900); past
//! it, the session file carries everything. The keys are declared in the
//! settings table's module ([`super::settings::SHARE_KEYS`]).

mod base64;
mod codec;
pub mod weights;

use super::settings::SHARE_KEYS;
use super::Controller;
use lightbulb_core::{Dataset, Model, Session};

/// The longest share link, in characters after the `#`.
pub const SHARE_LIMIT: usize = 2000;

/// Why a share link could not be made or used.
#[derive(Debug, thiserror::Error)]
pub enum ShareError {
    /// The digits network's weights asked for: far past [`SHARE_LIMIT`].
    #[error("the digits network's {0} weights do not fit in a link: share it without them, and send the model file (Export model)")]
    DigitsWeights(usize),
    /// Past [`SHARE_LIMIT`].
    #[error("the link would be {len} characters, more than the {limit} a link holds: save the session file instead")]
    TooLong {
        /// Its length.
        len: usize,
        /// The limit.
        limit: usize,
    },
    /// A `data`, `add` or `model` value that does not read.
    #[error("the link's {key} could not be read: {reason}")]
    Bad {
        /// The key.
        key: &'static str,
        /// Why.
        reason: String,
    },
    /// The QR code could not hold the text.
    #[error("no QR code holds this link: {0}")]
    Qr(String),
}

/// What a link carries besides the settings (the raw values).
#[derive(Debug, Default, PartialEq)]
pub struct Shared {
    add: Option<String>,
    data: Option<String>,
    model: Option<String>,
}

impl Shared {
    /// Whether the link carries nothing besides the settings.
    pub fn is_empty(&self) -> bool {
        *self == Shared::default()
    }
}

/// Splits a hash into its settings and what [`Shared`] holds.
pub fn split(hash: &str) -> (String, Shared) {
    let body = hash.strip_prefix('#').unwrap_or(hash);
    let mut shared = Shared::default();
    let mut rest = Vec::new();
    let [add, data, model] = SHARE_KEYS;
    for part in body.split('&') {
        match part.split_once('=') {
            Some((k, v)) if k == add => shared.add = Some(v.to_string()),
            Some((k, v)) if k == data => shared.data = Some(v.to_string()),
            Some((k, v)) if k == model => shared.model = Some(v.to_string()),
            _ => rest.push(part),
        }
    }
    (rest.join("&"), shared)
}

fn bytes(key: &'static str, text: &str) -> Result<Vec<u8>, ShareError> {
    base64::decode(text).ok_or_else(|| ShareError::Bad {
        key,
        reason: "not base64url".into(),
    })
}

fn bad(key: &'static str) -> impl Fn(String) -> ShareError {
    move |reason| ShareError::Bad { key, reason }
}

/// The modules of a QR code for `text` (error correction L, the most it
/// holds), row by row, `true` for dark, and the side in modules. The text
/// is one byte-mode segment in the smallest version that holds it (mixed
/// segments are smaller but not every reader decodes them), except version
/// 23: jsQR 1.4, which web-page scanners use, has a wrong alignment
/// pattern for it (74 for 78) and reads none of its codes.
pub fn qr(text: &str) -> Result<(usize, Vec<bool>), ShareError> {
    use qrcode::{bits::Bits, EcLevel, QrCode, Version};
    let ec = EcLevel::L;
    let mut last = String::from("the text is empty");
    for v in (1..=40).filter(|&v| v != 23) {
        let mut bits = Bits::new(Version::Normal(v));
        let code = bits
            .push_byte_data(text.as_bytes())
            .and_then(|()| bits.push_terminator(ec))
            .and_then(|()| QrCode::with_bits(bits, ec));
        match code {
            Ok(code) => {
                let modules = code
                    .to_colors()
                    .into_iter()
                    .map(|c| c == qrcode::Color::Dark)
                    .collect();
                return Ok((code.width(), modules));
            }
            Err(e) => last = e.to_string(),
        }
    }
    Err(ShareError::Qr(last))
}

impl Controller {
    /// The share link's hash (without `#`): the settings, the points when
    /// they are not the generated ones, and with `weights` the model file.
    /// Fails past [`SHARE_LIMIT`].
    pub fn share_hash(&self, weights: bool) -> Result<String, ShareError> {
        let [add, data, model] = SHARE_KEYS;
        let mut hash = self.state.to_hash();
        let now = self.session.data();
        let generated = lightbulb_core::generate(&self.state.config.dataset);
        if *now != generated {
            let appended = (now.test == generated.test)
                .then(|| now.train.strip_prefix(generated.train.as_slice()))
                .flatten();
            let (key, bytes) = match appended {
                Some(extra) => (add, codec::encode(extra, &[])),
                None => (data, codec::encode(&now.train, &now.test)),
            };
            hash.push_str(&format!("&{key}={}", base64::encode(&bytes)));
        }
        if weights && self.state.digits {
            let count = self.digits().map_or(0, |t| {
                t.network().layers().iter().map(|l| l.weights.len()).sum()
            });
            return Err(ShareError::DigitsWeights(count));
        }
        if weights {
            let value = self.export_model_value();
            let exact = base64::encode(&weights::encode(&value, weights::EXACT));
            let text = if hash.len() + model.len() + 2 + exact.len() <= SHARE_LIMIT {
                exact
            } else {
                base64::encode(&weights::encode(&value, weights::SINGLE))
            };
            hash.push_str(&format!("&{model}={text}"));
        }
        if hash.len() > SHARE_LIMIT {
            return Err(ShareError::TooLong {
                len: hash.len(),
                limit: SHARE_LIMIT,
            });
        }
        Ok(hash)
    }

    /// What the Share panel says about the weights in the link `hash`
    /// (made by [`Controller::share_hash`]): exact or rounded, and that the
    /// optimizer's running averages stay behind ("" without weights).
    pub fn share_note(&self, hash: &str) -> String {
        let Some(text) = split(hash).1.model else {
            return String::new();
        };
        let precision = match base64::decode(&text).as_deref().and_then(<[u8]>::first) {
            Some(&weights::SINGLE) => {
                "The weights are rounded to 7 digits (32-bit) to fit the link."
            }
            _ => "The weights travel exactly.",
        };
        let kind = self.state.config.training.optimizer;
        if kind == lightbulb_core::OptimizerKind::Sgd {
            precision.to_string()
        } else {
            format!(
                "{precision} {}'s running averages do not: training on from the link starts them afresh (the session file keeps them).",
                capital(kind.name())
            )
        }
    }

    fn export_model_value(&self) -> serde_json::Value {
        Model::from_trainer(
            self.session.trainer(),
            Some(self.state.config.features),
            self.state.config.seed,
        )
        .to_value()
    }

    /// Uses what a link carries besides the settings (the points, then the
    /// model). On error nothing of it is used and the message says why.
    pub(super) fn open_shared(&mut self, shared: Shared) -> Result<(), ShareError> {
        let problem = self.session.data().problem;
        let points = match (&shared.data, &shared.add) {
            (Some(text), _) => {
                let (train, test) = codec::decode(&bytes("data", text)?).map_err(bad("data"))?;
                Some(
                    Dataset::from_points(problem, train, test)
                        .map_err(|e| bad("data")(e.to_string()))?,
                )
            }
            (None, Some(text)) => {
                let (extra, test) = codec::decode(&bytes("add", text)?).map_err(bad("add"))?;
                let mut data = self.session.data().clone();
                data.train.extend(extra);
                data.test.extend(test);
                Some(
                    Dataset::from_points(problem, data.train, data.test)
                        .map_err(|e| bad("add")(e.to_string()))?,
                )
            }
            (None, None) => None,
        };
        let model = match &shared.model {
            Some(text) => Some(bytes("model", text)?),
            None => None,
        };
        let before = (self.state.clone(), self.session.clone());
        let aside = self.aside.take();
        let result = (|| {
            if let Some(data) = points {
                let key = if shared.data.is_some() { "data" } else { "add" };
                let session = Session::with_data(self.state.session_config(), data)
                    .map_err(|e| bad(key)(e.to_string()))?;
                self.replace(self.state.clone(), session);
            }
            if let Some(bytes) = model {
                let text = if bytes.first() == Some(&b'{') {
                    // A link from before the compact weights: the model file.
                    String::from_utf8(bytes).map_err(|e| bad("model")(e.to_string()))?
                } else {
                    let mut value = self.export_model_value();
                    weights::decode(&bytes, &mut value).map_err(bad("model"))?;
                    value.to_string()
                };
                self.import_model(&text)
                    .map_err(|e| bad("model")(e.to_string()))?;
            }
            Ok::<(), ShareError>(())
        })();
        // What Undo brings back is the run before the link, not a step on
        // the way to it.
        self.aside = aside;
        if let Err(e) = result {
            self.swap_in(before.0, before.1);
            return Err(e);
        }
        self.put_aside(before.0, before.1, None);
        Ok(())
    }
}

/// `name` with its first letter in capitals ("adam" → "Adam"). The names
/// are the optimizers' ASCII names: an ASCII capital keeps the Unicode case
/// table out of the wasm (issue 13: its size).
fn capital(name: &str) -> String {
    let mut out = name.to_string();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

#[cfg(test)]
mod tests;
