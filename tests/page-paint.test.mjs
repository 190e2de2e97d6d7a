// A canvas is painted only when its picture changes, and while playing only
// when it is on (or near) the screen: the view counts its paints
// (lightbulb.canvas_paints(): network, data plot, loss chart).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useLightbulb } from './support/harness.mjs';
import { pixels, differing, until } from './support/page.mjs';

const lb = useLightbulb();
// The phone proxy's size: the data plot and the loss chart are below the fold.
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

/** Waits `n` animation frames; returns the paint counts after them. */
const frames = (page, n) => page.evaluate((n) => new Promise((done) => {
  let left = n;
  const tick = () => (--left > 0 ? requestAnimationFrame(tick) : done(lightbulb.canvas_paints()));
  requestAnimationFrame(tick);
}), n);

test('paused and unchanged, no canvas is painted again', async () => {
  const { page } = await lb.newPage('/');
  const a = await frames(page, 10);
  const b = await frames(page, 20);
  assert.deepEqual(b, a, 'paints over 20 frames of an idle page');
  // A change paints again: the probe moves the data plot's marker.
  await page.evaluate(() => {
    const x1 = document.getElementById('x1');
    x1.value = '2.5';
    x1.dispatchEvent(new Event('input', { bubbles: true }));
  });
  const c = await frames(page, 5);
  assert.ok(c[1] > b[1], `the data plot is painted after the probe moved (${b} → ${c})`);
});

test('while playing on a phone, the plots below the fold wait and are painted when scrolled to', async () => {
  const { page } = await lb.newPage('/', PHONE);
  const hidden = await page.evaluate(() => ['data-canvas', 'chart-canvas']
    .map((id) => document.getElementById(id).getBoundingClientRect().top > innerHeight * 1.25));
  assert.deepEqual(hidden, [true, true], 'the plots start more than a quarter screen below the fold');
  const before = await pixels(page, 'chart-canvas');
  await page.click('#play');
  const a = await frames(page, 5);
  const b = await frames(page, 30);
  assert.ok(b[0] > a[0] + 10, `the network view is painted while playing (${a} → ${b})`);
  assert.deepEqual(b.slice(1), a.slice(1), 'the plots off screen are not painted');
  // Scrolled to, the loss chart is painted in the next frames, with the epochs trained.
  await page.evaluate(() => document.getElementById('chart-canvas').scrollIntoView({ block: 'center' }));
  const c = await frames(page, 4);
  assert.ok(c[2] > b[2], `the loss chart is painted once on screen (${b} → ${c})`);
  assert.ok(differing(before, await pixels(page, 'chart-canvas')) > 0, 'the chart shows the training');
  // Back at the top and paused: what waited is painted once Play stops.
  await page.evaluate(() => scrollTo(0, 0));
  await frames(page, 4);
  const d = await frames(page, 10);
  await page.click('#play');
  await until(page, () => !lightbulb.playing());
  const e = await frames(page, 6);
  assert.ok(e[1] > d[1] && e[2] > d[2], `the plots are painted after Play stops (${d} → ${e})`);
  const f = await frames(page, 20);
  assert.deepEqual(f, e, 'then nothing is painted while nothing changes');
});
