//! Tests of [`Plots`] against a real session's grid.

use super::chart_axes::ChartAxes;
use super::palette::{bytes, THUMB_ZERO};
use super::thumbs::THUMB_RES;
use super::*;
use crate::glow::ActivationKind;
use lightbulb_core::{Session, SessionConfig};

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
fn thumbnails_fill_every_hidden_and_output_tile() {
    let session = Session::new(SessionConfig::default());
    assert!(session.is_ok());
    let Ok(mut session) = session else { return };
    let mut scene = scene_for(&session);
    assert!(session.grid(20).is_ok());
    let grid = session.last_grid();
    assert!(grid.is_some());
    let Some(grid) = grid else { return };
    let mut plots = Plots::new();
    plots.thumbnails(grid, &mut scene);
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
        assert!(plots.layer_max(layer) > 0.0);
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
    plots.thumbnails(grid, &mut scene);
    assert_eq!(scene.thumbs().as_ptr(), ptr);
}

#[test]
fn readout_picks_the_nearest_epoch() {
    let history: Vec<EpochRecord> = (0..=10)
        .map(|e| EpochRecord {
            epoch: e,
            train_loss: Some(1.0 / (1.0 + e as f64)),
            test_loss: None,
            train_accuracy: Some(0.5),
            test_accuracy: None,
        })
        .collect();
    let mut plots = Plots::new();
    assert_eq!(
        plots.chart_readout(100.0, &history),
        "",
        "before the first frame"
    );
    plots.chart.axes = ChartAxes::fit(400.0, 200.0, &history, false);
    let x = plots.chart.axes.x_px(3.3);
    assert_eq!(
        plots.chart_readout(x, &history),
        "epoch 3 · train loss 0.250 · accuracy 50.0 %"
    );
    let x = plots.chart.axes.x_px(3.6);
    assert!(plots.chart_readout(x, &history).starts_with("epoch 4 "));
    assert!(plots.chart_readout(-50.0, &history).starts_with("epoch 0 "));
    assert_eq!(plots.chart_readout(f64::NAN, &history), "");
    assert_eq!(plots.chart_readout(10.0, &[]), "");
}

#[test]
fn to_data_is_the_inverse_of_the_plot_transform() {
    let mut plots = Plots::new();
    assert_eq!(plots.to_data(10.0, 10.0), (0.0, 0.0));
    plots.data.rect = geometry::PlotRect::fit(360.0, 360.0);
    let r = plots.plot_rect();
    let (x, y) = r.to_px(2.5, -1.5);
    let (a, b) = plots.to_data(x, y);
    assert!((a - 2.5).abs() < 1e-9 && (b + 1.5).abs() < 1e-9);
}

#[test]
fn the_data_fingerprint_sees_every_edit() {
    use lightbulb_core::{generate, DatasetKind, DatasetParams};
    let data = generate(&DatasetParams::new(DatasetKind::Circle));
    let base = data_plot::fingerprint(&data);
    assert_eq!(
        base,
        data_plot::fingerprint(&data.clone()),
        "same points, same print"
    );
    let mut moved = data.clone();
    if let Some(p) = moved.test.last_mut() {
        p.x2 += 1e-12;
    }
    assert_ne!(base, data_plot::fingerprint(&moved));
    let mut relabelled = data.clone();
    if let Some(p) = relabelled.train.first_mut() {
        p.label = 1.0 - p.label;
    }
    assert_ne!(base, data_plot::fingerprint(&relabelled));
    // The same point moved from the test set to the training set.
    let mut swapped = data.clone();
    if let Some(p) = swapped.test.pop() {
        swapped.train.push(p);
    }
    assert_ne!(base, data_plot::fingerprint(&swapped));
    let mut fewer = data.clone();
    fewer.train.pop();
    assert_ne!(base, data_plot::fingerprint(&fewer));
}
