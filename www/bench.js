// The browser benchmarks of Lightbulb (www/bench.html), run headless by
// tests/bench/frame.mjs (`cargo xtask bench`), or by opening the page.
//
// Everything is timed with performance.now() on the page's main thread:
// warm-up first, then many iterations; each figure is reported as the median
// and the 90th percentile (nearest rank) of the per-iteration times, in ms.
// Without cross-origin isolation Chromium coarsens performance.now() to about
// 0.1 ms, so sub-millisecond work (one epoch) is timed in batches.
//
//  slider  dragging the x1 slider of a 2-8-8-1 network, not training:
//          `handler`: input event whose handler calls set_input + frame(now),
//          timed around dispatchEvent; `raster`: the same plus forcing the
//          canvases to rasterise (a 1-pixel getImageData on each);
//          `rafWork` / `eventToRafEnd`: as the page does it (the handler only
//          calls set_input; the requestAnimationFrame loop calls frame): the
//          work of the next rAF callback, and the time from the event to that
//          callback's end (includes waiting for the next vsync).
//  play    Play: frame(now) per rAF callback while playing (one epoch, losses,
//          the 100×100 grid, thumbnails, drawing of the three canvases), for
//          2-8-8-1 and for the largest network; `raster` adds the forced
//          rasterisation; `numeric` is a second handle never attached to
//          canvases (training + losses + probe + grid + thumbnails, no
//          drawing); `numericPaused` a third one, paused (probe + grid +
//          thumbnails: what every frame costs even when nothing trains);
//          `drawing` = frame − numeric, per frame. All are timed in the same
//          animation frame, one after the other.
//  network crates/web/src/bench.rs DrawBench: the network canvas alone,
//          `Renderer::draw` of 2-8-8-1 and of the largest network as while
//          playing (the probe moves, the thumbnails are new every frame),
//          timed around draw(); `raster` forces the canvas to rasterise
//          afterwards. `changing`: every weight changes every frame (the
//          worst case for the wires, which are redrawn only when they change);
//          `fixed`: the weights stay.
//  scrub   dragging the History slider over the largest network's whole
//          history: a handle not yet attached plays 10,500 steps or more
//          (the history then holds the last 10,000 or a few more), then, on the
//          three canvases, each requestAnimationFrame callback calls
//          seek(step) + frame(now), the step following a drag back and forth
//          over the whole history (about 70 steps a callback, at most 110).
//          `work`: the callback's time; `interval`: between callbacks (as
//          `?compare` times them); `fps` = 1000 / median interval. Goal:
//          30 fps or more, i.e. work ≤ 33 ms.
//  digits  crates/web/src/bench/digits_epoch.rs: one epoch of the digits
//          defaults (64-32-10, SGD, batch 10, 1,347 images), as Play runs it.
//  core    crates/web/src/bench.rs: one epoch (2-8-8-1, 250 points, batch 10)
//          and the 100×100 grid, as in crates/core/benches/core.rs: the f64
//          forward pass (`grid*`) and the page's f32 maps (`maps*`).
//
// `?quick` runs a fifth of the iterations (a smoke run); `?only=core,slider`
// runs only those parts (core, digits, playSmall, playLargest, network, slider, scrub).
//
// `?pkg=pkg-bench-before` loads that build instead of www/pkg-bench/ (what
// `cargo xtask bench --against REV` builds from another revision). Parts that
// need a bench handle the build lacks are skipped (listed in `skipped`).
//
// `?compare`: only the before/after figures, with their raw samples, for
// tests/bench/frame.mjs to pool over rounds that alternate the two builds.
// They use only the `Lightbulb` handle (new, attach, set_input, frame, play),
// so any revision's build can run them. Each is one handle drawn on the three
// canvases and a requestAnimationFrame loop calling frame(now), as the page:
//  comparePlaySmall / comparePlayLargest  playing 2-8-8-1 / the largest network;
//  compareSlider  2-8-8-1 not training, x1/x2 moved by an input event (whose
//          handler calls set_input) at the start of every callback, as a drag
//          delivers them (Chromium aligns continuous input with frames).
// Per callback: `interval`, performance.now() at its start minus at the
// previous callback's start (the whole frame: the callback, style, paint,
// rasterising the canvases; never under one vsync, 16.7 ms, but not rounded
// up to a multiple of it in headless Chromium); `work`, the callback's own time.
//
// Results: JSON in <pre id="results">; body[data-done] = "1" (or "error").

const params = new URLSearchParams(location.search);
const pkg = params.get('pkg') ?? 'pkg-bench';
// The build's exports, loaded by run() (so that a failure is reported like any other).
let Lightbulb;
let DrawBench;
let EpochBench;
let DigitsEpochBench;
let GridBench;

const SMALL = 'dataset=circle&features=x1,x2&layers=8,8&activation=tanh';
const LARGEST =
  'dataset=circle&features=x1,x2,x1_sq,x2_sq,x1_x2,sin_x1,sin_x2' +
  '&layers=16,16,16,16,16,16,16,16&activation=tanh';

const SIZES = { network: [720, 480], data: [300, 300], chart: [300, 120] };

const quick = params.has('quick');
const count = (n) => (quick ? Math.max(5, Math.round(n / 5)) : n);
const only = params.get('only')?.split(',');
const compare = params.has('compare');

const $ = (id) => document.getElementById(id);
const now = () => performance.now();
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Median, p90 (nearest rank), min, max and mean of samples in ms. */
export function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return { n: 0 };
  const rank = (p) => s[Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1))];
  const median = n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  const mean = s.reduce((a, b) => a + b, 0) / n;
  const round = (v) => Math.round(v * 1e4) / 1e4;
  return {
    n,
    median: round(median),
    p90: round(rank(0.9)),
    min: round(s[0]),
    max: round(s[n - 1]),
    mean: round(mean),
  };
}

function status(text) {
  $('status').textContent = text;
}

/** The smallest step performance.now() takes, in ms. */
function timerResolution() {
  let min = Infinity;
  let last = now();
  for (let i = 0; i < 200_000; i++) {
    const t = now();
    if (t > last) {
      min = Math.min(min, t - last);
      last = t;
    }
  }
  return Math.round(min * 1e4) / 1e4;
}

/** The page's three canvases at its CSS sizes, in a fresh stage. */
function makeCanvases() {
  const stage = $('stage');
  stage.replaceChildren();
  return Object.entries(SIZES).map(([name, [w, h]]) => {
    const canvas = document.createElement('canvas');
    canvas.id = `${name}-canvas`;
    canvas.style.display = 'block';
    canvas.style.width = `${w}px`;
    canvas.style.height = `${h}px`;
    stage.append(canvas);
    return canvas;
  });
}

/** Forces the canvases' recorded drawing to be rasterised now; returns the ms per canvas. */
function rasterise(canvases) {
  return canvases.map((canvas) => {
    const t0 = now();
    canvas.getContext('2d').getImageData(0, 0, 1, 1);
    return now() - t0;
  });
}

function handle(hash, canvases) {
  const lb = new Lightbulb(hash);
  const notice = typeof lb.notice === 'function' ? lb.notice() : '';
  if (notice) throw new Error(`bench hash "${hash}" was not fully used: ${notice}`);
  if (canvases) lb.attach(...canvases);
  return lb;
}

// The least warm-up time of each figure. V8 first runs wasm from its baseline
// compiler and tiers hot functions up to its optimising compiler in the
// background; on a busy 2-core machine that takes seconds, and until it is
// done samples alternate between fast and many times slower.
const WARMUP_MS = quick ? 300 : 1500;

/**
 * Calls fn(i) per iteration: warm-up first (at least `warmup` calls and
 * WARMUP_MS), then `iterations` timed ones. fn returns one sample or an
 * object of samples.
 */
async function sampled(warmup, iterations, fn) {
  const out = {};
  const start = now();
  let warm = 0;
  while (warm < warmup || now() - start < WARMUP_MS) {
    await fn(warm);
    warm += 1;
  }
  for (let i = warm; i < warm + iterations; i++) {
    const got = await fn(i);
    for (const [k, v] of Object.entries(typeof got === 'number' ? { time: got } : got)) {
      (out[k] ??= []).push(v);
    }
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, stats(v)]));
}

/** A drag path for the probe: x1 sweeps back and forth, x2 follows more slowly. */
function dragTo(i) {
  $('x1').value = (6 * Math.sin(i * 0.05)).toFixed(2);
  $('x2').value = (6 * Math.cos(i * 0.035)).toFixed(2);
}

async function sliderBench() {
  const canvases = makeCanvases();
  const lb = handle(SMALL, canvases);
  const x1 = $('x1');
  const x2 = $('x2');
  let drawInHandler = true;
  const onInput = () => {
    lb.set_input(x1.valueAsNumber, x2.valueAsNumber);
    if (drawInHandler) lb.frame(now());
  };
  x1.addEventListener('input', onInput);
  const fire = (i) => {
    dragTo(i);
    x1.dispatchEvent(new Event('input', { bubbles: true }));
  };
  lb.frame(now());

  // 1. The handler draws: time its synchronous work, one event per frame.
  const handler = await sampled(count(30), count(200), async (i) => {
    await nextFrame();
    const t0 = now();
    fire(i);
    const t1 = now();
    rasterise(canvases);
    const t2 = now();
    return { handler: t1 - t0, raster: t2 - t0 };
  });

  // 2. As the page does it: the handler only moves the probe, the rAF loop draws.
  drawInHandler = false;
  let pending = null;
  let sample = null;
  let running = true;
  const loop = (stamp) => {
    if (!running) return;
    requestAnimationFrame(loop);
    const t0 = now();
    lb.frame(stamp);
    const t1 = now();
    if (pending !== null) {
      sample = { rafWork: t1 - t0, eventToRafEnd: t1 - pending };
      pending = null;
    }
  };
  requestAnimationFrame(loop);
  const page = await sampled(count(30), count(200), async (i) => {
    // Events arrive at any point of a frame.
    await sleep(Math.random() * 16);
    sample = null;
    pending = now();
    fire(i);
    while (sample === null) await nextFrame();
    return sample;
  });
  running = false;
  await nextFrame();
  x1.removeEventListener('input', onInput);
  lb.free();
  return { network: '2-8-8-1', hash: SMALL, ...handler, ...page };
}

async function playBench(hash, warmup, frames) {
  // Three handles, timed in the same animation frame so that they see the
  // same machine load: `lb` drawn on canvases and playing (as the page),
  // `bare` never attached (draws nothing) and playing, `still` never
  // attached and paused. `lb` and `bare` train the same network in step.
  const canvases = makeCanvases();
  const lb = handle(hash, canvases);
  const bare = handle(hash, null);
  const still = handle(hash, null);
  const fullHash = lb.hash();
  lb.play();
  bare.play();
  const timed = await sampled(warmup, frames, async () => {
    const stamp = await nextFrame();
    const t0 = now();
    lb.frame(stamp);
    const t1 = now();
    const [rasterNetwork, rasterData, rasterChart] = rasterise(canvases);
    const t2 = now();
    bare.frame(t2);
    const t3 = now();
    still.frame(t3);
    const t4 = now();
    return {
      frame: t1 - t0,
      raster: t2 - t0,
      numeric: t3 - t2,
      numericPaused: t4 - t3,
      drawing: t1 - t0 - (t3 - t2),
      rasterNetwork,
      rasterData,
      rasterChart,
    };
  });
  if (!lb.playing()) throw new Error(`training stopped: ${lb.divergence() || lb.narration()}`);
  const epochs = lb.epoch();
  for (const h of [lb, bare, still]) h.free();
  return { hash: fullHash, ...timed, epochs };
}

async function networkBench() {
  const out = {};
  for (const [name, largest] of [['small', false], ['largest', true]]) {
    for (const [mode, weights] of [['changing', true], ['fixed', false]]) {
      const [canvas] = makeCanvases();
      const db = new DrawBench(largest, canvas);
      out[`${name}_${mode}`] = await sampled(count(20), count(200), async (i) => {
        await nextFrame();
        db.prepare(i, weights);
        const t0 = now();
        db.draw();
        const t1 = now();
        const [raster] = rasterise([canvas]);
        return { draw: t1 - t0, raster, total: t1 - t0 + raster };
      });
      db.free();
    }
  }
  return out;
}

async function digitsBench() {
  const EPOCHS_PER_SAMPLE = 2;
  const db = new DigitsEpochBench();
  const epoch = await sampled(count(5), count(40), () => {
    const t0 = now();
    db.run(EPOCHS_PER_SAMPLE);
    return (now() - t0) / EPOCHS_PER_SAMPLE;
  });
  const out = {
    epoch: { ...epoch.time, images: db.images(), batch: 10, epochsPerSample: EPOCHS_PER_SAMPLE },
    epochsTrained: db.run(0),
    testAccuracy: db.accuracy(),
  };
  db.free();
  return out;
}

async function coreBench() {
  const EPOCHS_PER_SAMPLE = 10;
  const eb = new EpochBench();
  const epoch = await sampled(count(20), count(100), () => {
    const t0 = now();
    eb.run(EPOCHS_PER_SAMPLE);
    return (now() - t0) / EPOCHS_PER_SAMPLE;
  });
  const points = eb.points();
  eb.free();
  const grid = async (largest, warmup, iterations, maps = false) => {
    const gb = new GridBench(largest);
    const out = await sampled(warmup, iterations, () => {
      const t0 = now();
      const v = maps ? gb.run_maps(1) : gb.run(1);
      const t = now() - t0;
      if (!Number.isFinite(v)) throw new Error('the grid gave a non-finite output');
      return t;
    });
    gb.free();
    return out.time;
  };
  return {
    epoch: { ...epoch.time, points, batch: 10, epochsPerSample: EPOCHS_PER_SAMPLE },
    gridSmall: await grid(false, count(10), count(100)),
    gridLargest: await grid(true, count(5), count(40)),
    mapsSmall: await grid(false, count(10), count(100), true),
    mapsLargest: await grid(true, count(5), count(40), true),
  };
}

/**
 * Runs a requestAnimationFrame loop calling `beforeFrame(i)` (if given) and
 * lb.frame(stamp) per callback until `frames` callbacks are timed after the
 * warm-up (at least `warmup` callbacks and WARMUP_MS). Returns the raw samples.
 */
function rafLoop(lb, warmup, frames, beforeFrame) {
  const interval = [];
  const work = [];
  const start = now();
  let last = null;
  let i = 0;
  return new Promise((resolve, reject) => {
    const loop = (stamp) => {
      try {
        const t0 = now();
        beforeFrame?.(i);
        lb.frame(stamp);
        const t1 = now();
        if (i >= warmup && t0 - start >= WARMUP_MS) {
          if (last !== null) interval.push(t0 - last);
          work.push(t1 - t0);
        }
        last = t0;
        i += 1;
        if (work.length >= frames) resolve({ interval, work });
        else requestAnimationFrame(loop);
      } catch (error) {
        reject(error);
      }
    };
    requestAnimationFrame(loop);
  });
}

/** The samples and their stats, for `?compare`. */
const withStats = (raw) =>
  Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, { ...stats(v), samples: v.map((x) => Math.round(x * 1e4) / 1e4) }]));

async function comparePlay(hash, warmup, frames) {
  const lb = handle(hash, makeCanvases());
  lb.play();
  const raw = await rafLoop(lb, warmup, frames);
  if (!lb.playing()) throw new Error(`training stopped: ${lb.divergence?.() || lb.narration?.() || ''}`);
  const epochs = lb.epoch?.();
  lb.free();
  return { hash, ...withStats(raw), epochs };
}

async function compareSlider(warmup, frames) {
  const lb = handle(SMALL, makeCanvases());
  const x1 = $('x1');
  const x2 = $('x2');
  const onInput = () => lb.set_input(x1.valueAsNumber, x2.valueAsNumber);
  x1.addEventListener('input', onInput);
  const raw = await rafLoop(lb, warmup, frames, (i) => {
    dragTo(i);
    x1.dispatchEvent(new Event('input', { bubbles: true }));
  });
  x1.removeEventListener('input', onInput);
  lb.free();
  return { hash: SMALL, ...withStats(raw) };
}

async function scrubBench(warmup, frames) {
  const lb = handle(LARGEST, null);
  const fullHash = lb.hash();
  lb.play();
  // Past 10,000 steps the oldest keyframes go: the history then spans
  // 10,000 steps or a little more, from a keyframe on.
  const filled = () => lb.history_last() >= 10_500 && lb.history_last() - lb.history_first() >= 10_000;
  for (let i = 0; !filled(); i++) {
    lb.frame(now());
    if (!lb.playing()) throw new Error(`training stopped: ${lb.divergence() || lb.narration()}`);
    if (i % 10 === 0) await sleep(0);
  }
  lb.pause();
  lb.attach(...makeCanvases());
  const [first, last] = [lb.history_first(), lb.history_last()];
  const at = (i) => first + Math.round((last - first) * (0.5 + 0.5 * Math.cos(i * 0.022)));
  const raw = await rafLoop(lb, warmup, frames, (i) => lb.seek(at(i)));
  const out = withStats(raw);
  lb.free();
  for (const v of Object.values(out)) delete v.samples;
  return { hash: fullHash, first, last, ...out, fps: Math.round(10_000 / out.interval.median) / 10 };
}

async function run() {
  if (!/^pkg-bench[\w-]*$/.test(pkg)) throw new Error(`?pkg=${pkg}: not a www/pkg-bench* directory`);
  const wasm = await import(`./${pkg}/lightbulb_web.js`);
  ({ Lightbulb, DrawBench, EpochBench, GridBench, DigitsEpochBench } = wasm);
  const { default: init, version } = wasm;
  await init();
  const results = {
    pkg,
    version: version(),
    userAgent: navigator.userAgent,
    devicePixelRatio: devicePixelRatio,
    hardwareConcurrency: navigator.hardwareConcurrency,
    crossOriginIsolated: globalThis.crossOriginIsolated ?? false,
    timerResolutionMs: timerResolution(),
    quick,
    compare,
  };
  const parts = compare
    ? {
      comparePlaySmall: () => comparePlay(SMALL, count(30), count(150)),
      comparePlayLargest: () => comparePlay(LARGEST, count(10), count(100)),
      compareSlider: () => compareSlider(count(30), count(150)),
    }
    : {
      core: coreBench,
      digits: digitsBench,
      playSmall: () => playBench(SMALL, count(30), count(300)),
      playLargest: () => playBench(LARGEST, count(10), count(100)),
      network: networkBench,
      slider: sliderBench,
      scrub: () => scrubBench(count(20), count(150)),
    };
  // The handles of the `bench` feature each part needs beyond `Lightbulb`.
  const needs = { core: { EpochBench, GridBench }, digits: { DigitsEpochBench }, network: { DrawBench } };
  results.skipped = [];
  for (const [name, part] of Object.entries(parts)) {
    if (only && !only.includes(name)) continue;
    const missing = Object.entries(needs[name] ?? {}).filter(([, v]) => v === undefined).map(([k]) => k);
    if (missing.length) {
      results.skipped.push(`${name} (${pkg} has no ${missing.join(', ')})`);
      continue;
    }
    status(`${name}…`);
    results[name] = await part();
  }
  return results;
}

const started = now();
try {
  const results = await run();
  results.totalSeconds = Math.round(now() - started) / 1000;
  $('results').textContent = JSON.stringify(results, null, 2);
  status('done');
  document.body.dataset.done = '1';
} catch (error) {
  const message = error instanceof Error ? `${error.message}\n${error.stack}` : String(error);
  $('results').textContent = JSON.stringify({ error: message }, null, 2);
  status(`failed: ${message}`);
  document.body.dataset.done = 'error';
}
