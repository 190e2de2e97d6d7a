//! Tests of [`Plots`]: the chart read-out and the plot's transform.

use super::chart_axes::ChartAxes;
use super::*;

#[test]
fn readout_picks_the_nearest_epoch() {
    let history: Vec<ChartRecord> = (0..=10)
        .map(|e| ChartRecord {
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
