// Hardening: divergence never reaches the screen.
//
// The sweep: every dataset × {tanh, relu, sigmoid} × {SGD, Adam} × learning
// rate {10, 1e6}, 300 steps each (or until training diverges). One page for
// the whole sweep, loaded with lr=1000000 and 2,000 points (1,000 for
// training: an epoch is 100 steps of batch 10, so Play reaches 300 steps in
// three frames); the dataset and everything else are switched through the
// page's own controls, and a dataset's twelve runs go in one evaluation. Each
// run, once it has stopped:
//  - no "NaN", "Infinity" or "inf" in the text, any attribute or input value,
//    with the numbers panel open and the loss chart hovered;
//  - the heatmap is painted over the whole plot square (no pixel of the
//    canvas background shows through it);
//  - if it diverged: the notice is visible, names the divergence, and Play has
//    paused by itself;
//  - Reset (the notice's own button when it shows) gives a training state
//    again: counters at 0, no notice, and Step trains.
// Ends with one line: runs, how many diverged, the most steps run.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useLightbulb } from './support/harness.mjs';

const lb = useLightbulb();

const DATASETS = ['circle', 'xor', 'gauss', 'spiral', 'moons', 'checkerboard', 'blobs', 'plane', 'multi_gauss'];
const ACTIVATIONS = ['tanh', 'relu', 'sigmoid'];
const OPTIMIZERS = ['sgd', 'adam'];
const RATES = ['1000000', '10'];
const STEPS = 300;
/** Points of every dataset (half of them for training, the page's default share). */
const POINTS = 2000;

/** Number words that must never reach the screen (Rust's and JavaScript's). */
const NOT_FINITE = /NaN|Infinity|(?<![A-Za-z])-?inf(?![A-Za-z])/i;

const results = [];

/** The stretch of `text` around the first match of `re`, for a message. */
function around(text, re) {
  const m = re.exec(text);
  return m ? JSON.stringify(text.slice(Math.max(0, m.index - 60), m.index + 60)) : '';
}

/**
 * A dataset's runs, inside the page, through the page's own controls (their
 * events dispatched directly: a real click costs a few hundred ms on a loaded
 * machine, and the sweep has 108 runs; the other e2e files use real input).
 * Returns what each run showed; the test asserts on it.
 */
async function sweepInPage({ dataset, runs, steps: limit }) {
  const $ = (id) => document.getElementById(id);
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const until = async (what, fn, ms = 60_000) => {
    const start = performance.now();
    while (!fn()) {
      if (performance.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
      await frame();
    }
  };
  const steps = () => Number($('steps').textContent);
  const choose = (id, value) => {
    const select = $(id);
    if (select.value === value) return;
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  };
  const pointer = (id, type, fx, fy) => {
    const r = $(id).getBoundingClientRect();
    $(id).dispatchEvent(new PointerEvent(type, {
      bubbles: true, pointerType: 'mouse', clientX: r.left + r.width * fx, clientY: r.top + r.height * fy,
    }));
  };
  // Everything that could show a number: text, attribute values, input values.
  const shown = () => {
    const parts = [document.body.innerText];
    for (const el of document.querySelectorAll('*')) for (const a of el.attributes) parts.push(a.value);
    for (const el of document.querySelectorAll('input, select, textarea, output')) parts.push(el.value ?? '');
    return parts.join('\n');
  };
  // The numbers panel drawn afresh (opening it redraws it at once), the
  // loss chart's read-out and the network's read-out at the canvas centre.
  const everything = () => {
    $('numbers-toggle').click();
    pointer('network-canvas', 'pointermove', 0.5, 0.5);
    const network = $('readout').textContent;
    pointer('network-canvas', 'pointerleave', 0.5, 0.5);
    pointer('chart-canvas', 'pointermove', 0.6, 0.5);
    const text = `${shown()}\n${network}`;
    pointer('chart-canvas', 'pointerleave', 0.6, 0.5);
    $('numbers-toggle').click();
    return text;
  };
  // The plot square (the layout of crates/web/src/plot/geometry.rs), inset by
  // 2 CSS px: pixels not opaque, or the canvas background (#10131a) showing
  // through the heatmap. The probe's crosshair (its dark shadow can match the
  // background) is left out: a box of 2 × 20 CSS px around it.
  const unpainted = () => {
    const c = $('data-canvas');
    const dpr = c.width / c.clientWidth;
    const [left, right, top, bottom] = [24, 8, 8, 20];
    const side = Math.min(c.clientWidth - left - right, c.clientHeight - top - bottom);
    const x0 = left + (c.clientWidth - left - right - side) / 2;
    const y0 = top + (c.clientHeight - top - bottom - side) / 2;
    const inset = 2;
    const n = Math.floor((side - 2 * inset) * dpr);
    if (n < 20) return { n, bad: -1 };
    const { data } = c.getContext('2d').getImageData(Math.ceil((x0 + inset) * dpr), Math.ceil((y0 + inset) * dpr), n, n);
    const px = (x0 + ((Number($('x1').value) + 6) / 12) * side) * dpr - Math.ceil((x0 + inset) * dpr);
    const py = (y0 + ((6 - Number($('x2').value)) / 12) * side) * dpr - Math.ceil((y0 + inset) * dpr);
    const probe = 20 * dpr;
    let bad = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [x, y] = [(i / 4) % n, Math.floor(i / 4 / n)];
      if (Math.abs(x - px) <= probe && Math.abs(y - py) <= probe) continue;
      const background = Math.abs(data[i] - 16) <= 2 && Math.abs(data[i + 1] - 19) <= 2
        && Math.abs(data[i + 2] - 26) <= 2;
      if (data[i + 3] !== 255 || background) bad += 1;
    }
    return { n, bad };
  };

  /** One run: settings, Play, the checks, Reset. */
  const one = async ({ lr, activation, optimizer }) => {
    // Settings, then a fresh start.
    if ($('divergence').hidden === false) $('divergence-reset').click();
    choose('lr', lr);
    choose('activation', activation);
    choose('optimizer', optimizer);
    $('reset').click();
    await frame();
    const settings = {
      lr: $('lr').value, activation: $('activation').value, optimizer: $('optimizer').value,
      hash: location.hash, status: $('status').textContent, start: steps(),
    };

    // Play until `limit` steps, a divergence or a blow-up warning (both
    // pause training; a stall notice does not); pause in the frame that gets there.
    const kind = () => ($('divergence').hidden ? '' : $('divergence').dataset.kind);
    const stopped = () => kind() === 'diverged' || kind() === 'growing';
    $('play').click();
    await until(`${limit} steps or a divergence`, () => {
      if (!stopped() && steps() < limit) return false;
      if (!stopped() && $('play').getAttribute('aria-label') === 'Pause') $('play').click();
      return true;
    });
    await frame();
    await frame();
    const diverged = kind() === 'diverged';
    const result = {
      settings,
      diverged,
      kind: kind(),
      steps: steps(),
      notice: $('divergence-text').textContent,
      playLabel: $('play').getAttribute('aria-label'),
      text: everything(),
      plot: unpainted(),
    };

    // Reset (the notice's own button when it shows): a training state again.
    (kind() ? $('divergence-reset') : $('reset')).click();
    await until('counters at 0 and no notice', () => steps() === 0 && $('epoch').textContent === '0'
      && $('divergence').hidden);
    // Two Steps: the second finishes the first at once, so step 1 is done.
    $('step').click();
    $('step').click();
    await until('a step after Reset', () => steps() >= 1, 10_000);
    await frame();
    // A warning may already show (two steps at lr 1e6 can grow the loss
    // 10⁴-fold); a refused step may not.
    result.afterReset = { steps: steps(), notice: kind() === 'diverged', text: everything() };
    return result;
  };

  // The dataset, by its tile (a new session, so it starts from step 0).
  $('datasets').querySelector(`[data-dataset="${dataset}"]`).click();
  await until(`dataset ${dataset}`, () => location.hash.includes(`dataset=${dataset}&`) && steps() === 0);
  const results = [];
  for (const run of runs) results.push(await one(run));
  return results;
}

let sweepPage = null;

for (const dataset of DATASETS) {
  test(`divergence sweep: ${dataset} × {tanh, relu, sigmoid} × {SGD, Adam} × lr {1e6, 10}`, async () => {
    sweepPage ??= (await lb.newPage(`/#lr=1000000&points=${POINTS}`, { keep: true })).page;
    const runs = RATES.flatMap((lr) => ACTIVATIONS.flatMap((activation) => OPTIMIZERS.map(
      (optimizer) => ({ lr, activation, optimizer }),
    )));
    const shown = await sweepPage.evaluate(sweepInPage, { dataset, runs, steps: STEPS });
    if (dataset === DATASETS.at(-1)) lb.release(sweepPage);
    assert.equal(shown.length, runs.length);
    for (const [i, { lr, activation, optimizer }] of runs.entries()) {
      const r = shown[i];
      const label = `${dataset} ${activation} ${optimizer} lr=${lr}`;
      // The settings took, from a fresh start, with no error.
      const s = r.settings;
      assert.deepEqual([s.lr, s.activation, s.optimizer, s.start, s.status], [lr, activation, optimizer, 0, ''], label);
      assert.ok(s.hash.includes(`dataset=${dataset}&`) && s.hash.includes(`&points=${POINTS}&`), `${label}: ${s.hash}`);
      assert.ok(s.hash.includes(`&acts=${activation},${activation}&`) && s.hash.includes(`&optimizer=${optimizer}&lr=${lr}&`),
        `${label}: ${s.hash}`);
      const offer = '(Press “Reset with learning rate [0-9.]+” to start again more gently\\.|Lower the learning rate and press Reset\\.)';
      if (r.diverged) {
        assert.match(r.notice, new RegExp(`^Training diverged at step \\d+: .+\\. Nothing after that step was applied\\. ${offer}$`), label);
      } else if (r.kind === 'growing') {
        assert.match(r.notice, new RegExp(`^The loss has grown from \\S+ to \\S+ since the start of this run: training is blowing up, so it was paused\\. ${offer}$`), label);
      } else {
        assert.ok(r.steps >= STEPS, `${label}: ${r.steps} steps`);
      }
      assert.equal(r.playLabel, 'Play', `${label}: Play has paused`);
      assert.ok(!NOT_FINITE.test(r.text), `${label}: a non-finite number is shown: ${around(r.text, NOT_FINITE)}`);
      assert.ok(r.plot.n >= 20, `${label}: the plot square is drawn (${r.plot.n} px)`);
      assert.equal(r.plot.bad, 0, `${label}: ${r.plot.bad} of ${r.plot.n}² plot pixels unpainted`);
      assert.ok(r.afterReset.steps >= 1 && !r.afterReset.notice, `${label}: Reset gives a training state`);
      assert.ok(!NOT_FINITE.test(r.afterReset.text),
        `${label} after Reset: a non-finite number is shown: ${around(r.afterReset.text, NOT_FINITE)}`);
      results.push({ dataset, activation, optimizer, lr, diverged: r.diverged, kind: r.kind, steps: r.steps });
    }
  });
}

test('the sweep: every run checked, and the runs that must diverge did', (t) => {
  const total = DATASETS.length * ACTIVATIONS.length * OPTIMIZERS.length * RATES.length;
  if (results.length < total) {
    t.skip(`only ${results.length} of ${total} runs ran (a filtered or failed sweep)`);
    return;
  }
  const diverged = results.filter((r) => r.diverged);
  const at = (lr) => `${diverged.filter((r) => r.lr === lr).length}/${results.filter((r) => r.lr === lr).length}`;
  const maxSteps = Math.max(...results.map((r) => r.steps));
  console.log(`divergence sweep: ${results.length} runs, ${diverged.length} diverged `
    + `(lr 1e6: ${at('1000000')}, lr 10: ${at('10')}), max steps ${maxSteps}; `
    + 'no NaN/Infinity shown, heatmap fully painted, Reset recovered every run');
  if (process.env.LIGHTBULB_SWEEP_DETAIL) {
    for (const r of results) {
      console.log(`  ${r.dataset} ${r.activation} ${r.optimizer} lr=${r.lr}: ${r.diverged ? 'diverged' : 'ok'} at ${r.steps}`);
    }
  }
  // A linear output under plain SGD at lr 1e6 overflows within the first
  // epochs: the divergence path is really taken. (A saturating output, or
  // Adam's steps of at most about lr, stay finite for 300 steps.)
  const must = results.filter((r) => ['plane', 'multi_gauss'].includes(r.dataset) && r.optimizer === 'sgd' && r.lr === '1000000');
  assert.equal(must.length, 6);
  // Each is stopped: refused as diverged, or paused by the blow-up warning first.
  assert.ok(must.every((r) => ['diverged', 'growing'].includes(r.kind) && r.steps < STEPS),
    `regression with SGD at lr 1e6 is stopped: ${must.map((r) => `${r.dataset} ${r.activation} ${r.kind || 'ok'}`).join(', ')}`);
});
