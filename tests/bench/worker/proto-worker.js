// Bench-only prototype worker (see proto-main.js): runs the controller's
// Play frame without painting for each request and posts back its busy time
// and every neuron's 100 × 100 grid map as f32.

import init, { Lightbulb } from './pkg/lightbulb_web.js';

let handle = null;
let transfer = false;
let maps = null;
// The time the last postMessage took (serialising a copy), reported with the next answer.
let lastPost = 0;

onmessage = async (e) => {
  if (handle === null) {
    try {
      await init();
      handle = new Lightbulb(e.data.hash);
      transfer = e.data.transfer;
      handle.play();
      // Every hidden and output neuron's map: 100 × 100 f32 each.
      const sizes = (handle.get('layers') || '').split(',').filter(Boolean).map(Number);
      const neurons = sizes.reduce((a, b) => a + b, 0) + 1;
      maps = new Float32Array(neurons * 100 * 100);
      postMessage({ ready: true, neurons });
    } catch (error) {
      postMessage({ ready: false, error: String(error?.message ?? error) });
    }
    return;
  }
  const t0 = performance.now();
  handle.frame(e.data.now);
  const frame = performance.now() - t0;
  // The maps handed over: a fresh buffer each frame (a transferred one is
  // gone), filled as the grid would be copied out of wasm memory.
  const out = new Float32Array(maps.length);
  out.set(maps);
  const busy = performance.now() - t0 + lastPost;
  const msg = { busy, frame, maps: out };
  const t1 = performance.now();
  if (transfer) postMessage(msg, [out.buffer]);
  else postMessage(msg);
  lastPost = performance.now() - t1;
};
