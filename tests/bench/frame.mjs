// Browser benchmarks: opens www/bench.html in headless Chromium, prints the
// medians and their ratios to the goals and references, and rewrites the
// "Browser (wasm, headless Chromium)" section of BENCHMARKS.md (between the
// browser-bench marker comments).
//
//   cargo xtask bench                                   (criterion first, then this)
//   LIGHTBULB_URL=http://127.0.0.1:8125 node tests/bench/frame.mjs
//                                                       (against `cargo xtask serve --port 8125`)
//
// Without LIGHTBULB_URL it starts `xtask serve --no-build` itself (the page
// must be built). LIGHTBULB_BENCH_QUICK=1: a fifth of the iterations, and
// BENCHMARKS.md is left alone; LIGHTBULB_BENCH_WRITE=0: never write it.
// The raw results go to target/browser-bench.json.
//
// The native figures in the comparison are criterion's sample medians from
// target/criterion/<name>/new/estimates.json: from the same `cargo xtask
// bench` run when run that way, otherwise from the last criterion run (their
// time is printed).

import { readFileSync, writeFileSync, statSync, mkdirSync } from 'node:fs';
import { cpus, loadavg, totalmem, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { startServer, ROOT } from '../support/server.mjs';
import { launchBrowser, openPage } from '../support/browser.mjs';

const START = '<!-- browser-bench:start -->';
const END = '<!-- browser-bench:end -->';
const HEADING = '## Browser (wasm, headless Chromium)';

// TensorFlow Playground's JavaScript on this kind of machine (see BENCHMARKS.md).
const TFP = { epoch: 0.85, grid: 23, numericFrame: 31 };
const GOALS = { frameSmall: 4, frameLargest: 16, sliderWork: 4 };

const quick = process.env.LIGHTBULB_BENCH_QUICK === '1';
const write = !quick && process.env.LIGHTBULB_BENCH_WRITE !== '0';

function criterion(name) {
  const file = join(ROOT, 'target', 'criterion', name, 'new', 'estimates.json');
  try {
    const data = JSON.parse(readFileSync(file, 'utf8'));
    return { ms: data.median.point_estimate / 1e6, when: statSync(file).mtime };
  } catch {
    return null;
  }
}

const fmt = (v, digits) => {
  if (v === undefined || v === null || !Number.isFinite(v)) return '—';
  const d = digits ?? (v >= 100 ? 0 : v >= 10 ? 1 : v >= 1 ? 2 : 3);
  return v.toFixed(d);
};
const ms = (s) => `${fmt(s?.median)} ms`;
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${fmt(a / b, a / b >= 10 ? 1 : 2)}×` : '—');
const verdict = (value, goal) => (value <= goal ? 'met' : '**missed**');

async function measure() {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, errors, context } = await openPage(browser, {
      viewport: { width: 1280, height: 900 },
      deviceScaleFactor: 1,
    });
    const url = new URL(`www/bench.html${quick ? '?quick' : ''}`, server.url).href;
    process.stderr.write(`bench: ${url}\n`);
    const load = [loadavg()];
    await page.goto(url);
    await page.waitForSelector('body[data-done]', { timeout: 15 * 60_000 });
    load.push(loadavg());
    const done = await page.evaluate(() => document.body.dataset.done);
    const text = await page.locator('#results').textContent();
    const results = JSON.parse(text);
    await context.close();
    if (done !== '1' || results.error) throw new Error(`the bench page failed:\n${results.error ?? text}`);
    if (errors.length) throw new Error(`the bench page reported errors:\n${errors.join('\n')}`);
    return { results, chromium: browser.version(), load };
  } finally {
    await browser.close();
    await server.stop();
  }
}

function rows(r, native) {
  const { core, playSmall, playLargest, network, slider } = r;
  const nat = (n) => native[n]?.ms;
  return [
    ['**Core in wasm** (crates/web/src/bench.rs)'],
    ['one epoch, 2-8-8-1, 250 points, batch 10', core.epoch, `TF Playground 0.85 ms: **${ratio(TFP.epoch, core.epoch.median)}** faster; native ${fmt(nat('epoch_2_8_8_1_tanh_250pts_batch10'))} ms: wasm ${ratio(core.epoch.median, nat('epoch_2_8_8_1_tanh_250pts_batch10'))} slower`],
    ['100×100 grid, 2-8-8-1', core.gridSmall, `TF Playground 23 ms: **${ratio(TFP.grid, core.gridSmall.median)}** faster; native ${fmt(nat('grid_100x100_2_8_8_1_tanh'))} ms: wasm ${ratio(core.gridSmall.median, nat('grid_100x100_2_8_8_1_tanh'))} slower`],
    ['100×100 grid, 7 features, 8×16', core.gridLargest, `native ${fmt(nat('grid_100x100_7f_8x16_tanh'))} ms: wasm ${ratio(core.gridLargest.median, nat('grid_100x100_7f_8x16_tanh'))} slower`],
    ['the page\'s f32 maps of that grid, 2-8-8-1', core.mapsSmall, `TF Playground 23 ms: **${ratio(TFP.grid, core.mapsSmall?.median)}** faster; native ${fmt(nat('maps_100x100_2_8_8_1_tanh'))} ms: wasm ${ratio(core.mapsSmall?.median, nat('maps_100x100_2_8_8_1_tanh'))} slower`],
    ['the page\'s f32 maps, 7 features, 8×16', core.mapsLargest, `native ${fmt(nat('maps_100x100_7f_8x16_tanh'))} ms: wasm ${ratio(core.mapsLargest?.median, nat('maps_100x100_7f_8x16_tanh'))} slower`],
    ['**Frame while playing, 2-8-8-1**'],
    ['numeric only (epoch, losses, probe, grid, thumbnails)', playSmall.numeric, `TF Playground ~31 ms: **${ratio(TFP.numericFrame, playSmall.numeric.median)}** faster`],
    ['numeric, paused (probe, grid, thumbnails)', playSmall.numericPaused, ''],
    ['`frame(now)` with drawing', playSmall.frame, `goal ≤ 4 ms: ${verdict(playSmall.frame.median, GOALS.frameSmall)} (${ratio(playSmall.frame.median, GOALS.frameSmall)} of it)`],
    ['drawing only (frame − numeric, per frame)', playSmall.drawing, ''],
    ['`frame(now)` + rasterising the canvases', playSmall.raster, `goal ≤ 4 ms: ${verdict(playSmall.raster.median, GOALS.frameSmall)} (${ratio(playSmall.raster.median, GOALS.frameSmall)} of it)`],
    ['rasterising: the network canvas', playSmall.rasterNetwork, `data plot ${ms(playSmall.rasterData)}, chart ${ms(playSmall.rasterChart)}`],
    ['**Frame while playing, largest (7 features, 8×16)**'],
    ['numeric only', playLargest.numeric, ''],
    ['numeric, paused', playLargest.numericPaused, ''],
    ['`frame(now)` with drawing', playLargest.frame, `goal ≤ 16 ms: ${verdict(playLargest.frame.median, GOALS.frameLargest)} (${ratio(playLargest.frame.median, GOALS.frameLargest)} of it)`],
    ['drawing only (frame − numeric, per frame)', playLargest.drawing, ''],
    ['`frame(now)` + rasterising the canvases', playLargest.raster, `goal ≤ 16 ms: ${verdict(playLargest.raster.median, GOALS.frameLargest)} (${ratio(playLargest.raster.median, GOALS.frameLargest)} of it)`],
    ['rasterising: the network canvas', playLargest.rasterNetwork, `data plot ${ms(playLargest.rasterData)}, chart ${ms(playLargest.rasterChart)}`],
    ...(network ? [
      ['**The network canvas alone** (`Renderer::draw`, crates/web/src/bench.rs `DrawBench`, 720×480)'],
      ['2-8-8-1, every weight changing: drawing', network.small_changing.draw, `goal ≤ ~1 ms; rasterising afterwards ${ms(network.small_changing.raster)}`],
      ['2-8-8-1, weights fixed: drawing', network.small_fixed.draw, `rasterising afterwards ${ms(network.small_fixed.raster)}`],
      ['largest, every weight changing: drawing', network.largest_changing.draw, `goal ≤ ~4 ms; rasterising afterwards ${ms(network.largest_changing.raster)}`],
      ['largest, weights fixed: drawing', network.largest_fixed.draw, `rasterising afterwards ${ms(network.largest_fixed.raster)}`],
    ] : []),
    ['**Slider drag, 2-8-8-1, not training**'],
    ['input handler: `set_input` + `frame(now)`', slider.handler, `goal < 4 ms: ${verdict(slider.handler.median, GOALS.sliderWork)}`],
    ['the same + rasterising the canvases', slider.raster, `goal < 4 ms: ${verdict(slider.raster.median, GOALS.sliderWork)}`],
    ['as the page does it: work of the next rAF callback', slider.rafWork, `goal < 4 ms: ${verdict(slider.rafWork.median, GOALS.sliderWork)}`],
    ['as the page does it: event → end of next rAF callback', slider.eventToRafEnd, 'includes waiting for the next vsync (events at random times)'],
  ];
}

function table(r, native) {
  const lines = ['| what | median | p90 | min | n | against (on the median) |', '| --- | --- | --- | --- | --- | --- |'];
  for (const [what, s, against] of rows(r, native)) {
    if (s === undefined) lines.push(`| ${what} | | | | | |`);
    // The minimum of a per-frame difference means nothing (one stall makes it negative).
    else lines.push(`| ${what} | ${ms(s)} | ${fmt(s.p90)} ms | ${s === r.playSmall.drawing || s === r.playLargest.drawing ? '—' : `${fmt(s.min)} ms`} | ${s.n} | ${against} |`);
  }
  return lines.join('\n');
}

function plainTable(r, native) {
  const out = [];
  for (const [what, s, against] of rows(r, native)) {
    const clean = (t) => t.replace(/\*\*/g, '').replace(/`/g, '');
    if (s === undefined) out.push(`\n${clean(what)}`);
    else out.push(`  ${clean(what).padEnd(56)} ${fmt(s.median).padStart(8)} ms  p90 ${fmt(s.p90).padStart(8)}  min ${fmt(s.min).padStart(8)}  ${clean(against)}`);
  }
  return out.join('\n');
}

/** `cargo xtask bench …` as run (read from the parent xtask's command line on Linux). */
function xtaskCommandLine() {
  try {
    const args = readFileSync(`/proc/${process.ppid}/cmdline`, 'utf8').split('\0').filter(Boolean).slice(1);
    if (args[0] === 'bench') {
      const quote = (a) => (/^[\w.\/=:-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
      return ['cargo', 'xtask', ...args.map(quote)].join(' ');
    }
  } catch {
    // Not Linux, or the parent is gone: the plain command.
  }
  return 'cargo xtask bench';
}

function section({ results: r, chromium, load }, native) {
  const date = new Date().toISOString().slice(0, 10);
  const command = process.env.CARGO
    ? xtaskCommandLine()
    : 'cargo xtask serve --port 8125   # in another terminal\nLIGHTBULB_URL=http://127.0.0.1:8125 node tests/bench/frame.mjs';
  const cpu = cpus()[0]?.model ?? 'unknown';
  const nativeWhen = Object.values(native).filter(Boolean).map((n) => n.when.getTime());
  const nativeNote = nativeWhen.length
    ? `native = criterion's sample median in \`target/criterion/*/new/estimates.json\`, written ${new Date(Math.min(...nativeWhen)).toISOString().slice(0, 16).replace('T', ' ')} UTC${process.env.CARGO ? ' (this `cargo xtask bench` run)' : ' (an earlier criterion run)'}`
    : 'no criterion results were found in `target/criterion` (run `cargo xtask bench`)';
  const la = (l) => l.map((v) => v.toFixed(2)).join(' ');
  return [
    START,
    '<!-- Written by tests/bench/frame.mjs: edits between these markers are overwritten. -->',
    '',
    'Command (from the repository root):',
    '',
    '```sh',
    command,
    '```',
    '',
    `Date: ${date}. Chromium ${chromium} (Debian, headless, \`--disable-gpu\`: software canvas), `
      + `device pixel ratio ${r.devicePixelRatio}, canvases at the page's CSS sizes (network 720×480, data 300×300, chart 300×120). `
      + `Machine: \`nproc\` = ${availableParallelism()}, CPU "${cpu}", ${Math.round(totalmem() / 2 ** 30)} GiB; `
      + `load average (1, 5, 15 min) ${la(load[0])} at the start and ${la(load[1])} at the end: `
      + 'the two cores are shared with other builds, so figures vary from run to run. '
      + `lightbulb-web ${r.version}, release build + \`wasm-opt -Oz\`. `
      + `\`performance.now()\` resolution ${r.timerResolutionMs} ms (not cross-origin isolated), so one epoch is timed over ${r.core.epoch.epochsPerSample} epochs. `
      + `The page ran for ${fmt(r.totalSeconds, 0)} s.`,
    '',
    `Per-iteration times, median, 90th percentile and minimum over n iterations after a warm-up; on a loaded machine the minimum is the steadier figure (${nativeNote}):`,
    '',
    table(r, native),
    '',
    `Epochs trained by the end of the timing: 2-8-8-1 ${r.playSmall.epochs}, largest ${r.playLargest.epochs}. `
      + 'What each figure times is described at the top of `www/bench.js`.',
    END,
  ].join('\n');
}

function rewrite(text) {
  const file = join(ROOT, 'BENCHMARKS.md');
  const md = readFileSync(file, 'utf8');
  const start = md.indexOf(START);
  const end = md.indexOf(END);
  let next;
  if (start >= 0 && end > start) {
    next = md.slice(0, start) + text + md.slice(end + END.length);
  } else {
    next = `${md.trimEnd()}\n\n${HEADING}\n\n${text}\n`;
  }
  writeFileSync(file, next);
}

const measured = await measure();
const native = Object.fromEntries(
  ['epoch_2_8_8_1_tanh_250pts_batch10', 'grid_100x100_2_8_8_1_tanh', 'grid_100x100_7f_8x16_tanh',
    'maps_100x100_2_8_8_1_tanh', 'maps_100x100_7f_8x16_tanh']
    .map((n) => [n, criterion(n)]),
);
mkdirSync(join(ROOT, 'target'), { recursive: true });
writeFileSync(join(ROOT, 'target', 'browser-bench.json'), JSON.stringify({ ...measured, native }, null, 2));
console.log(`Chromium ${measured.chromium}; load average ${measured.load.map((l) => l[0].toFixed(2)).join(' → ')}`);
console.log(plainTable(measured.results, native));
if (write) {
  rewrite(section(measured, native));
  console.log('\nBENCHMARKS.md: the browser section is rewritten');
} else {
  console.log('\nBENCHMARKS.md left alone (quick run or LIGHTBULB_BENCH_WRITE=0)');
}
