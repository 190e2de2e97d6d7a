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
import { playToAccuracy, quantile } from '../support/play.mjs';

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
  const r = await playToAccuracy(browser, url, '/#dataset=digits', {
    goal: GOAL, limit: LIMIT_MS, ready: () => window.lightbulb.digits_loaded(),
  });
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
