// A still page: what the page costs while nobody touches it. The default page
// is opened, left alone for 2 s (the loop slows down after a second without
// a paint or a change, www/pace.js), then the DevTools protocol's Performance
// metrics are read over 3 s: main-thread task and script time per second,
// and how many frames the loop ran. On the phone proxy (390 × 844, DPR 3,
// touch, main thread throttled 4×) and on a 1280 × 800 desktop.
//
//   cargo xtask bench                       (runs every tests/bench/*.mjs)
//   node tests/bench/idle.mjs               (after `cargo xtask build`)
//
// One line per device: `idle <device>: task T ms/s, script S ms/s, F loop frames/s`.

import { startServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';

const QUICK = process.env.LIGHTBULB_BENCH_QUICK === '1';
const SECONDS = QUICK ? 1 : 3;
const DEVICES = [
  ['phone', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true }, 4],
  ['desktop', { viewport: { width: 1280, height: 800 } }, 1],
];

const server = process.env.LIGHTBULB_URL ? null : await startServer();
const url = process.env.LIGHTBULB_URL ?? server.url;
const browser = await launchBrowser();
try {
  for (const [name, options, throttle] of DEVICES) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await page.goto(url);
    await page.waitForSelector('body[data-ready]');
    await page.waitForTimeout(2000);
    await cdp.send('Performance.enable');
    const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics
      .map((m) => [m.name, m.value]));
    // lightbulbFrames is not the handle: reading it does not wake the loop
    // (a page from before www/pace.js has none: NaN).
    const frames = () => page.evaluate(() => window.lightbulbFrames?.() ?? Number.NaN);
    const [m0, f0] = [await metrics(), await frames()];
    await page.waitForTimeout(SECONDS * 1000);
    const [m1, f1] = [await metrics(), await frames()];
    const perSecond = (key) => ((m1[key] - m0[key]) * 1000 / SECONDS).toFixed(1);
    console.log(`idle ${name}: task ${perSecond('TaskDuration')} ms/s, script ${perSecond('ScriptDuration')} ms/s, `
      + `${((f1 - f0) / SECONDS).toFixed(1)} loop frames/s (CPU throttled ${throttle}×)`);
    await context.close();
  }
} finally {
  await browser.close();
  await server?.stop();
}
