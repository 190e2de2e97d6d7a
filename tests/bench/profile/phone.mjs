// Where a Play frame's time goes on the phone proxy (the set-up of
// tests/bench/phone.mjs: 390 × 844, DPR 3, touch, CPU throttled 4×). Not a
// benchmark (`cargo xtask bench` runs only tests/bench/*.mjs): a tool.
//
//   node tests/bench/profile/phone.mjs [default|largest]   (after `cargo xtask build`)
//
// For each network it plays, then records FRAMES frames twice:
// 1. a DevTools trace (Tracing domain) of the renderer's main thread, summed
//    by event name as self time (time in an event minus the events nested in
//    it), per frame: script, style/layout, paint, canvas flushes, GC...;
// 2. a sampling CPU profile (Profiler domain), summed by function as self
//    time per frame, with the page's wasm, its JS, and the browser's own
//    natives (canvas calls such as fillText show under their own names)
//    grouped apart.

import { startServer } from '../../support/server.mjs';
import { launchBrowser, openPage } from '../../support/browser.mjs';

const FRAMES = Number(process.env.LIGHTBULB_PROFILE_FRAMES ?? 60);
// LIGHTBULB_PROFILE_DESKTOP=1: 1280 × 800 at DPR 1, not throttled, instead.
const DESKTOP = process.env.LIGHTBULB_PROFILE_DESKTOP === '1';
const PHONE = DESKTOP ? { viewport: { width: 1280, height: 800 } }
  : { viewport: { width: 390, height: 844 }, deviceScaleFactor: Number(process.env.LIGHTBULB_PROFILE_DPR ?? 3), isMobile: true, hasTouch: true };
const THROTTLE = DESKTOP ? 1 : 4;
const NETWORKS = {
  default: '',
  largest: '#dataset=circle&features=x1,x2,x1_sq,x2_sq,x1_x2,sin_x1,sin_x2&layers=16,16,16,16,16,16,16,16',
};
const only = process.argv[2];

const playFrames = (page, frames) => page.evaluate((n) => new Promise((done) => {
  let seen = 0;
  const t0 = performance.now();
  const tick = () => {
    seen += 1;
    if (seen >= n) done(performance.now() - t0);
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}), frames);

const top = (map, n) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);

async function trace(cdp, page) {
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', {
    // LIGHTBULB_PROFILE_CATEGORIES adds trace categories (e.g.
    // disabled-by-default-skia,disabled-by-default-cc.debug to see inside
    // the canvas flushes).
    categories: ['devtools.timeline,disabled-by-default-devtools.timeline,v8,v8.execute,blink,cc,toplevel,blink.console',
      process.env.LIGHTBULB_PROFILE_CATEGORIES].filter(Boolean).join(','),
    transferMode: 'ReportEvents',
  });
  const wall = await playFrames(page, FRAMES);
  await cdp.send('Tracing.end');
  await done;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const mine = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && (e.ph === 'X' || e.ph === 'B' || e.ph === 'E'));
  // Rebuild complete spans from X and B/E, then self time by nesting.
  const spans = [];
  const open = [];
  for (const e of mine.sort((a, b) => a.ts - b.ts)) {
    if (e.ph === 'X') spans.push({ name: e.name, ts: e.ts, end: e.ts + (e.dur ?? 0), cpu: e.tdur ?? 0 });
    else if (e.ph === 'B') open.push({ name: e.name, ts: e.ts, tts: e.tts });
    else if (e.ph === 'E' && open.length) {
      const b = open.pop();
      spans.push({ name: b.name, ts: b.ts, end: e.ts, cpu: (e.tts ?? 0) - (b.tts ?? 0) });
    }
  }
  spans.sort((a, b) => a.ts - b.ts || b.end - a.end);
  const self = new Map();
  const stack = [];
  let busy = 0;
  // The thread's own CPU time in top-level tasks (trace `tdur`): unlike the
  // wall-clock durations, it does not grow when other processes take the core.
  let cpu = 0;
  for (const s of spans) {
    while (stack.length && stack.at(-1).end <= s.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) {
      parent.self -= Math.min(s.end, parent.end) - s.ts;
      s.root = parent.root ?? parent;
      s.parent = parent;
    } else {
      busy += s.end - s.ts;
      cpu += s.cpu;
    }
    s.self = s.end - s.ts;
    stack.push(s);
  }
  // The longest top-level tasks, with their three largest self-time parts.
  const long = [];
  for (const s of spans) if (!s.parent && s.end - s.ts > 12_000) long.push(s);
  for (const s of spans) {
    const key = s.name === 'FunctionCall' || s.name === 'EvaluateScript' ? s.name : s.name;
    self.set(key, (self.get(key) ?? 0) + s.self);
  }
  const parts = new Map();
  for (const s of spans) {
    if (!s.root || s.root.end - s.root.ts <= 12_000) continue;
    const m = parts.get(s.root) ?? new Map();
    m.set(s.name, (m.get(s.name) ?? 0) + s.self);
    parts.set(s.root, m);
  }
  const longest = long.sort((a, b) => (b.end - b.ts) - (a.end - a.ts)).slice(0, 8).map((s) => ({
    ms: (s.end - s.ts) / 1000,
    at: (s.ts - spans[0].ts) / 1000,
    parts: top(parts.get(s) ?? new Map(), 4).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`).join(', '),
  }));
  return { wall, busy, cpu, self, longest, tasks: long.length };
}

async function profile(cdp, page) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const wall = await playFrames(page, FRAMES);
  const { profile: p } = await cdp.send('Profiler.stop');
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const dt = new Map();
  for (let i = 0; i < p.samples.length; i += 1) {
    const id = p.samples[i];
    dt.set(id, (dt.get(id) ?? 0) + (p.timeDeltas[i + 1] ?? 0));
  }
  const fn = new Map();
  const group = new Map();
  for (const [id, us] of dt) {
    const { callFrame: c } = byId.get(id);
    const wasm = c.url.includes('.wasm') || c.url.startsWith('wasm://') || /^\$?wasm-function|^\$/.test(c.functionName);
    const g = wasm ? 'wasm' : c.url ? 'page JS' : c.functionName.startsWith('(') ? c.functionName : 'browser natives (canvas, DOM)';
    group.set(g, (group.get(g) ?? 0) + us);
    const name = `${c.functionName || '(anonymous)'}${c.url ? ` ${c.url.split('/').pop()}:${c.lineNumber + 1}` : ''}`;
    fn.set(name, (fn.get(name) ?? 0) + us);
  }
  return { wall, fn, group };
}

const server = process.env.LIGHTBULB_URL ? null : await startServer();
const url = process.env.LIGHTBULB_URL ?? server.url;
const browser = await launchBrowser();
const ms = (us) => (us / 1000 / FRAMES).toFixed(2).padStart(7);
try {
  for (const [name, hash] of Object.entries(NETWORKS)) {
    if (only && only !== name) continue;
    const { page, context } = await openPage(browser, PHONE);
    await page.goto(new URL(`/${hash}`, url).href);
    await page.waitForSelector('body[data-ready]');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    await page.evaluate(() => document.getElementById('play').click());
    await playFrames(page, 30);
    const t = await trace(cdp, page);
    console.log(`\n== ${name}: trace of ${FRAMES} frames, ${(t.wall / FRAMES).toFixed(1)} ms a frame, main thread busy ${ms(t.busy)} ms a frame (wall), its CPU time ${ms(t.cpu)} ms a frame`);
    console.log('   main-thread self time by trace event, ms a frame:');
    for (const [k, v] of top(t.self, 18)) console.log(`   ${ms(v)}  ${k}`);
    console.log(`   ${t.tasks} tasks over 12 ms; the longest (ms, at ms into the trace: largest parts by self time):`);
    for (const l of t.longest) console.log(`   ${l.ms.toFixed(1)} at ${l.at.toFixed(0)}: ${l.parts}`);
    const p = await profile(cdp, page);
    console.log(`== ${name}: CPU profile of ${FRAMES} frames, ${(p.wall / FRAMES).toFixed(1)} ms a frame`);
    for (const [k, v] of top(p.group, 10)) console.log(`   ${ms(v)}  ${k}`);
    console.log('   top functions by self time, ms a frame:');
    for (const [k, v] of top(p.fn, 25)) console.log(`   ${ms(v)}  ${k}`);
    await page.evaluate(() => document.getElementById('play').click());
    await context.close();
  }
} finally {
  await browser.close();
  await server?.stop();
}
