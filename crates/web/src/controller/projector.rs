//! Projector mode's two decisions: the spotlight on one bulb, and a
//! presentation clicker's "back one phase" (PageUp; PageDown is
//! [`Controller::phase`]), across steps through the history.

use super::{ControlError, Controller};
use crate::hit::Hit;
use crate::scene::Phase as ScenePhase;
use lightbulb_core::session::Phase;

impl Controller {
    /// Click on the network in projector mode: a bulb goes into the
    /// spotlight (the rest dims); the same bulb again, or anything else,
    /// ends it. Returns the bulb in the spotlight as (layer, index).
    pub fn spotlight(&mut self, hit: Option<Hit>) -> Option<(usize, usize)> {
        let next = match hit {
            Some(Hit::Neuron { layer, index }) if self.scene.spotlight != Some((layer, index)) => {
                Some((layer, index))
            }
            _ => None,
        };
        self.scene.spotlight = next;
        self.scene.selected = next.map(|(layer, index)| Hit::Neuron { layer, index });
        next
    }

    /// How many phases of the step under way are done (0 between steps).
    fn phases_done(&self) -> usize {
        let depth = self.session.network().depth();
        match self.session.next_phase() {
            None => 0,
            Some(Phase::Forward(l)) => l,
            Some(Phase::Loss) => depth,
            Some(Phase::Backward(l)) => 2 * depth - l,
            Some(Phase::Update) => 2 * depth + 1,
        }
    }

    /// Goes back one phase (projector mode's PageUp), the inverse of
    /// [`Controller::phase`]: the phase before the one on screen is shown
    /// as if just played. Within the step under way the step starts again
    /// from the same state and runs to that phase. At the first phase of a
    /// step it goes back to before the step; from there, or from a finished
    /// step, into the step before: its Update, then its last backward
    /// phase, and so on, replaying the recorded step from the history (time
    /// travel), which stays unchanged. Returns `false`, with the narration
    /// saying why, when there is no earlier phase in the history. On error
    /// nothing changes.
    pub fn phase_back(&mut self) -> Result<bool, ControlError> {
        self.check_unlocked("phase")?;
        let total = 2 * self.session.network().depth() + 2;
        let steps = self.session.steps();
        // Where to go: after `phases` phases of the step after `from`.
        let (from, phases) = match (self.phases_done(), self.scene.phase) {
            (0, ScenePhase::Update) if steps > 0 => (steps - 1, total - 1),
            (0, _) if steps > 0 => (steps - 1, total),
            (0, _) => (0, usize::MAX),
            (done, _) => (steps, done - 1),
        };
        if phases == usize::MAX || from < self.history_first() {
            self.say_text(format!(
                "Step {steps} is the first the history holds: there is no phase before it."
            ));
            return Ok(false);
        }
        self.session.seek(from)?;
        self.follow_shown_settings();
        // The scene's weights are the restored ones before any phase runs:
        // the Update phase compares against them.
        super::sync::weights(&mut self.scene, self.session.network());
        self.playing = false;
        self.timeline.continuous = false;
        self.finish_animation();
        self.touch();
        if phases == 0 {
            self.say_text(format!(
                "Back before step {}: press Phase (or PageDown) for its first phase.",
                from + 1
            ));
            return Ok(true);
        }
        for _ in 0..phases {
            self.start_phase()?;
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn controller(hash: &str) -> Controller {
        Controller::new(hash).unwrap_or_else(|e| panic!("{hash}: {e}"))
    }

    /// Back one phase shows exactly what going forward to it showed.
    #[test]
    fn back_one_phase_is_the_phase_before() {
        let mut c = controller("dataset=xor&layers=4,3");
        c.frame(0.0).unwrap();
        let mut seen = Vec::new();
        for i in 0..7 {
            c.phase().unwrap();
            c.frame(10.0 * f64::from(i)).unwrap();
            seen.push((c.scene().phase, c.narration().to_string(), c.export_model()));
        }
        for i in (0..6).rev() {
            assert!(c.phase_back().unwrap());
            c.frame(100.0).unwrap();
            let now = (c.scene().phase, c.narration().to_string(), c.export_model());
            assert_eq!(now, seen[i], "back to phase {}", i + 1);
        }
        // Back before the first phase: the step has not begun.
        assert!(c.phase_back().unwrap());
        assert_eq!(c.steps(), 0);
        assert!(
            c.narration().contains("Back before step 1"),
            "{}",
            c.narration()
        );
        // Before the first step there is nothing to go back to.
        assert!(!c.phase_back().unwrap());
        assert!(c.narration().contains("no phase before it"));
        // Forward again: the same step, to its update.
        for _ in 0..8 {
            c.phase().unwrap();
        }
        assert_eq!(c.steps(), 1);
    }

    /// What a phase shows: the scene's phase, the step counter, the
    /// narration (without the note that a recorded step is replayed), the
    /// model, and whether the screen shows a past step.
    fn shown(c: &Controller) -> (crate::scene::Phase, u64, String, String) {
        let text = c.narration();
        let text = text.split(" (Replaying").next().unwrap_or("").to_string();
        (c.scene().phase, c.steps(), text, c.export_model())
    }

    /// PageUp at the first phase of a step goes on into the step before:
    /// three steps forward phase by phase, then all the way back, each
    /// phase shown exactly as it was going forward; then forward again.
    #[test]
    fn back_one_phase_crosses_into_the_step_before() {
        let mut c = controller("dataset=xor&layers=3&optimizer=adam&batch=4");
        c.frame(0.0).unwrap();
        let per_step = 2 * 2 + 2; // 2 forward, loss, 2 backward, update
        let mut seen = Vec::new();
        for i in 0..3 * per_step {
            c.phase().unwrap();
            c.frame(10.0 * i as f64).unwrap();
            seen.push(shown(&c));
        }
        assert_eq!(c.steps(), 3);
        let last = seen.len() - 1;
        for i in (0..last).rev() {
            if (i + 1) % per_step == 0 {
                // From the first phase of a step: back before it, then the
                // step before's update.
                assert!(c.phase_back().unwrap());
                assert!(
                    c.narration().starts_with("Back before step"),
                    "{}",
                    c.narration()
                );
                assert_eq!(c.scene().phase, crate::scene::Phase::Idle);
                assert_eq!(c.steps(), ((i + 1) / per_step) as u64);
            }
            assert!(c.phase_back().unwrap(), "back to phase {i}");
            c.frame(1000.0).unwrap();
            assert_eq!(shown(&c), seen[i], "back to phase {i}");
        }
        // At the first phase of step 1: back before it, then nothing.
        assert!(c.phase_back().unwrap());
        assert_eq!(c.steps(), 0);
        assert!(!c.phase_back().unwrap());
        // The history is unchanged: forward again replays the same three
        // steps (recorded), phase by phase, to the same model.
        for (i, was) in seen.iter().enumerate() {
            c.phase().unwrap();
            c.frame(2000.0 + i as f64).unwrap();
            assert_eq!(&shown(&c), was, "forward again to phase {i}");
        }
        assert!(!c.in_the_past());
        assert_eq!(c.history_last(), 3);
    }

    #[test]
    fn a_click_spotlights_a_bulb_and_a_second_click_ends_it() {
        let mut c = controller("layers=4");
        let bulb = Some(Hit::Neuron { layer: 1, index: 2 });
        assert_eq!(c.spotlight(bulb), Some((1, 2)));
        assert_eq!(c.scene().spotlight, Some((1, 2)));
        assert_eq!(c.scene().selected, bulb);
        assert_eq!(c.spotlight(bulb), None);
        assert_eq!(c.scene().selected, None);
        c.spotlight(bulb);
        assert_eq!(c.spotlight(None), None);
        assert_eq!(c.scene().spotlight, None);
    }
}
