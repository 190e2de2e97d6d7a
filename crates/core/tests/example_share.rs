//! Each example's share of a gradient (`lightbulb_core::example_share`):
//! the mean of the shares is the batch gradient of the backward pass, and
//! each share is the gradient of that example alone, computed by an
//! independent backward pass on a batch of one.

use lightbulb_core::example_share::{push, shares};
use lightbulb_core::gradient_check::Parameter;
use lightbulb_core::{Activation, Loss, Network, NetworkSpec, Objective, Regularization, Trace};
use ndarray::{s, Array2};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

fn close(a: f64, b: f64, what: &str) {
    assert!(
        (a - b).abs() <= 1e-12 * b.abs().max(1.0),
        "{what}: {a} vs {b}"
    );
}

fn backward(net: &Network, x: &Array2<f64>, y: &Array2<f64>, obj: Objective) -> Trace {
    let mut trace = Trace::new(net, x.nrows());
    trace.load(x.view(), Some(y.view())).expect("load");
    net.forward(&mut trace);
    net.backward(obj, &mut trace).expect("backward");
    trace
}

/// The batch gradient of `p` in a trace.
fn batch_gradient(trace: &Trace, p: Parameter) -> f64 {
    match p {
        Parameter::Weight { layer, to, from } => trace.grad_w(layer).expect("grad_w")[[to, from]],
        Parameter::Bias { layer, neuron } => trace.grad_b(layer).expect("grad_b")[neuron],
    }
}

#[test]
fn the_mean_of_the_shares_is_the_batch_gradient() {
    let configurations = [
        (
            Activation::Tanh,
            Activation::Tanh,
            Loss::Mse,
            Regularization::None,
            1,
        ),
        (
            Activation::Relu,
            Activation::Sigmoid,
            Loss::Bce,
            Regularization::L2,
            2,
        ),
        (
            Activation::LeakyRelu,
            Activation::Softmax,
            Loss::SoftmaxCe,
            Regularization::L1,
            3,
        ),
        (
            Activation::Sigmoid,
            Activation::Linear,
            Loss::Mse,
            Regularization::L1,
            4,
        ),
        (
            Activation::Linear,
            Activation::Softmax,
            Loss::SoftmaxCe,
            Regularization::L2,
            5,
        ),
    ];
    let mut checked = 0;
    for (hidden, out, loss, regularization, seed) in configurations {
        let outputs = if loss == Loss::SoftmaxCe { 3 } else { 1 };
        let spec = NetworkSpec::new(3, &[5, 4], hidden, outputs, out).seed(seed);
        let net = Network::new(&spec).expect("network");
        let mut rng = StdRng::seed_from_u64(seed);
        let rows = 7;
        let x = Array2::from_shape_fn((rows, 3), |_| rng.random_range(-3.0..3.0));
        let y = Array2::from_shape_fn((rows, outputs), |(n, k)| match loss {
            Loss::Mse => rng.random_range(-1.0..1.0),
            Loss::Bce => f64::from(rng.random_bool(0.5)),
            Loss::SoftmaxCe => f64::from(k == n % outputs),
        });
        let obj = Objective {
            loss,
            regularization,
            rate: 0.05,
        };
        let trace = backward(&net, &x, &y, obj);
        // One independent backward pass per example, on a batch of one.
        let alone: Vec<Trace> = (0..rows)
            .map(|n| {
                let xn = x.slice(s![n..n + 1, ..]).to_owned();
                let yn = y.slice(s![n..n + 1, ..]).to_owned();
                backward(&net, &xn, &yn, obj)
            })
            .collect();
        for p in Parameter::all(&net) {
            let what = format!("{hidden}/{loss}/{regularization:?} {p:?}");
            let share = shares(&net, &trace, obj, p).expect("shares");
            assert_eq!(share.data.len(), rows);
            close(share.mean(), batch_gradient(&trace, p), &what);
            let all = share.all();
            for (n, one) in alone.iter().enumerate() {
                close(
                    all[n],
                    batch_gradient(one, p),
                    &format!("{what} example {n}"),
                );
                assert_eq!(share.share(n), Some(all[n]));
            }
            if matches!(p, Parameter::Bias { .. }) || regularization == Regularization::None {
                assert_eq!(share.regularization, 0.0, "{what}");
            }
            checked += 1;
        }
    }
    assert!(checked > 200, "{checked}");
}

#[test]
fn shares_need_the_backward_pass_and_a_real_parameter() {
    let net = Network::new(&NetworkSpec::new(
        2,
        &[3],
        Activation::Tanh,
        1,
        Activation::Tanh,
    ))
    .expect("network");
    let obj = Objective {
        loss: Loss::Mse,
        regularization: Regularization::None,
        rate: 0.0,
    };
    let mut trace = Trace::new(&net, 2);
    let x = Array2::from_elem((2, 2), 0.5);
    let y = Array2::from_elem((2, 1), 1.0);
    trace.load(x.view(), Some(y.view())).expect("load");
    net.forward(&mut trace);
    let p = Parameter::Weight {
        layer: 0,
        to: 0,
        from: 0,
    };
    let err = shares(&net, &trace, obj, p).unwrap_err().to_string();
    assert!(err.contains("backward pass down to that layer"), "{err}");
    net.backward(obj, &mut trace).expect("backward");
    assert!(shares(&net, &trace, obj, p).is_ok());
    let bad = Parameter::Bias {
        layer: 0,
        neuron: 7,
    };
    let err = shares(&net, &trace, obj, bad).unwrap_err().to_string();
    assert!(err.contains("got 7"), "{err}");
    let other = Network::new(&NetworkSpec::new(
        3,
        &[3],
        Activation::Tanh,
        1,
        Activation::Tanh,
    ))
    .expect("network");
    assert!(shares(&other, &trace, obj, p).is_err());
}

#[test]
fn an_examples_push_is_its_own_gradient_on_every_parameter() {
    let spec = NetworkSpec::new(2, &[4, 3], Activation::Relu, 3, Activation::Softmax).seed(9);
    let net = Network::new(&spec).expect("network");
    let obj = Objective {
        loss: Loss::SoftmaxCe,
        regularization: Regularization::L2,
        rate: 0.02,
    };
    let mut rng = StdRng::seed_from_u64(9);
    let x = Array2::from_shape_fn((6, 2), |_| rng.random_range(-4.0..4.0));
    let y = Array2::from_shape_fn((6, 3), |(n, k)| f64::from(k == n % 3));
    let trace = backward(&net, &x, &y, obj);
    for n in 0..6 {
        let p = push(&net, &trace, obj, n).expect("push");
        let alone = backward(
            &net,
            &x.slice(s![n..n + 1, ..]).to_owned(),
            &y.slice(s![n..n + 1, ..]).to_owned(),
            obj,
        );
        for l in 0..net.depth() {
            let gw = alone.grad_w(l).expect("grad_w");
            for ((j, i), &v) in p.weights[l].indexed_iter() {
                close(v, gw[[j, i]], &format!("example {n} layer {l} w[{j}][{i}]"));
                let parameter = Parameter::Weight {
                    layer: l,
                    to: j,
                    from: i,
                };
                let by_wire = shares(&net, &trace, obj, parameter).expect("shares");
                assert_eq!(by_wire.share(n), Some(v));
            }
            let gb = alone.grad_b(l).expect("grad_b");
            for (j, &v) in p.biases[l].indexed_iter() {
                close(v, gb[j], &format!("example {n} layer {l} b[{j}]"));
            }
        }
    }
    let err = push(&net, &trace, obj, 6).unwrap_err().to_string();
    assert!(
        err.contains("example index must be between 0 and 5, got 6"),
        "{err}"
    );
}
