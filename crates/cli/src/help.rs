//! The help texts.

use crate::args::{Name, USAGE};

const GENERAL: &str = "\
lightbulb: train and inspect Lightbulb neural networks from the command line.

Commands:
  step    one training step of a model on a batch; prints the updated model
  eval    a model's outputs (and loss) on a batch
  train   train a new model on a built-in dataset; prints or writes it

Run `lightbulb <command> --help` for a command's flags and file formats.

Exit codes: 0 success; 1 the output could not be written; 2 bad arguments,
bad files, bad shapes or non-finite numbers; 3 the numbers overflowed
(a diverged step, non-finite outputs). Errors are one line on stderr.
";

const BATCH: &str = "\
Batch file (B.json):
  {\"inputs\": [[x1, x2], ...], \"targets\": [[y1, ...], ...]}
  inputs   1 to 100,000 rows, all the same length. If the model has
           \"features\", each row is a point (x1, x2) that the features
           transform into the network's inputs; otherwise each row holds one
           value per network input.
  targets  one row per input row: one number per network output, or
           {\"class\": k} for a softmax output (one-hot; 0 <= k < outputs).
  Every number must be finite; errors name the JSON path, e.g.
  `error: B.json: inputs[3][1]: must be a finite number, got the string \"NaN\"`.
";

const STEP: &str = "\
One training step: forward, loss, backward and update, on the whole batch
at once (one update over all rows; the model's batch_size does not split it),
with the model's loss, optimizer, learning rate, regularisation and saved
optimizer state.

Flags:
  --model M.json   the model file (as written by the page or this command)
  --batch B.json   the batch file; targets are required
  --trace          also print every array of the step
  --help, -h       this help

Output (stdout): the updated model, in the model-file format (features and
seed kept). With --trace, one JSON document instead:
  {\"model\": {...the updated model...},
   \"trace\": {\"inputs\":  [[...]],   network inputs, after the features (rows x inputs)
             \"targets\": [[...]],   encoded targets (rows x outputs)
             \"loss\":    x,         mean loss of the batch before the update,
                                    without regularisation
             \"layers\": [           first hidden layer first, output layer last
               {\"z\":       [[...]], pre-activations (rows x neurons)
                \"a\":       [[...]], activations (rows x neurons)
                \"delta\":   [[...]], dL/dz of each example (rows x neurons)
                \"grad_w\":  [[...]], batch-mean dL/dW, regularisation included
                                     (neurons x inputs)
                \"grad_b\":  [...],   batch-mean dL/db (neurons)
                \"delta_w\": [[...]], the change applied to the weights (neurons x inputs)
                \"delta_b\": [...]    the change applied to the biases (neurons)
               }, ...]}}

A step keeps z, a and delta of every neuron for every row: a batch whose
trace would take more than 1 GiB is refused (exit code 2); split it.

If the step diverges (a number would become NaN or infinite), nothing is
printed to stdout, stderr says
  error: training diverged: <reason>; the model is unchanged
and the exit code is 3.
";

const EVAL: &str = "\
The network's outputs on a batch, and the loss when the batch has targets.

Flags:
  --model M.json   the model file
  --batch B.json   the batch file; targets are optional
  --help, -h       this help

Output (stdout):
  {\"outputs\": [[...], ...], \"loss\": x}
  outputs  one row per input row, one value per network output
  loss     the mean loss of the model's loss function over the batch, without
           regularisation; present only when the batch has targets.

If an output or the loss is not a finite number the exit code is 3.
";

const TRAIN: &str = "\
Trains a new network on a built-in dataset (or continues a saved session)
and writes it as a model file. Every flag is optional.

Data:
  --dataset NAME        circle (default), xor, gauss, spiral, moons,
                        checkerboard, blobs, plane, multi_gauss
  --points N            points in all, train and test (default 500)
  --noise PERCENT       0 to 50 (default 0)
  --train-percent P     share of points used for training, 10 to 90 (default 50)
  --classes K           2 to 10, for blobs and spiral only
Network:
  --features LIST       comma-separated, from x1, x2, x1_sq, x2_sq, x1_x2,
                        sin_x1, sin_x2 (default x1,x2)
  --layers LIST         hidden layer sizes, e.g. 8,8,8, or none (default 4,2)
  --activation NAME     hidden activation: tanh (default), relu, leaky_relu,
                        sigmoid, linear
  --init NAME           xavier, he, uniform or zeros (default: he for relu
                        and leaky_relu, xavier otherwise)
  --loss NAME           mse, bce or softmax_ce; it picks the output layer
                        (default: softmax_ce for more than 2 classes, else mse)
Training:
  --optimizer NAME      sgd (default), momentum, adam
  --lr RATE             learning rate (default 0.03)
  --batch-size N        examples per update, 1 to 5000 (default 10)
  --regularization NAME none (default), l1, l2
  --reg-rate RATE       regularisation rate (default 0)
  --epochs N            epochs to train, 1 to 100000 (default 100)
  --seed N              seed of the data, the weights and the shuffling (default 1)
  --resume S.json       continue a session file written by --session; the flags
                        above except --epochs are then not allowed
Output:
  --out M.json          write the model file there (default: print it to stdout)
  --session S.json      also write the session file (data, network, optimizer
                        state, counters, history), which --resume and the page read
  --json                no progress bar; print one JSON document to stdout:
                        {\"epochs\": n, \"total_epochs\": n, \"steps\": n,
                         \"final\": {epoch, train_loss, test_loss, train_accuracy,
                                   test_accuracy},
                         \"history\": [one such record per epoch],
                         \"diverged\": null or {\"step\": n, \"reason\": \"...\"},
                         \"model\": {...} (only without --out)}
  --help, -h            this help

A progress bar is drawn on stderr when it is a terminal, then one summary
line. If a step diverges, training stops, the model from before that step is
still written, stderr says `error: training diverged at step N: <reason>; ...`
and the exit code is 3.
";

/// The help text for `name`, or the general help.
pub fn text(name: Option<Name>) -> String {
    match name {
        None => format!("usage: {USAGE}\n\n{GENERAL}"),
        Some(name) => {
            let body = match name {
                Name::Step => format!("{STEP}\n{BATCH}"),
                Name::Eval => format!("{EVAL}\n{BATCH}"),
                Name::Train => TRAIN.to_owned(),
            };
            format!("usage: {}\n\n{body}", name.usage())
        }
    }
}
