//! Which bulbs of a column kept as an image are drawn into it again this
//! frame (see [`super::bulb_columns`]). Plain decisions, tested natively:
//!
//! - a column never drawn, or whose bulbs moved, is drawn whole;
//! - a bulb whose face changed (sign, brightness level, map tile) is drawn
//!   again this frame;
//! - a bulb whose only change is a newer upload of the maps waits its turn:
//!   all columns share [`MAPS_PER_FRAME`] such bulbs a frame, so a new
//!   grid's maps reach a large network over a few frames, not in one heavy
//!   frame;
//! - a bulb is drawn again clipped to its rectangle, which also repaints
//!   the parts of its neighbours inside it, as they are cached: a neighbour
//!   whose map is out of date and reaches into that rectangle is brought up
//!   to date with it, so that no map is ever half old and half new.

use crate::layout::Rect;

/// Bulbs of all columns redrawn a frame for newer maps alone.
pub const MAPS_PER_FRAME: usize = 24;

/// What decides a cached bulb's pixels, but its map's upload.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Face {
    /// Drawn in the negative colours.
    pub negative: bool,
    /// Brightness level (see [`super::sprites::level`]).
    pub level: usize,
    /// Its map's tile in the atlas, if it shows one.
    pub tile: Option<usize>,
}

/// One bulb as drawn into a column's image.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Look {
    /// Centre, device pixels.
    pub x: f64,
    pub y: f64,
    /// Everything it may cover, device pixels: cleared and clipped to when
    /// it is drawn again.
    pub rect: Rect,
    /// Where its map is drawn, if it has one.
    pub map: Option<Rect>,
    pub face: Face,
    /// Which upload of the maps it shows (0: none).
    pub maps: u64,
}

/// What a column needs this frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Redraw {
    /// Its image is up to date.
    Nothing,
    /// Cleared and drawn whole (first use, or its bulbs moved).
    Whole,
    /// The bulbs in `chosen` are drawn again, each clipped to its rectangle.
    Some,
}

/// Decides what column `cached` (the looks its image holds, by bulb) needs
/// to show `wanted`, updates `cached` to what will be drawn, and lists in
/// `chosen` the bulbs to draw again (in column order). `maps_left` is the
/// frame's remaining allowance of bulbs redrawn only for newer maps, and
/// is spent here.
pub fn plan(
    cached: &mut Vec<Option<Look>>,
    wanted: &[Look],
    maps_left: &mut usize,
    chosen: &mut Vec<usize>,
) -> Redraw {
    chosen.clear();
    let moved = cached.len() != wanted.len()
        || cached
            .iter()
            .zip(wanted)
            .any(|(c, w)| c.is_none_or(|c| c.rect != w.rect));
    if moved {
        cached.clear();
        cached.extend(wanted.iter().copied().map(Some));
        return Redraw::Whole;
    }
    let stale = |i: usize| cached.get(i).copied().flatten() != wanted.get(i).copied();
    for (i, (c, w)) in cached.iter().zip(wanted).enumerate() {
        let Some(c) = c else { continue };
        if c.face != w.face {
            chosen.push(i);
        } else if c.maps != w.maps && *maps_left > 0 {
            *maps_left -= 1;
            chosen.push(i);
        }
    }
    // A neighbour repainted inside a chosen bulb's rectangle would show the
    // newest maps there: if its map is out of date and reaches in, it comes
    // along (and so on, until nothing more joins).
    let mut k = 0;
    while let Some(&i) = chosen.get(k) {
        k += 1;
        let Some(r) = wanted.get(i).map(|w| w.rect) else {
            continue;
        };
        for (j, w) in wanted.iter().enumerate() {
            let reaches = w.map.is_some_and(|m| m.overlaps(&r));
            if reaches && stale(j) && !chosen.contains(&j) {
                chosen.push(j);
            }
        }
    }
    chosen.sort_unstable();
    for &i in chosen.iter() {
        if let (Some(c), Some(&w)) = (cached.get_mut(i), wanted.get(i)) {
            *c = Some(w);
        }
    }
    if chosen.is_empty() {
        Redraw::Nothing
    } else {
        Redraw::Some
    }
}

/// The bulbs of `looks` whose rectangle overlaps `r`, in order.
pub fn meeting(looks: &[Option<Look>], r: Rect) -> impl Iterator<Item = &Look> {
    looks.iter().flatten().filter(move |l| l.rect.overlaps(&r))
}

/// The smallest rectangle holding every look (None if there is none).
pub fn bounds(looks: &[Look]) -> Option<Rect> {
    looks.iter().map(|l| l.rect).reduce(|a, b| a.union(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A column of `n` bulbs 10 px apart whose rectangles are `h` tall and
    /// maps `m` tall.
    fn column(n: usize, h: f64, m: f64) -> Vec<Look> {
        (0..n)
            .map(|i| {
                let y = 10.0 * i as f64;
                Look {
                    x: 5.0,
                    y,
                    rect: Rect::new(0.0, y - h / 2.0, 10.0, h),
                    map: Some(Rect::new(3.0, y - m / 2.0, 4.0, m)),
                    face: Face {
                        negative: false,
                        level: 3,
                        tile: Some(i),
                    },
                    maps: 1,
                }
            })
            .collect()
    }

    #[test]
    fn a_new_or_moved_column_is_drawn_whole_and_then_left_alone() {
        let wanted = column(4, 8.0, 4.0);
        let (mut cached, mut chosen, mut left) = (Vec::new(), Vec::new(), 10);
        assert_eq!(
            plan(&mut cached, &wanted, &mut left, &mut chosen),
            Redraw::Whole
        );
        assert_eq!(cached, wanted.iter().copied().map(Some).collect::<Vec<_>>());
        assert_eq!(
            plan(&mut cached, &wanted, &mut left, &mut chosen),
            Redraw::Nothing
        );
        assert!(chosen.is_empty());
        assert_eq!(left, 10);
        // One bulb moves: the whole column again.
        let mut moved = wanted.clone();
        moved[2].rect.y += 1.0;
        assert_eq!(
            plan(&mut cached, &moved, &mut left, &mut chosen),
            Redraw::Whole
        );
        assert_eq!(cached[2], Some(moved[2]));
        // One bulb fewer: whole.
        assert_eq!(
            plan(&mut cached, &moved[..3], &mut left, &mut chosen),
            Redraw::Whole
        );
        assert_eq!(cached.len(), 3);
    }

    #[test]
    fn a_changed_face_is_drawn_again_at_once_whatever_the_allowance() {
        let wanted = column(5, 8.0, 4.0);
        let (mut cached, mut chosen, mut left) = (Vec::new(), Vec::new(), 0);
        plan(&mut cached, &wanted, &mut left, &mut chosen);
        let mut next = wanted.clone();
        next[1].face.level = 4;
        next[3].face.negative = true;
        assert_eq!(
            plan(&mut cached, &next, &mut left, &mut chosen),
            Redraw::Some
        );
        assert_eq!(chosen, [1, 3]);
        assert_eq!(cached[1], Some(next[1]));
        assert_eq!(cached[3], Some(next[3]));
        assert_eq!(
            plan(&mut cached, &next, &mut left, &mut chosen),
            Redraw::Nothing
        );
    }

    #[test]
    fn newer_maps_share_the_frames_allowance_and_the_rest_wait() {
        let wanted = column(6, 8.0, 4.0);
        let (mut cached, mut chosen) = (Vec::new(), Vec::new());
        plan(&mut cached, &wanted, &mut 0, &mut chosen);
        let next: Vec<Look> = wanted.iter().map(|l| Look { maps: 2, ..*l }).collect();
        let mut left = 4;
        assert_eq!(
            plan(&mut cached, &next, &mut left, &mut chosen),
            Redraw::Some
        );
        assert_eq!(chosen, [0, 1, 2, 3]);
        assert_eq!(left, 0);
        // Cached as drawn: the first four new, the last two still old.
        assert!(cached[..4].iter().all(|c| c.is_some_and(|c| c.maps == 2)));
        assert!(cached[4..].iter().all(|c| c.is_some_and(|c| c.maps == 1)));
        // Nothing left this frame: they wait.
        assert_eq!(
            plan(&mut cached, &next, &mut left, &mut chosen),
            Redraw::Nothing
        );
        // Next frame they are drawn.
        let mut left = 4;
        assert_eq!(
            plan(&mut cached, &next, &mut left, &mut chosen),
            Redraw::Some
        );
        assert_eq!(chosen, [4, 5]);
        assert_eq!(left, 2);
        assert_eq!(
            plan(&mut cached, &next, &mut left, &mut chosen),
            Redraw::Nothing
        );
    }

    #[test]
    fn a_neighbour_is_repainted_as_cached_unless_its_stale_map_reaches_in() {
        // Rectangles 16 tall, 10 apart: each overlaps its two neighbours,
        // but reaches no other map (2 tall).
        let wanted = column(5, 16.0, 2.0);
        let (mut cached, mut chosen) = (Vec::new(), Vec::new());
        plan(&mut cached, &wanted, &mut 0, &mut chosen);
        let mut next: Vec<Look> = wanted.iter().map(|l| Look { maps: 2, ..*l }).collect();
        next[2].face.level = 9;
        // No allowance for maps: only 2 is drawn; 1 and 3 are repainted
        // inside its rectangle as cached (their maps are not there).
        assert_eq!(plan(&mut cached, &next, &mut 0, &mut chosen), Redraw::Some);
        assert_eq!(chosen, [2]);
        assert_eq!(cached[1].map(|c| c.maps), Some(1));
        assert_eq!(cached[2], Some(next[2]));
        let met: Vec<f64> = meeting(&cached, next[2].rect).map(|l| l.y).collect();
        assert_eq!(met, [10.0, 20.0, 30.0]);
    }

    #[test]
    fn a_stale_map_reaching_into_a_redrawn_rectangle_comes_along() {
        // Rectangles 16 tall, maps 8 tall: 2's rectangle (12..28) reaches
        // the maps of 1 (6..14) and 3 (26..34), and theirs those of 0 and 4.
        let wanted = column(6, 16.0, 8.0);
        let (mut cached, mut chosen) = (Vec::new(), Vec::new());
        plan(&mut cached, &wanted, &mut 0, &mut chosen);
        let mut next: Vec<Look> = wanted.iter().map(|l| Look { maps: 2, ..*l }).collect();
        next[2].face.level = 9;
        assert_eq!(plan(&mut cached, &next, &mut 0, &mut chosen), Redraw::Some);
        assert_eq!(chosen, [0, 1, 2, 3, 4, 5]);
        assert_eq!(cached, next.iter().copied().map(Some).collect::<Vec<_>>());
        // Up to date, a neighbour is repainted but not chosen.
        let mut after = next.clone();
        after[4].face.level = 1;
        assert_eq!(plan(&mut cached, &after, &mut 0, &mut chosen), Redraw::Some);
        assert_eq!(chosen, [4]);
    }

    #[test]
    fn bounds_hold_every_rectangle() {
        assert_eq!(bounds(&[]), None);
        let c = column(3, 8.0, 4.0);
        assert_eq!(bounds(&c), Some(Rect::new(0.0, -4.0, 10.0, 28.0)));
    }
}
