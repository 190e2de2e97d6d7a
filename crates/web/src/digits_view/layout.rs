//! Where the digits view puts things, in CSS pixels: the 64 input bulbs as
//! the 8 × 8 image on the left, the hidden neurons in a column (each with
//! its incoming weights as an 8 × 8 picture beside it), the 10 outputs on
//! the right with their digit and probability. Plain numbers, tested natively.

use crate::controller::digits::hover::Bulb;
use lightbulb_core::digits::{CLASSES, PIXELS, SIDE};

/// Space at the edges.
const MARGIN: f64 = 10.0;
/// Space at the top for the column titles.
const TITLE: f64 = 22.0;
/// Room right of the outputs for "100.0 %".
const PROB_ROOM: f64 = 58.0;

/// The digits view's geometry for one canvas size and hidden-layer size.
#[derive(Clone, Debug, PartialEq)]
pub struct DigitsLayout {
    /// Canvas size.
    pub w: f64,
    /// Height of the column titles' band at the top.
    pub title: f64,
    /// Canvas size.
    pub h: f64,
    /// Top left of the input grid.
    pub grid: (f64, f64),
    /// Side of one input cell.
    pub cell: f64,
    /// x of the hidden bulbs.
    pub hidden_x: f64,
    /// Distance between hidden bulbs.
    pub hidden_gap: f64,
    /// y where the hidden column starts.
    pub hidden_top: f64,
    /// Radius of a hidden bulb.
    pub hidden_r: f64,
    /// Side of a hidden neuron's weight picture (left of its bulb).
    pub picture: f64,
    /// Columns the pictures are staggered over (neuron `j` in column `j % stagger`).
    pub stagger: usize,
    /// Number of hidden neurons.
    pub hidden: usize,
    /// x of the output bulbs.
    pub out_x: f64,
    /// Distance between output bulbs.
    pub out_gap: f64,
    /// Radius of an output bulb.
    pub out_r: f64,
}

impl DigitsLayout {
    /// The layout of a `w` × `h` canvas with `hidden` hidden neurons.
    pub fn new(w: f64, h: f64, hidden: usize) -> DigitsLayout {
        Self::with_text(w, h, hidden, 0.0)
    }

    /// The same with text of at least `min_font` px (projector mode): more
    /// room for the titles and the probabilities.
    pub fn with_text(w: f64, h: f64, hidden: usize, min_font: f64) -> DigitsLayout {
        let min_font = if min_font.is_finite() {
            min_font.max(0.0)
        } else {
            0.0
        };
        let title = TITLE.max(min_font + 10.0);
        let prob_room = PROB_ROOM.max(min_font * 4.4);
        let (w, h) = (w.max(120.0), h.max(120.0));
        let hidden = hidden.max(1);
        let body = h - title - MARGIN;
        let grid_side = body.min(w * 0.32);
        let cell = grid_side / SIDE as f64;
        let hidden_gap = body / hidden as f64;
        let hidden_r = (hidden_gap * 0.38).clamp(2.0, 10.0);
        let out_gap = body / CLASSES as f64;
        let out_r = (out_gap * 0.34).clamp(4.0, 16.0);
        let out_x = w - MARGIN - prob_room - out_r;
        let grid_right = MARGIN + grid_side;
        let hidden_x = out_x - out_r - (w * 0.12).clamp(40.0, 140.0) - hidden_r;
        // The pictures, staggered over a few columns left of the bulbs so
        // that each can be several rows tall: as many columns as fit.
        let room = hidden_x - hidden_r - 4.0 - grid_right - 24.0;
        let (stagger, picture) = [4usize, 3, 2, 1]
            .iter()
            .map(|&s| {
                let want = (hidden_gap * (s as f64 - 0.12)).min(48.0);
                (s, want, want.min(room / s as f64 - 3.0))
            })
            .find(|&(s, want, side)| s == 1 || side >= want - 0.5)
            .map_or((1, hidden_gap * 0.9), |(s, _, side)| (s, side));
        // Inset the hidden column so the first and last pictures stay on the canvas.
        let inset = ((picture - hidden_gap) / 2.0).max(0.0) + 2.0;
        let hidden_top = title + inset;
        let hidden_gap = (body - 2.0 * inset) / hidden as f64;
        let picture = picture.min(hidden_gap * (stagger as f64 - 0.12)).max(4.0);
        DigitsLayout {
            w,
            h,
            grid: (MARGIN, title + (body - grid_side) / 2.0),
            title,
            cell,
            hidden_x,
            hidden_gap,
            hidden_top,
            hidden_r,
            picture,
            stagger,
            hidden,
            out_x,
            out_gap,
            out_r,
        }
    }

    /// Centre of input bulb `k` (row `k / 8`, column `k % 8`).
    pub fn input(&self, k: usize) -> (f64, f64) {
        let (r, c) = ((k / SIDE) as f64, (k % SIDE) as f64);
        (
            self.grid.0 + (c + 0.5) * self.cell,
            self.grid.1 + (r + 0.5) * self.cell,
        )
    }

    /// Centre of hidden bulb `j`.
    pub fn hidden(&self, j: usize) -> (f64, f64) {
        (
            self.hidden_x,
            self.hidden_top + (j as f64 + 0.5) * self.hidden_gap,
        )
    }

    /// Top left of hidden neuron `j`'s weight picture: in column
    /// `j % stagger`, counted leftwards from its bulb.
    pub fn picture_at(&self, j: usize) -> (f64, f64) {
        let (x, y) = self.hidden(j);
        let column = (j % self.stagger.max(1)) as f64;
        (
            x - self.hidden_r - 4.0 - self.picture - column * (self.picture + 3.0),
            y - self.picture / 2.0,
        )
    }

    /// Centre of output bulb `d`.
    pub fn output(&self, d: usize) -> (f64, f64) {
        (self.out_x, self.title + (d as f64 + 0.5) * self.out_gap)
    }

    /// The bulb at CSS (x, y): an input cell, a hidden bulb or its picture,
    /// an output bulb or its label.
    pub fn hit(&self, x: f64, y: f64) -> Option<Bulb> {
        let (gx, gy) = (x - self.grid.0, y - self.grid.1);
        let side = self.cell * SIDE as f64;
        if (0.0..side).contains(&gx) && (0.0..side).contains(&gy) {
            let k = (gy / self.cell) as usize * SIDE + (gx / self.cell) as usize;
            return (k < PIXELS).then_some(Bulb::Input(k));
        }
        let row = |gap: f64| ((y - self.title) / gap).floor();
        let stagger = self.stagger.max(1);
        let bulbs = self.hidden_x - self.hidden_r - 2.0;
        let left = bulbs - 2.0 - stagger as f64 * (self.picture + 3.0);
        if (left..=self.hidden_x + self.hidden_r + 2.0).contains(&x) {
            // Fractional neuron index at y.
            let at = (y - self.hidden_top) / self.hidden_gap - 0.5;
            let j = if x >= bulbs {
                at.round()
            } else {
                // The picture column under x holds the neurons ≡ c (mod stagger).
                let c = ((bulbs - 2.0 - x) / (self.picture + 3.0)).floor().max(0.0);
                let s = stagger as f64;
                s * ((at - c) / s).round() + c
            };
            if j >= 0.0 && (j as usize) < self.hidden {
                return Some(Bulb::Hidden(j as usize));
            }
            return None;
        }
        if (self.out_x - self.out_r - 22.0..=self.w).contains(&x) {
            let d = row(self.out_gap);
            if d >= 0.0 && (d as usize) < CLASSES {
                return Some(Bulb::Output(d as usize));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bulb_is_hit_at_its_centre_and_nothing_overlaps() {
        for (w, h) in [(900.0, 480.0), (370.0, 420.0), (1280.0, 520.0)] {
            let l = DigitsLayout::new(w, h, 32);
            for k in 0..PIXELS {
                let (x, y) = l.input(k);
                assert_eq!(l.hit(x, y), Some(Bulb::Input(k)), "{w}×{h} input {k}");
            }
            for j in 0..32 {
                let (x, y) = l.hidden(j);
                assert_eq!(l.hit(x, y), Some(Bulb::Hidden(j)), "{w}×{h} hidden {j}");
                let (px, py) = l.picture_at(j);
                assert!(
                    px > l.grid.0 + l.cell * 8.0,
                    "{w}×{h}: picture {j} over the grid"
                );
                let centre = (px + l.picture / 2.0, py + l.picture / 2.0);
                assert_eq!(
                    l.hit(centre.0, centre.1),
                    Some(Bulb::Hidden(j)),
                    "{w}×{h} picture {j}"
                );
            }
            for d in 0..CLASSES {
                let (x, y) = l.output(d);
                assert_eq!(l.hit(x, y), Some(Bulb::Output(d)), "{w}×{h} output {d}");
                assert!(
                    x + l.out_r + PROB_ROOM <= w,
                    "{w}×{h}: output {d} off the canvas"
                );
            }
            assert!(l.hidden_x + l.hidden_r < l.out_x - l.out_r - 24.0);
            assert_eq!(l.hit(1.0, 1.0), None);
            let (_, top) = l.picture_at(0);
            let (_, bottom) = l.picture_at(31);
            assert!(
                top >= TITLE && bottom + l.picture <= h,
                "{w}×{h}: pictures on the canvas"
            );
        }
    }

    /// Projector mode's 24 px text: a title band above the bulbs and room
    /// for "100.0 %" (about 4.4 em) right of the outputs, at any size.
    #[test]
    fn projector_text_gets_its_room() {
        for (w, h) in [(1180.0, 580.0), (700.0, 420.0)] {
            let l = DigitsLayout::with_text(w, h, 32, 24.0);
            assert!(l.title >= 34.0);
            let (x, y) = l.output(0);
            assert!(
                x + l.out_r + 6.0 + 24.0 * 4.2 <= w,
                "{w}: the probabilities fit"
            );
            assert!(
                y - l.out_r >= l.title,
                "{w}: the first output is below the titles"
            );
            assert_eq!(
                DigitsLayout::with_text(w, h, 32, 0.0),
                DigitsLayout::new(w, h, 32)
            );
        }
    }
}
