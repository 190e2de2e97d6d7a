//! The loss and the backward pass: `δ = ∂L/∂z`, from the output back to the input.

use crate::error::{Error, Result};
use crate::kernels::{back_project, column_sum, outer_sum, rows as head, rows_mut as head_mut};
use crate::loss::{mse_term, Loss};
use crate::network::Network;
use crate::regularization::Regularization;
use crate::trace::Trace;
use ndarray::Zip;

/// What the backward pass differentiates: the loss plus a weight penalty.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Objective {
    /// The data loss.
    pub loss: Loss,
    /// The penalty on weights.
    pub regularization: Regularization,
    /// The penalty's rate.
    pub rate: f64,
}

impl Network {
    /// Computes the batch-mean loss (and the output layer's δ, which the
    /// backward pass will reveal). Needs the whole forward pass.
    pub fn compute_loss(&self, loss: Loss, trace: &mut Trace) -> Result<f64> {
        if trace.progress.forward != self.depth() || !trace.fits(self) || !trace.can_backpropagate()
        {
            return Err(Error::Invalid(
                "the loss needs the whole forward pass first, in a trace made for training".into(),
            ));
        }
        Ok(self.loss_unchecked(loss, trace))
    }

    pub(crate) fn loss_unchecked(&self, loss: Loss, trace: &mut Trace) -> f64 {
        let rows = trace.rows;
        let act = self.output_activation();
        let Some(out) = trace.layers.last_mut() else {
            return f64::NAN;
        };
        let mut total = 0.0;
        let (z, a, y) = (
            head(&out.z, 0, rows),
            head(&out.a, 0, rows),
            head(&trace.targets, 0, rows),
        );
        let mut delta = head_mut(&mut out.delta, 0, rows);
        let n = z.ncols();
        match (
            z.as_slice(),
            a.as_slice(),
            y.as_slice(),
            delta.as_slice_mut(),
        ) {
            // Row by row over the slices: ndarray's row iterators cost more
            // than a 1-output example's arithmetic.
            (Some(z), Some(a), Some(y), Some(d)) if n > 0 => {
                let rows = z
                    .chunks_exact(n)
                    .zip(a.chunks_exact(n))
                    .zip(y.chunks_exact(n))
                    .zip(d.chunks_exact_mut(n));
                for (((z, a), y), d) in rows {
                    total += match loss {
                        // Inline: each example's sum as in Loss::example.
                        Loss::Mse => {
                            let mut sum = 0.0;
                            for (((&z, &a), &y), d) in z.iter().zip(a).zip(y).zip(d) {
                                sum += mse_term(act, z, a, y, d);
                            }
                            sum
                        }
                        _ => loss.example(act, z.into(), a.into(), y.into(), d.into()),
                    };
                }
            }
            _ => Zip::from(z.rows())
                .and(a.rows())
                .and(y.rows())
                .and(delta.rows_mut())
                .for_each(|z, a, y, d| total += loss.example(act, z, a, y, d)),
        }
        trace.loss = total / rows as f64;
        trace.progress.loss = true;
        trace.loss
    }

    /// Runs the whole backward pass after [`Network::forward`], and returns the loss.
    pub fn backward(&self, objective: Objective, trace: &mut Trace) -> Result<f64> {
        let loss = self.compute_loss(objective.loss, trace)?;
        for l in (0..self.depth()).rev() {
            self.backward_unchecked(l, objective, trace);
        }
        Ok(loss)
    }

    /// Computes δ and the gradients of layer `l` only. It must be the next
    /// layer down (the output layer first, right after the loss).
    pub fn backward_layer(&self, l: usize, objective: Objective, trace: &mut Trace) -> Result<()> {
        if !trace.progress.loss
            || !trace.fits(self)
            || !trace.can_backpropagate()
            || l + 1 != trace.progress.backward_from
        {
            return Err(Error::Invalid(format!(
                "backward pass: layer {} is not next (the loss and the layers above come first)",
                l + 1
            )));
        }
        self.backward_unchecked(l, objective, trace);
        Ok(())
    }

    pub(crate) fn backward_unchecked(&self, l: usize, objective: Objective, trace: &mut Trace) {
        let rows = trace.rows;
        let layers = self.layers();
        let (below, rest) = trace.layers.split_at_mut(l);
        let (current, above) = rest.split_at_mut(1);
        let current = &mut current[0];
        // δ of a hidden layer: (δ_next · W_next) ⊙ f′(z). The output δ came with the loss.
        if let Some(next) = above.first() {
            let mut delta = head_mut(&mut current.delta, 0, rows);
            back_project(
                head(&next.delta, 0, rows),
                layers[l + 1].weights.view(),
                delta.view_mut(),
            );
            let act = layers[l].activation;
            let (z, a) = (head(&current.z, 0, rows), head(&current.a, 0, rows));
            match (delta.as_slice_mut(), z.as_slice(), a.as_slice()) {
                (Some(d), Some(z), Some(a)) => act.scale_by_derivative(d, z, a),
                _ => Zip::from(&mut delta)
                    .and(z)
                    .and(a)
                    .for_each(|d, &z, &a| *d *= act.derivative(z, a)),
            }
        }
        let x = match below.last() {
            Some(prev) => head(&prev.a, 0, rows),
            None => head(&trace.input, 0, rows),
        };
        let delta = head(&current.delta, 0, rows);
        let inv = 1.0 / rows as f64;
        outer_sum(inv, delta, x, current.grad_w.view_mut());
        if objective.regularization != Regularization::None {
            let (reg, rate) = (objective.regularization, objective.rate);
            Zip::from(&mut current.grad_w)
                .and(&layers[l].weights)
                .for_each(|g, &w| *g += reg.gradient(w, rate));
        }
        column_sum(inv, delta, current.grad_b.view_mut());
        trace.progress.backward_from = l;
    }
}
