//! The narration while playing: one live line (epoch, loss, accuracy and
//! how the loss moved in the last second), refreshed a few times a second,
//! and the line that says where Play stopped.

use super::narrate::push_num;
use std::fmt::Write;

/// How often the live line is rewritten, in ms.
pub const EVERY_MS: f64 = 250.0;

/// The live line's clock and the loss a second ago.
#[derive(Clone, Copy, Debug, Default)]
pub struct LiveLine {
    written_at: f64,
    /// (time, loss) the change is measured from, renewed every second.
    reference: Option<(f64, f64)>,
    /// The last change measured over a full second.
    change: Option<f64>,
}

impl LiveLine {
    /// Forgets the clock, e.g. when Play starts.
    pub fn restart(&mut self) {
        *self = LiveLine::default();
        self.written_at = f64::NEG_INFINITY;
    }

    /// Writes the line to show at `now` into `out` and returns true, or
    /// returns false (leaving `out` alone) if the last one is recent.
    /// Allocation-free once `out` has room.
    pub fn due(
        &mut self,
        now: f64,
        epoch: u64,
        loss: Option<f64>,
        accuracy: Option<f64>,
        out: &mut String,
    ) -> bool {
        if now - self.written_at < EVERY_MS {
            return false;
        }
        self.written_at = now;
        if let Some(l) = loss.filter(|l| l.is_finite()) {
            match self.reference {
                Some((t, before)) if now - t >= 1000.0 => {
                    self.change = Some(l - before);
                    self.reference = Some((now, l));
                }
                None => self.reference = Some((now, l)),
                _ => {}
            }
        }
        out.clear();
        write_playing(out, epoch, loss, accuracy, self.change);
        true
    }
}

fn write_metrics(out: &mut String, epoch: u64, loss: Option<f64>, accuracy: Option<f64>) {
    let _ = write!(out, "epoch {epoch}");
    if let Some(l) = loss {
        out.push_str(" · train loss ");
        push_num(out, l);
    }
    if let Some(a) = accuracy {
        let _ = write!(out, " · accuracy {:.0} %", a * 100.0);
    }
}

/// "Playing · epoch 242 · train loss 0.052, falling by 0.004 a second · accuracy 97 %. …"
pub fn write_playing(
    out: &mut String,
    epoch: u64,
    loss: Option<f64>,
    accuracy: Option<f64>,
    change: Option<f64>,
) {
    out.push_str("Playing · ");
    write_metrics(out, epoch, loss, None);
    if let (Some(l), Some(c)) = (loss, change) {
        if c.abs() <= 1e-3 * l.abs().max(1e-12) {
            out.push_str(", steady");
        } else if c < 0.0 {
            out.push_str(", falling by ");
            push_num(out, -c);
            out.push_str(" a second");
        } else {
            out.push_str(", rising by ");
            push_num(out, c);
            out.push_str(" a second");
        }
    }
    if let Some(a) = accuracy {
        let _ = write!(out, " · accuracy {:.0} %", a * 100.0);
    }
    out.push_str(". Each frame trains one epoch.");
}

/// Writes what the narration says once Play stops into `out`.
pub fn write_paused(out: &mut String, epoch: u64, loss: Option<f64>, accuracy: Option<f64>) {
    out.clear();
    out.push_str("Paused at ");
    write_metrics(out, epoch, loss, accuracy);
    out.push_str(". Press Play to go on, or Step to watch one step.");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_live_line_is_rewritten_a_few_times_a_second() {
        let mut live = LiveLine::default();
        live.restart();
        let mut out = String::new();
        assert!(live.due(0.0, 1, Some(0.5), Some(0.6), &mut out));
        assert_eq!(
            out,
            "Playing · epoch 1 · train loss 0.5 · accuracy 60 %. Each frame trains one epoch."
        );
        assert!(
            !live.due(100.0, 7, Some(0.45), Some(0.6), &mut out),
            "too soon"
        );
        assert!(out.contains("epoch 1 "), "left alone: {out}");
        assert!(live.due(300.0, 12, Some(0.44), None, &mut out));
        // After a second the change is measured: 0.5 → 0.4.
        assert!(live.due(1100.0, 60, Some(0.4), Some(0.8), &mut out));
        assert_eq!(
            out,
            "Playing · epoch 60 · train loss 0.4, falling by 0.1 a second · accuracy 80 %. Each frame trains one epoch."
        );
    }

    #[test]
    fn the_paused_line_names_the_state() {
        let mut out = String::from("old");
        write_paused(&mut out, 242, Some(0.0523), Some(0.97));
        assert_eq!(
            out,
            "Paused at epoch 242 · train loss 0.0523 · accuracy 97 %. Press Play to go on, or Step to watch one step."
        );
        let mut out = String::new();
        write_playing(&mut out, 3, Some(1.0), None, Some(2.0));
        assert!(out.contains("rising by 2 a second"), "{out}");
        out.clear();
        write_playing(&mut out, 3, Some(1.0), None, Some(1e-5));
        assert!(out.contains("steady"), "{out}");
    }
}
