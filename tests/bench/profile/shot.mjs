// A screenshot of the phone proxy (390 × 844, DPR 3) after 40 epochs of Play,
// paused, with the network canvas at the top of the viewport; and a crop of
// it at full device resolution (the first hidden layer's bulbs, wires and
// labels), to judge how sharp the canvases are. A tool, not a benchmark.
// With LIGHTBULB_SHOT_PLAYING=1 the screenshots are taken while still
// playing (Play is not stopped), to see the picture as it moves.
//
//   node tests/bench/profile/shot.mjs NAME   -> tests/artifacts/NAME.png and NAME-crop.png
//   LIGHTBULB_SHOT_PLAYING=1 node tests/bench/profile/shot.mjs NAME

import { join } from 'node:path';
import { startServer, ROOT } from '../../support/server.mjs';
import { launchBrowser, openPage } from '../../support/browser.mjs';

const name = process.argv[2] ?? 'dpr3';
const PLAYING = process.env.LIGHTBULB_SHOT_PLAYING === '1';
const server = process.env.LIGHTBULB_URL ? null : await startServer();
const url = process.env.LIGHTBULB_URL ?? server.url;
const browser = await launchBrowser();
try {
  const { page } = await openPage(browser, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  await page.goto(new URL('/#seed=1', url).href);
  await page.waitForSelector('body[data-ready]');
  await page.evaluate((playing) => new Promise((done) => {
    document.getElementById('play').click();
    const wait = () => {
      if (window.lightbulb.epoch() >= 40) {
        if (!playing) document.getElementById('play').click();
        done();
      } else requestAnimationFrame(wait);
    };
    wait();
  }), PLAYING);
  await page.evaluate(() => document.getElementById('network-canvas').scrollIntoView());
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.screenshot({ path: join(ROOT, 'tests', 'artifacts', `${name}.png`) });
  const box = await page.locator('#network-canvas').boundingBox();
  await page.screenshot({ path: join(ROOT, 'tests', 'artifacts', `${name}-crop.png`), clip: { x: box.x, y: box.y, width: 200, height: 180 } });
  console.log(`tests/artifacts/${name}.png, tests/artifacts/${name}-crop.png; epoch ${await page.evaluate(() => window.lightbulb.epoch())}; network canvas ${await page.evaluate(() => { const c = document.getElementById('network-canvas'); return `${c.width} × ${c.height} px for ${c.clientWidth} × ${c.clientHeight} CSS px`; })}${PLAYING ? ', playing' : ', paused'}`);
} finally {
  await browser.close();
  await server?.stop();
}
