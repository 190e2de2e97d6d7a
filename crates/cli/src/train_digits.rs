//! `lightbulb train --dataset digits`: a new network trained on the fixed
//! training split of the embedded digits, one shuffled epoch at a time
//! (`lightbulb_core::digits`), then judged on the 450 test images.
//!
//! The output has the shape of the 2-D datasets' (`train.rs`), plus the test
//! set's confusion matrix and misclassified images under `--json`. The model
//! file has no features: its inputs are the 64 pixels divided by 16.

use crate::fail::{Failure, Outcome};
use crate::output::print_json;
use crate::progress::{describe, Progress};
use crate::train::{diverged_failure, write};
use crate::train_args::{DigitsConfig, Plan};
use lightbulb_core::digits::{evaluate, inputs, one_hot, DigitImage, Digits, EpochRunner};
use lightbulb_core::{Diverged, EpochRecord, Loss, Model, Network, StepOutcome, Trace, Trainer};
use ndarray::Array2;
use serde_json::{json, Map, Value};

/// Runs a digits training planned by `plan`.
pub fn run(plan: &Plan, config: &DigitsConfig) -> Outcome {
    let digits = Digits::embedded()
        .map_err(|e| Failure::input(format!("the embedded digits cannot be read: {e}")))?;
    let input = |e: lightbulb_core::Error| Failure::input(e.to_string());
    let mut trainer = Trainer::new(config.network.clone(), config.training).map_err(input)?;
    let mut runner = EpochRunner::new(digits.train(), config.seed).map_err(input)?;
    let mut train_set = Measured::new(trainer.network(), digits.train());
    let mut test_set = Measured::new(trainer.network(), digits.test());
    let loss = config.training.loss;
    let record = |network: &Network, epoch, train: &mut Measured, test: &mut Measured| {
        let (train_loss, train_accuracy) = train.measure(network, loss);
        let (test_loss, test_accuracy) = test.measure(network, loss);
        EpochRecord {
            epoch,
            train_loss,
            test_loss,
            train_accuracy,
            test_accuracy,
        }
    };

    let progress = Progress::new(plan.epochs, !plan.json);
    let mut history = Vec::new();
    let mut diverged = None;
    while runner.epoch() < plan.epochs {
        match runner.run(&mut trainer).map_err(input)? {
            StepOutcome::Diverged(divergence) => {
                diverged = Some(Diverged {
                    step: trainer.optimizer().steps() + 1,
                    divergence,
                });
                break;
            }
            StepOutcome::Applied { .. } => {
                let r = record(
                    trainer.network(),
                    runner.epoch(),
                    &mut train_set,
                    &mut test_set,
                );
                history.push(r);
                progress.epoch(runner.epoch(), Some(&r));
            }
        }
    }
    progress.finish();

    // After a divergence the network is the one from before the refused
    // step, part of the way through an epoch: measured afresh.
    let last = match (diverged, history.last()) {
        (None, Some(&r)) => r,
        _ => record(
            trainer.network(),
            runner.epoch(),
            &mut train_set,
            &mut test_set,
        ),
    };
    let evaluation = evaluate(trainer.network(), digits.test()).map_err(input)?;
    let model = Model::from_trainer(&trainer, None, config.seed).to_value();
    if let Some(path) = &plan.out {
        write(path, &model)?;
    }
    let steps = trainer.optimizer().steps();
    let confusion = &evaluation.confusion;
    if plan.json {
        let rows: Vec<&[u32]> = (0..confusion.classes()).map(|k| confusion.row(k)).collect();
        let mut doc = Map::new();
        doc.insert("dataset".into(), json!("digits"));
        doc.insert("epochs".into(), json!(runner.epoch()));
        doc.insert("total_epochs".into(), json!(runner.epoch()));
        doc.insert("steps".into(), json!(steps));
        doc.insert("final".into(), json!(last));
        doc.insert("history".into(), json!(history));
        doc.insert(
            "diverged".into(),
            match diverged {
                Some(d) => json!({"step": d.step, "reason": d.divergence.to_string()}),
                None => Value::Null,
            },
        );
        doc.insert("confusion".into(), json!(rows));
        doc.insert("misclassified".into(), json!(evaluation.misclassified));
        if plan.out.is_none() {
            doc.insert("model".into(), model);
        }
        print_json(&Value::Object(doc))?;
    } else {
        let epochs = runner.epoch();
        eprintln!(
            "trained {epochs} epoch{} on the digits ({steps} steps in all): {}; \
             {} of {} test images right",
            if epochs == 1 { "" } else { "s" },
            match describe(&last) {
                s if s.is_empty() => "no finite loss".to_owned(),
                s => s,
            },
            confusion.correct(),
            confusion.total(),
        );
        if plan.out.is_none() {
            print_json(&model)?;
        }
    }
    diverged.map_or(Ok(()), |d| Err(diverged_failure(d)))
}

/// Some images as the network's inputs and one-hot targets, with a trace to
/// measure a network on them.
struct Measured {
    x: Array2<f64>,
    y: Array2<f64>,
    trace: Trace,
}

impl Measured {
    fn new(network: &Network, images: &[DigitImage]) -> Measured {
        Measured {
            x: inputs(images),
            y: one_hot(images),
            trace: Trace::new(network, images.len()),
        }
    }

    /// The mean loss (without regularisation) and the share of images whose
    /// most probable digit is the label (the lowest on a tie, as
    /// `digits::evaluate` counts); `None` for what is not finite.
    fn measure(&mut self, network: &Network, loss: Loss) -> (Option<f64>, Option<f64>) {
        if self.trace.load(self.x.view(), Some(self.y.view())).is_err() {
            return (None, None);
        }
        network.forward(&mut self.trace);
        let mean = network
            .compute_loss(loss, &mut self.trace)
            .ok()
            .filter(|l| l.is_finite());
        let Some(out) = self.trace.output() else {
            return (mean, None);
        };
        let right = out
            .rows()
            .into_iter()
            .zip(self.y.rows())
            .filter(|(o, t)| argmax(o.iter()) == argmax(t.iter()))
            .count();
        (mean, Some(right as f64 / self.x.nrows() as f64))
    }
}

/// The index of the largest value, the first on a tie.
fn argmax<'a>(values: impl Iterator<Item = &'a f64>) -> usize {
    let mut best = (0, f64::NEG_INFINITY);
    for (k, &v) in values.enumerate() {
        if v > best.1 {
            best = (k, v);
        }
    }
    best.0
}
