// Plays the page and times its animation frames: what the frame benchmarks
// (tests/bench/phone.mjs, tests/bench/desktop.mjs) share.

import { openPage } from './browser.mjs';

/** The default network, and the largest (7 features, 8 × 16), as link hashes. */
export const NETWORKS = [
  ['default', ''],
  ['largest', '#dataset=circle&features=x1,x2,x1_sq,x2_sq,x1_x2,sin_x1,sin_x2&layers=16,16,16,16,16,16,16,16'],
];

/** The q-quantile of xs (the element at floor(q·n) of the sorted list). */
export const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

/**
 * Opens the page at `hash` in a fresh context with `contextOptions`, presses
 * Play, skips `warm` frames and records the next `frames` requestAnimationFrame
 * intervals. `throttle` > 1 slows the main thread that many times through
 * the DevTools protocol. Returns { intervals, epochs }.
 */
export async function playFrames(browser, url, hash, { contextOptions = {}, frames, warm, throttle = 1 }) {
  const { page, context } = await openPage(browser, contextOptions);
  await page.goto(new URL(`/${hash}`, url).href);
  await page.waitForSelector('body[data-ready]');
  const cdp = await context.newCDPSession(page);
  if (throttle !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  const r = await page.evaluate(({ frames, warm }) => new Promise((done) => {
    const intervals = [];
    let last = 0;
    let seen = 0;
    document.getElementById('play').click();
    const tick = (now) => {
      seen += 1;
      if (seen > warm) {
        if (last) intervals.push(now - last);
        last = now;
      }
      if (intervals.length >= frames) {
        document.getElementById('play').click();
        done({ intervals, epochs: window.lightbulb.epoch() });
        return;
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }), { frames, warm });
  if (throttle !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await context.close();
  return r;
}

/** One line: `NAME: median M ms (F fps), p90 P ms over N frames, E epochs`. */
export function frameLine(name, { intervals, epochs }) {
  const median = quantile(intervals, 0.5);
  const p90 = quantile(intervals, 0.9);
  return `${name}: median ${median.toFixed(1)} ms (${(1000 / median).toFixed(1)} fps), p90 ${p90.toFixed(1)} ms over ${intervals.length} frames, ${epochs} epochs`;
}

/**
 * Opens the page at `path` (1280 × 800), waits for `ready` (a function run in
 * the page, if given), presses Play and stops once the test accuracy reaches
 * `goal` or after `limit` ms. Returns { ms, epochs, accuracy, intervals }:
 * the wall-clock time, the epochs trained, the accuracy reached and every
 * requestAnimationFrame interval while playing.
 */
export async function playToAccuracy(browser, url, path, { goal, limit, ready }) {
  const { page, context } = await openPage(browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(new URL(path, url).href);
  await page.waitForSelector('body[data-ready]');
  if (ready) await page.waitForFunction(ready);
  const result = await page.evaluate(({ goal, limit }) => new Promise((done) => {
    const h = window.lightbulb;
    const intervals = [];
    let last = 0;
    const t0 = performance.now();
    document.getElementById('play').click();
    const tick = (now) => {
      if (last) intervals.push(now - last);
      last = now;
      const accuracy = h.metric(3);
      if (accuracy >= goal || now - t0 > limit) {
        document.getElementById('play').click();
        done({ ms: now - t0, epochs: h.epoch(), accuracy, intervals });
        return;
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }), { goal, limit });
  await context.close();
  return result;
}
