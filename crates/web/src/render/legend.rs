//! The legend band: glow scale (negative ← 0 → positive), weight colours,
//! gradient colours (δ rings and ∂L/∂w pulses), and the loss once computed.
//! No entry is ever dropped for lack of room: see [`plan`].

use wasm_bindgen::JsValue;

use super::bulb::draw_bulb;
use super::frame::Frame;
use super::number::push_value;
use super::paint::{css_space, text_width, Font, Scratch};
use super::sprites::BulbSprites;
use crate::color::{grad_color, weight_color, Rgba};
use crate::glow::glow_normalized;
use crate::layout::Point;
use crate::scene::Phase;

const TEXT: Rgba = Rgba {
    r: 160.0,
    g: 170.0,
    b: 190.0,
    a: 0.8,
};

/// The words of the legend's entries, from the most to the least room.
const TIERS: [[&str; 5]; 3] = [
    [
        "activation",
        "weight > 0",
        "weight < 0",
        "gradient > 0",
        "gradient < 0",
    ],
    ["activation", "w > 0", "w < 0", "∂ > 0", "∂ < 0"],
    ["a", "w+", "w−", "∂+", "∂−"],
];

/// What the legend explains, in the order drawn: the glow scale (the five
/// bulbs), positive and negative weights, positive and negative gradients
/// (δ rings and ∂L/∂w pulses share these colours).
pub const ENTRIES: [&str; 5] = TIERS[0];

/// The words drawn for the entries of a plan's tier.
pub fn words(tier: usize) -> [&'static str; 5] {
    TIERS.get(tier).copied().unwrap_or(TIERS[2])
}

/// Width of the glow scale: "−", five bulbs, "+" (CSS px).
fn scale_width(size: f64, bulb_r: f64, compact: bool) -> f64 {
    let step = bulb_r * if compact { 2.5 } else { 2.9 };
    size * 0.9 + bulb_r + 5.0 * step - (step - bulb_r - 4.0) + size * 0.9 + 4.0
}

/// How the legend fits its band: the words used and whether the loss
/// value still has room beside them. Every entry is always drawn: the
/// words get shorter first, then the loss gives way, then the font shrinks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LegendPlan {
    /// Index into the tiers of words (0 = full words).
    pub tier: usize,
    /// Whether the loss is drawn at the right.
    pub loss: bool,
    /// The font size used.
    pub size: f64,
    /// The width the entries take.
    pub width: f64,
}

/// Width of the entries in `tier` at `size` (CSS px).
fn entries_width(tier: usize, size: f64, bulb_r: f64) -> f64 {
    let words = TIERS.get(tier).copied().unwrap_or(TIERS[2]);
    let compact = tier > 0;
    let mut w = 4.0 + scale_width(size, bulb_r, compact);
    w += if tier == 2 { 8.0 } else { 0.0 };
    for (i, word) in words.iter().enumerate() {
        if i == 0 {
            if tier < 2 {
                w += text_width(word, size) + 16.0;
            }
            continue;
        }
        w += 30.0 + text_width(word, size);
    }
    w
}

/// Plans the legend for a band `band_w` wide at font `size`, with bulbs of
/// radius `bulb_r`, and a loss label `loss_w` wide (0 for none).
pub fn plan(band_w: f64, size: f64, bulb_r: f64, loss_w: f64) -> LegendPlan {
    let gap = if loss_w > 0.0 { loss_w + 14.0 } else { 0.0 };
    for loss in [true, false] {
        if !loss && loss_w <= 0.0 {
            break;
        }
        for tier in 0..TIERS.len() {
            let width = entries_width(tier, size, bulb_r);
            let room = band_w - if loss { gap } else { 0.0 };
            if width <= room {
                return LegendPlan {
                    tier,
                    loss: loss && loss_w > 0.0,
                    size,
                    width,
                };
            }
        }
    }
    // Still too wide: the shortest words at a smaller font (down to half).
    let mut k = 1.0;
    while k > 0.5 && entries_width(2, size * k, bulb_r * k) > band_w {
        k -= 0.05;
    }
    LegendPlan {
        tier: 2,
        loss: false,
        size: size * k,
        width: entries_width(2, size * k, bulb_r * k),
    }
}

/// Draws a swatch line and its label at `at`; returns the x after it.
fn swatch(
    f: &Frame,
    s: &mut Scratch,
    at: Point,
    c: Rgba,
    label: &str,
    size: f64,
) -> Result<f64, JsValue> {
    let (x, y) = (at.x, at.y);
    let end = x + 20.0 + text_width(label, size);
    let ctx = f.ctx;
    s.stroke(ctx, c);
    ctx.set_line_width(3.0);
    ctx.begin_path();
    ctx.move_to(x, y);
    ctx.line_to(x + 16.0, y);
    ctx.stroke();
    s.text_fill(ctx, TEXT);
    ctx.fill_text(label, x + 20.0, y)?;
    Ok(end + 10.0)
}

/// Draws the legend into the layout's legend band; returns the plan used.
pub fn draw_legend(
    f: &Frame,
    sprites: &mut BulbSprites,
    s: &mut Scratch,
    font: &mut Font,
) -> Result<LegendPlan, JsValue> {
    let ctx = f.ctx;
    let band = f.layout.legend();
    let y = band.y + band.h * 0.5;

    // The loss, right-aligned, once it has been computed.
    let loss_shown = matches!(
        f.scene.phase,
        Phase::Loss | Phase::Backward(_) | Phase::Update
    );
    let base = f.layout.legend_font();
    s.text.clear();
    let loss_w = match (loss_shown, f.scene.loss) {
        (true, Some(loss)) => {
            s.text.push_str("loss ");
            push_value(&mut s.text, loss);
            text_width(&s.text, base + 1.0)
        }
        _ => 0.0,
    };
    let bulb_r0 = (band.h * 0.26).min(7.0);
    let p = plan(band.w - 4.0, base, bulb_r0, loss_w);
    let size = p.size;
    let bulb_r = bulb_r0 * (size / base);
    let compact = p.tier > 0;
    let words = TIERS.get(p.tier).copied().unwrap_or(TIERS[2]);

    if p.loss {
        let right = band.x + band.w - 4.0;
        css_space(ctx, f.dpr)?;
        font.apply(ctx, base + 1.0, 600);
        ctx.set_text_baseline("middle");
        ctx.set_text_align("right");
        s.text_fill(ctx, Rgba::rgb(236.0, 226.0, 240.0).with_alpha(0.9));
        ctx.fill_text(&s.text, right, y)?;
    }

    // Glow scale: five small bulbs from −1 to +1.
    let step = bulb_r * if compact { 2.5 } else { 2.9 };
    let mut x = band.x + 4.0;
    font.apply(ctx, size, 500);
    ctx.set_text_baseline("middle");
    ctx.set_text_align("left");
    css_space(ctx, f.dpr)?;
    s.text_fill(ctx, TEXT);
    ctx.fill_text("−", x, y)?;
    x += size * 0.9 + bulb_r;
    for k in -2..=2 {
        let glow = glow_normalized(f64::from(k) * 0.5);
        let c = Point::new(x, y - bulb_r * 0.2);
        draw_bulb(ctx, sprites, f.dpr, c, bulb_r, &glow)?;
        x += step;
    }
    css_space(ctx, f.dpr)?;
    font.apply(ctx, size, 500);
    ctx.set_text_baseline("middle");
    ctx.set_text_align("left");
    s.text_fill(ctx, TEXT);
    x -= step - bulb_r - 4.0;
    ctx.fill_text("+", x, y)?;
    x += size * 0.9 + 4.0;
    if p.tier < 2 {
        ctx.fill_text(words[0], x, y)?;
        x += text_width(words[0], size) + 16.0;
    } else {
        x += 8.0;
    }

    let w = f.w_scale;
    let colours = [
        weight_color(w, w),
        weight_color(-w, w),
        grad_color(1.0, 1.0),
        grad_color(-1.0, 1.0),
    ];
    for (c, label) in colours.into_iter().zip(words.iter().skip(1)) {
        x = swatch(f, s, Point::new(x, y), c, label, size)?;
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_fits_at_every_width() {
        // From a phone's network canvas (about 340 px) to a wide desktop.
        let mut w = 300.0;
        while w <= 2000.0 {
            let size = crate::layout::legend_font(w);
            for loss_w in [
                0.0,
                text_width("loss 0.55", size + 1.0),
                text_width("loss 320M", size + 1.0),
            ] {
                let p = plan(w - 4.0, size, 7.0, loss_w);
                assert!(p.width <= w - 4.0 + 1e-9, "{w}: {p:?}");
                if p.loss {
                    assert!(p.width + loss_w + 14.0 <= w - 4.0 + 1e-9, "{w}: {p:?}");
                }
            }
            w += 10.0;
        }
    }

    #[test]
    fn words_shorten_before_the_loss_goes() {
        let size = 12.0;
        let loss_w = text_width("loss 0.55", size + 1.0);
        let wide = plan(1800.0, size, 7.0, loss_w);
        assert_eq!((wide.tier, wide.loss), (0, true));
        // A band just too narrow for the full words beside the loss: shorter
        // words, the loss kept.
        let full = entries_width(0, size, 7.0);
        let p = plan(full + loss_w + 10.0, size, 7.0, loss_w);
        assert_eq!((p.tier, p.loss), (1, true));
        // The narrowest: the shortest words, smaller, no loss; nothing dropped.
        let p = plan(260.0, 10.0, 7.0, loss_w);
        assert_eq!((p.tier, p.loss), (2, false));
        assert!(p.size < 10.0);
    }
}
