// The main thread's task time per animation frame on the phone proxy (the
// set-up of tests/bench/phone.mjs: 390 × 844, DPR 3, touch, CPU throttled
// 4×), paused (the page as opened, nothing moving) and while playing, for the
// default network: DevTools' Performance.getMetrics TaskDuration over FRAMES
// frames, divided by the frames. Not a benchmark (`cargo xtask bench` runs
// only tests/bench/*.mjs): a tool.
//
//   node tests/bench/profile/busy.mjs      (after `cargo xtask build`)

import { startServer } from '../../support/server.mjs';
import { launchBrowser, openPage } from '../../support/browser.mjs';

const FRAMES = Number(process.env.LIGHTBULB_PROFILE_FRAMES ?? 120);
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

const frames = (page, n) => page.evaluate((n) => new Promise((done) => {
  let left = n;
  const tick = () => (--left > 0 ? requestAnimationFrame(tick) : done());
  requestAnimationFrame(tick);
}), n);

const server = await startServer();
const browser = await launchBrowser();
try {
  const { page, context } = await openPage(browser, PHONE);
  await page.goto(new URL('/', server.url).href);
  await page.waitForSelector('body[data-ready]');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const taskTime = async () => (await cdp.send('Performance.getMetrics')).metrics
    .find((m) => m.name === 'TaskDuration').value * 1000;
  const measure = async (name) => {
    await frames(page, 30);
    const [t0, w0] = [await taskTime(), Date.now()];
    await frames(page, FRAMES);
    const [t1, w1] = [await taskTime(), Date.now()];
    console.log(`${name}: main thread tasks ${((t1 - t0) / FRAMES).toFixed(2)} ms a frame, ${((w1 - w0) / FRAMES).toFixed(1)} ms a frame of wall time, over ${FRAMES} frames`);
  };
  await measure('paused');
  await page.evaluate(() => document.getElementById('play').click());
  await measure('playing');
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}
