//! How brightly a lightbulb glows for an activation value.
//!
//! The activation is first normalized by its layer's range into -1..=1,
//! then mapped to a glass colour, a filament colour and a halo. Positive
//! values glow warm yellow-white, negative values cool blue, zero is a dark
//! grey glass bulb. NaN is treated as 0; nothing here returns NaN.

use crate::color::{lerp, unit, Rgba};

/// The activation function of a layer, as far as glow normalization cares.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ActivationKind {
    /// Range 0..=1.
    Sigmoid,
    /// Range -1..=1.
    Tanh,
    /// Range 0..=layer max.
    Relu,
    /// Range ±layer max |a|.
    LeakyRelu,
    /// Range ±layer max |a|.
    Linear,
    /// Range 0..=1.
    Softmax,
    /// An input feature with its known value range `lo..=hi`; normalized by
    /// the larger of |lo| and |hi|, so the sign stays visible.
    Input { lo: f64, hi: f64 },
}

/// The look of one bulb.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Glow {
    /// Normalized magnitude in 0..=1 (0 = dark bulb, 1 = full glow).
    pub intensity: f64,
    /// True when the activation is negative (cool hue).
    pub negative: bool,
    /// Fill colour of the glass globe.
    pub glass: Rgba,
    /// Colour of the filament.
    pub filament: Rgba,
    /// Inner colour of the halo (alpha carries the strength).
    pub halo: Rgba,
    /// Halo radius as a multiple of the bulb radius (≥ 1).
    pub halo_scale: f64,
}

/// Dark grey glass of an unlit bulb.
pub const GLASS_OFF: Rgba = Rgba::rgb(38.0, 42.0, 52.0);
/// Warm white-yellow of a fully lit positive bulb.
pub const GLASS_WARM: Rgba = Rgba::rgb(255.0, 226.0, 150.0);
/// Cool blue of a fully lit negative bulb.
pub const GLASS_COOL: Rgba = Rgba::rgb(120.0, 182.0, 255.0);
/// Amber of a half-lit positive bulb.
const GLASS_WARM_MID: Rgba = Rgba::rgb(206.0, 132.0, 48.0);
/// Deep blue of a half-lit negative bulb.
const GLASS_COOL_MID: Rgba = Rgba::rgb(46.0, 104.0, 214.0);
const FILAMENT_OFF: Rgba = Rgba::rgb(86.0, 80.0, 74.0);
const FILAMENT_WARM: Rgba = Rgba::rgb(255.0, 250.0, 228.0);
const FILAMENT_COOL: Rgba = Rgba::rgb(226.0, 242.0, 255.0);
const HALO_WARM: Rgba = Rgba::rgb(255.0, 190.0, 90.0);
const HALO_COOL: Rgba = Rgba::rgb(80.0, 150.0, 255.0);

/// Largest halo, in bulb radii.
pub const HALO_MAX_SCALE: f64 = 3.0;

/// `a` normalized into -1..=1 by the range of `kind`. `layer_max_abs` is the
/// largest |a| in the layer right now (used by unbounded activations).
pub fn normalize(a: f64, kind: ActivationKind, layer_max_abs: f64) -> f64 {
    let a = if a.is_nan() { 0.0 } else { a };
    let scale = match kind {
        ActivationKind::Sigmoid | ActivationKind::Tanh | ActivationKind::Softmax => 1.0,
        ActivationKind::Relu | ActivationKind::LeakyRelu | ActivationKind::Linear => layer_max_abs,
        ActivationKind::Input { lo, hi } => lo.abs().max(hi.abs()),
    };
    if !(scale.is_finite() && scale > 0.0) {
        return if a == 0.0 { 0.0 } else { a.signum() };
    }
    (a / scale).clamp(-1.0, 1.0)
}

/// The glow of activation `a` in a layer of `kind` whose current largest
/// |a| is `layer_max_abs`.
pub fn glow(a: f64, kind: ActivationKind, layer_max_abs: f64) -> Glow {
    glow_normalized(normalize(a, kind, layer_max_abs))
}

/// The glow of an already normalized value `n` in -1..=1 (clamped; NaN → 0).
pub fn glow_normalized(n: f64) -> Glow {
    let n = if n.is_nan() { 0.0 } else { n.clamp(-1.0, 1.0) };
    let intensity = n.abs();
    let negative = n < 0.0;
    // Gamma < 1 so that modest activations are already visibly lit.
    let lit = unit(intensity.powf(0.7));
    let (glass_mid, glass_on, filament_on, halo_on) = if negative {
        (GLASS_COOL_MID, GLASS_COOL, FILAMENT_COOL, HALO_COOL)
    } else {
        (GLASS_WARM_MID, GLASS_WARM, FILAMENT_WARM, HALO_WARM)
    };
    // Off → saturated mid colour → near-white: a filament warming up.
    let glass = if lit < 0.5 {
        lerp(GLASS_OFF, glass_mid, lit * 2.0)
    } else {
        lerp(glass_mid, glass_on, lit * 2.0 - 1.0)
    };
    Glow {
        intensity,
        negative,
        glass,
        filament: lerp(FILAMENT_OFF, filament_on, unit(lit * 1.4)),
        halo: halo_on.with_alpha(lit),
        halo_scale: 1.0 + (HALO_MAX_SCALE - 1.0) * lit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KINDS: [ActivationKind; 7] = [
        ActivationKind::Sigmoid,
        ActivationKind::Tanh,
        ActivationKind::Relu,
        ActivationKind::LeakyRelu,
        ActivationKind::Linear,
        ActivationKind::Softmax,
        ActivationKind::Input { lo: -1.0, hi: 1.0 },
    ];

    #[test]
    fn monotone_in_magnitude() {
        for kind in KINDS {
            let mut prev: Option<Glow> = None;
            for k in 0..=20 {
                let a = f64::from(k) * 0.05;
                let g = glow(a, kind, 1.0);
                if let Some(p) = prev {
                    assert!(g.intensity >= p.intensity, "{kind:?} {a}");
                    assert!(g.halo_scale >= p.halo_scale);
                    assert!(g.halo.a >= p.halo.a);
                    assert!(g.glass.luma() >= p.glass.luma());
                }
                prev = Some(g);
            }
        }
    }

    #[test]
    fn tanh_is_symmetric_with_different_hue() {
        for k in 1..=10 {
            let a = f64::from(k) * 0.1;
            let p = glow(a, ActivationKind::Tanh, 0.0);
            let n = glow(-a, ActivationKind::Tanh, 0.0);
            assert_eq!(p.intensity, n.intensity);
            assert_eq!(p.halo_scale, n.halo_scale);
            assert_eq!(p.halo.a, n.halo.a);
            assert!(!p.negative && n.negative);
            assert!(p.glass.r > p.glass.b, "warm");
            assert!(n.glass.b > n.glass.r, "cool");
        }
    }

    #[test]
    fn clamped_outside_range() {
        assert_eq!(
            glow(5.0, ActivationKind::Tanh, 0.0),
            glow(1.0, ActivationKind::Tanh, 0.0)
        );
        assert_eq!(
            glow(-9.0, ActivationKind::Tanh, 0.0),
            glow(-1.0, ActivationKind::Tanh, 0.0)
        );
        assert_eq!(
            glow(2.0, ActivationKind::Sigmoid, 0.0),
            glow(1.0, ActivationKind::Sigmoid, 0.0)
        );
        assert_eq!(
            glow(7.0, ActivationKind::Relu, 3.0),
            glow(3.0, ActivationKind::Relu, 3.0)
        );
        assert_eq!(
            glow(f64::INFINITY, ActivationKind::Tanh, 0.0).intensity,
            1.0
        );
        let g = glow(3.0, ActivationKind::Relu, 3.0);
        assert_eq!(g.intensity, 1.0);
        assert!(g.halo_scale <= HALO_MAX_SCALE + 1e-12);
    }

    #[test]
    fn relu_normalized_by_layer_max() {
        let half = glow(2.0, ActivationKind::Relu, 4.0);
        assert!((half.intensity - 0.5).abs() < 1e-12);
        // A layer of all zeros: max 0 must not divide by zero.
        assert_eq!(glow(0.0, ActivationKind::Relu, 0.0).intensity, 0.0);
        let i = glow(1.0, ActivationKind::Input { lo: -2.0, hi: 2.0 }, 0.0);
        assert!((i.intensity - 0.5).abs() < 1e-12);
    }

    #[test]
    fn zero_is_dark_and_nan_is_zero() {
        for kind in KINDS {
            let z = glow(0.0, kind, 1.0);
            assert_eq!(z.intensity, 0.0);
            assert_eq!(z.glass, GLASS_OFF);
            assert_eq!(z.halo.a, 0.0);
            assert_eq!(z.halo_scale, 1.0);
            assert_eq!(glow(f64::NAN, kind, 1.0), z);
            assert_eq!(glow(f64::NAN, kind, f64::NAN), z);
        }
        let g = glow_normalized(f64::NAN);
        for v in [g.intensity, g.glass.r, g.halo.a, g.halo_scale, g.filament.g] {
            assert!(v.is_finite());
        }
    }
}
