// The page loads its wasm module with no console errors and shows the placeholder
// canvas drawn from Rust.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useLightbulb } from './support/harness.mjs';

const lb = useLightbulb();

test('the page loads the wasm module without errors', async () => {
  const { page, errors } = await lb.newPage('/');
  assert.equal(await page.title(), 'Lightbulb');
  assert.match(await page.textContent('#status'), /wasm loaded/);
  assert.deepEqual(errors, []);
});

test('the placeholder canvas is drawn from Rust: a yellow bulb on a dark ground', async () => {
  const { page } = await lb.newPage('/');
  const [centre, corner] = await page.evaluate(() => {
    const canvas = document.getElementById('placeholder');
    const ctx = canvas.getContext('2d');
    const at = (x, y) => Array.from(ctx.getImageData(x, y, 1, 1).data);
    return [at(canvas.width / 2, canvas.height / 2), at(0, 0)];
  });
  assert.ok(centre[0] > 200 && centre[1] > 180 && centre[2] < 200, `centre ${centre}`);
  assert.ok(corner[0] < 60 && corner[1] < 60 && corner[2] < 60, `corner ${corner}`);
});

test('the wasm is served as application/wasm', async () => {
  const res = await fetch(new URL('www/pkg/lightbulb_web_bg.wasm', lb.url));
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/wasm');
  const bytes = new Uint8Array(await res.arrayBuffer());
  assert.deepEqual(Array.from(bytes.subarray(0, 4)), [0, 0x61, 0x73, 0x6d]);
});
