// Turbo against plain Play, in headless Chromium at 1280 × 800: the spiral
// with three hidden layers of 16 and Adam (lr 0.01), played until the test
// accuracy reaches 95 %. Prints, for each, the wall-clock time to get there,
// the epochs it took, and the median and 90th-percentile
// requestAnimationFrame interval while playing (what the user sees).
//
//   cargo xtask bench                      (runs every tests/bench/*.mjs)
//   node tests/bench/turbo.mjs             (after `cargo xtask build`)

import { startServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { playToAccuracy, quantile } from '../support/play.mjs';

const HASH = '#dataset=spiral&layers=16,16,16&optimizer=adam&lr=0.01';
const GOAL = 0.95;
const LIMIT_MS = 60_000;

const server = process.env.LIGHTBULB_URL ? null : await startServer();
const url = process.env.LIGHTBULB_URL ?? server.url;
const browser = await launchBrowser();
try {
  console.log(`turbo: spiral, 3 × 16, Adam lr 0.01, Play until test accuracy ≥ ${GOAL * 100} % (1280 × 800)`);
  for (const turbo of [false, true]) {
    const r = await playToAccuracy(browser, url, `/${HASH}${turbo ? '&turbo=1' : ''}`, { goal: GOAL, limit: LIMIT_MS });
    const reached = r.accuracy >= GOAL ? 'reached' : 'NOT reached';
    console.log(
      `  ${turbo ? 'Turbo' : 'Play '}: ${reached} in ${(r.ms / 1000).toFixed(2)} s, ${r.epochs} epochs ` +
      `(${(r.epochs / Math.max(r.intervals.length, 1)).toFixed(1)} a frame), test accuracy ${(r.accuracy * 100).toFixed(1)} %; ` +
      `frame interval median ${quantile(r.intervals, 0.5).toFixed(1)} ms, p90 ${quantile(r.intervals, 0.9).toFixed(1)} ms over ${r.intervals.length} frames`,
    );
  }
} finally {
  await browser.close();
  await server?.stop();
}
