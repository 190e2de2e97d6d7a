//! Loss and accuracy per epoch, measured on the whole train and test sets.

use super::Session;
use crate::dataset::TargetEncoding;
use crate::network::Network;
use crate::trace::Trace;
use ndarray::{Array2, ArrayView1};
use serde::{Deserialize, Serialize};

/// The state of training after one epoch.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct EpochRecord {
    /// The epoch number (1 = after the first epoch; 0 = before training).
    pub epoch: u64,
    /// Mean loss over the training set.
    pub train_loss: Option<f64>,
    /// Mean loss over the test set.
    pub test_loss: Option<f64>,
    /// Share of training points classified right (classification only).
    pub train_accuracy: Option<f64>,
    /// Share of test points classified right (classification only).
    pub test_accuracy: Option<f64>,
}

fn argmax(v: ArrayView1<f64>) -> usize {
    v.iter()
        .enumerate()
        .fold(
            (0, f64::NEG_INFINITY),
            |b, (i, &x)| if x > b.1 { (i, x) } else { b },
        )
        .0
}

fn measure(
    network: &Network,
    session_loss: crate::loss::Loss,
    encoding: TargetEncoding,
    x: &Array2<f64>,
    y: &Array2<f64>,
    trace: &mut Trace,
) -> (Option<f64>, Option<f64>) {
    if x.nrows() == 0 || trace.load(x.view(), Some(y.view())).is_err() {
        return (None, None);
    }
    network.forward(trace);
    let loss = network
        .compute_loss(session_loss, trace)
        .ok()
        .filter(|l| l.is_finite());
    let Some(out) = trace.output() else {
        return (loss, None);
    };
    let right = out
        .rows()
        .into_iter()
        .zip(y.rows())
        .filter(|(o, t)| match encoding {
            TargetEncoding::PlusMinusOne => (o[0] > 0.0) == (t[0] > 0.0),
            TargetEncoding::ZeroOne => (o[0] > 0.5) == (t[0] > 0.5),
            TargetEncoding::OneHot { .. } => argmax(o.view()) == argmax(t.view()),
            TargetEncoding::Value => false,
        })
        .count();
    let accuracy = (encoding != TargetEncoding::Value).then(|| right as f64 / x.nrows() as f64);
    (loss, accuracy)
}

impl Session {
    /// Loss and accuracy of the current network on the whole train and test sets.
    pub fn metrics(&mut self) -> EpochRecord {
        let network = self.trainer.network();
        let loss = self.config.training.loss;
        let enc = self.head.encoding;
        let (train_loss, train_accuracy) = measure(
            network,
            loss,
            enc,
            &self.train_x,
            &self.train_y,
            &mut self.eval,
        );
        let (test_loss, test_accuracy) = measure(
            network,
            loss,
            enc,
            &self.test_x,
            &self.test_y,
            &mut self.eval,
        );
        EpochRecord {
            epoch: self.epoch,
            train_loss,
            test_loss,
            train_accuracy,
            test_accuracy,
        }
    }

    pub(crate) fn record_epoch(&mut self) {
        let record = self.metrics();
        self.history.push(record);
    }
}
