// The core epoch of www/bench.js (`EpochBench`: 2-8-8-1 tanh, 250 points,
// batch 10, SGD) of two or more bench builds, timed in one Chromium with a
// finer clock than the page's: each round is a fresh page that loads every
// build (www/<pkg>/, e.g. pkg-bench-before and pkg-bench) and times samples
// of EPOCHS epochs, the builds taking turns sample by sample (ABBA), after
// 1.5 s of warm-up. Prints each build's pooled median, p10 and min in µs per
// epoch, the ratios to the first build and the per-round ratios of medians,
// with the load average at the start and the end.
//
//   LIGHTBULB_URL=http://127.0.0.1:PORT/ node tests/bench/epoch/compare.mjs \
//     [ROUNDS=6] [SAMPLES=150] [EPOCHS=200] [pkg-bench-before pkg-bench]
//
// (Not run by `cargo xtask bench`, which runs only tests/bench/*.mjs. The
// page's own figure samples 10 epochs with a 0.1 ms clock: 10 µs steps.)

import { loadavg } from 'node:os';
import { startServer } from '../../support/server.mjs';
import { launchBrowser, openPage } from '../../support/browser.mjs';

const args = process.argv.slice(2);
const [ROUNDS, SAMPLES, EPOCHS] = [6, 150, 200].map((d, i) => Number(args[i] ?? d));
const PKGS = args.length > 3 ? args.slice(3) : ['pkg-bench-before', 'pkg-bench'];
for (const p of PKGS) {
  if (!/^pkg-bench[\w-]*$/.test(p)) throw new Error(`${p}: not a www/pkg-bench* directory`);
}

/** The sample at quantile q (nearest rank). */
const at = (v, q) => {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))];
};
const la = (l) => l.map((x) => x.toFixed(2)).join(' ');

const server = await startServer();
const browser = await launchBrowser();
try {
  const load0 = loadavg();
  const all = Object.fromEntries(PKGS.map((p) => [p, []]));
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    const { page, context } = await openPage(browser, { viewport: { width: 800, height: 600 } });
    try {
      await page.goto(new URL('www/bench.html?only=none', server.url).href);
      await page.waitForSelector('body[data-done]', { timeout: 60_000 });
      const res = await page.evaluate(async ([pkgs, samples, epochs]) => {
        const bench = {};
        for (const pkg of pkgs) {
          const m = await import(`/www/${pkg}/lightbulb_web.js`);
          await m.default({ module_or_path: `/www/${pkg}/lightbulb_web_bg.wasm` });
          bench[pkg] = new m.EpochBench();
        }
        const time = (pkg) => {
          const t0 = performance.now();
          bench[pkg].run(epochs);
          return ((performance.now() - t0) / epochs) * 1000;
        };
        const start = performance.now();
        while (performance.now() - start < 1500) pkgs.forEach(time);
        const out = Object.fromEntries(pkgs.map((p) => [p, []]));
        for (let i = 0; i < samples; i++) {
          for (const p of i % 2 ? [...pkgs].reverse() : pkgs) out[p].push(time(p));
        }
        return out;
      }, [PKGS, SAMPLES, EPOCHS]);
      for (const p of PKGS) all[p].push(...res[p]);
      rounds.push(Object.fromEntries(PKGS.map((p) => [p, at(res[p], 0.5)])));
      console.error(`round ${r + 1}: ${PKGS.map((p) => `${p} ${at(res[p], 0.5).toFixed(1)}`).join(', ')} µs, load ${loadavg()[0].toFixed(2)}`);
    } finally {
      await context.close();
    }
  }
  console.log(`Chromium ${browser.version()}, ${ROUNDS} rounds × ${SAMPLES} samples × ${EPOCHS} epochs per build, `
    + `load ${la(load0)} → ${la(loadavg())}`);
  const [base] = PKGS;
  for (const p of PKGS) {
    const [m, p10] = [at(all[p], 0.5), at(all[p], 0.1)];
    console.log(`${p}: median ${m.toFixed(1)} µs, p10 ${p10.toFixed(1)}, min ${at(all[p], 0).toFixed(1)}; `
      + `/ ${base}: median ${(m / at(all[base], 0.5)).toFixed(3)}, p10 ${(p10 / at(all[base], 0.1)).toFixed(3)}; `
      + `per round ${rounds.map((r) => (r[p] / r[base]).toFixed(3)).join(' ')}`);
  }
} finally {
  await browser.close();
  await server.stop();
}
