//! The progress bar of `lightbulb train`, on stderr. indicatif draws it only
//! when stderr is a terminal.

use indicatif::{ProgressBar, ProgressStyle};
use lightbulb_core::EpochRecord;

/// A progress bar counting epochs.
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A bar for `epochs` epochs; `visible = false` draws nothing.
    pub fn new(epochs: u64, visible: bool) -> Progress {
        let bar = if visible {
            ProgressBar::new(epochs)
        } else {
            ProgressBar::hidden()
        };
        if let Ok(style) =
            ProgressStyle::with_template("{bar:20} epoch {pos}/{len} {msg} [eta {eta}]")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        Progress { bar }
    }

    /// Shows `done` epochs and the latest record.
    pub fn epoch(&self, done: u64, record: Option<&EpochRecord>) {
        self.bar.set_position(done);
        if let Some(r) = record {
            self.bar.set_message(short(r));
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// `loss 0.0123 (test 0.0456)`: short enough for one terminal line.
fn short(r: &EpochRecord) -> String {
    match (r.train_loss, r.test_loss) {
        (Some(a), Some(b)) => format!("loss {a:.4} (test {b:.4})"),
        (Some(a), None) => format!("loss {a:.4}"),
        _ => String::new(),
    }
}

/// `train loss 0.0123, test loss 0.0456, train accuracy 98.4%, …` (what is known).
pub fn describe(r: &EpochRecord) -> String {
    let mut parts = Vec::new();
    if let Some(l) = r.train_loss {
        parts.push(format!("train loss {l:.4}"));
    }
    if let Some(l) = r.test_loss {
        parts.push(format!("test loss {l:.4}"));
    }
    if let Some(a) = r.train_accuracy {
        parts.push(format!("train accuracy {:.1}%", 100.0 * a));
    }
    if let Some(a) = r.test_accuracy {
        parts.push(format!("test accuracy {:.1}%", 100.0 * a));
    }
    parts.join(", ")
}
