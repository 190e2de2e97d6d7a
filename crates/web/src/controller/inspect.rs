//! The engineer's view: any weight's gradient checked against a finite
//! difference with each example's share of it, every gradient checked at
//! once, and the step carried out to the command line (`lightbulb step
//! --model M --batch B --trace` gives back the same trace, bit for bit).
//!
//! The checks use the batch of the step on screen (the rows the session's
//! trace holds) at the weights on screen, through the core's
//! [`gradient_check`] and [`example_share`]; nothing here computes a
//! derivative of its own.

use super::{ControlError, Controller};
use lightbulb_core::example_share::{push, shares};
use lightbulb_core::gradient_check::{self, check_all, check_parameter, Parameter};
use lightbulb_core::ndarray::ArrayView2;
use lightbulb_core::trace_json::{matrix, trace_value};
use lightbulb_core::{Model, Trace};
use serde_json::{json, Value};

impl Controller {
    /// The batch of the step on screen, as (network inputs, targets) rows,
    /// read in place from the session's trace.
    fn step_batch(&self) -> Result<(ArrayView2<'_, f64>, ArrayView2<'_, f64>), ControlError> {
        let trace = self.session.trace();
        if trace.rows() == 0 || trace.forward_done() == 0 {
            return Err(ControlError::NoStepYet);
        }
        Ok((trace.inputs(), trace.targets()))
    }

    /// Weight `from → to` of matrix `layer`: its gradient from the backward
    /// pass beside a central finite difference of the same loss, their
    /// relative error, and each example's share `δ·a` (plus the common
    /// regularization term) whose mean is the gradient. As JSON.
    pub fn inspect_weight(
        &self,
        layer: usize,
        from: usize,
        to: usize,
    ) -> Result<String, ControlError> {
        let (x, y) = self.step_batch()?;
        let net = self.session.network();
        let objective = self.session.trainer().config().objective();
        let parameter = Parameter::Weight { layer, to, from };
        let check = check_parameter(net, x, y, objective, parameter)?;
        let mut trace = Trace::new(net, x.nrows());
        trace.load(x, Some(y))?;
        net.forward(&mut trace);
        net.backward(objective, &mut trace)?;
        let s = shares(net, &trace, objective, parameter)?;
        Ok(json!({
            "layer": layer, "from": from, "to": to,
            "weight": net.layers().get(layer).and_then(|l| l.weights.get((to, from))),
            "step": self.session.steps(),
            "examples": x.nrows(),
            "analytic": check.analytic,
            "numeric": check.numeric,
            "relative_error": check.relative_error,
            "at_kink": check.at_kink,
            "floor": gradient_check::RELATIVE_ERROR_FLOOR,
            "shares": s.data,
            "regularization": s.regularization,
            "mean": s.mean(),
        })
        .to_string())
    }

    /// Every weight and bias checked on the batch of the step on screen:
    /// how many, the worst relative error (kinks left out) and where.
    pub fn check_all_gradients(&self) -> Result<String, ControlError> {
        let (x, y) = self.step_batch()?;
        let net = self.session.network();
        let all = check_all(net, x, y, self.session.trainer().config().objective())?;
        let worst = all.worst().map(|c| {
            let (kind, layer, from, to) = match c.parameter {
                Parameter::Weight { layer, to, from } => ("weight", layer, Some(from), to),
                Parameter::Bias { layer, neuron } => ("bias", layer, None, neuron),
            };
            json!({"kind": kind, "layer": layer, "from": from, "to": to,
                   "analytic": c.analytic, "numeric": c.numeric})
        });
        Ok(json!({
            "parameters": all.checks.len(),
            "worst_relative_error": all.worst_relative_error(),
            "at_kinks": all.at_kinks(),
            "worst": worst,
            "step": self.session.steps(),
            "examples": x.nrows(),
        })
        .to_string())
    }

    /// The training point nearest (x1, x2), if one lies within `radius`:
    /// its push on every weight and bias at the weights on screen, the
    /// gradient it alone gives (`δ·a` plus the regularization term per
    /// weight, `δ` per bias), and the largest push on a weight. As JSON,
    /// `null` when no point is near.
    pub fn point_push(&self, x1: f64, x2: f64, radius: f64) -> Result<String, ControlError> {
        if !(x1.is_finite() && x2.is_finite()) {
            return Err(ControlError::Input(x1, x2));
        }
        let d2 = |p: &lightbulb_core::dataset::Point| (p.x1 - x1).powi(2) + (p.x2 - x2).powi(2);
        let nearest = self
            .session
            .data()
            .train
            .iter()
            .enumerate()
            .map(|(i, p)| (i, *p, d2(p)))
            .filter(|&(.., d)| d <= radius * radius)
            .min_by(|a, b| a.2.total_cmp(&b.2));
        let Some((index, point, _)) = nearest else {
            return Ok("null".to_string());
        };
        let net = self.session.network();
        let objective = self.session.trainer().config().objective();
        let (x, y) = (self.session.train_inputs(), self.session.train_targets());
        let mut trace = Trace::new(net, 1);
        trace.load(
            x.slice(lightbulb_core::ndarray::s![index..=index, ..]),
            Some(y.slice(lightbulb_core::ndarray::s![index..=index, ..])),
        )?;
        net.forward(&mut trace);
        net.backward(objective, &mut trace)?;
        let p = push(net, &trace, objective, 0)?;
        let mut largest: Option<(usize, usize, usize, f64)> = None;
        for (l, w) in p.weights.iter().enumerate() {
            for ((to, from), &v) in w.indexed_iter() {
                if largest.is_none_or(|(.., best)| v.abs() > best.abs()) {
                    largest = Some((l, from, to, v));
                }
            }
        }
        let layers: Vec<Value> = p
            .weights
            .iter()
            .zip(&p.biases)
            .map(|(w, b)| json!({"weights": matrix(w.view()), "biases": lightbulb_core::trace_json::vector(b.view())}))
            .collect();
        Ok(json!({
            "point": {"index": index, "x1": point.x1, "x2": point.x2, "label": point.label},
            "layers": layers,
            "largest": largest.map(|(layer, from, to, value)| json!({"layer": layer, "from": from, "to": to, "value": value})),
        })
        .to_string())
    }

    /// Takes one whole training step and returns it as three documents, in
    /// this order: the model file before the step (optimizer state
    /// included), a batch file of the step's points and targets, and the
    /// trace (every z, a, δ, ∂L/∂w and update, as `lightbulb step --trace`
    /// prints it under `"trace"`). Refused on a past step of the history or
    /// after a divergence; then nothing changes.
    pub fn export_step(&mut self) -> Result<[String; 3], ControlError> {
        if self.session.in_the_past() {
            return Err(ControlError::ExportInThePast);
        }
        if self.session.diverged().is_some() {
            return Err(ControlError::ExportDiverged);
        }
        let before = Model::from_trainer(
            self.session.trainer(),
            Some(self.state.config.features),
            self.state.config.seed,
        )
        .to_json();
        let points: Vec<Value> = self
            .session
            .batch_indices()
            .iter()
            .filter_map(|&i| self.session.data().train.get(i))
            .map(|p| json!([p.x1, p.x2]))
            .collect();
        self.finish_animation();
        self.playing = false;
        self.session.step()?;
        if self.session.diverged().is_some() {
            self.show_divergence();
        }
        self.touch();
        let trace = self.session.trace();
        let batch = json!({"inputs": points, "targets": matrix(trace.targets())});
        Ok([before, batch.to_string(), trace_value(trace).to_string()])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lightbulb_core::ndarray::Array2;

    fn stepped(hash: &str) -> Controller {
        let mut c = Controller::new(hash).unwrap();
        c.export_step().unwrap();
        c
    }

    fn parse(s: &str) -> Value {
        serde_json::from_str(s).unwrap()
    }

    /// The shares' mean is the backward pass's gradient to 1e-12, and the
    /// finite difference agrees with it to 1e-6; the shares are δ·a worked
    /// out here from a trace of the same batch and weights.
    #[test]
    fn a_weight_is_checked_and_its_shares_add_up() {
        let c = stepped("dataset=circle&layers=4,3&reg=l2&regrate=0.01");
        let v = parse(&c.inspect_weight(1, 2, 1).unwrap());
        let (analytic, mean) = (v["analytic"].as_f64().unwrap(), v["mean"].as_f64().unwrap());
        assert!((analytic - mean).abs() <= 1e-12, "{analytic} vs {mean}");
        assert!(v["relative_error"].as_f64().unwrap() <= 1e-6, "{v}");
        let n = v["examples"].as_u64().unwrap() as usize;
        assert_eq!(v["shares"].as_array().unwrap().len(), n);
        // δ·a by hand: δ of neuron 1 of layer 1 times a of neuron 2 of layer 0.
        let net = c.session.network();
        let trace = c.session.trace();
        let mut t = Trace::new(net, n);
        t.load(trace.inputs(), Some(trace.targets())).unwrap();
        net.forward(&mut t);
        net.backward(c.session.trainer().config().objective(), &mut t)
            .unwrap();
        let (delta, a) = (t.delta(1).unwrap(), t.a(0).unwrap());
        for (k, share) in v["shares"].as_array().unwrap().iter().enumerate() {
            let by_hand = delta[[k, 1]] * a[[k, 2]];
            assert!((share.as_f64().unwrap() - by_hand).abs() < 1e-15);
        }
        let w = net.layers()[1].weights[[1, 2]];
        assert!((v["regularization"].as_f64().unwrap() - 0.01 * w).abs() < 1e-15);
    }

    #[test]
    fn every_gradient_is_checked() {
        let c = stepped("dataset=xor&layers=3&activation=tanh");
        let v = parse(&c.check_all_gradients().unwrap());
        // 2·3 + 3 weights and biases into the hidden layer, 3 + 1 into the output.
        assert_eq!(v["parameters"], 13);
        assert!(v["worst_relative_error"].as_f64().unwrap() <= 1e-6, "{v}");
    }

    #[test]
    fn before_any_step_the_checks_say_so_and_change_nothing() {
        let c = Controller::new("").unwrap();
        let e = c.inspect_weight(0, 0, 0).unwrap_err().to_string();
        assert!(e.contains("Step"), "{e}");
        assert!(c.check_all_gradients().is_err());
    }

    #[test]
    fn a_weight_that_does_not_exist_is_named() {
        let c = stepped("dataset=xor&layers=3");
        let e = c.inspect_weight(0, 7, 0).unwrap_err().to_string();
        assert!(e.contains('7'), "{e}");
    }

    /// The exported step is the step taken: its model is the state before
    /// (re-running that step from it gives the page's weights after, bit for
    /// bit), its batch the step's points, and its trace the session's.
    #[test]
    fn an_exported_step_replays_bit_for_bit() {
        let mut c = Controller::new("dataset=spiral&layers=5&optimizer=adam").unwrap();
        for _ in 0..3 {
            c.session.step().unwrap();
        }
        let steps = c.session.steps();
        let [model, batch, trace] = c.export_step().unwrap();
        assert_eq!(c.session.steps(), steps + 1);
        let (batch, trace) = (parse(&batch), parse(&trace));
        let model = Model::from_json(&model).unwrap();
        let mut trainer = model.trainer().unwrap();
        let features = model.features.unwrap();
        let points = batch["inputs"].as_array().unwrap();
        let targets = batch["targets"].as_array().unwrap();
        let rows = points.len();
        let mut x = Array2::zeros((rows, features.len()));
        let mut y = Array2::zeros((rows, targets[0].as_array().unwrap().len()));
        for (r, (p, t)) in points.iter().zip(targets).enumerate() {
            let p = (p[0].as_f64().unwrap(), p[1].as_f64().unwrap());
            features.transform_into(p.0, p.1, x.row_mut(r).as_slice_mut().unwrap());
            for (k, tk) in t.as_array().unwrap().iter().enumerate() {
                y[[r, k]] = tk.as_f64().unwrap();
            }
        }
        trainer.step(x.view(), y.view()).unwrap();
        assert_eq!(trace_value(trainer.trace()), trace);
        for (mine, page) in trainer
            .network()
            .layers()
            .iter()
            .zip(c.session.network().layers())
        {
            assert_eq!(mine.weights, page.weights);
            assert_eq!(mine.biases, page.biases);
        }
    }

    /// A point's push on a weight is δ·a worked out here from a one-row
    /// trace of that point, and equals its share when it is a batch's only
    /// example; a click far from every point gives null.
    #[test]
    fn a_points_push_on_every_weight() {
        let c = stepped("dataset=gauss&layers=3&reg=l1&regrate=0.01");
        let p = c.session.data().train[5];
        let v = parse(&c.point_push(p.x1 + 0.01, p.x2, 0.3).unwrap());
        assert_eq!(v["point"]["index"], 5);
        let net = c.session.network();
        let objective = c.session.trainer().config().objective();
        let mut t = Trace::new(net, 1);
        let x = c
            .session
            .train_inputs()
            .row(5)
            .to_owned()
            .insert_axis(lightbulb_core::ndarray::Axis(0));
        let y = c
            .session
            .train_targets()
            .row(5)
            .to_owned()
            .insert_axis(lightbulb_core::ndarray::Axis(0));
        t.load(x.view(), Some(y.view())).unwrap();
        net.forward(&mut t);
        net.backward(objective, &mut t).unwrap();
        // Layer 1 (the output), weight from hidden neuron 2: δ·a + 0.01·sign(w).
        let w = net.layers()[1].weights[[0, 2]];
        let by_hand = t.delta(1).unwrap()[[0, 0]] * t.a(0).unwrap()[[0, 2]] + 0.01 * w.signum();
        let shown = v["layers"][1]["weights"][0][2].as_f64().unwrap();
        assert!((shown - by_hand).abs() < 1e-15, "{shown} vs {by_hand}");
        // With one example, the batch gradient is the push.
        assert!((t.grad_w(1).unwrap()[[0, 2]] - shown).abs() < 1e-15);
        let largest = v["largest"]["value"].as_f64().unwrap().abs();
        for layer in v["layers"].as_array().unwrap() {
            for row in layer["weights"].as_array().unwrap() {
                for w in row.as_array().unwrap() {
                    assert!(w.as_f64().unwrap().abs() <= largest);
                }
            }
        }
        assert_eq!(c.point_push(100.0, 100.0, 0.3).unwrap(), "null");
        assert!(c.point_push(f64::NAN, 0.0, 0.3).is_err());
    }

    #[test]
    fn an_export_in_the_past_is_refused_and_changes_nothing() {
        let mut c = Controller::new("dataset=xor&layers=3").unwrap();
        for _ in 0..4 {
            c.session.step().unwrap();
        }
        c.seek(2.0).unwrap();
        let e = c.export_step().unwrap_err().to_string();
        assert!(e.contains("latest step"), "{e}");
        assert_eq!(c.session.steps(), 2);
        assert!(c.session.in_the_past());
    }
}
