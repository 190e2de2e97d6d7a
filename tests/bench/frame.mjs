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
// LIGHTBULB_BENCH_ONLY=scrub (parts of www/bench.js, comma-separated): only
// those parts, printed as JSON (BENCHMARKS.md is left alone).
// The raw results go to target/browser-bench.json.
//
// The native figures in the comparison are criterion's sample medians from
// target/criterion/<name>/new/estimates.json: from the same `cargo xtask
// bench` run when run that way, otherwise from the last criterion run (their
// time is printed).
//
// Before and after: when www/pkg-bench-before/ holds a build (`cargo xtask
// bench --against REV` makes it from revision REV and sets
// LIGHTBULB_BENCH_COMPARE=1; without --against it sets 0, which skips this),
// the same browser then loads www/bench.html?compare with that build and with
// www/pkg-bench/ in alternating rounds (before, after; after, before; …), each
// a fresh page, pools each figure's samples over the rounds, prints before,
// after and after/before, and rewrites the before-after section of
// BENCHMARKS.md (unless quick or LIGHTBULB_BENCH_WRITE=0). The raw samples go
// to target/browser-bench-before-after.json. LIGHTBULB_BENCH_COMPARE=only:
// only this comparison; LIGHTBULB_BENCH_ROUNDS: the number of rounds (default
// 8, quick 2).

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, statSync, mkdirSync } from 'node:fs';
import { cpus, loadavg, totalmem, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { startServer, ROOT } from '../support/server.mjs';
import { launchBrowser, openPage } from '../support/browser.mjs';

const START = '<!-- browser-bench:start -->';
const END = '<!-- browser-bench:end -->';
const HEADING = '## Browser (wasm, headless Chromium)';

// TensorFlow Playground's own JavaScript in Chromium 156 on this kind of
// machine, measured side by side with Lightbulb on 2026-12-04 (BENCHMARKS.md,
// "Against TensorFlow Playground"): the same engine, but another run, so the
// ratios printed here are indications; the same-run ratios are in that section.
const TFP = { epoch: 0.42, grid: 8.7, numericFrame: 31 };
const GOALS = { frameSmall: 4, frameLargest: 16, sliderWork: 4, scrubWork: 1000 / 30 };

const quick = process.env.LIGHTBULB_BENCH_QUICK === '1';
const only = process.env.LIGHTBULB_BENCH_ONLY ?? '';
const write = !quick && !only && process.env.LIGHTBULB_BENCH_WRITE !== '0';

const BEFORE_PKG = 'pkg-bench-before';
const AFTER_PKG = 'pkg-bench';
const COMPARE_START = '<!-- before-after:start -->';
const COMPARE_END = '<!-- before-after:end -->';
const COMPARE_HEADING = '### Before and after in one run (`cargo xtask bench --against REV`)';
const compareEnv = process.env.LIGHTBULB_BENCH_COMPARE;
const hasBefore = existsSync(join(ROOT, 'www', BEFORE_PKG, 'lightbulb_web.js'));
const compare = compareEnv === '1' || compareEnv === 'only' || (compareEnv !== '0' && hasBefore);
const mainRun = compareEnv !== 'only';
const ROUNDS = Math.max(1, Number(process.env.LIGHTBULB_BENCH_ROUNDS) || (quick ? 2 : 8));
if (compare && !hasBefore) {
  throw new Error(`no www/${BEFORE_PKG}/lightbulb_web.js to compare with: run \`cargo xtask bench --against REV\``);
}

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

/** Loads www/bench.html with `query` in a fresh context of `browser`; returns its results. */
async function runPage(browser, server, query) {
  const { page, errors, context } = await openPage(browser, {
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
  });
  try {
    const url = new URL(`www/bench.html${query ? `?${query}` : ''}`, server.url).href;
    process.stderr.write(`bench: ${url}\n`);
    await page.goto(url);
    await page.waitForSelector('body[data-done]', { timeout: 15 * 60_000 });
    const done = await page.evaluate(() => document.body.dataset.done);
    const text = await page.locator('#results').textContent();
    const results = JSON.parse(text);
    if (done !== '1' || results.error) throw new Error(`the bench page failed:\n${results.error ?? text}`);
    if (errors.length) throw new Error(`the bench page reported errors:\n${errors.join('\n')}`);
    return results;
  } finally {
    await context.close();
  }
}

async function measure() {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const load = [loadavg()];
    const query = [quick ? 'quick' : '', only ? `only=${only}` : ''].filter(Boolean).join('&');
    const results = await runPage(browser, server, query);
    load.push(loadavg());
    return { results, chromium: browser.version(), load };
  } finally {
    await browser.close();
    await server.stop();
  }
}

function rows(r, native) {
  const { core, playSmall, playLargest, network, slider, scrub } = r;
  const nat = (n) => native[n]?.ms;
  return [
    ['**Core in wasm** (crates/web/src/bench.rs)'],
    ['one epoch, 2-8-8-1, 250 points, batch 10', core.epoch, `TF Playground ${TFP.epoch} ms (Chromium, 2026-12-04): **${ratio(TFP.epoch, core.epoch.median)}** faster; native ${fmt(nat('epoch_2_8_8_1_tanh_250pts_batch10'))} ms: wasm ${ratio(core.epoch.median, nat('epoch_2_8_8_1_tanh_250pts_batch10'))} slower`],
    ['100×100 grid, 2-8-8-1', core.gridSmall, `TF Playground ${TFP.grid} ms (Chromium, 2026-12-04): **${ratio(TFP.grid, core.gridSmall.median)}** faster; native ${fmt(nat('grid_100x100_2_8_8_1_tanh'))} ms: wasm ${ratio(core.gridSmall.median, nat('grid_100x100_2_8_8_1_tanh'))} slower`],
    ['100×100 grid, 7 features, 8×16', core.gridLargest, `native ${fmt(nat('grid_100x100_7f_8x16_tanh'))} ms: wasm ${ratio(core.gridLargest.median, nat('grid_100x100_7f_8x16_tanh'))} slower`],
    ['the page\'s f32 maps of that grid, 2-8-8-1', core.mapsSmall, `TF Playground ${TFP.grid} ms (Chromium, 2026-12-04): **${ratio(TFP.grid, core.mapsSmall?.median)}** faster; native ${fmt(nat('maps_100x100_2_8_8_1_tanh'))} ms: wasm ${ratio(core.mapsSmall?.median, nat('maps_100x100_2_8_8_1_tanh'))} slower`],
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
    ...(scrub ? [
      [`**Scrubbing the history, largest (7 features, 8×16), steps ${scrub.first}–${scrub.last}**`],
      ['`seek(step)` + `frame(now)` per rAF callback', scrub.work, `goal ≤ 33 ms (30 fps): ${verdict(scrub.work.median, GOALS.scrubWork)}, p90 ${verdict(scrub.work.p90, GOALS.scrubWork)}`],
      ['interval between rAF callbacks', scrub.interval, `${fmt(scrub.fps, 1)} fps on the median`],
    ] : []),
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

function rewrite(text, start = START, end = END, heading = HEADING) {
  const file = join(ROOT, 'BENCHMARKS.md');
  const md = readFileSync(file, 'utf8');
  const from = md.indexOf(start);
  const to = md.indexOf(end);
  let next;
  if (from >= 0 && to > from) {
    next = md.slice(0, from) + text + md.slice(to + end.length);
  } else {
    next = `${md.trimEnd()}\n\n${heading}\n\n${text}\n`;
  }
  writeFileSync(file, next);
}

// ---- Before and after -------------------------------------------------------

/** [part of ?compare, sample name, what it is]: the figures compared. */
const FIGURES = [
  ['comparePlaySmall', 'interval', 'Play, 2-8-8-1: rAF interval (whole frame: frame(now), paint, raster)'],
  ['comparePlaySmall', 'work', 'Play, 2-8-8-1: frame(now) per rAF callback'],
  ['comparePlayLargest', 'interval', 'Play, largest (7 features, 8×16): rAF interval'],
  ['comparePlayLargest', 'work', 'Play, largest: frame(now) per rAF callback'],
  ['compareSlider', 'interval', 'Slider drag, 2-8-8-1, not training: rAF interval'],
  ['compareSlider', 'work', 'Slider drag: input event (set_input) + frame(now) per callback'],
];

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

/** `git rev-parse --short HEAD` of the tree, and whether the wasm's inputs (crates/ but xtask, Cargo.*, .cargo/) have uncommitted changes. */
function afterRevision() {
  try {
    const git = (...args) => execFileSync('git', ['-C', ROOT, ...args], { encoding: 'utf8' }).trim();
    const sha = git('rev-parse', '--short', 'HEAD');
    const dirty = git('status', '--porcelain', '--untracked-files=no', '--', 'crates', ':!crates/xtask', 'Cargo.toml', 'Cargo.lock', '.cargo');
    return { rev: 'the working tree', sha, dirty: dirty !== '' };
  } catch {
    return { rev: 'the working tree', sha: 'unknown', dirty: false };
  }
}

/** What REVISION in www/pkg-bench-before says: "<rev as given> <short sha>". */
function beforeRevision() {
  try {
    const [rev, sha] = readFileSync(join(ROOT, 'www', BEFORE_PKG, 'REVISION'), 'utf8').trim().split(/\s+/);
    return { rev, sha: sha ?? rev };
  } catch {
    return { rev: 'unknown', sha: 'unknown' };
  }
}

async function compareBuilds() {
  const server = await startServer();
  const browser = await launchBrowser();
  const started = Date.now();
  try {
    const load = [loadavg()];
    const rounds = [];
    for (let r = 0; r < ROUNDS; r++) {
      // ABBA: a drift that is linear in time weighs on both builds alike.
      const order = r % 2 === 0 ? ['before', 'after'] : ['after', 'before'];
      const round = { order };
      for (const which of order) {
        process.stderr.write(`bench: round ${r + 1}/${ROUNDS}, ${which}\n`);
        const pkg = which === 'before' ? BEFORE_PKG : AFTER_PKG;
        round[which] = await runPage(browser, server, `compare&pkg=${pkg}${quick ? '&quick' : ''}`);
      }
      rounds.push(round);
    }
    load.push(loadavg());
    return { rounds, chromium: browser.version(), load, seconds: (Date.now() - started) / 1000 };
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** Per figure: pooled medians and means of both builds, their ratios, per-round ratios. */
function summarise({ rounds }) {
  return FIGURES.map(([part, key, what]) => {
    const pooled = (which) => rounds.flatMap((r) => r[which][part][key].samples);
    const before = pooled('before');
    const after = pooled('after');
    const perRound = rounds.map((r) => median(r.after[part][key].samples) / median(r.before[part][key].samples));
    return {
      what,
      before: { median: median(before), mean: mean(before), n: before.length },
      after: { median: median(after), mean: mean(after), n: after.length },
      ratio: median(after) / median(before),
      meanRatio: mean(after) / mean(before),
      perRound: [Math.min(...perRound), Math.max(...perRound)],
    };
  });
}

const x = (v) => (Number.isFinite(v) ? v.toFixed(2) : '—');

function compareTable(summary) {
  const lines = [
    '| figure | before median | after median | after/before | after/before of the means | per-round after/before, min–max | n before, after |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const f of summary) {
    lines.push(`| ${f.what} | ${fmt(f.before.median)} ms | ${fmt(f.after.median)} ms | **${x(f.ratio)}** | ${x(f.meanRatio)} | ${x(f.perRound[0])}–${x(f.perRound[1])} | ${f.before.n}, ${f.after.n} |`);
  }
  return lines.join('\n');
}

function comparePlain(summary) {
  const out = [`  ${'figure'.padEnd(70)} ${'before'.padStart(9)} ${'after'.padStart(9)}  after/before  (means)  per round    n before, after`];
  for (const f of summary) {
    out.push(`  ${f.what.padEnd(70)} ${fmt(f.before.median).padStart(6)} ms ${fmt(f.after.median).padStart(6)} ms  ${x(f.ratio).padStart(12)}  ${x(f.meanRatio).padStart(7)}  ${x(f.perRound[0])}–${x(f.perRound[1])}  ${f.before.n}, ${f.after.n}`);
  }
  return out.join('\n');
}

function compareSection(compared, summary, before, after) {
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const command = process.env.CARGO ? xtaskCommandLine() : 'LIGHTBULB_BENCH_COMPARE=1 node tests/bench/frame.mjs   # with www/pkg-bench-before/ built';
  const la = (l) => l.map((v) => v.toFixed(2)).join(' ');
  const perPage = compared.rounds[0].after;
  const counts = FIGURES.filter(([, key]) => key === 'work')
    .map(([part]) => `${perPage[part].work.n} (${part.replace('compare', '')})`).join(', ');
  return [
    COMPARE_START,
    '<!-- Written by tests/bench/frame.mjs: edits between these markers are overwritten. -->',
    '',
    'Command (from the repository root):',
    '',
    '```sh',
    command,
    '```',
    '',
    `Date: ${date} UTC. Before: \`${before.rev}\` (${before.sha}); after: ${after.rev} at ${after.sha}${after.dirty ? ' with uncommitted changes' : ''}. `
      + `Chromium ${compared.chromium} (headless, \`--disable-gpu\`), one browser for both builds, ${compared.rounds.length} rounds alternating them `
      + '(before, after; after, before; …), each build a fresh load of `www/bench.html?compare` per round, '
      + `timing per figure ${counts} rAF callbacks after a warm-up; the samples of all rounds are pooled. `
      + `Machine: \`nproc\` = ${availableParallelism()}, CPU "${cpus()[0]?.model ?? 'unknown'}"; `
      + `load average (1, 5, 15 min) ${la(compared.load[0])} at the start and ${la(compared.load[1])} at the end. `
      + `The comparison took ${fmt(compared.seconds, 0)} s.`,
    '',
    compareTable(summary),
    '',
    'A ratio above 1 is slower after. `performance.now()` steps by 0.1 ms here, so the medians of sub-millisecond work move in steps; the ratio of the means is the finer check there. '
      + 'The per-round ratios show how much one round moves on this machine. What each figure times is described at the top of `www/bench.js` (`?compare`).',
    COMPARE_END,
  ].join('\n');
}

mkdirSync(join(ROOT, 'target'), { recursive: true });
if (mainRun) {
  const measured = await measure();
  const native = Object.fromEntries(
    ['epoch_2_8_8_1_tanh_250pts_batch10', 'grid_100x100_2_8_8_1_tanh', 'grid_100x100_7f_8x16_tanh',
      'maps_100x100_2_8_8_1_tanh', 'maps_100x100_7f_8x16_tanh']
      .map((n) => [n, criterion(n)]),
  );
  writeFileSync(join(ROOT, 'target', 'browser-bench.json'), JSON.stringify({ ...measured, native }, null, 2));
  console.log(`Chromium ${measured.chromium}; load average ${measured.load.map((l) => l[0].toFixed(2)).join(' → ')}`);
  if (only) console.log(JSON.stringify(measured.results, null, 2));
  else console.log(plainTable(measured.results, native));
  const scrub = measured.results.scrub;
  if (scrub && !quick && scrub.work.median > GOALS.scrubWork) {
    console.error(`scrubbing the largest network: ${fmt(scrub.work.median)} ms a frame, over ${fmt(GOALS.scrubWork)} ms (30 fps)`);
    process.exitCode = 1;
  }
  if (write) {
    rewrite(section(measured, native));
    console.log('\nBENCHMARKS.md: the browser section is rewritten');
  } else {
    console.log('\nBENCHMARKS.md left alone (quick run or LIGHTBULB_BENCH_WRITE=0)');
  }
}
if (compare) {
  const before = beforeRevision();
  const after = afterRevision();
  const compared = await compareBuilds();
  const summary = summarise(compared);
  writeFileSync(
    join(ROOT, 'target', 'browser-bench-before-after.json'),
    JSON.stringify({ before, after, ...compared, summary }, null, 2),
  );
  console.log(`\nBefore ${before.rev} (${before.sha}), after ${after.rev} (${after.sha}${after.dirty ? ' + changes' : ''}); `
    + `${compared.rounds.length} alternating rounds in Chromium ${compared.chromium}, ${fmt(compared.seconds, 0)} s; `
    + `load average ${compared.load.map((l) => l[0].toFixed(2)).join(' → ')}`);
  console.log(comparePlain(summary));
  if (write) {
    rewrite(compareSection(compared, summary, before, after), COMPARE_START, COMPARE_END, COMPARE_HEADING);
    console.log('\nBENCHMARKS.md: the before-after section is rewritten');
  } else {
    console.log('\nBENCHMARKS.md: the before-after section is left alone (quick run or LIGHTBULB_BENCH_WRITE=0)');
  }
}
