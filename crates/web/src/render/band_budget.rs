//! Which stale wire bands are redrawn this frame. Stroking a band is the
//! costliest part of a frame on a large network (a software canvas strokes
//! each of its up to 256 curves with anti-aliasing), and while training
//! nearly every band has a wire or two that changed bucket (one level of
//! [`super::wire::WIRE_LEVELS`]) every few frames. While things move:
//!
//! - a band waits until it is [`URGENT`]: its changed wires times the
//!   frames it has waited reach it, so one changed wire waits about a
//!   second and a band where many changed is redrawn at once;
//! - urgent bands share a budget of strokes a frame, the longest waiting
//!   first, at least one a frame.
//!
//! Settled (paused, nothing animating), every stale band is redrawn: the
//! still picture is exact.

/// Wires stroked a frame while things move: one band of a 16 × 16 matrix.
/// A small network's bands all fit.
pub const STROKES_PER_FRAME: usize = 256;

/// Changed wires × frames waited at which a stale band is redrawn while
/// things move.
pub const URGENT: usize = 32;

/// One band's state this frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Need {
    /// Its wires (what a redraw strokes).
    pub wires: usize,
    /// Wires whose bucket differs from the image's (all of them when the
    /// style changed).
    pub changed: usize,
    /// Some wire changed bucket, or the style of all of them changed.
    pub stale: bool,
    /// It has no image yet (a new layout): it is drawn whatever the budget.
    pub blank: bool,
    /// Frames it has been shown stale.
    pub waited: u32,
}

/// Whether a stale band has waited long enough for how much changed.
pub fn urgent(need: &Need) -> bool {
    let frames = usize::try_from(need.waited).unwrap_or(usize::MAX);
    need.stale && need.changed.saturating_mul(frames.saturating_add(1)) >= URGENT
}

/// Marks in `out` (one per band in `needs`) the bands to redraw: with no
/// `budget` (settled) every stale or blank band; else every blank band, then
/// [`urgent`] bands by longest wait (lower index first on a tie) while their
/// wires fit the budget, and always at least the one that waited longest.
pub fn choose(needs: &[Need], budget: Option<usize>, out: &mut Vec<bool>) {
    out.clear();
    out.extend(
        needs
            .iter()
            .map(|n| n.blank || (n.stale && budget.is_none())),
    );
    let Some(budget) = budget else {
        return;
    };
    let mut spent: usize = needs.iter().filter(|n| n.blank).map(|n| n.wires).sum();
    let mut any = needs.iter().any(|n| n.blank);
    // Few bands (at most one per weight matrix): picking the longest wait
    // again each time is cheap and needs no buffer.
    loop {
        let next = needs
            .iter()
            .enumerate()
            .filter(|&(i, n)| urgent(n) && !out.get(i).copied().unwrap_or(true))
            .max_by(|(i, a), (j, b)| a.waited.cmp(&b.waited).then(j.cmp(i)));
        let Some((i, n)) = next else {
            return;
        };
        if any && spent.saturating_add(n.wires) > budget {
            return;
        }
        if let Some(o) = out.get_mut(i) {
            *o = true;
        }
        spent = spent.saturating_add(n.wires);
        any = true;
    }
}

/// The wait of a band after this frame: 0 once redrawn or when fresh, one
/// frame more when left stale.
pub fn waited_after(need: &Need, redrawn: bool) -> u32 {
    if need.stale && !redrawn {
        need.waited.saturating_add(1)
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stale(wires: usize, waited: u32) -> Need {
        Need {
            wires,
            changed: wires,
            stale: true,
            blank: false,
            waited,
        }
    }

    fn fresh(wires: usize) -> Need {
        Need {
            wires,
            ..Need::default()
        }
    }

    fn chosen(needs: &[Need], budget: Option<usize>) -> Vec<bool> {
        let mut out = vec![true; 3];
        choose(needs, budget, &mut out);
        out
    }

    #[test]
    fn settled_redraws_every_stale_band() {
        let needs = [stale(256, 0), fresh(256), stale(256, 4), stale(16, 0)];
        assert_eq!(chosen(&needs, None), [true, false, true, true]);
    }

    #[test]
    fn moving_redraws_the_longest_waiting_bands_that_fit() {
        let needs = [stale(256, 0), fresh(256), stale(256, 4), stale(16, 2)];
        assert_eq!(chosen(&needs, Some(256)), [false, false, true, false]);
        assert_eq!(chosen(&needs, Some(272)), [false, false, true, true]);
        assert_eq!(chosen(&needs, Some(10_000)), [true, false, true, true]);
        // A tie goes to the lower index.
        let tie = [stale(256, 1), stale(256, 1)];
        assert_eq!(chosen(&tie, Some(256)), [true, false]);
    }

    #[test]
    fn one_band_is_redrawn_even_over_budget() {
        let needs = [stale(300, 0), stale(300, 1)];
        assert_eq!(chosen(&needs, Some(256)), [false, true]);
        assert_eq!(chosen(&needs, Some(0)), [false, true]);
    }

    #[test]
    fn blank_bands_are_always_drawn_and_spend_the_budget() {
        let blank = Need {
            wires: 200,
            changed: 0,
            stale: true,
            blank: true,
            waited: 0,
        };
        let needs = [blank, stale(100, 3)];
        assert_eq!(chosen(&needs, Some(256)), [true, false]);
        assert_eq!(chosen(&needs, Some(300)), [true, true]);
    }

    #[test]
    fn nothing_stale_redraws_nothing() {
        let needs = [fresh(256), fresh(16)];
        assert_eq!(chosen(&needs, Some(256)), [false, false]);
        assert_eq!(chosen(&needs, None), [false, false]);
        assert_eq!(chosen(&[], Some(256)), Vec::<bool>::new());
    }

    #[test]
    fn every_band_is_redrawn_within_as_many_frames_as_bands() {
        // Every band stale every frame (training), one band's worth of budget.
        let mut needs: Vec<Need> = (0..9).map(|_| stale(256, 0)).collect();
        let mut last = vec![0usize; needs.len()];
        let mut out = Vec::new();
        for frame in 1..=40 {
            choose(&needs, Some(STROKES_PER_FRAME), &mut out);
            assert_eq!(out.iter().filter(|&&r| r).count(), 1, "frame {frame}");
            for (i, (n, &r)) in needs.iter_mut().zip(&out).enumerate() {
                n.waited = waited_after(n, r);
                if r {
                    last[i] = frame;
                }
                if frame >= 9 {
                    assert!(frame - last[i] < 9, "band {i} at frame {frame}");
                }
            }
        }
    }

    #[test]
    fn a_band_with_few_changes_waits_longer() {
        let few = |changed, waited| Need {
            wires: 256,
            changed,
            stale: true,
            blank: false,
            waited,
        };
        // One changed wire waits URGENT - 1 frames, four a quarter of that.
        assert!(!urgent(&few(1, 0)) && !urgent(&few(1, 30)) && urgent(&few(1, 31)));
        assert!(!urgent(&few(4, 6)) && urgent(&few(4, 7)));
        assert!(urgent(&few(32, 0)));
        assert!(!urgent(&fresh(256)) && !urgent(&few(0, u32::MAX)));
        assert!(urgent(&few(usize::MAX, u32::MAX)));
        let needs = [few(1, 3), few(40, 0)];
        assert_eq!(chosen(&needs, Some(256)), [false, true]);
        // Settled, a single changed wire is redrawn at once.
        assert_eq!(chosen(&needs, None), [true, true]);
        // A band that is not urgent is not drawn just to use the frame.
        assert_eq!(chosen(&[few(1, 3)], Some(256)), [false]);
    }

    #[test]
    fn waits_grow_only_while_stale_and_left() {
        assert_eq!(waited_after(&stale(1, 3), false), 4);
        assert_eq!(waited_after(&stale(1, 3), true), 0);
        assert_eq!(waited_after(&fresh(1), false), 0);
        assert_eq!(waited_after(&stale(1, u32::MAX), false), u32::MAX);
    }
}
