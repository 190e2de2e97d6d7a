// Epoch + grid on the main thread or in a Web Worker, on the phone proxy
// (390 × 844, DPR 3, touch, main thread throttled 4× with
// Emulation.setCPUThrottlingRate, which does not slow a worker). A
// bench-only prototype, not part of the page and not run by `cargo xtask
// bench` (it is not a tests/bench/*.mjs).
//
//   node tests/bench/worker/run.mjs      (after `cargo xtask build`)
//   LIGHTBULB_WORKER_FRAMES=60 LIGHTBULB_WORKER_ROUNDS=2
//
// It serves index.html, proto-main.js and proto-worker.js from this folder
// with a copy of www/pkg (from a temporary directory), and for the default
// and the largest network prints, per mode, medians over the recorded frames:
// the rAF interval, the main thread's busy time in our code a frame, the
// worker's busy time an answer (its frame, copying the maps out and posting
// them) and that ×4 (what the worker would cost on the phone the throttle
// stands for), and the main thread's time to receive an answer.

import { cpSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, ROOT } from '../../support/server.mjs';
import { launchBrowser, openPage } from '../../support/browser.mjs';
import { NETWORKS } from '../../support/play.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const FRAMES = Number(process.env.LIGHTBULB_WORKER_FRAMES ?? 120);
const WARM = 30;
const ROUNDS = Number(process.env.LIGHTBULB_WORKER_ROUNDS ?? 2);
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
// [name, query, main-thread throttle]; the unthrottled main thread is for
// comparing like with like (the throttle does not reach the worker).
const MODES = [
  ['main', 'mode=main', 4],
  ['main, not throttled', 'mode=main', 1],
  ['worker, maps copied', 'mode=worker&transfer=0', 4],
  ['worker, maps transferred', 'mode=worker&transfer=1', 4],
];

const dir = mkdtempSync(join(tmpdir(), 'lightbulb-worker-'));
mkdirSync(join(dir, 'www'));
cpSync(join(ROOT, 'www', 'pkg'), join(dir, 'www', 'pkg'), { recursive: true });
cpSync(join(HERE, 'index.html'), join(dir, 'index.html'));
for (const f of ['proto-main.js', 'proto-worker.js']) cpSync(join(HERE, f), join(dir, 'www', f));

const server = await startServer({ dir });
const browser = await launchBrowser();
const f = (x) => (Number.isFinite(x) ? x.toFixed(2) : '-');
try {
  console.log(`phone proxy, CPU throttled 4× (main thread only) unless said; ${FRAMES} frames after ${WARM}, ${ROUNDS} rounds`);
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const [net, hash] of NETWORKS) {
      for (const [name, query, rate] of MODES) {
        const { page, context } = await openPage(browser, PHONE);
        const errors = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        // (The browser's favicon request gets a 404: not an error of the prototype.)
        page.on('console', (m) => m.type() === 'error' && !m.text().includes('404') && errors.push(m.text()));
        const search = `${query}&hash=${encodeURIComponent(hash)}`;
        await page.goto(new URL(`/?${search}`, server.url).href);
        await page.waitForSelector('body[data-ready]');
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate });
        const r = await page.evaluate(([n, w]) => window.run(n, w), [FRAMES, WARM]);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
        await context.close();
        if (errors.length) throw new Error(`${net} ${name}: ${errors.join('; ')}`);
        const worker = r.answers ? `; worker ${f(r.workerBusy)} ms an answer (×4: ${f(4 * r.workerBusy)}; its frame alone ${f(r.workerFrame)}, ×4: ${f(4 * r.workerFrame)}), ${r.answers} answers, receive ${f(r.receive)} ms on the main thread, ${(r.bytes / 1e6).toFixed(2)} MB` : '';
        console.log(`round ${round} ${net} ${name}: rAF median ${f(r.interval)} ms (p90 ${f(r.p90)}), main thread busy ${f(r.busy)} ms a frame${worker}`);
      }
    }
  }
} finally {
  await browser.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
