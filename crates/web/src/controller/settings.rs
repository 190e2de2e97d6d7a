//! The one table of the page's settings. For each: its key, label, kind
//! (with its limits or choices), what a change does, and how it is read
//! from text and written back. The URL hash ([`PageState`]), validation,
//! the controller's routing ([`Effect`]) and the page's controls (through
//! [`table_json`]) all read this table; a setting is added here and
//! nowhere else.

use super::page_state::PageState;
pub use super::setting_kind::{Choice, SettingError};
use super::setting_kind::{Kind, Value};
use lightbulb_core::{
    Activation, DatasetKind, DatasetParams, Feature, Loss, OptimizerKind, Regularization,
};

/// Most hidden layers the page offers.
pub const MAX_LAYERS: usize = 8;
/// Most neurons per hidden layer the page offers.
pub const MAX_NEURONS: usize = 16;
/// Largest batch size the page offers.
pub const MAX_BATCH: u64 = 100;
/// The learning rates the page lists (a link may hold any other positive rate).
pub const LR_CHOICES: [f64; 11] = [
    0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0,
];
/// The regularization rates the page lists.
pub const REGRATE_CHOICES: [f64; 10] = [0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0];
/// Half the side of the input square the probe point moves in.
pub const INPUT_LIMIT: f64 = 6.0;

/// The keys a share link adds to the settings' hash (see
/// [`super::share`]): `add` (points added to the generated ones), `data`
/// (every point) and `model` (the model file). They carry data, not
/// settings: no control sets them, and the page's own hash never holds them.
pub const SHARE_KEYS: [&str; 3] = ["add", "data", "model"];

/// The key of an embedded page (see [`super::embed`]): `embed=play,step`
/// shows only the network and the controls named (none: `embed=`).
pub const EMBED_KEY: &str = "embed";

/// The key that locks controls (see [`super::embed`]): `lock=inputs,reset`
/// shows the controls named but disabled; nothing (no click, key or call
/// of the page) changes what they control. Only those of [`EMBED_CONTROLS`]
/// marked lockable can be named.
pub const LOCK_KEY: &str = "lock";

/// What `embed` can name: (name, what it shows, whether `lock` can name it).
pub const EMBED_CONTROLS: [(&str, &str, bool); 8] = [
    ("play", "Play and pause", true),
    ("step", "Step", true),
    ("phase", "Phase (and PageDown, PageUp)", true),
    ("reset", "Reset", true),
    ("inputs", "the x1 and x2 sliders and the probe point", true),
    ("narration", "the narration under the network", false),
    ("plot", "the data plot", false),
    ("chart", "the loss chart", false),
];

/// What changing a setting does to the session on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Applies to the running training at once (the weights stay).
    Live,
    /// Changes only what is drawn.
    Display,
    /// Moves the probe point: the bulbs show it.
    Probe,
    /// Draws new data and starts a new network.
    NewData,
    /// Builds a new network (same seed), keeping the points if they fit.
    Rebuild,
}

impl Effect {
    /// The name the page reads ("live", "display", "probe", "new_data", "rebuild").
    pub fn name(self) -> &'static str {
        match self {
            Effect::Live => "live",
            Effect::Display => "display",
            Effect::Probe => "probe",
            Effect::NewData => "new_data",
            Effect::Rebuild => "rebuild",
        }
    }
}

/// One setting: everything the hash, the checks, the routing and the controls need.
pub struct Setting {
    /// The key in the hash and in `set(key, value)`.
    pub key: &'static str,
    /// What the control is called on the page.
    pub label: &'static str,
    /// Its type, with limits or choices.
    pub kind: Kind,
    /// What a change does.
    pub effect: Effect,
    /// Whether the URL hash holds it (the animation speed is not shared).
    pub in_hash: bool,
    /// Writes a checked value into the state.
    apply: fn(&mut PageState, Value) -> Result<(), SettingError>,
    /// The text form of the current value.
    format: fn(&PageState) -> String,
}

impl Setting {
    /// Reads `text`, checks it against this setting's limits or choices and
    /// writes it into `state` (which the caller validates as a whole).
    pub fn apply(&self, state: &mut PageState, text: &str) -> Result<(), SettingError> {
        let value = self.kind.parse(self.key, text)?;
        (self.apply)(state, value)
    }

    /// The setting's value in `state`, as the hash writes it.
    pub fn format(&self, state: &PageState) -> String {
        (self.format)(state)
    }
}

/// The setting of `key`, if there is one.
pub fn find(key: &str) -> Option<&'static Setting> {
    SETTINGS.iter().find(|s| s.key == key)
}

/// The setting of `key`, or an error naming the key.
pub fn lookup(key: &str) -> Result<&'static Setting, SettingError> {
    find(key).ok_or_else(|| SettingError::Unknown {
        key: super::setting_kind::clip(key),
    })
}

/// The value of the digits task in the dataset choice (`dataset=digits`).
pub const DIGITS: &str = "digits";

fn datasets() -> Vec<Choice> {
    let digits = Choice {
        value: DIGITS,
        label: "Digits",
        title: "Digits (8 × 8 images of handwritten digits, 10 classes)",
    };
    DatasetKind::ALL
        .iter()
        .map(|&k| Choice {
            value: k.name(),
            label: k.label(),
            title: match k {
                DatasetKind::Blobs => "Blobs (3–10 classes)",
                DatasetKind::Plane => "Plane (regression)",
                DatasetKind::MultiGauss => "Multi Gaussian (regression)",
                _ => k.label(),
            },
        })
        .chain(std::iter::once(digits))
        .collect()
}

/// How the page names an activation ("ReLU", "leaky ReLU", …).
pub fn activation_label(a: Activation) -> &'static str {
    match a {
        Activation::Tanh => "tanh",
        Activation::Relu => "ReLU",
        Activation::LeakyRelu => "leaky ReLU",
        Activation::Sigmoid => "sigmoid",
        Activation::Linear => "linear",
        Activation::Softmax => "softmax",
    }
}

/// The activations a hidden layer may have, in the order the page lists them.
pub const HIDDEN_ACTIVATIONS: [Activation; 5] = [
    Activation::Tanh,
    Activation::Relu,
    Activation::LeakyRelu,
    Activation::Sigmoid,
    Activation::Linear,
];

fn hidden_activations() -> Vec<Choice> {
    HIDDEN_ACTIVATIONS
        .iter()
        .map(|&a| Choice::plain(a.name(), activation_label(a)))
        .collect()
}

fn features() -> Vec<Choice> {
    Feature::ALL
        .iter()
        .map(|&f| Choice {
            value: f.name(),
            label: match f {
                Feature::SinX1 => "sin x₁",
                Feature::SinX2 => "sin x₂",
                _ => f.label(),
            },
            title: match f {
                Feature::X1 => "x1",
                Feature::X2 => "x2",
                Feature::X1Sq => "x₁², x1 squared",
                Feature::X2Sq => "x₂², x2 squared",
                Feature::X1X2 => "x₁x₂, x1 times x2",
                Feature::SinX1 => "sin x₁, sin(x1)",
                Feature::SinX2 => "sin x₂, sin(x2)",
            },
        })
        .collect()
}

/// How the page names a loss for a problem with `classes` classes (0 for
/// regression), e.g. "Two classes: sigmoid + cross-entropy".
pub fn loss_label(loss: Loss, classes: usize) -> &'static str {
    match (loss, classes) {
        (Loss::Mse, 0) => "Regression: linear + MSE",
        (Loss::Mse, _) => "Two classes: tanh + MSE",
        (Loss::Bce, _) => "Two classes: sigmoid + cross-entropy",
        (Loss::SoftmaxCe, 2) => "Two classes: softmax + cross-entropy",
        (Loss::SoftmaxCe, _) => "Several classes: softmax + cross-entropy",
    }
}

fn losses() -> Vec<Choice> {
    Loss::ALL
        .iter()
        .map(|&l| Choice::plain(l.name(), loss_label(l, 2)))
        .collect()
}

fn optimizers() -> Vec<Choice> {
    OptimizerKind::ALL
        .iter()
        .map(|&o| {
            let label = match o {
                OptimizerKind::Sgd => "SGD",
                OptimizerKind::Momentum => "Momentum",
                OptimizerKind::Adam => "Adam",
            };
            Choice::plain(o.name(), label)
        })
        .collect()
}

fn regularizations() -> Vec<Choice> {
    Regularization::ALL
        .iter()
        .map(|&r| {
            let label = match r {
                Regularization::None => "None",
                Regularization::L1 => "L1",
                Regularization::L2 => "L2",
            };
            Choice::plain(r.name(), label)
        })
        .collect()
}

fn speeds() -> Vec<Choice> {
    [
        ("0.25", "¼×"),
        ("0.5", "½×"),
        ("1", "1×"),
        ("2", "2×"),
        ("4", "4×"),
    ]
    .into_iter()
    .map(|(v, l)| Choice::plain(v, l))
    .collect()
}

/// Shortest text that reads back as the same number.
pub fn fmt(v: f64) -> String {
    format!("{v}")
}

fn flag(v: bool) -> String {
    u8::from(v).to_string()
}

/// Every setting, in the order the hash writes them (and applies them:
/// `layers` before `acts`).
pub static SETTINGS: [Setting; 23] = [
    Setting {
        key: "dataset",
        label: "Dataset",
        kind: Kind::Choice(datasets),
        effect: Effect::NewData,
        in_hash: true,
        apply: |s, v| {
            let name = v.name()?;
            if name == DIGITS {
                s.choose_digits();
                return Ok(());
            }
            let kind: DatasetKind = name.parse()?;
            s.config.dataset = s.config.dataset.with_kind(kind);
            s.digits = false;
            s.fit_loss_to_problem();
            Ok(())
        },
        format: |s| {
            if s.digits {
                DIGITS.to_string()
            } else {
                s.config.dataset.kind().name().to_string()
            }
        },
    },
    Setting {
        key: "classes",
        label: "Classes",
        kind: Kind::Whole {
            min: 2,
            max: 10,
            step: 1,
            unit: "",
        },
        effect: Effect::NewData,
        in_hash: true,
        apply: |s, v| {
            s.config.dataset = s.config.dataset.with_classes(v.whole()? as usize)?;
            s.fit_loss_to_problem();
            Ok(())
        },
        format: |s| s.config.dataset.classes().max(2).to_string(),
    },
    Setting {
        key: "noise",
        label: "Noise",
        kind: Kind::Number {
            min: 0.0,
            max: DatasetParams::MAX_NOISE,
            step: 5.0,
            unit: "%",
        },
        effect: Effect::NewData,
        in_hash: true,
        apply: |s, v| {
            s.config.dataset = s.config.dataset.with_noise(v.number()?)?;
            Ok(())
        },
        format: |s| fmt(s.config.dataset.noise()),
    },
    Setting {
        key: "train",
        label: "Training share",
        kind: Kind::Number {
            min: DatasetParams::MIN_TRAIN_PERCENT,
            max: DatasetParams::MAX_TRAIN_PERCENT,
            step: 10.0,
            unit: "%",
        },
        effect: Effect::NewData,
        in_hash: true,
        apply: |s, v| {
            s.config.dataset = s.config.dataset.with_train_percent(v.number()?)?;
            Ok(())
        },
        format: |s| fmt(s.config.dataset.train_percent()),
    },
    Setting {
        key: "points",
        label: "Points",
        kind: Kind::Whole {
            min: DatasetParams::MIN_POINTS as u64,
            max: DatasetParams::MAX_POINTS as u64,
            step: 1,
            unit: "",
        },
        effect: Effect::NewData,
        in_hash: true,
        apply: |s, v| {
            s.config.dataset = s.config.dataset.with_points(v.whole()? as usize)?;
            Ok(())
        },
        format: |s| s.config.dataset.points().to_string(),
    },
    Setting {
        key: "dataseed",
        label: "Data seed",
        kind: Kind::Whole {
            min: 0,
            max: u32::MAX as u64,
            step: 1,
            unit: "",
        },
        effect: Effect::NewData,
        in_hash: true,
        apply: |s, v| {
            s.config.dataset = s.config.dataset.with_seed(v.whole()?);
            Ok(())
        },
        format: |s| s.config.dataset.seed().to_string(),
    },
    Setting {
        key: "features",
        label: "Inputs",
        kind: Kind::Names(features),
        effect: Effect::Rebuild,
        in_hash: true,
        apply: |s, v| {
            s.config.features = lightbulb_core::FeatureSet::from_names(v.names()?)?;
            Ok(())
        },
        format: |s| s.config.features.names().join(","),
    },
    Setting {
        key: "layers",
        label: "Hidden layers",
        kind: Kind::Layers {
            layers: MAX_LAYERS,
            neurons: MAX_NEURONS,
        },
        effect: Effect::Rebuild,
        in_hash: true,
        apply: |s, v| {
            s.set_layer_sizes(v.sizes()?);
            Ok(())
        },
        format: |s| {
            let sizes: Vec<String> = s
                .config
                .hidden
                .iter()
                .map(|h| h.neurons.to_string())
                .collect();
            sizes.join(",")
        },
    },
    Setting {
        key: "activation",
        label: "Activation (all hidden layers)",
        kind: Kind::Choice(hidden_activations),
        effect: Effect::Rebuild,
        in_hash: true,
        apply: |s, v| {
            let act: Activation = v.name()?.parse()?;
            s.config.hidden.iter_mut().for_each(|h| h.activation = act);
            Ok(())
        },
        format: |s| {
            let first = s.config.hidden.first();
            first
                .map_or(Activation::Tanh, |h| h.activation)
                .name()
                .to_string()
        },
    },
    Setting {
        key: "acts",
        label: "Activation per hidden layer",
        kind: Kind::PerLayer(hidden_activations),
        effect: Effect::Rebuild,
        in_hash: true,
        apply: |s, v| s.set_layer_activations(v.names()?),
        format: |s| {
            let names: Vec<&str> = s
                .config
                .hidden
                .iter()
                .map(|h| h.activation.name())
                .collect();
            names.join(",")
        },
    },
    Setting {
        key: "loss",
        label: "Problem and loss",
        kind: Kind::Choice(losses),
        effect: Effect::Rebuild,
        in_hash: true,
        apply: |s, v| {
            s.config.training.loss = v.name()?.parse()?;
            Ok(())
        },
        format: |s| s.config.training.loss.name().to_string(),
    },
    Setting {
        key: "optimizer",
        label: "Optimizer",
        kind: Kind::Choice(optimizers),
        effect: Effect::Live,
        in_hash: true,
        apply: |s, v| {
            s.config.training.optimizer = v.name()?.parse()?;
            Ok(())
        },
        format: |s| s.config.training.optimizer.name().to_string(),
    },
    Setting {
        key: "lr",
        label: "Learning rate",
        kind: Kind::Rate {
            listed: &LR_CHOICES,
        },
        effect: Effect::Live,
        in_hash: true,
        apply: |s, v| {
            s.config.training.learning_rate = v.number()?;
            Ok(())
        },
        format: |s| fmt(s.config.training.learning_rate),
    },
    Setting {
        key: "reg",
        label: "Regularization",
        kind: Kind::Choice(regularizations),
        effect: Effect::Live,
        in_hash: true,
        apply: |s, v| {
            s.config.training.regularization = v.name()?.parse()?;
            Ok(())
        },
        format: |s| s.config.training.regularization.name().to_string(),
    },
    Setting {
        key: "regrate",
        label: "Regularization rate",
        kind: Kind::Rate {
            listed: &REGRATE_CHOICES,
        },
        effect: Effect::Live,
        in_hash: true,
        apply: |s, v| {
            s.config.training.regularization_rate = v.number()?;
            Ok(())
        },
        format: |s| fmt(s.config.training.regularization_rate),
    },
    Setting {
        key: "batch",
        label: "Batch size",
        kind: Kind::Whole {
            min: 1,
            max: MAX_BATCH,
            step: 1,
            unit: "",
        },
        effect: Effect::Live,
        in_hash: true,
        apply: |s, v| {
            s.config.training.batch_size = v.whole()? as usize;
            Ok(())
        },
        format: |s| s.config.training.batch_size.to_string(),
    },
    Setting {
        key: "seed",
        label: "Weight seed",
        kind: Kind::Whole {
            min: 0,
            max: u32::MAX as u64,
            step: 1,
            unit: "",
        },
        effect: Effect::Rebuild,
        in_hash: true,
        apply: |s, v| {
            s.config.seed = v.whole()?;
            Ok(())
        },
        format: |s| s.config.seed.to_string(),
    },
    Setting {
        key: "showtest",
        label: "Show test data",
        kind: Kind::Flag,
        effect: Effect::Display,
        in_hash: true,
        apply: |s, v| {
            s.show_test = v.flag()?;
            Ok(())
        },
        format: |s| flag(s.show_test),
    },
    Setting {
        key: "discretize",
        label: "Discretize output",
        kind: Kind::Flag,
        effect: Effect::Display,
        in_hash: true,
        apply: |s, v| {
            s.discretize = v.flag()?;
            Ok(())
        },
        format: |s| flag(s.discretize),
    },
    Setting {
        key: "turbo",
        label: "Turbo",
        kind: Kind::Flag,
        effect: Effect::Display,
        in_hash: true,
        apply: |s, v| {
            s.turbo = v.flag()?;
            Ok(())
        },
        format: |s| flag(s.turbo),
    },
    Setting {
        key: "follow",
        label: "Follow one example",
        kind: Kind::Flag,
        effect: Effect::Live,
        in_hash: true,
        apply: |s, v| {
            s.follow = v.flag()?;
            Ok(())
        },
        format: |s| flag(s.follow),
    },
    Setting {
        key: "x",
        label: "Input point",
        kind: Kind::Point {
            limit: INPUT_LIMIT,
            step: 0.1,
        },
        effect: Effect::Probe,
        in_hash: true,
        apply: |s, v| {
            (s.x1, s.x2) = v.point()?;
            Ok(())
        },
        format: |s| format!("{},{}", fmt(s.x1), fmt(s.x2)),
    },
    Setting {
        key: "speed",
        label: "Animation speed",
        kind: Kind::Choice(speeds),
        effect: Effect::Display,
        in_hash: false,
        apply: |s, v| {
            s.speed = v.name()?.parse().unwrap_or(1.0);
            Ok(())
        },
        format: |s| fmt(s.speed),
    },
];

/// The whole table as JSON for the page's controls: one object per
/// setting with its key, label, type, effect, default, and its limits
/// (`min`, `max`, `step`, `unit`, `layers`, `neurons`) or `choices`
/// (`[value, label, title]`).
pub fn table_json() -> String {
    let defaults = PageState::default();
    let items: Vec<String> = SETTINGS
        .iter()
        .map(|s| {
            let mut out = format!(
                "{{\"key\":{},\"label\":{},\"effect\":\"{}\",\"hash\":{},\"default\":{}",
                quote(s.key),
                quote(s.label),
                s.effect.name(),
                s.in_hash,
                quote(&s.format(&defaults))
            );
            s.kind.write_json(&mut out);
            out.push('}');
            out
        })
        .collect();
    format!("[{}]", items.join(","))
}

/// A JSON string literal.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
