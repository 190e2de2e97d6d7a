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
    /// Loss and accuracy of the current network on the whole train and test
    /// sets. Measured once per network state: asked again before the next
    /// step or change (e.g. right after an epoch was recorded), the same
    /// figures come back without another pass over the data.
    pub fn metrics(&mut self) -> EpochRecord {
        let at = (self.steps, self.revision);
        if let Some((when, record)) = self.measured {
            if when == at {
                return EpochRecord {
                    epoch: self.epoch,
                    ..record
                };
            }
        }
        let record = self.measure_now();
        self.measured = Some((at, record));
        record
    }

    fn measure_now(&mut self) -> EpochRecord {
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

    /// Measures and appends the record of the epoch just ended.
    pub(crate) fn record_epoch(&mut self) -> EpochRecord {
        let record = self.metrics();
        push_record(&mut self.history, record);
        record
    }
}

/// Most records kept. When full, every other record is dropped, so the
/// history always spans the whole run at a coarser step, in bounded memory.
pub const MAX_HISTORY: usize = 2048;

/// Appends a record, halving the resolution of the history when it is full.
/// The buffer never grows past [`MAX_HISTORY`] records.
pub(crate) fn push_record(history: &mut Vec<EpochRecord>, record: EpochRecord) {
    if history.len() >= MAX_HISTORY {
        let mut keep = 0;
        for i in (0..history.len()).step_by(2) {
            history.swap(keep, i);
            keep += 1;
        }
        history.truncate(keep);
    }
    history.push(record);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(epoch: u64) -> EpochRecord {
        EpochRecord {
            epoch,
            train_loss: Some(1.0),
            test_loss: None,
            train_accuracy: None,
            test_accuracy: None,
        }
    }

    #[test]
    fn the_history_is_bounded_and_still_spans_the_run() {
        let mut h = Vec::with_capacity(MAX_HISTORY);
        for e in 1..=100_000 {
            push_record(&mut h, rec(e));
        }
        assert!(h.len() <= MAX_HISTORY);
        assert!(h.capacity() <= MAX_HISTORY);
        assert_eq!(h.last().map(|r| r.epoch), Some(100_000));
        assert!(h.first().map_or(u64::MAX, |r| r.epoch) <= 100);
        assert!(h.windows(2).all(|w| w[0].epoch < w[1].epoch));
    }
}
