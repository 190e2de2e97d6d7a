//! The legend band: glow scale (negative ← 0 → positive), wire colours,
//! gradient colours while backprop is on screen, and the loss.

use wasm_bindgen::JsValue;

use super::bulb::draw_bulb;
use super::frame::Frame;
use super::number::push_value;
use super::paint::{css_space, text_width, Font, Scratch};
use super::sprites::BulbSprites;
use crate::color::{grad_color, weight_color, Rgba};
use crate::glow::glow_normalized;
use crate::layout::{legend_font, Point};
use crate::scene::Phase;

const TEXT: Rgba = Rgba {
    r: 160.0,
    g: 170.0,
    b: 190.0,
    a: 0.8,
};

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
    s.fill(ctx, TEXT);
    ctx.fill_text(label, x + 20.0, y)?;
    Ok(end + 10.0)
}

/// Draws two swatches (positive, negative) if both fit before `limit`;
/// returns the x after them (unchanged when skipped).
fn pair(
    f: &Frame,
    s: &mut Scratch,
    at: Point,
    limit: f64,
    colours: [Rgba; 2],
    labels: [&str; 2],
    size: f64,
) -> Result<f64, JsValue> {
    let need: f64 = labels.iter().map(|l| 30.0 + text_width(l, size)).sum();
    if at.x + need - 10.0 > limit {
        return Ok(at.x);
    }
    let mut x = at.x;
    for (c, l) in colours.into_iter().zip(labels) {
        x = swatch(f, s, Point::new(x, at.y), c, l, size)?;
    }
    Ok(x)
}

/// Draws the legend into the layout's legend band.
pub fn draw_legend(
    f: &Frame,
    sprites: &mut BulbSprites,
    s: &mut Scratch,
    font: &mut Font,
) -> Result<(), JsValue> {
    let ctx = f.ctx;
    let band = f.layout.legend();
    let size = legend_font(f.layout.width());
    let y = band.y + band.h * 0.5;
    let compact = band.w < 560.0;

    // The loss, right-aligned, once it has been computed; the other items
    // give way to it on narrow screens.
    let mut limit = band.x + band.w;
    let loss_shown = matches!(
        f.scene.phase,
        Phase::Loss | Phase::Backward(_) | Phase::Update
    );
    if let (true, Some(loss)) = (loss_shown, f.scene.loss) {
        s.text.clear();
        s.text.push_str("loss ");
        push_value(&mut s.text, loss);
        let right = band.x + band.w - 4.0;
        let w = text_width(&s.text, size + 1.0);
        limit = right - w - 10.0;
        css_space(ctx, f.dpr)?;
        font.apply(ctx, size + 1.0, 600);
        ctx.set_text_baseline("middle");
        ctx.set_text_align("right");
        s.fill(ctx, Rgba::rgb(236.0, 226.0, 240.0).with_alpha(0.9));
        ctx.fill_text(&s.text, right, y)?;
    }

    // Glow scale: five small bulbs from −1 to +1.
    let bulb_r = (band.h * 0.26).min(7.0);
    let step = bulb_r * if compact { 2.5 } else { 2.9 };
    let mut x = band.x + 4.0;
    font.apply(ctx, size, 500);
    ctx.set_text_baseline("middle");
    ctx.set_text_align("left");
    css_space(ctx, f.dpr)?;
    s.fill(ctx, TEXT);
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
    s.fill(ctx, TEXT);
    x -= step - bulb_r - 4.0;
    ctx.fill_text("+", x, y)?;
    x += size * 0.9 + 4.0;
    if !compact {
        ctx.fill_text("activation", x, y)?;
        x += text_width("activation", size) + 16.0;
    } else {
        x += 8.0;
    }

    let w = f.w_scale;
    let weights = if compact {
        ["w+", "w−"]
    } else {
        ["weight > 0", "weight < 0"]
    };
    let colours = [weight_color(w, w), weight_color(-w, w)];
    x = pair(f, s, Point::new(x, y), limit, colours, weights, size)?;

    let backprop = matches!(f.scene.phase, Phase::Backward(_) | Phase::Update);
    if backprop && f.scene.grad_w(0).is_some() {
        let grads = if compact {
            ["∂+", "∂−"]
        } else {
            ["gradient > 0", "gradient < 0"]
        };
        let colours = [grad_color(1.0, 1.0), grad_color(-1.0, 1.0)];
        pair(f, s, Point::new(x, y), limit, colours, grads, size)?;
    }
    Ok(())
}
