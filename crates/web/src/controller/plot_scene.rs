//! The plot scene filled from the session: the core's grid read as plain
//! slices, the points copied when they change, the loss history, the
//! switches. Buffers are reused, so a steady frame allocates nothing.

use super::sync::kind_of;
use crate::scene::plot::{ChartRecord, DataPoint, GridLayer, GridMaps, Labels, PlotPoints};
use crate::scene::PlotScene;
use lightbulb_core::maps::Maps;
use lightbulb_core::{Dataset, EpochRecord, Point, Problem};

impl GridMaps for Maps {
    fn resolution(&self) -> usize {
        Maps::resolution(self)
    }

    fn depth(&self) -> usize {
        Maps::depth(self)
    }

    fn layer(&self, l: usize) -> Option<GridLayer<'_>> {
        let a = self.a(l)?;
        let neurons = a.ncols();
        Some(GridLayer::new(a.to_slice()?, neurons))
    }
}

/// A fingerprint of every point (coordinates, labels, which set, the
/// problem): any edit to the data changes it. No allocation, one pass.
pub fn fingerprint(data: &Dataset) -> u64 {
    let mix = |h: u64, v: u64| (h ^ v).wrapping_mul(0x0100_0000_01b3).rotate_left(23);
    let mut h = match data.problem {
        Problem::Classification { classes } => mix(1, classes as u64),
        Problem::Regression => 2,
    };
    for (tag, set) in [(3u64, &data.train), (5, &data.test)] {
        h = mix(h, tag ^ ((set.len() as u64) << 8));
        for p in set {
            h = mix(
                mix(mix(h, p.x1.to_bits()), p.x2.to_bits()),
                p.label.to_bits(),
            );
        }
    }
    h
}

/// The plot's picture of a point.
pub fn data_point(p: &Point) -> DataPoint {
    DataPoint {
        x1: p.x1,
        x2: p.x2,
        label: p.label,
    }
}

/// The plot's picture of an epoch.
pub fn chart_record(r: &EpochRecord) -> ChartRecord {
    ChartRecord {
        epoch: r.epoch,
        train_loss: r.train_loss,
        test_loss: r.test_loss,
        train_accuracy: r.train_accuracy,
        test_accuracy: r.test_accuracy,
    }
}

/// Copies `data` into `out` (reusing its buffers), with its fingerprint as
/// the revision.
pub fn fill_points(out: &mut PlotPoints, data: &Dataset) {
    out.labels = match data.problem {
        Problem::Classification { classes } => Labels::Classes(classes),
        Problem::Regression => Labels::Values,
    };
    out.train.clear();
    out.train.extend(data.train.iter().map(data_point));
    out.test.clear();
    out.test.extend(data.test.iter().map(data_point));
    out.revision = fingerprint(data);
}

/// The plot scene and what it was last filled from.
#[derive(Debug, Default)]
pub struct PlotFill {
    /// The scene the view paints.
    pub scene: PlotScene,
    /// Whether `scene.points` holds the session's points yet.
    filled: bool,
}

impl PlotFill {
    /// Brings the points up to date with `data`: one pass to fingerprint
    /// them, a copy only when they changed.
    pub fn points(&mut self, data: &Dataset) {
        if !self.filled || fingerprint(data) != self.scene.points.revision {
            fill_points(&mut self.scene.points, data);
            self.filled = true;
        }
    }

    /// Copies the loss history (reusing the buffer).
    pub fn history(&mut self, history: &[EpochRecord]) {
        self.scene.history.clear();
        self.scene.history.extend(history.iter().map(chart_record));
    }

    /// Copies the other run's loss history and name while comparing two
    /// runs (reusing the buffer); `None` clears it.
    pub fn other(&mut self, other: Option<(&[EpochRecord], &'static str)>) {
        self.scene.other_history.clear();
        self.scene.other_name = other.map(|(history, name)| {
            self.scene
                .other_history
                .extend(history.iter().map(chart_record));
            name
        });
    }

    /// The output layer as the decision map colours it.
    pub fn head(&mut self, head: lightbulb_core::session::Head) {
        self.scene.output_kind = kind_of(head.activation);
        self.scene.outputs = head.outputs;
    }
}

#[cfg(test)]
mod tests;
