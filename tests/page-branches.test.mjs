// Scrubbing and branching on the page: at a past step the loss chart keeps
// the whole curve with a cursor at that step, the settings shown are that
// step's, and training or a setting changed there offers to keep the later
// steps as a branch; switching back to it shows exactly the network as it was.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useLightbulb } from './support/harness.mjs';
import { cells, differing, narration, openNumbers, pixels, until, untilCountersShown } from './support/page.mjs';

const lb = useLightbulb();

const report = (page) => page.evaluate(() => JSON.parse(window.lightbulb.view_report()));
const text = (page, id) => page.evaluate((i) => document.getElementById(i).textContent, id);

/** Plays until at least `epochs` epochs are done, then pauses. */
async function playTo(page, epochs) {
  await page.click('#play');
  await until(page, (n) => Number(document.getElementById('epoch').textContent) >= n, epochs, 60_000);
  await page.click('#play');
  await until(page, () => !window.lightbulb.playing());
  // The counters are written in the frame after the pause.
  await untilCountersShown(page);
}

/** Moves the History slider to `step` and waits for the page to show it. */
async function scrubTo(page, step) {
  await page.locator('#history').fill(String(step));
  await until(page, (s) => document.getElementById('steps').textContent === String(s), step);
  // Two frames, so that the canvases show it.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

test('scrubbing: the chart keeps the whole curve with a cursor at the step shown, and coming back gives the same pixels', async () => {
  const { page } = await lb.newPage('/#dataset=xor&layers=4,4&batch=10');
  await openNumbers(page);
  await playTo(page, 8);
  // The probe on screen (no animation), then the pictures of the newest step.
  await page.locator('#x1').fill('2');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const last = Number(await text(page, 'steps'));
  const network = await pixels(page);
  const chart = await pixels(page, 'chart-canvas');
  const weights = await cells(page, 'data-w');
  assert.equal((await report(page)).chartCursor, null, 'no cursor at the newest step');

  const middle = Math.round(last / 2);
  await scrubTo(page, middle);
  assert.match(await narration(page), new RegExp(`^Showing step ${middle} of ${last}, as it was\\. Epochs done: \\d+\\.`));
  const early = await report(page);
  assert.equal(typeof early.chartCursor, 'number', 'a cursor at the step shown');
  assert.ok(differing(network, await pixels(page)) > 0, 'the network (bulbs, wires, thumbnails) of the step shown');
  assert.notDeepEqual(await cells(page, 'data-w'), weights, 'the numbers table follows');
  assert.ok(differing(chart, await pixels(page, 'chart-canvas')) > 0, 'the chart shows the cursor');
  // The curve is the whole run's: the y axis keeps its labels.
  assert.deepEqual(early.chartLabels, (await report(page)).chartLabels);

  // Further back, the cursor moves left.
  await page.focus('#network-canvas');
  await scrubTo(page, Math.round(last / 4));
  assert.ok((await report(page)).chartCursor < early.chartCursor, 'the cursor follows the step');

  // Back to the newest step: the same pictures as before scrubbing.
  await scrubTo(page, last);
  assert.equal((await report(page)).chartCursor, null);
  assert.deepEqual(await cells(page, 'data-w'), weights);
  assert.equal(differing(network, await pixels(page)), 0, 'the network canvas is as it was');
  assert.equal(differing(chart, await pixels(page, 'chart-canvas')), 0, 'the loss chart is as it was');
});

test('a setting changed at a past step can keep the later steps as a branch, and switching back shows that run exactly', async () => {
  const { page } = await lb.newPage('/#dataset=xor&layers=4,4&batch=10&optimizer=sgd');
  await playTo(page, 4);
  await page.locator('#x1').fill('2');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const last = Number(await text(page, 'steps'));
  const before = await pixels(page);
  assert.ok(await page.locator('#branches').isHidden(), 'no branches yet');

  await scrubTo(page, 10);
  // Adam from step 10 on: the page asks first.
  await page.selectOption('#optimizer', 'adam');
  await page.locator('#continue-dialog').waitFor();
  assert.match(await text(page, 'continue-text'), new RegExp(`^Go on from step 10\\? The ${last - 10} later steps`));
  await page.click('#continue-keep');
  await until(page, () => window.lightbulb.get('optimizer') === 'adam');
  await until(page, () => !document.getElementById('branches').hidden);
  assert.equal(await page.getAttribute('#history', 'max'), '10', 'the live run goes on from step 10');
  const listed = await page.locator('#branch-list').innerText();
  assert.match(listed, /main · to step 10 \(on screen\)/);
  assert.match(listed, new RegExp(`run 1 · to step ${last}`));

  // Train the new branch a little.
  await playTo(page, 3);
  assert.ok(Number(await text(page, 'steps')) > 10);

  // Back to the run kept: its newest step, its settings, its pixels.
  await page.click('#branch-list [data-branch="run 1"]');
  await until(page, (n) => document.getElementById('steps').textContent === String(n), last);
  await until(page, () => document.getElementById('optimizer').value === 'sgd');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.match(await narration(page), /^Switched to the branch “run 1”/);
  assert.equal(differing(before, await pixels(page)), 0, 'the network canvas is as it was before scrubbing');
  assert.match(await page.locator('#branch-list').innerText(), /main · to step \d+/);

  // The other run is deleted after asking.
  page.once('dialog', (d) => d.accept());
  await page.click('#branch-list [data-delete="main"]');
  await until(page, () => document.getElementById('branches').hidden);
});

test('training from a past step can keep the later steps as a branch', async () => {
  const { page } = await lb.newPage('/#dataset=xor&layers=4&batch=10');
  await playTo(page, 2);
  const last = Number(await text(page, 'steps'));
  await scrubTo(page, 5);
  await page.focus('#network-canvas');
  await page.keyboard.press('ArrowRight');
  await page.locator('#continue-dialog').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'continue-keep', 'keeping is the default');
  await page.keyboard.press('Enter');
  await until(page, () => document.getElementById('steps').textContent === '6');
  assert.match(await page.locator('#branch-list').innerText(), new RegExp(`run 1 · to step ${last}`));

  // Saving says what the file leaves out.
  await Promise.all([page.waitForEvent('download'), page.click('#save-session')]);
  assert.match(
    await page.textContent('#status'),
    /^Session saved at step 6, the step on screen, .* Not in the file: the 6 steps before it, 1 branch \(time travel starts again at step 6 when it is opened\)\. File: lightbulb-session\.json\.$/,
  );
});

test('Phase at a past step replays the recorded step phase by phase, asking nothing', async () => {
  const { page } = await lb.newPage('/#dataset=xor&layers=4&batch=10');
  await page.selectOption('#speed', '4');
  await playTo(page, 2);
  const last = Number(await text(page, 'steps'));
  await scrubTo(page, 7);
  await openNumbers(page);
  await scrubTo(page, 8);
  const at8 = await cells(page, 'data-w');
  await scrubTo(page, 7);
  const at7 = await cells(page, 'data-w');
  // 2-4-1: forward ×2, loss, backward ×2, update.
  for (const words of ['Forward', 'Forward', 'Loss', 'Backward', 'Backward', 'Update']) {
    await page.click('#phase');
    await until(page, (w) => document.getElementById('narration').textContent.startsWith(w)
      && document.getElementById('narration').textContent.includes('Replaying step 8'), words);
    assert.ok(await page.locator('#continue-dialog').isHidden(), 'nothing to ask');
    if (words !== 'Update') assert.deepEqual(await cells(page, 'data-w'), at7, `${words}: the weights of step 7`);
  }
  await until(page, () => document.getElementById('steps').textContent === '8');
  assert.equal(await page.getAttribute('#history', 'max'), String(last), 'the history is unchanged');
  await until(page, (w) => Array.from(document.querySelectorAll('#numbers-body [data-w]'))
    .every((td) => td.textContent === w[td.getAttribute('data-w')]), at8);
});
