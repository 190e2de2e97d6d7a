// The phone proxy: the page itself at 390 × 844, device pixel ratio 3, touch
// and a mobile viewport, with the main thread throttled 4× through the
// DevTools protocol (Emulation.setCPUThrottlingRate). For the default network
// and the largest (7 features, 8 × 16) it plays for FRAMES animation frames
// and prints the median and 90th-percentile requestAnimationFrame interval
// (what the user sees, paint and raster included) and the frames per second
// they mean. Goals (the speed issue): ≥ 55 fps for the default network, ≥ 30
// for the largest. The throttle slows only the page's main thread.
//
//   cargo xtask bench                       (runs every tests/bench/*.mjs)
//   node tests/bench/phone.mjs              (after `cargo xtask build`)
//   LIGHTBULB_BENCH_QUICK=1 node tests/bench/phone.mjs   (20 frames: a smoke run)
//
// One line per network: `phone <name>: median M ms (F fps), p90 P ms over N frames, E epochs`.

import { startServer } from '../support/server.mjs';
import { launchBrowser, openPage } from '../support/browser.mjs';

const QUICK = process.env.LIGHTBULB_BENCH_QUICK === '1';
const FRAMES = QUICK ? 20 : 120;
const WARM = QUICK ? 5 : 30;
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
const NETWORKS = [
  ['default', ''],
  ['largest', '#dataset=circle&features=x1,x2,x1_sq,x2_sq,x1_x2,sin_x1,sin_x2&layers=16,16,16,16,16,16,16,16'],
];

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

async function measure(browser, url, hash) {
  const { page, context } = await openPage(browser, PHONE);
  await page.goto(new URL(`/${hash}`, url).href);
  await page.waitForSelector('body[data-ready]');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
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
  }), { frames: FRAMES, warm: WARM });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await context.close();
  return r;
}

const server = process.env.LIGHTBULB_URL ? null : await startServer();
const url = process.env.LIGHTBULB_URL ?? server.url;
const browser = await launchBrowser();
try {
  console.log(`phone proxy: 390 × 844, DPR 3, touch, CPU throttled 4×; Play for ${FRAMES} frames after ${WARM}`);
  for (const [name, hash] of NETWORKS) {
    const { intervals, epochs } = await measure(browser, url, hash);
    const median = quantile(intervals, 0.5);
    const p90 = quantile(intervals, 0.9);
    console.log(`phone ${name}: median ${median.toFixed(1)} ms (${(1000 / median).toFixed(1)} fps), p90 ${p90.toFixed(1)} ms over ${intervals.length} frames, ${epochs} epochs`);
  }
} finally {
  await browser.close();
  await server?.stop();
}
