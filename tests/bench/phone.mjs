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
import { launchBrowser } from '../support/browser.mjs';
import { NETWORKS, playFrames, frameLine } from '../support/play.mjs';

const QUICK = process.env.LIGHTBULB_BENCH_QUICK === '1';
const FRAMES = QUICK ? 20 : 120;
const WARM = QUICK ? 5 : 30;
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

const server = process.env.LIGHTBULB_URL ? null : await startServer();
const url = process.env.LIGHTBULB_URL ?? server.url;
const browser = await launchBrowser();
try {
  console.log(`phone proxy: 390 × 844, DPR 3, touch, CPU throttled 4×; Play for ${FRAMES} frames after ${WARM}`);
  for (const [name, hash] of NETWORKS) {
    const r = await playFrames(browser, url, hash, { contextOptions: PHONE, frames: FRAMES, warm: WARM, throttle: 4 });
    console.log(frameLine(`phone ${name}`, r));
  }
} finally {
  await browser.close();
  await server?.stop();
}
