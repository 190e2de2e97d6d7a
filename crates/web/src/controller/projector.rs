//! Projector mode's two decisions: the spotlight on one bulb, and a
//! presentation clicker's "back one phase" (PageUp; PageDown is
//! [`Controller::phase`]).

use super::{ControlError, Controller};
use crate::hit::Hit;
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

    /// Goes back one phase within the step under way: the step starts
    /// again from the same state and runs to the phase before the one on
    /// screen, which is shown as if just played. Between steps (or at a
    /// past step of the history) there is no phase to go back to: returns
    /// `false` and the narration says so; the history slider shows earlier
    /// steps. On error nothing changes.
    pub fn phase_back(&mut self) -> Result<bool, ControlError> {
        let done = self.phases_done();
        if done == 0 || self.session.in_the_past() {
            self.say_text(format!(
                "Step {} is complete: there is no phase to go back to. The history under the loss chart shows earlier steps.",
                self.session.steps()
            ));
            return Ok(false);
        }
        self.session.seek(self.session.steps())?;
        self.playing = false;
        self.timeline.continuous = false;
        self.finish_animation();
        self.touch();
        if done == 1 {
            self.say_text(format!(
                "Back before step {}: press Phase (or PageDown) for its first phase.",
                self.session.steps() + 1
            ));
            return Ok(true);
        }
        for _ in 0..done - 1 {
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
        // Between steps there is nothing to go back to.
        assert!(!c.phase_back().unwrap());
        assert!(c.narration().contains("no phase to go back to"));
        // Forward again: the same step, to its update.
        for _ in 0..8 {
            c.phase().unwrap();
        }
        assert_eq!(c.steps(), 1);
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
