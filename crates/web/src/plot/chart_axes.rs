//! Where the loss chart puts epochs and losses, and its hover read-out.

use std::fmt::Write;

use super::ticks::{axis_fraction, log_bounds, nice_ceiling, write_sig3};
use crate::scene::plot::ChartRecord;

/// Room for the loss labels left of the chart, CSS px.
pub const LEFT: f64 = 48.0;
/// Room right of the chart, CSS px.
pub const RIGHT: f64 = 14.0;
/// Room for the legend above the chart, CSS px.
pub const TOP: f64 = 24.0;
/// Room for the epoch labels below the chart, CSS px.
pub const BOTTOM: f64 = 20.0;

/// The two losses of a record, train first.
pub fn losses(r: &ChartRecord) -> [Option<f64>; 2] {
    [r.train_loss, r.test_loss]
}

/// The chart area and what its axes span.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ChartAxes {
    /// Left edge of the plotting area, CSS px.
    pub left: f64,
    /// Top edge, CSS px.
    pub top: f64,
    /// Width, CSS px.
    pub width: f64,
    /// Height, CSS px.
    pub height: f64,
    /// First and last epoch on the x axis.
    pub epochs: (f64, f64),
    /// Bottom and top of the y axis (values, positive on a log axis).
    pub values: (f64, f64),
    /// Log-scaled y axis.
    pub log: bool,
}

impl ChartAxes {
    /// Axes for `history` on a `w` × `h` canvas. Non-finite losses (and
    /// non-positive ones on a log axis) are ignored.
    pub fn fit(w: f64, h: f64, history: &[ChartRecord], log: bool) -> ChartAxes {
        let pos = |v: f64| if v.is_finite() { v.max(0.0) } else { 0.0 };
        // From epoch 0 (training starts there), or from the first record
        // of a history that starts late.
        let (first, last) = match (history.first(), history.last()) {
            (Some(a), Some(b)) => (a.epoch as f64, b.epoch as f64),
            _ => (0.0, 1.0),
        };
        let first = if first <= 1.0 { 0.0 } else { first };
        let epochs = (first, if last > first { last } else { first + 1.0 });
        let shown = history
            .iter()
            .flat_map(losses)
            .flatten()
            .filter(|v| v.is_finite() && (!log || *v > 0.0));
        let (min, max) = shown.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        });
        let values = if log {
            let (lo, hi) = log_bounds(min, max);
            (10f64.powi(lo), 10f64.powi(hi))
        } else {
            (0.0, nice_ceiling(max, 4))
        };
        ChartAxes {
            left: LEFT,
            top: TOP,
            width: (pos(w) - LEFT - RIGHT).max(1.0),
            height: (pos(h) - TOP - BOTTOM).max(1.0),
            epochs,
            values,
            log,
        }
    }

    /// The same axes on a `w` × `h` canvas with the margins for labels `k`
    /// times as large (projector mode's larger text; `k` below 1 counts as 1).
    pub fn grown(self, w: f64, h: f64, k: f64) -> ChartAxes {
        let k = if k.is_finite() { k.max(1.0) } else { 1.0 };
        let pos = |v: f64| if v.is_finite() { v.max(0.0) } else { 0.0 };
        ChartAxes {
            left: LEFT * k,
            top: TOP * k,
            width: (pos(w) - (LEFT + RIGHT) * k).max(1.0),
            height: (pos(h) - (TOP + BOTTOM) * k).max(1.0),
            ..self
        }
    }

    /// Axes spanning both these (for a history with losses to show if
    /// `with_values`, else only their epochs count) and `other`'s, for two
    /// runs on one chart.
    pub fn union(&self, other: &ChartAxes, with_values: bool) -> ChartAxes {
        let values = if !with_values {
            other.values
        } else if self.log {
            (
                self.values.0.min(other.values.0),
                self.values.1.max(other.values.1),
            )
        } else {
            (0.0, self.values.1.max(other.values.1))
        };
        ChartAxes {
            epochs: (
                self.epochs.0.min(other.epochs.0),
                self.epochs.1.max(other.epochs.1),
            ),
            values,
            ..*self
        }
    }

    /// CSS x of an epoch.
    pub fn x_px(&self, epoch: f64) -> f64 {
        let f = axis_fraction(epoch, self.epochs.0, self.epochs.1, false).unwrap_or(0.0);
        self.left + f * self.width
    }

    /// CSS y of a loss, None when the axis cannot show it.
    pub fn y_px(&self, v: f64) -> Option<f64> {
        let f = axis_fraction(v, self.values.0, self.values.1, self.log)?;
        Some(self.top + (1.0 - f.clamp(-0.02, 1.02)) * self.height)
    }

    /// The epoch (fractional) under CSS x.
    pub fn epoch_at(&self, x: f64) -> f64 {
        let (a, b) = self.epochs;
        a + (x - self.left) / self.width * (b - a)
    }
}

/// The index of the record whose epoch is nearest to `epoch` (the earlier
/// one on a tie); `history` is in epoch order. None when empty or NaN.
pub fn nearest(history: &[ChartRecord], epoch: f64) -> Option<usize> {
    if epoch.is_nan() || history.is_empty() {
        return None;
    }
    let after = history.partition_point(|r| (r.epoch as f64) < epoch);
    let dist = |i: usize| history.get(i).map(|r| (r.epoch as f64 - epoch).abs());
    match (after.checked_sub(1).and_then(dist), dist(after)) {
        (Some(a), Some(b)) if b < a => Some(after),
        (Some(_), _) => Some(after - 1),
        (None, Some(_)) => Some(after),
        (None, None) => None,
    }
}

/// Writes "epoch 37 · train loss 0.0834 · test loss 0.0911 · accuracy
/// 97.2 % / 96.0 %" for one record; missing or non-finite parts are left out.
pub fn write_readout(buf: &mut String, r: &ChartRecord) {
    buf.clear();
    let _ = write!(buf, "epoch {}", r.epoch);
    for (name, v) in [("train loss", r.train_loss), ("test loss", r.test_loss)] {
        if let Some(v) = v.filter(|v| v.is_finite()) {
            let _ = write!(buf, " · {name} ");
            write_sig3(buf, v);
        }
    }
    let pct = |v: Option<f64>| v.filter(|v| v.is_finite()).map(|v| 100.0 * v);
    match (pct(r.train_accuracy), pct(r.test_accuracy)) {
        (Some(a), Some(b)) => {
            let _ = write!(buf, " · accuracy {a:.1} % / {b:.1} %");
        }
        (Some(a), None) | (None, Some(a)) => {
            let _ = write!(buf, " · accuracy {a:.1} %");
        }
        (None, None) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(epoch: u64, train: f64, test: f64) -> ChartRecord {
        ChartRecord {
            epoch,
            train_loss: Some(train),
            test_loss: Some(test),
            train_accuracy: None,
            test_accuracy: None,
        }
    }

    #[test]
    fn nearest_picks_the_closest_epoch() {
        let h: Vec<ChartRecord> = [0, 1, 2, 5, 9].iter().map(|&e| rec(e, 1.0, 1.0)).collect();
        assert_eq!(nearest(&h, -3.0), Some(0));
        assert_eq!(nearest(&h, 1.4), Some(1));
        assert_eq!(nearest(&h, 1.6), Some(2));
        assert_eq!(nearest(&h, 3.5), Some(2), "tie keeps the earlier");
        assert_eq!(nearest(&h, 3.6), Some(3));
        assert_eq!(nearest(&h, 7.1), Some(4));
        assert_eq!(nearest(&h, 100.0), Some(4));
        assert_eq!(nearest(&h, f64::NAN), None);
        assert_eq!(nearest(&[], 1.0), None);
    }

    #[test]
    fn axes_map_epochs_and_losses() {
        let h: Vec<ChartRecord> = (0..=10)
            .map(|e| rec(e, 1.0 / (1.0 + e as f64), 0.69))
            .collect();
        let ax = ChartAxes::fit(300.0, 200.0, &h, false);
        assert_eq!(ax.epochs, (0.0, 10.0));
        assert_eq!(ax.values, (0.0, 1.0));
        assert_eq!(ax.x_px(0.0), LEFT);
        assert_eq!(ax.x_px(10.0), 300.0 - RIGHT);
        assert_eq!(ax.y_px(0.0), Some(200.0 - BOTTOM));
        assert_eq!(ax.y_px(1.0), Some(TOP));
        assert_eq!(ax.y_px(f64::NAN), None);
        assert!((ax.epoch_at(ax.x_px(7.0)) - 7.0).abs() < 1e-9);
        let lg = ChartAxes::fit(300.0, 200.0, &h, true);
        assert_eq!(lg.values, (0.01, 1.0));
        assert_eq!(lg.y_px(0.0), None, "log axis guards zero");
        assert_eq!(lg.y_px(0.1), Some(TOP + (200.0 - TOP - BOTTOM) / 2.0));
    }

    #[test]
    fn axes_survive_empty_and_broken_history() {
        let ax = ChartAxes::fit(300.0, 200.0, &[], true);
        assert_eq!(ax.values, (0.1, 1.0));
        assert_eq!(ax.epochs, (0.0, 1.0));
        let bad = [rec(3, f64::NAN, f64::INFINITY), rec(3, -1.0, 0.0)];
        let ax = ChartAxes::fit(f64::NAN, -5.0, &bad, false);
        assert_eq!(ax.epochs, (3.0, 4.0), "a late start");
        assert!(ax.values.1.is_finite() && ax.values.1 > 0.0);
        assert!(ax.width >= 1.0 && ax.height >= 1.0);
        let lg = ChartAxes::fit(300.0, 200.0, &bad, true);
        assert!(lg.values.0 > 0.0 && lg.values.1.is_finite());
    }

    #[test]
    fn readout_text() {
        let mut b = String::new();
        let mut r = rec(37, 0.08341, 0.0911);
        r.train_accuracy = Some(0.972);
        r.test_accuracy = Some(0.96);
        write_readout(&mut b, &r);
        assert_eq!(
            b,
            "epoch 37 · train loss 0.0834 · test loss 0.0911 · accuracy 97.2 % / 96.0 %"
        );
        let r = ChartRecord {
            epoch: 2,
            train_loss: Some(0.5),
            test_loss: Some(f64::NAN),
            train_accuracy: None,
            test_accuracy: None,
        };
        write_readout(&mut b, &r);
        assert_eq!(b, "epoch 2 · train loss 0.500");
    }
}
