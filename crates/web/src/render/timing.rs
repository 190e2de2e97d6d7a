//! Animation timing: easing, staggering and what is lit in each phase.
//! Pure functions of the scene's phase and progress `t`.

use crate::scene::Phase;

/// `v` clamped to 0..=1 (NaN → 0).
pub fn clamp01(v: f64) -> f64 {
    if v.is_nan() {
        0.0
    } else {
        v.clamp(0.0, 1.0)
    }
}

/// Smooth cubic ease-in-out on 0..=1.
pub fn ease(t: f64) -> f64 {
    let t = clamp01(t);
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        1.0 - (-2.0 * t + 2.0).powi(3) * 0.5
    }
}

/// Progress of `t` through the window `start..start + len`, clamped.
pub fn window(t: f64, start: f64, len: f64) -> f64 {
    if len <= 0.0 {
        return if t >= start { 1.0 } else { 0.0 };
    }
    clamp01((t - start) / len)
}

/// When neuron `index` of `n` starts lighting (its signals arrive), as a
/// fraction of the phase: staggered top to bottom between 0.35 and 0.8.
pub fn arrival(index: usize, n: usize) -> f64 {
    if n <= 1 {
        0.55
    } else {
        0.35 + 0.45 * index as f64 / (n - 1) as f64
    }
}

/// How long a pulse travels along a wire, as a fraction of the phase.
pub const TRAVEL: f64 = 0.35;
/// How long a bulb takes to reach full glow after its signals arrive.
pub const RAMP: f64 = 0.2;

/// How lit neuron `index` of `layer` (of `n`) is: 0 = dark, 1 = showing
/// its value. In `Forward(l)` earlier layers are lit, layer `l` lights up
/// neuron by neuron and later layers are still dark.
pub fn lit(phase: Phase, t: f64, layer: usize, index: usize, n: usize) -> f64 {
    match phase {
        Phase::Forward(l) if layer > l => 0.0,
        Phase::Forward(l) if layer == l && layer == 0 => ease(window(t, 0.0, 0.3)),
        Phase::Forward(l) if layer == l => ease(window(t, arrival(index, n), RAMP)),
        _ => 1.0,
    }
}

/// Position (0 = source, 1 = destination) of the forward pulse into
/// neuron `to` of `n`, or `None` when no pulse is on that wire now.
pub fn forward_pulse(t: f64, to: usize, n: usize) -> Option<f64> {
    let end = arrival(to, n);
    let p = window(t, end - TRAVEL, TRAVEL);
    (p > 0.0 && p < 1.0).then_some(p)
}

/// How far the δ ring of neuron layer `layer` has grown (0..=1), and the
/// opacity it is shown with. Rings appear in `Backward(l)`, stay (dimmer)
/// for the following backward phases and fade out during `Update`.
pub fn ring(phase: Phase, t: f64, layer: usize) -> (f64, f64) {
    match phase {
        Phase::Backward(l) if layer == l => (ease(window(t, 0.0, 0.3)), 1.0),
        Phase::Backward(l) if layer > l => (1.0, 0.55),
        Phase::Update => (1.0, 0.55 * (1.0 - ease(t))),
        _ => (0.0, 0.0),
    }
}

/// Position (0 = right end at layer `m + 1`, 1 = left end at layer `m`) of
/// the backward pulse leaving neuron `from_right` of `n` in `Backward(m+1)`,
/// or `None` when no pulse is on that wire now.
pub fn backward_pulse(t: f64, from_right: usize, n: usize) -> Option<f64> {
    // Pulses leave after the ring has appeared, staggered like arrivals.
    let start = 0.25
        + 0.3
            * if n <= 1 {
                0.5
            } else {
                from_right as f64 / (n - 1) as f64
            };
    let p = window(t, start, 0.4);
    (p > 0.0 && p < 1.0).then_some(p)
}

/// How strongly the ∂L/∂w overlay of weight matrix `m` shows (0..=1):
/// it builds up as the backward pulses pass, stays for later backward
/// phases and fades during the update.
pub fn grad_overlay(phase: Phase, t: f64, m: usize) -> f64 {
    match phase {
        Phase::Backward(l) if m + 1 == l => ease(window(t, 0.45, 0.5)),
        Phase::Backward(l) if m + 1 > l => 1.0,
        Phase::Update => 1.0 - ease(window(t, 0.0, 0.7)),
        _ => 0.0,
    }
}

/// How far the wires have moved from previous to new weights (0..=1).
pub fn update_mix(phase: Phase, t: f64) -> f64 {
    match phase {
        Phase::Update => ease(t),
        _ => 1.0,
    }
}

/// Brightness factor of the wires of matrix `m` during the forward pass:
/// wires not yet reached are dimmed so the eye follows the signal.
pub fn wire_presence(phase: Phase, t: f64, m: usize) -> f64 {
    match phase {
        Phase::Forward(l) if m + 1 > l => 0.25,
        Phase::Forward(l) if m + 1 == l => 0.25 + 0.75 * ease(window(t, 0.0, 0.5)),
        _ => 1.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ease_is_monotone_and_pinned() {
        assert_eq!(ease(0.0), 0.0);
        assert_eq!(ease(1.0), 1.0);
        assert_eq!(ease(f64::NAN), 0.0);
        let mut prev = 0.0;
        for k in 0..=100 {
            let e = ease(f64::from(k) / 100.0);
            assert!(e >= prev);
            prev = e;
        }
    }

    #[test]
    fn forward_lights_layers_in_order() {
        let ph = Phase::Forward(2);
        assert_eq!(lit(ph, 0.0, 1, 0, 8), 1.0);
        assert_eq!(lit(ph, 1.0, 3, 0, 8), 0.0);
        assert_eq!(lit(ph, 0.0, 2, 0, 8), 0.0);
        assert_eq!(lit(ph, 1.0, 2, 7, 8), 1.0);
        // Top neuron lights before the bottom one.
        assert!(lit(ph, 0.5, 2, 0, 8) > lit(ph, 0.5, 2, 7, 8));
        assert_eq!(lit(Phase::Idle, 0.0, 5, 0, 1), 1.0);
        assert_eq!(lit(Phase::Forward(0), 0.0, 0, 0, 2), 0.0);
        assert_eq!(lit(Phase::Forward(0), 1.0, 0, 0, 2), 1.0);
    }

    #[test]
    fn pulses_arrive_before_bulbs_light() {
        for n in [1, 2, 16] {
            for j in 0..n {
                let a = arrival(j, n);
                assert!(forward_pulse(a - 0.01, j, n).is_some());
                assert!(forward_pulse(a + 0.01, j, n).is_none());
                assert!(a + RAMP <= 1.0);
            }
        }
        assert!(backward_pulse(0.0, 0, 4).is_none());
        assert!(backward_pulse(0.5, 0, 4).is_some());
    }

    #[test]
    fn rings_and_overlays_follow_phases() {
        assert_eq!(ring(Phase::Backward(3), 1.0, 3), (1.0, 1.0));
        assert_eq!(ring(Phase::Backward(2), 0.5, 3).0, 1.0);
        assert_eq!(ring(Phase::Backward(3), 0.5, 2), (0.0, 0.0));
        assert_eq!(ring(Phase::Idle, 0.5, 2), (0.0, 0.0));
        assert_eq!(grad_overlay(Phase::Backward(2), 1.0, 1), 1.0);
        assert_eq!(grad_overlay(Phase::Backward(2), 0.0, 1), 0.0);
        assert_eq!(grad_overlay(Phase::Update, 1.0, 0), 0.0);
        assert_eq!(update_mix(Phase::Update, 0.0), 0.0);
        assert_eq!(update_mix(Phase::Loss, 0.0), 1.0);
    }
}
