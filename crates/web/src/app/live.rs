//! The narration while playing: one live line (epoch, loss, accuracy and
//! how the loss moved in the last second), refreshed a few times a second,
//! and the line that says where Play stopped.

use super::narrate::num;

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

    /// The line to show at `now`, or `None` if the last one is recent.
    pub fn due(
        &mut self,
        now: f64,
        epoch: u64,
        loss: Option<f64>,
        accuracy: Option<f64>,
    ) -> Option<String> {
        if now - self.written_at < EVERY_MS {
            return None;
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
        Some(playing(epoch, loss, accuracy, self.change))
    }
}

fn metrics(epoch: u64, loss: Option<f64>, accuracy: Option<f64>) -> String {
    let mut s = format!("epoch {epoch}");
    if let Some(l) = loss {
        s.push_str(&format!(" · train loss {}", num(l)));
    }
    if let Some(a) = accuracy {
        s.push_str(&format!(" · accuracy {:.0} %", a * 100.0));
    }
    s
}

/// "Playing · epoch 242 · train loss 0.052, falling by 0.004 a second · accuracy 97 %".
pub fn playing(
    epoch: u64,
    loss: Option<f64>,
    accuracy: Option<f64>,
    change: Option<f64>,
) -> String {
    let mut s = format!("Playing · {}", metrics(epoch, loss, None));
    if let (Some(l), Some(c)) = (loss, change) {
        let how = if c.abs() <= 1e-3 * l.abs().max(1e-12) {
            ", steady".to_string()
        } else if c < 0.0 {
            format!(", falling by {} a second", num(-c))
        } else {
            format!(", rising by {} a second", num(c))
        };
        s.push_str(&how);
    }
    if let Some(a) = accuracy {
        s.push_str(&format!(" · accuracy {:.0} %", a * 100.0));
    }
    s.push_str(". Each frame trains one epoch.");
    s
}

/// What the narration says once Play stops.
pub fn paused(epoch: u64, loss: Option<f64>, accuracy: Option<f64>) -> String {
    format!(
        "Paused at {}. Press Play to go on, or Step to watch one step.",
        metrics(epoch, loss, accuracy)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_live_line_is_rewritten_a_few_times_a_second() {
        let mut live = LiveLine::default();
        live.restart();
        let first = live.due(0.0, 1, Some(0.5), Some(0.6));
        assert_eq!(
            first.as_deref(),
            Some(
                "Playing · epoch 1 · train loss 0.5 · accuracy 60 %. Each frame trains one epoch."
            )
        );
        assert_eq!(live.due(100.0, 7, Some(0.45), Some(0.6)), None, "too soon");
        assert!(live.due(300.0, 12, Some(0.44), None).is_some());
        // After a second the change is measured: 0.5 → 0.4.
        let line = live.due(1100.0, 60, Some(0.4), Some(0.8));
        assert_eq!(
            line.as_deref(),
            Some("Playing · epoch 60 · train loss 0.4, falling by 0.1 a second · accuracy 80 %. Each frame trains one epoch.")
        );
    }

    #[test]
    fn the_paused_line_names_the_state() {
        assert_eq!(
            paused(242, Some(0.0523), Some(0.97)),
            "Paused at epoch 242 · train loss 0.0523 · accuracy 97 %. Press Play to go on, or Step to watch one step."
        );
        assert!(playing(3, Some(1.0), None, Some(2.0)).contains("rising by 2 a second"));
        assert!(playing(3, Some(1.0), None, Some(1e-5)).contains("steady"));
    }
}
