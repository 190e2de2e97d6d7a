//! Text on the stage: the value under each bulb, input names, and the
//! target/error tags of the Loss phase.

use wasm_bindgen::JsValue;

use super::frame::Frame;
use super::number::{push_value, write_value};
use super::paint::{text_width, Font, Scratch};
use super::timing;
use crate::color::{grad_color, Rgba};
use crate::scene::Phase;

const VALUE: Rgba = Rgba::rgb(214.0, 220.0, 232.0);
const DIM: Rgba = Rgba::rgb(150.0, 160.0, 180.0);

/// Draws the value under every lit bulb (CSS space expected).
pub fn draw_values(f: &Frame, s: &mut Scratch, font: &mut Font) -> Result<(), JsValue> {
    if !f.layout.show_values() {
        return Ok(());
    }
    let ctx = f.ctx;
    font.apply(ctx, f.layout.value_font(), 500);
    ctx.set_text_align("center");
    ctx.set_text_baseline("alphabetic");
    // The colour changes only with how lit a bulb is: set it only then.
    let mut shown = f64::NAN;
    for layer in 0..f.layout.layer_count() {
        let values = f.scene.a(layer).unwrap_or(&[]);
        for (index, (&c, &v)) in f.layout.layer(layer).iter().zip(values).enumerate() {
            let lit = f.lit(layer, index);
            if lit < 0.05 {
                continue;
            }
            if lit != shown {
                shown = lit;
                s.text_fill(ctx, VALUE.with_alpha(0.82 * lit));
            }
            write_value(&mut s.text, v);
            ctx.fill_text(&s.text, c.x, f.layout.value_baseline(c))?;
        }
    }
    Ok(())
}

/// Draws input names ("x₁", "x₁²", "sin x₁", …) left of every input bulb;
/// a name too long for the room there is drawn smaller (down to 7 px).
/// Returns how many names were drawn.
pub fn draw_input_labels(f: &Frame, s: &mut Scratch, font: &mut Font) -> Result<usize, JsValue> {
    let ctx = f.ctx;
    let size = f.layout.input_font();
    font.apply_styled(ctx, size, 400, true);
    ctx.set_text_align("right");
    ctx.set_text_baseline("middle");
    s.text_fill(ctx, DIM.with_alpha(0.9));
    let mut drawn = 0;
    for (i, &c) in f.layout.layer(0).iter().enumerate() {
        let label = f.scene.input_label(i);
        if label.is_empty() {
            continue;
        }
        let width = text_width(label, size);
        let room = f.layout.input_name_room(c);
        let (x, y) = (f.layout.input_name_x(c), c.y);
        // In projector mode a name is never drawn under the minimum size:
        // it may reach into the margin left of the input column instead.
        if width <= room || f.layout.min_font() > 0.0 {
            ctx.fill_text(label, x, y)?;
        } else {
            // A long label such as "sin x₁" is drawn smaller to fit.
            let k = (room / width).max(7.0 / size.max(7.0));
            ctx.save();
            ctx.translate(x, y)?;
            ctx.scale(k, k)?;
            ctx.fill_text(label, 0.0, 0.0)?;
            ctx.restore();
        }
        drawn += 1;
    }
    Ok(drawn)
}

/// In the Loss phase, writes target and error beside each output bulb.
pub fn draw_loss_tags(f: &Frame, s: &mut Scratch, font: &mut Font) -> Result<(), JsValue> {
    if f.scene.phase != Phase::Loss {
        return Ok(());
    }
    let Some(targets) = f.scene.targets() else {
        return Ok(());
    };
    let ctx = f.ctx;
    let last = f.layout.layer_count().saturating_sub(1);
    let outputs = f.scene.a(last).unwrap_or(&[]);
    let fade = timing::ease(timing::window(f.t, 0.0, 0.35));
    let size = f
        .layout
        .value_font()
        .min(f.layout.column_pitch() * 0.12)
        .max(8.0)
        .max(f.layout.min_font());
    let x = f.layout.tag_x();
    let room = f.layout.width() - x - 4.0;
    let long = text_width("target −0.047", size) <= room;
    // Two lines need this much vertical pitch; otherwise only the error.
    let pitch = pair_pitch(f);
    let two_lines = pitch >= size * 2.3;
    font.apply(ctx, size, 500);
    ctx.set_text_align("left");
    ctx.set_text_baseline("middle");
    for ((&c, &y), &a) in f.layout.layer(last).iter().zip(targets).zip(outputs) {
        let (ty, ey) = if two_lines {
            (c.y - size * 0.62, c.y + size * 0.62)
        } else {
            (c.y, c.y)
        };
        if two_lines {
            s.text_fill(ctx, DIM.with_alpha(fade));
            s.text.clear();
            s.text.push_str(if long { "target " } else { "y " });
            push_value(&mut s.text, y);
            ctx.fill_text(&s.text, x, ty)?;
        }
        let err = a - y;
        s.text_fill(ctx, grad_color(err, 1.0).with_alpha(fade));
        s.text.clear();
        s.text.push_str(if long { "error " } else { "e " });
        push_value(&mut s.text, err);
        ctx.fill_text(&s.text, x, ey)?;
    }
    Ok(())
}

/// Vertical distance between output bulbs (or a large value for one).
fn pair_pitch(f: &Frame) -> f64 {
    let last = f.layout.layer_count().saturating_sub(1);
    let col = f.layout.layer(last);
    match (col.first(), col.get(1)) {
        (Some(a), Some(b)) => b.y - a.y,
        _ => f64::INFINITY,
    }
}
