// A canvas is painted only when its picture changes, and while playing only
// when it is on (or near) the screen: the view counts its paints
// (lightbulb.canvas_paints(): network, data plot, loss chart).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useLightbulb } from './support/harness.mjs';
import { cells, differing, openNumbers, pixels, until } from './support/page.mjs';

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

test('a still page slows its loop to a few frames a second; input or a call on the handle brings every frame back', async () => {
  const { page } = await lb.newPage('/');
  // lightbulbFrames is not the handle: reading it wakes nothing.
  const loopFrames = () => page.evaluate(() => window.lightbulbFrames());
  // Still for over a second: at most four frames a second.
  await page.waitForTimeout(1500);
  const a = await loopFrames();
  await page.waitForTimeout(2000);
  const still = (await loopFrames()) - a;
  assert.ok(still <= 12, `${still} frames in 2 s of a still page`);
  // One pointer move over the network: every animation frame again.
  const box = await page.locator('#network-canvas').boundingBox();
  await page.mouse.move(box.x + 5, box.y + 5);
  const b = await loopFrames();
  await page.waitForTimeout(500);
  const woken = (await loopFrames()) - b;
  assert.ok(woken > 6, `${woken} frames in the 500 ms after a pointer move`);
  // Still again, then a call on the handle: drawn in the next frames.
  await page.waitForTimeout(1500);
  const before = await pixels(page);
  await page.evaluate(() => {
    window.lightbulb.set('x', '-5,5');
    return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
  assert.ok(differing(before, await pixels(page)) > 0, 'the new input is drawn two frames after the call');
});

test('paused, the numbers table shows the step the counters show in the next frame, not one up to 100 ms old', async () => {
  const { page } = await lb.newPage('/#dataset=xor&layers=4,4&batch=10');
  await openNumbers(page);
  await page.click('#play');
  await until(page, () => lightbulb.steps() >= 60);
  await page.click('#play');
  await until(page, () => !lightbulb.playing());
  await frames(page, 2);
  const next = await cells(page, 'data-w');
  const steps = await page.textContent('#steps');
  // The table is also refreshed every 100 ms: a stale one would change by now.
  await page.waitForTimeout(300);
  assert.equal(await page.textContent('#steps'), steps);
  assert.deepEqual(await cells(page, 'data-w'), next, `the weights at step ${steps}, two frames after the pause`);
});

test('while playing, the counters are rewritten a few times a second, with the narration; paused, at once', async () => {
  const { page } = await lb.newPage('/');
  // Counts the text rewrites of the counters and the narration over 60 frames of Play.
  const counts = await page.evaluate(() => new Promise((done) => {
    const ids = ['epoch', 'steps', 'train-loss', 'history-out', 'narration'];
    const writes = Object.fromEntries(ids.map((id) => [id, []]));
    let frame = 0;
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        const id = ids.find((i) => document.getElementById(i).contains(r.target));
        if (id && !writes[id].includes(frame)) writes[id].push(frame);
      }
    });
    for (const id of ids) observer.observe(document.getElementById(id), { childList: true, characterData: true, subtree: true });
    document.getElementById('play').click();
    const t0 = performance.now();
    const tick = () => {
      frame += 1;
      if (frame < 60) return requestAnimationFrame(tick);
      observer.disconnect();
      done({ writes, frames: frame, ms: performance.now() - t0, epochs: lightbulb.epoch() });
    };
    requestAnimationFrame(tick);
  }));
  assert.ok(counts.epochs >= 30, `Play trained an epoch a frame (${counts.epochs} epochs)`);
  // At most one rewrite per 250 ms (plus the first frame), and at least two.
  const most = Math.floor(counts.ms / 250) + 2;
  for (const [id, frames] of Object.entries(counts.writes)) {
    assert.ok(frames.length >= 2 && frames.length <= most,
      `#${id} rewritten in ${frames.length} of ${counts.frames} frames over ${counts.ms.toFixed(0)} ms (at most ${most})`);
  }
  // The counters change in the same frames as the narration, which says the same epoch.
  assert.deepEqual(counts.writes.epoch, counts.writes.narration.filter((f) => counts.writes.epoch.includes(f)),
    `the epoch counter's frames ${counts.writes.epoch} are among the narration's ${counts.writes.narration}`);
  // Paused, the counters show the final epoch in the next frame.
  await page.click('#play');
  await until(page, () => !lightbulb.playing());
  await frames(page, 2);
  const [shown, epoch, narration] = await page.evaluate(() => [
    document.getElementById('epoch').textContent, String(lightbulb.epoch()), document.getElementById('narration').textContent]);
  assert.equal(shown, epoch, 'the epoch counter after Play stops');
  assert.ok(narration.includes(`epoch ${epoch}`), `the narration says the same epoch: ${narration}`);
});
