// The page loads its wasm module with no console errors and draws the network
// from Rust.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useLightbulb } from './support/harness.mjs';

const lb = useLightbulb();

test('the page loads the wasm module without errors', async () => {
  const { page, errors } = await lb.newPage('/');
  assert.equal(await page.title(), 'Lightbulb');
  assert.match(await page.textContent('#version'), /lightbulb-web \d+\.\d+\.\d+/);
  assert.deepEqual(errors, []);
});

test('the network canvas is drawn from Rust: lit bulbs on a dark stage', async () => {
  const { page } = await lb.newPage('/');
  const { bright, corner } = await page.evaluate(() => {
    const canvas = document.getElementById('network-canvas');
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let bright = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] > 400) bright += 1;
    return { bright, corner: Array.from(data.subarray(0, 4)) };
  });
  assert.ok(bright > 50, `only ${bright} bright pixels`);
  assert.ok(corner[0] < 60 && corner[1] < 60 && corner[2] < 60, `corner ${corner}`);
});

test('the wasm is served as application/wasm', async () => {
  const res = await fetch(new URL('www/pkg/lightbulb_web_bg.wasm', lb.url));
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/wasm');
  const bytes = new Uint8Array(await res.arrayBuffer());
  assert.deepEqual(Array.from(bytes.subarray(0, 4)), [0, 0x61, 0x73, 0x6d]);
});
