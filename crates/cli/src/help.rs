//! The help texts shown after clap's list of flags: file formats, output
//! formats, exit codes. The flags themselves are documented in `args.rs`.

/// After the list of commands.
pub const GENERAL: &str = "\
Run `lightbulb <command> --help` for a command's flags and file formats.

Exit codes: 0 success; 1 the output could not be written; 2 bad arguments,
bad files, bad shapes or non-finite numbers; 3 the numbers overflowed
(a diverged step, non-finite outputs). Errors are one line on stderr.";

macro_rules! batch_format {
    () => {
        "\
Batch file (B.json):
  {\"inputs\": [[x1, x2], ...], \"targets\": [[y1, ...], ...]}
  inputs   1 to 100,000 rows, all the same length. If the model has
           \"features\", each row is a point (x1, x2) that the features
           transform into the network's inputs; otherwise each row holds one
           value per network input.
  targets  one row per input row: one number per network output, or
           {\"class\": k} for a softmax output (one-hot; 0 <= k < outputs).
  Every number must be finite; errors name the JSON path, e.g.
  `error: B.json: inputs[3][1]: must be a finite number, got the string \"NaN\"`."
    };
}

/// After the flags of `lightbulb step`.
pub const STEP: &str = concat!(
    "\
One training step: forward, loss, backward and update, on the whole batch
at once (one update over all rows; the model's batch_size does not split it),
with the model's loss, optimizer, learning rate, regularisation and saved
optimizer state. The same files give the same output, bit for bit.

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
  Numbers are printed as the shortest decimal that reads back to the same
  64-bit float; the updated weights are the old ones plus delta_w, delta_b.

A step keeps z, a and delta of every neuron for every row: a batch whose
trace would take more than 1 GiB is refused (exit code 2); split it.

If the step diverges (a number would become NaN or infinite), nothing is
printed to stdout, stderr says
  error: training diverged: <reason>; the model is unchanged
and the exit code is 3.

",
    batch_format!()
);

/// After the flags of `lightbulb eval`.
pub const EVAL: &str = concat!(
    "\
Output (stdout):
  {\"outputs\": [[...], ...], \"loss\": x}
  outputs  one row per input row, one value per network output
  loss     the mean loss of the model's loss function over the batch, without
           regularisation; present only when the batch has targets.

If an output or the loss is not a finite number the exit code is 3.

",
    batch_format!()
);

/// After the flags of `lightbulb train`.
pub const TRAIN: &str = "\
Every flag is optional; a run from the same flags gives the same model.

With --json, no progress bar; one JSON document on stdout:
  {\"epochs\": n, \"total_epochs\": n, \"steps\": n,
   \"final\": {epoch, train_loss, test_loss, train_accuracy, test_accuracy},
   \"history\": [one such record per epoch],
   \"diverged\": null or {\"step\": n, \"reason\": \"...\"},
   \"model\": {...} (only without --out)}

A progress bar is drawn on stderr when it is a terminal, then one summary
line. If a step diverges, training stops, the model from before that step is
still written, stderr says `error: training diverged at step N: <reason>; ...`
and the exit code is 3.

--dataset digits trains on 8 x 8 images of handwritten digits (the UCI
optdigits set, built in): 1,347 training and 450 test images, always the same
split. Its defaults differ: --layers 32, --activation tanh, a softmax output
over the digits 0-9, --loss softmax_ce (the only loss allowed), --optimizer
sgd, --lr 0.2, --batch-size 10, --epochs 8, --seed 1; they reach 97.3% test
accuracy. --points, --noise, --train-percent, --classes, --features and
--session are refused. Each epoch visits the training images once in an
order shuffled from the seed. The summary line ends with the test images
answered right, and --json adds
   \"dataset\": \"digits\",
   \"confusion\": 10 rows (true digit) of 10 counts (answered digit), over
                the 450 test images,
   \"misclassified\": [indices of the test images answered wrongly]
The model file has no features: give `lightbulb eval` rows of 64 numbers,
the pixels (0-16, row by row from the top left) divided by 16, and
{\"class\": k} targets.";

/// After the arguments of `lightbulb completions`.
pub const COMPLETIONS: &str = "\
Prints the script on stdout. For example:
  bash  lightbulb completions bash > ~/.local/share/bash-completion/completions/lightbulb
  zsh   lightbulb completions zsh > ~/.zfunc/_lightbulb   (with ~/.zfunc in $fpath)
  fish  lightbulb completions fish > ~/.config/fish/completions/lightbulb.fish";
