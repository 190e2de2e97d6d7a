//! The forward pass: `z = a_prev·Wᵀ + b`, `a = f(z)`, layer by layer.

use crate::activation::{softmax_in_place, Activation};
use crate::error::{Error, Result};
use crate::kernels::{affine, rows, rows_mut};
use crate::network::Network;
use crate::trace::Trace;
use ndarray::Zip;

/// Rows per block of a large forward pass.
const BLOCK: usize = 64;

impl Network {
    /// Runs the whole forward pass on the batch loaded in `trace`. Large
    /// batches (a heatmap grid) go through every layer a block of rows at a
    /// time, so each block's numbers stay in cache; the arithmetic per row
    /// is the same as layer by layer.
    pub fn forward(&self, trace: &mut Trace) {
        let rows = trace.rows;
        let mut start = 0;
        while start < rows {
            let end = (start + BLOCK).min(rows);
            for l in 0..self.depth() {
                self.forward_rows(l, start, end, trace);
            }
            start = end;
        }
        trace.progress.forward = self.depth();
    }

    /// Computes layer `l` only. It must be the next layer the step has not
    /// computed yet, so that the phases of a step happen in order.
    pub fn forward_layer(&self, l: usize, trace: &mut Trace) -> Result<()> {
        if !trace.fits(self) {
            return Err(Error::Invalid(
                "the trace was made for another network".into(),
            ));
        }
        if l != trace.progress.forward || l >= self.depth() {
            return Err(Error::Invalid(format!(
                "forward pass: layer {} is not next (layers done: {})",
                l + 1,
                trace.progress.forward
            )));
        }
        self.forward_unchecked(l, trace);
        Ok(())
    }

    pub(crate) fn forward_unchecked(&self, l: usize, trace: &mut Trace) {
        let rows = trace.rows;
        let mut start = 0;
        while start < rows {
            let end = (start + BLOCK).min(rows);
            self.forward_rows(l, start, end, trace);
            start = end;
        }
        trace.progress.forward = l + 1;
    }

    /// `z` and `a` of layer `l` for rows `start..end`.
    fn forward_rows(&self, l: usize, start: usize, end: usize, trace: &mut Trace) {
        let layer = &self.layers()[l];
        let (done, rest) = trace.layers.split_at_mut(l);
        let current = &mut rest[0];
        let x = match done.last() {
            Some(prev) => rows(&prev.a, start, end),
            None => rows(&trace.input, start, end),
        };
        let mut z = rows_mut(&mut current.z, start, end);
        affine(x, layer.weights.view(), layer.biases.view(), z.view_mut());
        let mut a = rows_mut(&mut current.a, start, end);
        let act = layer.activation;
        match (z.as_slice(), a.as_slice_mut()) {
            (Some(zs), Some(as_)) => act.apply_slice(zs, as_),
            _ => Zip::from(&mut a)
                .and(&z)
                .for_each(|a, &z| *a = act.apply(z)),
        }
        if act == Activation::Softmax {
            for mut row in a.rows_mut() {
                if let Some(slice) = row.as_slice_mut() {
                    softmax_in_place(slice);
                }
            }
        }
    }
}
