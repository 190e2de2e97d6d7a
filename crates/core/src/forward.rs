//! The forward pass: `z = a_prev·Wᵀ + b`, `a = f(z)`, layer by layer.

use crate::activation::{softmax_in_place, Activation};
use crate::error::{Error, Result};
use crate::kernels::affine;
use crate::network::Network;
use crate::trace::Trace;
use ndarray::{s, Zip};

impl Network {
    /// Runs the whole forward pass on the batch loaded in `trace`.
    pub fn forward(&self, trace: &mut Trace) {
        for l in 0..self.depth() {
            self.forward_unchecked(l, trace);
        }
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
        let layer = &self.layers()[l];
        let (done, rest) = trace.layers.split_at_mut(l);
        let current = &mut rest[0];
        let x = match done.last() {
            Some(prev) => prev.a.slice(s![..rows, ..]),
            None => trace.input.slice(s![..rows, ..]),
        };
        let mut z = current.z.slice_mut(s![..rows, ..]);
        affine(x, layer.weights.view(), layer.biases.view(), z.view_mut());
        let mut a = current.a.slice_mut(s![..rows, ..]);
        let act = layer.activation;
        if act == Activation::Softmax {
            a.assign(&z);
            for mut row in a.rows_mut() {
                if let Some(slice) = row.as_slice_mut() {
                    softmax_in_place(slice);
                }
            }
        } else {
            Zip::from(&mut a)
                .and(&z)
                .for_each(|a, &z| *a = act.apply(z));
        }
        trace.progress.forward = l + 1;
    }
}
