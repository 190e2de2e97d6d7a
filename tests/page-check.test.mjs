// The engineer's view in Chromium: a wire's gradient from backprop beside a
// finite difference, one bar per example whose mean is ∂L/∂w; "Check all
// gradients"; and a step exported from the page that the `lightbulb`
// command reproduces bit for bit from the exported model and batch.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useLightbulb } from './support/harness.mjs';
import { ROOT } from './support/server.mjs';
import { columnX, counter, hoverUntil, openNumbers, until } from './support/page.mjs';

const lb = useLightbulb();

/** One Step, played to its end. */
async function stepOnce(page) {
  const before = await counter(page, 'steps');
  await page.click('#step');
  await until(page, (n) => Number(document.getElementById('steps').textContent) === n + 1, before);
}

test('a wire: backprop beside a finite difference, and one bar per example whose mean is ∂L/∂w', async () => {
  const { page } = await lb.newPage('/#dataset=circle&layers=4&reg=l2&regrate=0.003&batch=10');
  await stepOnce(page);
  await openNumbers(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  const inputs = await columnX(page, 0);
  const hidden = await columnX(page, 1);
  assert.ok(await hoverUntil(page, (inputs + hidden) / 2, /^w = /), 'a wire under the pointer');
  await until(page, () => /finite difference/.test(document.getElementById('check-wire-text').textContent));
  const text = await page.textContent('#check-wire-text');
  const m = /backprop ∂L\/∂w = (\S+), finite difference (\S+), relative error (\S+)\./.exec(text);
  assert.ok(m, text);
  const [analytic, numeric, relative] = m.slice(1).map((t) => Number(t.replace('−', '-')));
  assert.ok(relative <= 1e-6, `relative error ${relative}`);
  assert.ok(Math.abs(analytic - numeric) <= 1e-6 * Math.max(Math.abs(analytic), 1e-5), `${analytic} vs ${numeric}`);
  assert.equal(await page.locator('#check-bars rect').count(), 10, 'one bar per example of the batch');
  // The bars' numbers, summed here: their mean is the gradient
  // (the wire from input 1 to hidden neuron 1).
  const w = await page.evaluate(() => JSON.parse(window.lightbulb.inspect_weight(0, 0, 0)));
  const mean = w.shares.reduce((s, d) => s + d, 0) / w.shares.length + w.regularization;
  assert.ok(Math.abs(mean - w.analytic) <= 1e-12, `mean of shares ${mean}, ∂L/∂w ${w.analytic}`);
  assert.ok(w.regularization !== 0, 'L2 adds its term to every share');
});

test('"Check all gradients" reports the worst relative error over the network', async () => {
  const { page } = await lb.newPage('/#dataset=xor&layers=3,2&activation=tanh&loss=bce');
  await stepOnce(page);
  await openNumbers(page);
  await page.click('#check-all');
  await until(page, () => document.getElementById('check-all-result').dataset.worst !== undefined);
  const text = await page.textContent('#check-all-result');
  // 2·3+3, 3·2+2 and 2·1+1 weights and biases.
  assert.match(text, /^20 weights and biases checked on step 1's 10 examples: worst relative error /, text);
  const worst = Number(await page.getAttribute('#check-all-result', 'data-worst'));
  assert.ok(worst <= 1e-6, `worst ${worst}`);
});

test('before any step the check says what to do, and nothing changes', async () => {
  const { page } = await lb.newPage('/#dataset=xor&layers=3');
  await openNumbers(page);
  await page.click('#check-all');
  await until(page, () => document.getElementById('status').textContent.includes('press Step first'));
  assert.equal(await counter(page, 'steps'), 0);
});

test('an exported step is reproduced bit for bit by `lightbulb step --trace`', async () => {
  const { page } = await lb.newPage('/#dataset=spiral&features=x1,x2,sin_x1,sin_x2&layers=5,3&optimizer=adam&loss=bce&batch=7');
  for (let i = 0; i < 3; i += 1) await stepOnce(page);
  const dir = mkdtempSync(join(tmpdir(), 'lightbulb-step-'));
  const files = {};
  const downloads = [];
  page.on('download', (d) => downloads.push(d));
  await page.evaluate(() => document.getElementById('numbers-toggle').click());
  await page.click('#export-step');
  await until(page, () => Number(document.getElementById('steps').textContent) === 4);
  for (let i = 0; i < 50 && downloads.length < 3; i += 1) await page.waitForTimeout(100);
  assert.equal(downloads.length, 3, 'model, batch and trace files');
  for (const d of downloads) {
    const name = d.suggestedFilename();
    const what = /^lightbulb-step-4-(model|batch|trace)\.json$/.exec(name);
    assert.ok(what, name);
    files[what[1]] = join(dir, name);
    await d.saveAs(files[what[1]]);
  }
  // The command, built by `cargo xtask test` (or here when run by hand).
  execFileSync('cargo', ['build', '-q', '-p', 'lightbulb-cli'], { cwd: ROOT, stdio: 'inherit', timeout: 600_000 });
  const out = execFileSync(join(ROOT, 'target', 'debug', 'lightbulb'),
    ['step', '--model', files.model, '--batch', files.batch, '--trace'], { encoding: 'utf8' });
  const cli = JSON.parse(out);
  const page_ = JSON.parse(readFileSync(files.trace, 'utf8'));
  writeFileSync(join(dir, 'cli.json'), out);
  assert.equal(page_.inputs.length, 7, 'the batch of 7');
  // The settings that once broke bit-identity (Adam's β^t, the log in the
  // cross-entropy, sin x) are the ones in force.
  assert.equal(page_.inputs[0].length, 4, 'x1, x2, sin x1, sin x2');
  const exported = JSON.parse(readFileSync(files.model, 'utf8'));
  assert.equal(exported.loss, 'bce');
  assert.equal(exported.training.optimizer, 'adam');
  // Bit for bit: every number read back from both texts is the same f64.
  const same = (a, b, at) => {
    if (typeof a === 'number' || typeof b === 'number') {
      assert.ok(Object.is(a, b), `${at}: page ${a}, lightbulb ${b}`);
    } else if (Array.isArray(a)) {
      assert.equal(a.length, b.length, at);
      a.forEach((x, i) => same(x, b[i], `${at}[${i}]`));
    } else if (a && typeof a === 'object') {
      assert.deepEqual(Object.keys(a).sort(), Object.keys(b).sort(), at);
      for (const k of Object.keys(a)) same(a[k], b[k], `${at}.${k}`);
    } else {
      assert.equal(a, b, at);
    }
  };
  same(page_, cli.trace, 'trace');
  // And the page's weights after the step are the command's updated model.
  const pageModel = JSON.parse(await page.evaluate(() => window.lightbulb.export_model()));
  same(pageModel.layers, cli.model.layers, 'model.layers');
});
