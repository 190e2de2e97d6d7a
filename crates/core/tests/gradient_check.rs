//! Every activation × loss pair the network allows, checked against finite
//! differences on random small networks with several seeds.

use lightbulb_core::{
    Activation, Layer, Loss, Network, NetworkSpec, Objective, Regularization, Trace,
};
use ndarray::Array2;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const HIDDEN: [Activation; 5] = [
    Activation::Sigmoid,
    Activation::Tanh,
    Activation::Relu,
    Activation::LeakyRelu,
    Activation::Linear,
];

/// Every (output activation, loss) pair that `Loss::check_output` accepts.
fn output_pairs() -> Vec<(Activation, Loss)> {
    let mut pairs = Vec::new();
    for out in Activation::ALL {
        for loss in Loss::ALL {
            if loss.check_output(out).is_ok() {
                pairs.push((out, loss));
            }
        }
    }
    pairs
}

fn targets(loss: Loss, rows: usize, outputs: usize, rng: &mut StdRng) -> Array2<f64> {
    let mut y = Array2::zeros((rows, outputs));
    for mut row in y.rows_mut() {
        match loss {
            Loss::Mse => row
                .iter_mut()
                .for_each(|v| *v = rng.random_range(-1.0..1.0)),
            Loss::Bce => row
                .iter_mut()
                .for_each(|v| *v = f64::from(rng.random_bool(0.5))),
            Loss::SoftmaxCe => row[rng.random_range(0..outputs)] = 1.0,
        }
    }
    y
}

/// Total objective: batch-mean data loss plus the weight penalty.
fn objective_value(
    net: &Network,
    x: &Array2<f64>,
    y: &Array2<f64>,
    obj: Objective,
) -> (f64, Vec<bool>) {
    let mut trace = Trace::new(net, x.nrows());
    trace.load(x.view(), Some(y.view())).unwrap();
    net.forward(&mut trace);
    let loss = net.compute_loss(obj.loss, &mut trace).unwrap();
    // Signs of every pre-activation, to detect a finite difference that
    // crosses a ReLU kink (where the derivative is undefined).
    let signs = (0..net.depth())
        .flat_map(|l| {
            trace
                .z(l)
                .unwrap()
                .iter()
                .map(|&z| z > 0.0)
                .collect::<Vec<_>>()
        })
        .collect();
    (loss + obj.regularization.penalty(net, obj.rate), signs)
}

fn with_param(
    net: &Network,
    l: usize,
    idx: Option<(usize, usize)>,
    j: usize,
    delta: f64,
) -> Network {
    let mut layers: Vec<Layer> = net.layers().to_vec();
    match idx {
        Some((r, c)) => layers[l].weights[[r, c]] += delta,
        None => layers[l].biases[j] += delta,
    }
    Network::from_layers(layers).unwrap()
}

/// Fourth-order central difference: error O(h⁴), so ~1e-12 at h = 1e-3.
fn numeric(
    net: &Network,
    l: usize,
    idx: Option<(usize, usize)>,
    j: usize,
    x: &Array2<f64>,
    y: &Array2<f64>,
    obj: Objective,
) -> Option<f64> {
    let h = 1e-3;
    let (_, base_signs) = objective_value(net, x, y, obj);
    let mut f = [0.0; 4];
    for (k, step) in [2.0, 1.0, -1.0, -2.0].iter().enumerate() {
        let (v, signs) = objective_value(&with_param(net, l, idx, j, step * h), x, y, obj);
        if signs != base_signs {
            return None; // crossed a kink
        }
        f[k] = v;
    }
    Some((8.0 * (f[1] - f[2]) - (f[0] - f[3])) / (12.0 * h))
}

#[test]
fn gradients_match_finite_differences() {
    let mut worst: f64 = 0.0;
    let mut checked = 0usize;
    let mut skipped = 0usize;
    for (out_act, loss) in output_pairs() {
        for hidden in HIDDEN {
            for (seed, reg) in [
                (1u64, Regularization::None),
                (2, Regularization::L2),
                (3, Regularization::L1),
            ] {
                let mut rng = StdRng::seed_from_u64(seed * 100 + hidden as u64);
                let outputs = if loss == Loss::SoftmaxCe { 3 } else { 2 };
                let spec = NetworkSpec::new(3, &[4, 3], hidden, outputs, out_act).seed(seed);
                let net = Network::new(&spec).unwrap();
                let x = Array2::from_shape_fn((5, 3), |_| rng.random_range(-2.0..2.0));
                let y = targets(loss, 5, outputs, &mut rng);
                let obj = Objective {
                    loss,
                    regularization: reg,
                    rate: 0.03,
                };

                let mut trace = Trace::new(&net, 5);
                trace.load(x.view(), Some(y.view())).unwrap();
                net.forward(&mut trace);
                net.backward(obj, &mut trace).unwrap();

                for l in 0..net.depth() {
                    let gw = trace.grad_w(l).unwrap();
                    let gb = trace.grad_b(l).unwrap();
                    let params = gw
                        .indexed_iter()
                        .map(|((r, c), &g)| (Some((r, c)), 0, g))
                        .chain(gb.indexed_iter().map(|(j, &g)| (None, j, g)));
                    for (idx, j, analytic) in params {
                        let Some(num) = numeric(&net, l, idx, j, &x, &y, obj) else {
                            skipped += 1;
                            continue;
                        };
                        let err = (analytic - num).abs() / analytic.abs().max(num.abs()).max(1e-5);
                        assert!(
                            err < 1e-6,
                            "{hidden:?}/{out_act:?}/{loss:?}/{reg:?} seed {seed} layer {l} {idx:?}/{j}: analytic {analytic} numeric {num} rel {err}"
                        );
                        worst = worst.max(err);
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 2000, "only {checked} parameters checked");
    assert!(
        skipped * 50 < checked,
        "too many kinks skipped: {skipped} of {checked}"
    );
    eprintln!(
        "checked {checked} gradients, skipped {skipped} at kinks, worst relative error {worst:e}"
    );
}
