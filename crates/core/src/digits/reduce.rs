//! Reducing a drawing to 8 × 8 the way the training images were made.
//!
//! The UCI images were made from 32 × 32 bitmaps, normalised by NIST's
//! preprocessing programs (Garris et al., NISTIR 5469, 1994): the bitmap is
//! divided into non-overlapping 4 × 4 blocks and the on pixels of each block
//! are counted, giving 8 × 8 pixels of 0–16. The normalisation itself is not
//! described beyond "normalized bitmaps"; in the data every one of the 1,797
//! images has ink in all 8 rows, while the outer columns rarely do (column 0
//! in 1.2 % of the images, column 7 in 12 %): the digit fills the height and
//! keeps its proportions, centred. [`reduce_drawing`] does the same:
//!
//! 1. **Ink**: the canvas pixels with coverage ≥ [`INK_THRESHOLD`] (0.5).
//!    None at all is an error: an empty drawing cannot be read.
//! 2. **Normalise**: the ink's bounding box is scaled, keeping its
//!    proportions, until its longer side spans the 32 × 32 bitmap, and is
//!    centred along the shorter side.
//! 3. **Binarise**: each bitmap cell is on when the mean coverage of the part
//!    of the canvas it covers (area-weighted, nothing outside the box
//!    counts) is ≥ 0.5.
//! 4. **Count**: [`block_counts`] counts the on cells of each 4 × 4 block.
//!
//! NIST also normalised stroke width; this does not, so draw with a pen
//! about a tenth of the canvas wide.

use super::{PIXELS, SIDE};
use crate::error::{Error, Result};

/// Side of the bitmap a drawing is normalised into, as in the UCI data.
pub const BITMAP_SIDE: usize = 32;
/// Side of the blocks whose on cells make one pixel.
pub const BLOCK_SIDE: usize = BITMAP_SIDE / SIDE;
/// Coverage at which a canvas pixel counts as ink, and a bitmap cell as on.
pub const INK_THRESHOLD: f64 = 0.5;
/// Largest canvas side accepted (a 4096 × 4096 canvas is 16 M values).
pub const MAX_CANVAS_SIDE: usize = 4096;

/// Counts the on cells in each non-overlapping 4 × 4 block of a 32 × 32
/// bitmap (row by row from the top left): the UCI reduction itself.
/// Each count is 0–16.
pub fn block_counts(bitmap: &[bool; BITMAP_SIDE * BITMAP_SIDE]) -> [u8; PIXELS] {
    let mut out = [0u8; PIXELS];
    for (cell, &on) in bitmap.iter().enumerate() {
        if on {
            let (row, col) = (cell / BITMAP_SIDE, cell % BITMAP_SIDE);
            out[(row / BLOCK_SIDE) * SIDE + col / BLOCK_SIDE] += 1;
        }
    }
    out
}

/// Reduces a square grayscale drawing to 8 × 8 pixels of 0–16, as the
/// training images were made (see the module documentation).
///
/// `canvas` holds `side × side` coverage values in [0, 1] (0 blank, 1 full
/// ink), row by row from the top left; any side from 1 to 4096 works.
/// Refused, with the value named: a canvas whose length is not `side²`, a
/// side out of range, a value that is not finite or not in [0, 1], and a
/// drawing with no ink.
pub fn reduce_drawing(canvas: &[f64], side: usize) -> Result<[u8; PIXELS]> {
    if side == 0 || side > MAX_CANVAS_SIDE {
        return Err(Error::out_of_range(
            "canvas side",
            side as f64,
            1.0,
            MAX_CANVAS_SIDE as f64,
        ));
    }
    if canvas.len() != side * side {
        return Err(Error::Shape {
            what: "canvas".into(),
            expected: format!("{side} × {side} = {} values", side * side),
            got: format!("{} values", canvas.len()),
        });
    }
    // Bounding box of the ink, inclusive, in canvas pixels.
    let (mut x0, mut y0, mut x1, mut y1) = (side, side, 0, 0);
    for (i, &c) in canvas.iter().enumerate() {
        let what = || format!("canvas[{i}] (row {}, column {})", i / side, i % side);
        if !c.is_finite() {
            return Err(Error::NotFinite {
                what: what(),
                value: c,
            });
        }
        if !(0.0..=1.0).contains(&c) {
            return Err(Error::out_of_range(what(), c, 0.0, 1.0));
        }
        if c >= INK_THRESHOLD {
            let (y, x) = (i / side, i % side);
            x0 = x0.min(x);
            x1 = x1.max(x);
            y0 = y0.min(y);
            y1 = y1.max(y);
        }
    }
    if x0 > x1 {
        return Err(Error::Invalid(format!(
            "the drawing is empty: no pixel of the {side} × {side} canvas has coverage \
             {INK_THRESHOLD} or more"
        )));
    }
    let (w, h) = (x1 + 1 - x0, y1 + 1 - y0);
    let longer = w.max(h) as f64;
    // Canvas pixels per bitmap cell, and where the square of side `longer`,
    // centred on the box, starts.
    let step = longer / BITMAP_SIDE as f64;
    let left = x0 as f64 - (longer - w as f64) / 2.0;
    let top = y0 as f64 - (longer - h as f64) / 2.0;
    let threshold = INK_THRESHOLD * step * step;
    let mut bitmap = [false; BITMAP_SIDE * BITMAP_SIDE];
    for (cell, on) in bitmap.iter_mut().enumerate() {
        let (r, c) = (cell / BITMAP_SIDE, cell % BITMAP_SIDE);
        let (u0, u1) = (left + c as f64 * step, left + (c + 1) as f64 * step);
        let (v0, v1) = (top + r as f64 * step, top + (r + 1) as f64 * step);
        let mut ink = 0.0;
        for y in overlapping(v0, v1, y0, y1) {
            let wy = v1.min((y + 1) as f64) - v0.max(y as f64);
            let row = &canvas[y * side..(y + 1) * side];
            for x in overlapping(u0, u1, x0, x1) {
                let wx = u1.min((x + 1) as f64) - u0.max(x as f64);
                ink += row[x] * wx * wy;
            }
        }
        *on = ink >= threshold;
    }
    Ok(block_counts(&bitmap))
}

/// The pixels `lo..=hi` that the interval [a, b) overlaps by a positive length.
fn overlapping(a: f64, b: f64, lo: usize, hi: usize) -> std::ops::Range<usize> {
    let first = a.floor().max(lo as f64) as usize;
    let end = (b.ceil().min((hi + 1) as f64)).max(first as f64) as usize;
    first..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_counts_add_up_each_block() {
        let mut bitmap = [false; 1024];
        // Row 0, columns 0..4 on: 4 cells in block (0, 0).
        bitmap[..4].fill(true);
        // Cell (31, 31): block (7, 7).
        bitmap[1023] = true;
        // Cells (5, 9) and (6, 10): block (1, 2).
        bitmap[5 * 32 + 9] = true;
        bitmap[6 * 32 + 10] = true;
        let out = block_counts(&bitmap);
        assert_eq!(out[0], 4);
        assert_eq!(out[63], 1);
        assert_eq!(out[8 + 2], 2);
        assert_eq!(out.iter().map(|&v| u32::from(v)).sum::<u32>(), 7);
        assert_eq!(block_counts(&[true; 1024]), [16; 64]);
    }

    #[test]
    fn bad_canvases_are_refused_with_the_value_named() {
        let msg = |canvas: &[f64], side| reduce_drawing(canvas, side).unwrap_err().to_string();
        assert!(msg(&[], 0).contains("canvas side"));
        assert!(msg(&[0.0; 3], 2).contains("3 values"));
        let mut c = [0.0; 4];
        c[3] = f64::NAN;
        assert!(msg(&c, 2).contains("canvas[3] (row 1, column 1)"));
        c[3] = 1.5;
        assert!(msg(&c, 2).contains("1.5"));
        c[3] = 0.49;
        assert!(msg(&c, 2).contains("empty"));
        c[3] = 0.5;
        assert!(reduce_drawing(&c, 2).is_ok());
    }
}
