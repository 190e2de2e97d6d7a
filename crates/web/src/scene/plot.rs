//! What the data plot and the loss chart paint, as plain data: the grid's
//! maps as `f32` slices, the points, the loss history. The controller fills
//! a [`PlotScene`] (reusing its buffers), the view paints from it; nothing
//! here knows the core's types.

use std::slice::ChunksExact;

use crate::glow::ActivationKind;

/// Half the side of the data square: points and the grid lie in
/// −`EXTENT`..=`EXTENT` on both axes.
pub const EXTENT: f64 = 6.0;

/// One layer's map over the grid: row-major, one row per grid point (row 0
/// at the top, x2 = +`EXTENT`), one value per neuron in each row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GridLayer<'a> {
    values: &'a [f32],
    neurons: usize,
}

impl<'a> GridLayer<'a> {
    /// `values` holds one row of `neurons` values per grid point (a
    /// trailing partial row is ignored).
    pub fn new(values: &'a [f32], neurons: usize) -> GridLayer<'a> {
        let whole = values.len() - values.len().checked_rem(neurons).unwrap_or(values.len());
        GridLayer {
            values: values.get(..whole).unwrap_or(&[]),
            neurons,
        }
    }

    /// Every value, row after row.
    pub fn values(&self) -> &'a [f32] {
        self.values
    }

    /// Values per row (the layer's neurons).
    pub fn neurons(&self) -> usize {
        self.neurons
    }

    /// Rows (grid points).
    pub fn points(&self) -> usize {
        self.values.len().checked_div(self.neurons).unwrap_or(0)
    }

    /// Neuron `neuron`'s value at grid point `point`.
    pub fn get(&self, point: usize, neuron: usize) -> Option<f32> {
        if neuron >= self.neurons {
            return None;
        }
        self.values.get(point * self.neurons + neuron).copied()
    }

    /// The rows, one per grid point.
    pub fn rows(&self) -> ChunksExact<'a, f32> {
        self.values.chunks_exact(self.neurons.max(1))
    }
}

/// The grid evaluation behind the heatmap and the thumbnails, one
/// [`GridLayer`] per layer after the inputs.
pub trait GridMaps {
    /// Grid points per side (0 before the first evaluation).
    fn resolution(&self) -> usize;
    /// Layers after the inputs (hidden and output).
    fn depth(&self) -> usize;
    /// Layer `l`'s map (0 = first hidden layer).
    fn layer(&self, l: usize) -> Option<GridLayer<'_>>;
    /// The output layer's map.
    fn output(&self) -> Option<GridLayer<'_>> {
        self.layer(self.depth().checked_sub(1)?)
    }
}

/// A data point and its label: a class index (0.0, 1.0, …) or a value in −1..=1.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct DataPoint {
    /// First coordinate.
    pub x1: f64,
    /// Second coordinate.
    pub x2: f64,
    /// The class index, or the target value.
    pub label: f64,
}

impl DataPoint {
    /// The label as a class index (negative labels count as class 0).
    pub fn class(&self) -> usize {
        if self.label >= 0.0 {
            // Saturating: a huge label is a huge class, never a wrap.
            self.label as usize
        } else {
            0
        }
    }

    /// Both coordinates are finite.
    pub fn is_finite(&self) -> bool {
        self.x1.is_finite() && self.x2.is_finite()
    }
}

/// What the labels mean, for their colours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Labels {
    /// Class indices, 0..count.
    Classes(usize),
    /// Values in −1..=1.
    #[default]
    Values,
}

/// The points of the data plot.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlotPoints {
    /// What the labels mean.
    pub labels: Labels,
    /// The training points.
    pub train: Vec<DataPoint>,
    /// The test points.
    pub test: Vec<DataPoint>,
    /// Changes whenever a point, a label or the labels' meaning does (the
    /// plot redraws its cached layer of points exactly then).
    pub revision: u64,
}

/// One epoch of the loss chart.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ChartRecord {
    /// The epoch number (0 = before training).
    pub epoch: u64,
    /// Mean loss over the training set.
    pub train_loss: Option<f64>,
    /// Mean loss over the test set.
    pub test_loss: Option<f64>,
    /// Share of training points classified right.
    pub train_accuracy: Option<f64>,
    /// Share of test points classified right.
    pub test_accuracy: Option<f64>,
}

/// Everything the data plot and the loss chart paint besides the grid,
/// refilled by the controller every frame into the same buffers.
#[derive(Clone, Debug, PartialEq)]
pub struct PlotScene {
    /// The points.
    pub points: PlotPoints,
    /// The output layer's activation (how the decision map is coloured).
    pub output_kind: ActivationKind,
    /// Number of outputs.
    pub outputs: usize,
    /// A hovered neuron (scene numbering: layer 1 = first hidden layer)
    /// whose own map replaces the output's.
    pub hovered: Option<(usize, usize)>,
    /// Draw test points too.
    pub show_test: bool,
    /// Flat colours instead of a gradient.
    pub discretize: bool,
    /// The probe point (x1, x2).
    pub probe: (f64, f64),
    /// The training point the bulbs show, ringed on the plot.
    pub highlight: Option<DataPoint>,
    /// The loss chart's epochs, oldest first.
    pub history: Vec<ChartRecord>,
    /// The loss chart's cursor (in epochs) at the past step on screen.
    pub chart_cursor: Option<f64>,
    /// The other run's epochs while comparing two runs (empty otherwise).
    pub other_history: Vec<ChartRecord>,
    /// The other run's name ("run A") while comparing, else `None`.
    pub other_name: Option<&'static str>,
    /// Log scale for the loss chart.
    pub log_chart: bool,
    /// The loss chart's hovered CSS x.
    pub chart_hover: Option<f64>,
}

impl Default for PlotScene {
    fn default() -> Self {
        PlotScene {
            points: PlotPoints::default(),
            output_kind: ActivationKind::Tanh,
            outputs: 1,
            hovered: None,
            show_test: false,
            discretize: false,
            probe: (0.0, 0.0),
            highlight: None,
            history: Vec::new(),
            chart_cursor: None,
            other_history: Vec::new(),
            other_name: None,
            log_chart: false,
            chart_hover: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grid_layer_reads_rows_of_neurons() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0];
        let g = GridLayer::new(&v, 3);
        assert_eq!((g.points(), g.neurons()), (2, 3));
        assert_eq!(g.values().len(), 6, "the partial row is cut");
        assert_eq!(g.get(1, 0), Some(4.0));
        assert_eq!(g.get(0, 3), None, "no neuron 3");
        assert_eq!(g.get(2, 0), None, "no point 2");
        assert_eq!(g.rows().nth(1), Some(&[4.0, 5.0, 6.0][..]));
        let empty = GridLayer::new(&v, 0);
        assert_eq!((empty.points(), empty.values().len()), (0, 0));
        assert_eq!(empty.rows().count(), 0);
    }

    #[test]
    fn classes_of_labels() {
        let p = |label| DataPoint {
            x1: 0.0,
            x2: 0.0,
            label,
        };
        assert_eq!(p(2.0).class(), 2);
        assert_eq!(p(-1.0).class(), 0);
        assert_eq!(p(f64::NAN).class(), 0);
        assert!(!DataPoint {
            x1: f64::NAN,
            ..p(0.0)
        }
        .is_finite());
    }
}
