//! The whole training state of a session as bits, shared by the timeline
//! tests (each includes this file with `#[path]`).

use lightbulb_core::{Session, TrainingConfig};

/// Everything a restore must bring back, f64s as their bits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct State {
    pub weights: Vec<u64>,
    pub moments: Vec<u64>,
    pub optimizer: String,
    pub optimizer_steps: u64,
    pub training: String,
    pub steps: u64,
    pub epoch: u64,
    pub cursor: usize,
    pub order: Vec<usize>,
    pub history: Vec<Vec<Option<u64>>>,
}

fn bits(x: &f64) -> u64 {
    x.to_bits()
}

fn training(t: &TrainingConfig) -> String {
    format!(
        "{:?} {:?} {:x} {:?} {:x} {}",
        t.loss,
        t.optimizer,
        t.learning_rate.to_bits(),
        t.regularization,
        t.regularization_rate.to_bits(),
        t.batch_size
    )
}

pub fn state(s: &Session) -> State {
    let net = s.network();
    let opt = s.trainer().optimizer();
    State {
        weights: net
            .layers()
            .iter()
            .flat_map(|l| l.weights.iter().chain(l.biases.iter()).map(bits))
            .collect(),
        moments: opt
            .state()
            .iter()
            .flat_map(|m| {
                m.m_w
                    .iter()
                    .chain(m.m_b.iter())
                    .chain(m.v_w.iter())
                    .chain(m.v_b.iter())
                    .map(bits)
            })
            .collect(),
        optimizer: format!("{:?}", opt.kind()),
        optimizer_steps: opt.steps(),
        training: training(s.trainer().config()),
        steps: s.steps(),
        epoch: s.epoch(),
        cursor: s.cursor(),
        order: s.training_order().to_vec(),
        history: s
            .history()
            .iter()
            .map(|r| {
                vec![
                    Some(r.epoch),
                    r.train_loss.map(|x| x.to_bits()),
                    r.test_loss.map(|x| x.to_bits()),
                    r.train_accuracy.map(|x| x.to_bits()),
                    r.test_accuracy.map(|x| x.to_bits()),
                ]
            })
            .collect(),
    }
}

/// Asserts two states are equal, naming the first field that differs.
pub fn assert_same(what: &str, got: &State, want: &State) {
    let fields: [(&str, bool); 10] = [
        ("weights", got.weights == want.weights),
        ("moments", got.moments == want.moments),
        ("optimizer", got.optimizer == want.optimizer),
        (
            "optimizer steps",
            got.optimizer_steps == want.optimizer_steps,
        ),
        ("training", got.training == want.training),
        ("steps", got.steps == want.steps),
        ("epoch", got.epoch == want.epoch),
        ("cursor", got.cursor == want.cursor),
        ("order", got.order == want.order),
        ("history", got.history == want.history),
    ];
    for (name, same) in fields {
        assert!(
            same,
            "{what}: {name} differ (steps {} vs {})",
            got.steps, want.steps
        );
    }
}
