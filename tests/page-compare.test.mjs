// Comparing two runs on the page: Compare pins run A and starts run B from
// the same initial weights and data; with Adam instead of SGD, the loss
// chart draws both, the network view switches between them at the same
// step, and switching back gives the same pixels.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useLightbulb } from './support/harness.mjs';
import { differing, narration, pixels, until, untilCountersShown } from './support/page.mjs';

const lb = useLightbulb();

const report = (page) => page.evaluate(() => JSON.parse(window.lightbulb.view_report()));
// The step counter as shown, once it shows the shown run's count.
const steps = async (page) => {
  await untilCountersShown(page);
  return Number(await page.textContent('#steps'));
};
const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

async function playTo(page, epochs) {
  await page.click('#play');
  await until(page, (n) => Number(document.getElementById('epoch').textContent) >= n, epochs, 60_000);
  await page.click('#play');
  await until(page, () => !window.lightbulb.playing());
  await untilCountersShown(page);
}

test('Compare: run B starts from run A\'s initial weights, both curves are drawn, and the view switches between the runs in step', async () => {
  const { page } = await lb.newPage('/#dataset=xor&layers=4,4&batch=10&optimizer=sgd');
  await page.locator('#x1').fill('2');
  await frames(page);
  const start = await pixels(page);
  await playTo(page, 3);
  const aLast = await steps(page);
  const aEpochs = Number(await page.textContent('#epoch'));
  assert.ok(await page.locator('#compare-bar').isHidden());

  await page.click('#compare');
  await until(page, () => document.getElementById('steps').textContent === '0');
  await until(page, () => !document.getElementById('compare-bar').hidden);
  assert.ok(await page.locator('#compare').isHidden(), 'one comparison at a time');
  assert.match(await page.textContent('#compare-text'), /^Showing run B · run A in violet/);
  assert.match(await narration(page), /^Run A \(up to step \d+\) is pinned\./);
  await frames(page);
  assert.equal(differing(start, await pixels(page)), 0, 'run B starts from the same weights as run A did');
  assert.equal((await report(page)).chartOther, true, 'run A\'s curve is on the chart');

  // Run B with Adam: no question (step 0 is run B's newest step).
  await page.selectOption('#optimizer', 'adam');
  await until(page, () => window.lightbulb.get('optimizer') === 'adam');
  assert.ok(await page.locator('#continue-dialog').isHidden());
  await playTo(page, aEpochs + 3);
  const bSteps = await steps(page);
  assert.ok(bSteps > aLast, `${bSteps} > ${aLast}: run A trained on to follow`);
  await frames(page);
  const b = await pixels(page);

  // Run A on the network view, at the same step, with its own settings.
  await page.click('#switch-run');
  await until(page, () => document.getElementById('optimizer').value === 'sgd');
  assert.equal(await steps(page), bSteps, 'both runs stand at the same step');
  assert.match(await narration(page), new RegExp(`^Showing run A, at step ${bSteps}; run B follows it\\.`));
  assert.match(await page.textContent('#switch-run'), /Show run B/);
  await frames(page);
  assert.ok(differing(b, await pixels(page)) > 0, 'run A is another network');

  // Back to run B: exactly the pixels it had.
  await page.click('#switch-run');
  await until(page, () => document.getElementById('optimizer').value === 'adam');
  await frames(page);
  assert.equal(differing(b, await pixels(page)), 0, 'run B as it was');

  // Scrubbing moves both runs: run A at step 10 too.
  await page.locator('#history').fill('10');
  await until(page, () => document.getElementById('steps').textContent === '10');
  await page.click('#switch-run');
  await until(page, () => document.getElementById('optimizer').value === 'sgd');
  assert.equal(await steps(page), 10);

  // Stop comparing, after asking.
  page.once('dialog', (d) => d.accept());
  await page.click('#stop-compare');
  await until(page, () => document.getElementById('compare-bar').hidden);
  assert.equal((await report(page)).chartOther, false);
  assert.match(await narration(page), /^Stopped comparing: run B is gone, run A stays\./);
});
