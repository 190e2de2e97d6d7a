// Bench-only prototype: the controller's Play frame without painting (the
// epoch, the 100 × 100 grid of every neuron's map, the scene and thumbnail
// refresh: `Lightbulb.frame` with no canvas attached) run
//   mode=main:   on the page's main thread, in each requestAnimationFrame;
//   mode=worker: in a module worker, one request per animation frame (a new
//                one only when the last answer is in), the worker posting back
//                every neuron's grid map as f32 (what the page would need to
//                paint the heatmap and thumbnails), copied (transfer=0) or
//                with its buffer transferred (transfer=1).
// window.run(frames, warm) plays and returns, per recorded frame: the rAF
// interval, the main thread's busy time in our code, and in worker mode the
// worker's busy time (its frame, copying the maps out and posting them) and
// of it the frame alone, and the main thread's time to receive an answer
// (reading MessageEvent.data, which deserialises it).

import init, { Lightbulb } from './pkg/lightbulb_web.js';

const q = new URLSearchParams(location.search);
const mode = q.get('mode') ?? 'main';
const hash = q.get('hash') ?? '';
const transfer = q.get('transfer') === '1';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

async function start() {
  if (mode === 'main') {
    await init();
    const handle = new Lightbulb(hash);
    handle.play();
    return { step: (now) => handle.frame(now) };
  }
  const worker = new Worker(new URL('./proto-worker.js', import.meta.url), { type: 'module' });
  await new Promise((ok, fail) => {
    worker.onmessage = (e) => (e.data.ready ? ok() : fail(new Error(e.data.error)));
    worker.onerror = (e) => fail(new Error(e.message));
    worker.postMessage({ hash, transfer });
  });
  return { worker };
}

window.run = async (frames, warm) => {
  const s = await start();
  const intervals = [];
  const busy = [];
  const workerBusy = [];
  const workerFrame = [];
  const receive = [];
  const bytes = [];
  let pending = false;
  let seen = 0;
  if (s.worker) {
    s.worker.onmessage = (e) => {
      const t0 = performance.now();
      const d = e.data;
      const maps = d.maps;
      const t1 = performance.now();
      pending = false;
      if (seen > warm) {
        receive.push(t1 - t0);
        workerBusy.push(d.busy);
        workerFrame.push(d.frame);
        bytes.push(maps.byteLength);
      }
    };
  }
  let last = 0;
  await new Promise((done) => {
    const tick = (now) => {
      seen += 1;
      const t0 = performance.now();
      if (s.step) s.step(now);
      else if (!pending) {
        pending = true;
        s.worker.postMessage({ now });
      }
      const t1 = performance.now();
      if (seen > warm) {
        if (last) intervals.push(now - last);
        last = now;
        busy.push(t1 - t0);
      }
      if (intervals.length >= frames) done();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  s.worker?.terminate();
  return {
    frames: intervals.length,
    interval: median(intervals),
    p90: [...intervals].sort((a, b) => a - b)[Math.floor(intervals.length * 0.9)],
    busy: median(busy),
    workerBusy: median(workerBusy),
    workerFrame: median(workerFrame),
    answers: workerBusy.length,
    receive: median(receive),
    bytes: median(bytes),
  };
};
document.getElementById('state').textContent = 'ready';
document.body.dataset.ready = 'true';
