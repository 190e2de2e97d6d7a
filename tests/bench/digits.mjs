// The digits task (issue 16) in headless Chromium at 1280 × 800:
//  - one epoch of the defaults (64-32-10, SGD at 0.2, batches of 10, the
//    1,347 training images) in wasm: www/bench.html?only=digits (the bench
//    build's DigitsEpochBench), median and 90th percentile;
//  - the page's Play with the default settings (#dataset=digits), until the
//    test accuracy reaches 95 % (the issue: within 20 s).
//
//   cargo xtask bench                      (runs every tests/bench/*.mjs)
//   node tests/bench/digits.mjs            (after `cargo xtask build` and a
//                                           bench build in www/pkg-bench/)

import { startServer } from '../support/server.mjs';
import { launchBrowser, openPage } from '../support/browser.mjs';

const GOAL = 0.95;
const LIMIT_MS = 20_000;

async function epochBench(browser, url) {
  const { page, context } = await openPage(browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(new URL('/www/bench.html?only=digits', url).href);
  await page.waitForSelector('body[data-done]', { timeout: 300_000 });
  const results = JSON.parse(await page.textContent('#results'));
  await context.close();
  if (results.error) throw new Error(results.error);
  if (!results.digits) throw new Error(`no digits figures: ${JSON.stringify(results.skipped)}`);
  return results.digits;
}

async function play(browser, url) {
  const { page, context } = await openPage(browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(new URL('/#dataset=digits', url).href);
  await page.waitForSelector('body[data-ready]');
  await page.waitForFunction(() => window.lightbulb.digits_loaded());
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
  }), { goal: GOAL, limit: LIMIT_MS });
  await context.close();
  return result;
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

const server = process.env.LIGHTBULB_URL ? null : await startServer();
const url = process.env.LIGHTBULB_URL ?? server.url;
const browser = await launchBrowser();
try {
  const e = await epochBench(browser, url);
  console.log(
    `digits: one epoch of 64-32-10 (SGD 0.2, batch ${e.epoch.batch}, ${e.epoch.images} images) in wasm: `
    + `median ${e.epoch.median.toFixed(2)} ms, p90 ${e.epoch.p90.toFixed(2)} ms, best ${e.epoch.min.toFixed(2)} ms `
    + `(${e.epoch.n} samples of ${e.epoch.epochsPerSample} epochs; after ${e.epochsTrained} epochs the test accuracy is ${(e.testAccuracy * 100).toFixed(1)} %)`,
  );
  const r = await play(browser, url);
  const reached = r.accuracy >= GOAL ? 'reached' : 'NOT reached';
  console.log(
    `digits: Play with the defaults ${reached} ${GOAL * 100} % test accuracy in ${(r.ms / 1000).toFixed(2)} s, `
    + `${r.epochs} epochs, test accuracy ${(r.accuracy * 100).toFixed(1)} %; frame interval median `
    + `${quantile(r.intervals, 0.5).toFixed(1)} ms, p90 ${quantile(r.intervals, 0.9).toFixed(1)} ms`,
  );
} finally {
  await browser.close();
  await server?.stop();
}
