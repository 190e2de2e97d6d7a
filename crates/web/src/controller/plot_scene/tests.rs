//! Tests of the plot scene against a real session: the grid read as
//! slices, the thumbnails filled from it, the points and their fingerprint.

use super::*;
use crate::glow::ActivationKind;
use crate::plot::heatmap;
use crate::plot::palette::{bytes, THUMB_ZERO};
use crate::scene::Scene;
use crate::thumbs::{Thumbnails, THUMB_RES};
use lightbulb_core::{generate, DatasetKind, DatasetParams, Session, SessionConfig};

fn scene_for(session: &Session) -> Scene {
    let mut sizes = vec![session.network().inputs()];
    sizes.extend(session.network().layers().iter().map(|l| l.neurons()));
    let mut kinds = vec![ActivationKind::Input { lo: -6.0, hi: 6.0 }];
    kinds.extend(
        session
            .network()
            .layers()
            .iter()
            .map(|_| ActivationKind::Tanh),
    );
    let mut scene = Scene::new();
    scene.set_architecture(&sizes, &kinds);
    scene
}

#[test]
fn the_plot_square_is_the_cores() {
    assert_eq!(crate::scene::plot::EXTENT, lightbulb_core::dataset::EXTENT);
}

#[test]
fn the_grid_reads_as_slices_of_the_cores_maps() {
    let session = Session::new(SessionConfig::default());
    let Ok(mut session) = session else {
        panic!("a default session")
    };
    assert!(session.grid(20).is_ok());
    let Some(grid) = session.last_grid() else {
        panic!("a grid")
    };
    let maps: &dyn GridMaps = grid;
    assert_eq!(maps.resolution(), 20);
    assert_eq!(maps.depth(), grid.depth());
    for l in 0..grid.depth() {
        let (Some(a), Some(view)) = (maps.layer(l), grid.a(l)) else {
            panic!("layer {l}")
        };
        assert_eq!((a.points(), a.neurons()), view.dim());
        assert_eq!(
            a.get(7, a.neurons() - 1),
            view.get((7, a.neurons() - 1)).copied()
        );
    }
    assert!(maps.layer(grid.depth()).is_none());
    assert_eq!(maps.output().map(|o| o.neurons()), Some(1));
}

#[test]
fn thumbnails_fill_every_hidden_and_output_tile() {
    let session = Session::new(SessionConfig::default());
    assert!(session.is_ok());
    let Ok(mut session) = session else { return };
    let mut scene = scene_for(&session);
    assert!(session.grid(20).is_ok());
    let grid = session.last_grid();
    assert!(grid.is_some());
    let Some(grid) = grid else { return };
    let mut thumbs = Thumbnails::default();
    thumbs.fill(grid, &mut scene);
    assert_eq!(scene.thumb_res(), THUMB_RES);
    let tiles = scene.thumb_tiles();
    assert_eq!(tiles, 4 + 2 + 1);
    assert_eq!(scene.thumbs().len(), tiles * THUMB_RES * THUMB_RES * 4);
    let neutral = bytes(THUMB_ZERO);
    for (layer, n) in [(1, 4), (2, 2), (3, 1)] {
        for j in 0..n {
            let tile = scene.thumb(layer, j).unwrap_or(&[]);
            assert_eq!(tile.len(), THUMB_RES * THUMB_RES * 4);
            assert!(
                tile.chunks_exact(4).all(|p| p.get(3) == Some(&255)),
                "opaque"
            );
            assert!(
                tile.chunks_exact(4).any(|p| p != neutral),
                "layer {layer} neuron {j} shows a map"
            );
        }
        assert!(thumbs.layer_max(layer) > 0.0);
    }
    // The grid (20) is coarser than a tile (32): the tile's top-left pixel
    // is the top-left grid cell of neuron 1 of layer 1, as a tanh value.
    let cell = grid
        .a(0)
        .and_then(|a| a.get((0, 0)).copied())
        .map_or(f64::NAN, f64::from);
    let style = heatmap::neuron_style(ActivationKind::Tanh, false, 1.0, 0);
    assert_eq!(
        scene.thumb(1, 0).and_then(|t| t.get(..4)),
        Some(&style.thumb_pixel(cell)[..])
    );
    // Steady state: a second call does not reallocate the atlas.
    let ptr = scene.thumbs().as_ptr();
    thumbs.fill(grid, &mut scene);
    assert_eq!(scene.thumbs().as_ptr(), ptr);
}

#[test]
fn the_data_fingerprint_sees_every_edit() {
    let data = generate(&DatasetParams::new(DatasetKind::Circle));
    let base = fingerprint(&data);
    assert_eq!(base, fingerprint(&data.clone()), "same points, same print");
    let mut moved = data.clone();
    if let Some(p) = moved.test.last_mut() {
        p.x2 += 1e-12;
    }
    assert_ne!(base, fingerprint(&moved));
    let mut relabelled = data.clone();
    if let Some(p) = relabelled.train.first_mut() {
        p.label = 1.0 - p.label;
    }
    assert_ne!(base, fingerprint(&relabelled));
    // The same point moved from the test set to the training set.
    let mut swapped = data.clone();
    if let Some(p) = swapped.test.pop() {
        swapped.train.push(p);
    }
    assert_ne!(base, fingerprint(&swapped));
    let mut fewer = data.clone();
    fewer.train.pop();
    assert_ne!(base, fingerprint(&fewer));
}

#[test]
fn points_are_copied_only_when_they_change() {
    let data = generate(&DatasetParams::new(DatasetKind::Circle));
    let mut fill = PlotFill::default();
    fill.points(&data);
    let points = &fill.scene.points;
    assert_eq!(points.labels, Labels::Classes(2));
    assert_eq!(points.train.len(), data.train.len());
    assert_eq!(points.test.len(), data.test.len());
    assert_eq!(
        points.train.first(),
        data.train.first().map(data_point).as_ref()
    );
    assert_eq!(points.revision, fingerprint(&data));
    let ptr = points.train.as_ptr();
    fill.points(&data);
    assert_eq!(
        fill.scene.points.train.as_ptr(),
        ptr,
        "no copy, no allocation"
    );
    let mut edited = data.clone();
    if let Some(p) = edited.train.first_mut() {
        p.x1 = -p.x1 + 0.5;
    }
    fill.points(&edited);
    assert_eq!(
        fill.scene.points.train.first(),
        edited.train.first().map(data_point).as_ref()
    );
    assert_ne!(fill.scene.points.revision, fingerprint(&data));
}
