// The desktop frame benchmark: the page itself at 1280 × 800 (DPR 1, no
// throttle). For the default network and the largest (7 features, 8 × 16) it
// plays for FRAMES animation frames and prints the median and 90th-percentile
// requestAnimationFrame interval. Goal (the speed issue): a p90 of at most
// 17 ms for the largest network, so that no frame is dropped.
//
//   cargo xtask bench                         (runs every tests/bench/*.mjs)
//   node tests/bench/desktop.mjs              (after `cargo xtask build`)
//   LIGHTBULB_BENCH_QUICK=1 node tests/bench/desktop.mjs   (20 frames)
//
// Two lines per network: `desktop <name>: median M ms (F fps), p90 P ms over
// N frames, E epochs`, and how many intervals were over 20 ms.

import { startServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { NETWORKS, playFrames, frameLine } from '../support/play.mjs';

const QUICK = process.env.LIGHTBULB_BENCH_QUICK === '1';
const FRAMES = QUICK ? 20 : 300;
const WARM = QUICK ? 5 : 30;
const DESKTOP = { viewport: { width: 1280, height: 800 } };

const server = process.env.LIGHTBULB_URL ? null : await startServer();
const url = process.env.LIGHTBULB_URL ?? server.url;
const browser = await launchBrowser();
try {
  console.log(`desktop: 1280 × 800, DPR 1; Play for ${FRAMES} frames after ${WARM}`);
  for (const [name, hash] of NETWORKS) {
    const r = await playFrames(browser, url, hash, { contextOptions: DESKTOP, frames: FRAMES, warm: WARM });
    console.log(frameLine(`desktop ${name}`, r));
    const long = r.intervals.filter((t) => t > 20).length;
    console.log(`desktop ${name}: ${long} of ${r.intervals.length} intervals over 20 ms (a frame dropped)`);
  }
} finally {
  await browser.close();
  await server?.stop();
}
