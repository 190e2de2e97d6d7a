//! Canvas gradients created once and reused: they are defined in unit
//! space and placed with a transform, so one gradient serves every bulb.

use wasm_bindgen::JsValue;
use web_sys::{CanvasGradient, CanvasRenderingContext2d};

/// The cached gradients.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grad {
    /// Warm halo around a positive bulb, radius 1.
    HaloWarm,
    /// Cool halo around a negative bulb, radius 1.
    HaloCool,
    /// Glass shading (highlight, dark rim) of the globe, radius 1.
    Glass,
    /// Hot core inside a lit positive bulb.
    CoreWarm,
    /// Hot core inside a lit negative bulb.
    CoreCool,
    /// Brushed metal of the screw base, x in −0.5..0.5.
    Metal,
    /// Pulse of a positive signal (warm).
    PulseWarm,
    /// Pulse of a negative signal (cool).
    PulseCool,
    /// Pulse of a positive gradient (magenta).
    PulseGradPos,
    /// Pulse of a negative gradient (mint).
    PulseGradNeg,
}

const COUNT: usize = 10;

impl Grad {
    fn slot(self) -> usize {
        self as usize
    }
}

/// Lazily created gradients plus the size-dependent background.
#[derive(Debug, Default)]
pub struct Gradients {
    slots: [Option<CanvasGradient>; COUNT],
    stage: Option<(f64, f64, CanvasGradient)>,
}

type Stops = &'static [(f32, &'static str)];

fn stops(g: &CanvasGradient, stops: Stops) -> Result<(), JsValue> {
    for &(offset, colour) in stops {
        g.add_color_stop(offset, colour)?;
    }
    Ok(())
}

fn radial(
    ctx: &CanvasRenderingContext2d,
    (x0, y0, r0): (f64, f64, f64),
    r1: f64,
    s: Stops,
) -> Result<CanvasGradient, JsValue> {
    let g = ctx.create_radial_gradient(x0, y0, r0, 0.0, 0.0, r1)?;
    stops(&g, s)?;
    Ok(g)
}

fn pulse(ctx: &CanvasRenderingContext2d, s: Stops) -> Result<CanvasGradient, JsValue> {
    radial(ctx, (0.0, 0.0, 0.0), 1.0, s)
}

fn create(ctx: &CanvasRenderingContext2d, key: Grad) -> Result<CanvasGradient, JsValue> {
    match key {
        Grad::HaloWarm => radial(
            ctx,
            (0.0, 0.0, 0.0),
            1.0,
            &[
                (0.0, "rgba(255,220,140,1)"),
                (0.28, "rgba(255,178,72,0.5)"),
                (0.6, "rgba(255,140,40,0.14)"),
                (1.0, "rgba(255,120,30,0)"),
            ],
        ),
        Grad::HaloCool => radial(
            ctx,
            (0.0, 0.0, 0.0),
            1.0,
            &[
                (0.0, "rgba(160,205,255,1)"),
                (0.28, "rgba(80,150,255,0.5)"),
                (0.6, "rgba(50,110,255,0.14)"),
                (1.0, "rgba(40,90,255,0)"),
            ],
        ),
        Grad::Glass => radial(
            ctx,
            (-0.38, -0.42, 0.02),
            1.25,
            &[
                (0.0, "rgba(255,255,255,0.55)"),
                (0.18, "rgba(255,255,255,0.16)"),
                (0.5, "rgba(255,255,255,0)"),
                (0.82, "rgba(0,0,0,0.12)"),
                (1.0, "rgba(0,0,0,0.45)"),
            ],
        ),
        Grad::CoreWarm => radial(
            ctx,
            (0.0, 0.15, 0.0),
            1.0,
            &[
                (0.0, "rgba(255,255,240,1)"),
                (0.35, "rgba(255,240,190,0.6)"),
                (1.0, "rgba(255,200,110,0)"),
            ],
        ),
        Grad::CoreCool => radial(
            ctx,
            (0.0, 0.15, 0.0),
            1.0,
            &[
                (0.0, "rgba(240,250,255,1)"),
                (0.35, "rgba(180,215,255,0.6)"),
                (1.0, "rgba(90,150,255,0)"),
            ],
        ),
        Grad::Metal => {
            let g = ctx.create_linear_gradient(-0.5, 0.0, 0.5, 0.0);
            stops(
                &g,
                &[
                    (0.0, "#3a3d44"),
                    (0.22, "#9aa0aa"),
                    (0.4, "#d8dce2"),
                    (0.62, "#7d828c"),
                    (1.0, "#2e3036"),
                ],
            )?;
            Ok(g)
        }
        Grad::PulseWarm => pulse(
            ctx,
            &[
                (0.0, "rgba(255,250,230,1)"),
                (0.3, "rgba(255,180,80,0.85)"),
                (1.0, "rgba(255,140,40,0)"),
            ],
        ),
        Grad::PulseCool => pulse(
            ctx,
            &[
                (0.0, "rgba(235,245,255,1)"),
                (0.3, "rgba(100,170,255,0.85)"),
                (1.0, "rgba(60,120,255,0)"),
            ],
        ),
        Grad::PulseGradPos => pulse(
            ctx,
            &[
                (0.0, "rgba(255,235,250,1)"),
                (0.3, "rgba(255,84,214,0.85)"),
                (1.0, "rgba(255,60,200,0)"),
            ],
        ),
        Grad::PulseGradNeg => pulse(
            ctx,
            &[
                (0.0, "rgba(235,255,245,1)"),
                (0.3, "rgba(64,240,168,0.85)"),
                (1.0, "rgba(40,220,150,0)"),
            ],
        ),
    }
}

impl Gradients {
    /// Sets `key` as the fill style, creating it on first use.
    pub fn fill(&mut self, ctx: &CanvasRenderingContext2d, key: Grad) -> Result<(), JsValue> {
        let slot = self
            .slots
            .get_mut(key.slot())
            .ok_or_else(|| JsValue::from_str("gradient slot out of range"))?;
        if slot.is_none() {
            *slot = Some(create(ctx, key)?);
        }
        if let Some(g) = slot {
            ctx.set_fill_style_canvas_gradient(g);
        }
        Ok(())
    }

    /// Sets the stage background (a soft spotlight from above) as the fill
    /// style, in CSS px for a `w` × `h` canvas; recreated only on resize.
    pub fn stage(&mut self, ctx: &CanvasRenderingContext2d, w: f64, h: f64) -> Result<(), JsValue> {
        let stale = !matches!(&self.stage, Some((sw, sh, _)) if *sw == w && *sh == h);
        if stale {
            let r = w.hypot(h) * 0.62;
            let g = ctx.create_radial_gradient(w * 0.5, h * 0.38, 0.0, w * 0.5, h * 0.38, r)?;
            stops(
                &g,
                &[
                    (0.0, "#1a1f2c"),
                    (0.45, "#12151e"),
                    (0.8, "#0a0c12"),
                    (1.0, "#050609"),
                ],
            )?;
            self.stage = Some((w, h, g));
        }
        if let Some((_, _, g)) = &self.stage {
            ctx.set_fill_style_canvas_gradient(g);
        }
        Ok(())
    }
}
