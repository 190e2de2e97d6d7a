// The digits task on the page (issue 16): dataset=digits fetches the
// images, the pad classifies a drawing live, the hash holds the task, the
// confusion matrix matches a count by hand, bad files are refused, and
// screenshots at a desktop and a phone size.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useLightbulb } from './support/harness.mjs';
import { ROOT } from './support/server.mjs';
import { artifact, until } from './support/page.mjs';

const lb = useLightbulb();

/** Opens the page on the digits task, with the images loaded. */
async function digitsPage(path = '/', options = {}) {
  const opened = await lb.newPage(path, options);
  const { page } = opened;
  if (!(await page.evaluate(() => window.lightbulb.digits_wanted()))) {
    await page.click('#datasets [data-dataset="digits"]');
  }
  await until(page, () => window.lightbulb.digits_loaded() && location.hash.includes('dataset=digits&'));
  return opened;
}

/**
 * The drawing pad's box, scrolled into view, once it has come to rest (the
 * same box two frames running): the page may still be laying out the
 * digits view, and a stroke drawn where the pad was misses it.
 */
async function padBox(page) {
  const pad = page.locator('#digits-pad');
  let box = null;
  for (let i = 0; i < 50; i += 1) {
    await pad.scrollIntoViewIfNeeded();
    const next = await pad.boundingBox();
    if (box && JSON.stringify(next) === JSON.stringify(box)) break;
    box = next;
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  return box;
}

/** Draws a 7 on the pad with the mouse (pointer events), in `steps` moves a stroke. */
async function drawSeven(page) {
  const box = await padBox(page);
  const at = (u, v) => [box.x + u * box.width, box.y + v * box.height];
  const strokes = [
    [[0.25, 0.2], [0.75, 0.2], [0.45, 0.85]],
  ];
  for (const stroke of strokes) {
    await page.mouse.move(...at(...stroke[0]));
    await page.mouse.down();
    for (const point of stroke.slice(1)) await page.mouse.move(...at(...point), { steps: 12 });
    await page.mouse.up();
  }
}

/** The digits file decoded here, independently of the core: [{ pixels, label }], the test images. */
function testImages() {
  const bytes = readFileSync(join(ROOT, 'data', 'digits', 'digits.bin'));
  assert.equal(bytes.subarray(0, 8).toString('latin1'), 'LBDIGITS');
  const count = bytes.readUInt16LE(9);
  const tests = bytes.readUInt16LE(11);
  let bit = 13 * 8;
  const take = (width) => {
    let v = 0;
    for (let k = 0; k < width; k += 1, bit += 1) v |= ((bytes[bit >> 3] >> (bit & 7)) & 1) << k;
    return v;
  };
  const images = [];
  for (let i = 0; i < count; i += 1) {
    take(11);
    const label = take(4);
    const pixels = Array.from({ length: 64 }, () => take(5));
    images.push({ pixels, label });
  }
  return images.slice(count - tests);
}

/** The answer of a model file's network (64-H-10, tanh then softmax) to 64 pixels 0–16. */
function answer(model, pixels) {
  const [hidden, output] = model.layers;
  assert.equal(hidden.activation, 'tanh');
  assert.equal(output.activation, 'softmax');
  const x = pixels.map((p) => p / 16);
  const a = hidden.weights.map((row, j) => Math.tanh(row.reduce((s, w, i) => s + w * x[i], hidden.biases[j])));
  const z = output.weights.map((row, k) => row.reduce((s, w, j) => s + w * a[j], output.biases[k]));
  let best = 0;
  for (let k = 1; k < z.length; k += 1) if (z[k] > z[best]) best = k;
  return best;
}

test('digits: draw a 7 on the pad, the 10 outputs sum to 1, the hash round-trips', async () => {
  const { page } = await digitsPage('/');
  assert.ok(await page.locator('#digits-canvas').isVisible(), 'the digits view shows');
  assert.ok(await page.locator('#data-canvas').isHidden(), 'the 2-D plot steps aside');
  // The images are part of the shell the service worker caches (offline too).
  const shell = await page.evaluate(async () => (await fetch('www/pkg/shell.js')).text());
  assert.ok(shell.includes('"www/pkg/digits.bin"'), 'digits.bin is in the offline shell');
  await drawSeven(page);
  const shown = await until(page, () => {
    const pixels = Array.from(window.lightbulb.digits_pixels());
    return pixels.some((p) => p > 0) && { pixels, p: Array.from(window.lightbulb.digits_outputs()) };
  });
  assert.equal(shown.p.length, 10);
  const sum = shown.p.reduce((s, v) => s + v, 0);
  assert.ok(Math.abs(sum - 1) < 1e-9, `the probabilities sum to ${sum}`);
  assert.ok(shown.p.every((v) => v >= 0 && v <= 1));
  assert.ok(shown.pixels.every((v) => v >= 0 && v <= 16));
  // The 7's top bar: ink across the top rows, and the answer line names the most probable digit.
  const best = shown.p.indexOf(Math.max(...shown.p));
  await until(page, (b) => document.getElementById('digits-answer').textContent.includes(`like a ${b}`), best);
  // Clear empties the input.
  await page.click('#digits-clear');
  await until(page, () => Array.from(window.lightbulb.digits_pixels()).every((p) => p === 0));

  // The hash holds the task: a new page from it is on digits with the same settings.
  await page.selectOption('#optimizer', 'adam');
  const hash = await until(page, () => location.hash.includes('optimizer=adam') && location.hash);
  assert.match(hash, /^#dataset=digits&/);
  const again = await lb.newPage(`/${hash}`);
  await until(again.page, () => window.lightbulb.digits_loaded());
  assert.equal(await again.page.evaluate(() => location.hash), hash);
  assert.equal(await again.page.getAttribute('#datasets [data-dataset="digits"]', 'aria-pressed'), 'true');
});

test('digits: Play trains; the confusion matrix matches a count by hand; a miss loads as the input', async () => {
  const { page } = await digitsPage('/');
  await page.click('#play');
  await until(page, () => window.lightbulb.epoch() >= 3, undefined, 60_000);
  await page.click('#play');
  await until(page, () => !window.lightbulb.playing());
  // The panel catches up with the last epoch.
  const version = await page.evaluate(() => window.lightbulb.digits_results_version());
  await page.waitForTimeout(400);
  assert.equal(await page.evaluate(() => window.lightbulb.digits_results_version()), version);
  const model = JSON.parse(await page.evaluate(() => window.lightbulb.export_model()));
  const shownCells = await until(page, () => {
    const cells = Array.from(document.querySelectorAll('#confusion td[data-a]'));
    return cells.length === 100 && cells.map((td) => [Number(td.dataset.a), Number(td.dataset.p), Number(td.textContent)]);
  });
  // By hand: decode the file here, run the exported network here, tally.
  const counts = Array.from({ length: 10 }, () => new Array(10).fill(0));
  const images = testImages();
  assert.equal(images.length, 450);
  for (const image of images) counts[image.label][answer(model, image.pixels)] += 1;
  for (const [a, p, n] of shownCells) assert.equal(n, counts[a][p], `cell (${a}, ${p})`);
  const right = counts.reduce((s, row, k) => s + row[k], 0);
  const accuracy = await page.textContent('#digits-accuracy');
  assert.equal(accuracy, `${((right / 450) * 100).toFixed(1)} %`);
  assert.ok(right / 450 > 0.9, `test accuracy after 3 epochs: ${right / 450}`);

  // A misclassified image loads as the input.
  const miss = page.locator('#misses [data-test]').first();
  const k = Number(await miss.getAttribute('data-test'));
  await miss.click();
  const pixels = await until(page, () => Array.from(window.lightbulb.digits_pixels()).some((p) => p > 0)
    && Array.from(window.lightbulb.digits_pixels()));
  assert.deepEqual(pixels, images[k].pixels);
  assert.notEqual(answer(model, images[k].pixels), images[k].label, 'it is a miss');
  await page.screenshot({ path: artifact('digits-results-1280x800.png') });
});

test('digits: Phase walks one step; hover equations and the numbers table', async () => {
  const { page } = await digitsPage('/');
  const phases = [];
  for (let i = 0; i < 6; i += 1) {
    const before = await page.textContent('#narration');
    await page.click('#phase');
    phases.push(await until(page, (b) => {
      const text = document.getElementById('narration').textContent;
      return text !== b && text;
    }, before));
    assert.equal(await page.evaluate(() => window.lightbulb.steps()), i === 5 ? 1 : 0, `after phase ${i + 1}`);
  }
  assert.match(phases[0], /^Forward · hidden layer/);
  assert.match(phases[3], /^Backward · outputs: δ = p − t/);
  assert.match(phases[5], /^Update/);
  // Stop at the output δ of the next step, then read an output's equation.
  for (let i = 0; i < 4; i += 1) await page.click('#phase');
  await until(page, () => document.getElementById('narration').textContent.startsWith('Backward · outputs'));
  const box = await page.locator('#digits-canvas').boundingBox();
  let text = '';
  for (let y = box.y + 20; y < box.y + box.height && !text.includes('softmax'); y += 8) {
    await page.mouse.move(box.x + box.width - 80, y);
    text = await page.textContent('#digits-readout');
  }
  assert.match(text, /^Digit \d: z = Σ w·a \+ b = .* → softmax: .*; δ = p − t = /);
  await page.click('#numbers-toggle');
  await page.waitForSelector('#numbers-body table');
  const body = await page.textContent('#numbers-body');
  assert.match(body, /Hidden layer/);
  assert.match(body, /Outputs/);
  assert.doesNotMatch(body, /NaN/);
  assert.ok(await page.locator('#check').isHidden(), 'the 2-D maths check steps aside');
  // Export PNG takes the digits view (and the pad), not the hidden 2-D canvas.
  const [png] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
  assert.equal(png.suggestedFilename(), 'lightbulb.png');
  const path = artifact('digits-export.png');
  await png.saveAs(path);
  const bytes = readFileSync(path);
  const width = bytes.readUInt32BE(16);
  const canvasWidth = await page.evaluate(() => document.getElementById('digits-canvas').width);
  assert.ok(width > canvasWidth, `the picture (${width} px wide) holds the digits view (${canvasWidth} px) and more`);
});

test('digits: a bad images file, a model of the wrong shape and an empty drawing are refused', async () => {
  // The images file answers garbage: the page says so and goes back to its dataset.
  const { page } = await lb.newPage('/', {
    setup: ({ page: p }) => p.route('**/digits.bin', (route) => route.fulfill({ status: 200, body: 'not the digits' })),
  });
  await page.click('#datasets [data-dataset="xor"]');
  await until(page, () => location.hash.includes('dataset=xor&'));
  await page.click('#datasets [data-dataset="digits"]');
  const status = await until(page, () => {
    const t = document.getElementById('status').textContent;
    return t.includes('could not be loaded') && t;
  });
  assert.match(status, /^The digits could not be loaded: the digits images could not be read: digits file: /);
  await until(page, () => location.hash.includes('dataset=xor&') && !document.body.classList.contains('digits-mode'));

  // A 2-D model on the digits task; a drawing with no ink.
  const { page: digits } = await digitsPage('/');
  await digits.click('#step');
  await until(digits, () => window.lightbulb.steps() === 1);
  const flat = await digits.evaluate(() => {
    const other = new window.lightbulb.constructor('#dataset=xor');
    return other.export_model();
  });
  const refused = await digits.evaluate((text) => {
    try {
      window.lightbulb.import_model(text);
      return 'accepted';
    } catch (error) {
      return error.message;
    }
  }, flat);
  assert.match(refused, /a digits model must be 64 inputs .* but this one is 2-/);
  assert.equal(await digits.evaluate(() => window.lightbulb.steps()), 1, 'the state stays');
  const empty = await digits.evaluate(() => {
    try {
      window.lightbulb.digits_draw(new Float64Array(16), 4);
      return 'accepted';
    } catch (error) {
      return error.message;
    }
  });
  assert.match(empty, /^the drawing could not be read: the drawing is empty/);
});

test('digits: a finger draws a 1 on the pad (touch events), and it is classified', async () => {
  const { page } = await digitsPage('/', {
    viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2,
  });
  // What the pad receives, for the message if no ink arrives.
  await page.evaluate(() => {
    window.padEvents = [];
    for (const type of ['pointerdown', 'pointermove', 'pointerup', 'pointercancel']) {
      document.getElementById('digits-pad').addEventListener(type, () => window.padEvents.push(type[7] ?? type));
    }
  });
  const cdp = await page.context().newCDPSession(page);
  const inked = () => page.evaluate(() => Array.from(window.lightbulb.digits_pixels()).some((p) => p > 0));
  // One stroke. Headless Chromium delivers no pointer event at all for the
  // first synthetic touch sequence on this page (seen every time since the
  // pad's box is waited for; not understood), so a stroke that left no ink
  // is drawn once more, and the attempts are reported.
  const attempts = [];
  for (let attempt = 0; attempt < 2 && !(await inked()); attempt += 1) {
    const box = await padBox(page);
    const touch = (type, u, v) => cdp.send('Input.dispatchTouchEvent', {
      type, touchPoints: type === 'touchEnd' ? [] : [{ x: box.x + u * box.width, y: box.y + v * box.height }],
    });
    await page.evaluate(() => { window.padEvents.length = 0; });
    await touch('touchStart', 0.5, 0.15);
    for (let v = 0.2; v <= 0.86; v += 0.05) await touch('touchMove', 0.5, v);
    await touch('touchEnd');
    await until(page, () => Array.from(window.lightbulb.digits_pixels()).some((p) => p > 0), undefined, 8_000).catch(() => {});
    attempts.push(await page.evaluate(() => window.padEvents.join('')));
  }
  if (attempts.length > 1) console.log(`touch strokes drawn: ${attempts.length}; pad events per attempt: ${JSON.stringify(attempts)}`);
  assert.ok(await inked(), `no ink after ${attempts.length} strokes; pad events: ${JSON.stringify(attempts)}`);
  const shown = await page.evaluate(() => ({
    pixels: Array.from(window.lightbulb.digits_pixels()),
    p: Array.from(window.lightbulb.digits_outputs()),
  }));
  // A vertical stroke fills the middle columns of every row, and nothing at the edges.
  for (let r = 0; r < 8; r += 1) {
    const row = shown.pixels.slice(r * 8, r * 8 + 8);
    assert.ok(row.slice(2, 6).some((v) => v > 0), `row ${r} has ink in the middle: ${row}`);
    assert.equal(row[0] + row[7], 0, `row ${r} has no ink at the edges: ${row}`);
  }
  const sum = shown.p.reduce((s, v) => s + v, 0);
  assert.ok(Math.abs(sum - 1) < 1e-9, `the probabilities sum to ${sum}`);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= 390), true);
});

test('digits: screenshots at 1280×800 and 390×844', async () => {
  for (const [w, h] of [[1280, 800], [390, 844]]) {
    const { page } = await digitsPage('/', { viewport: { width: w, height: h } });
    // Trained a little, so the hidden neurons' pictures show strokes.
    await page.click('#play');
    await until(page, () => window.lightbulb.epoch() >= 2, undefined, 60_000);
    await page.click('#play');
    await drawSeven(page);
    await until(page, () => Array.from(window.lightbulb.digits_pixels()).some((p) => p > 0));
    await page.waitForTimeout(200);
    await page.screenshot({ path: artifact(`digits-${w}x${h}.png`), fullPage: true });
    await page.locator('.digits-wrap').screenshot({ path: artifact(`digits-network-${w}x${h}.png`) });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${w}×${h}: no horizontal scroll (${overflow} px)`);
  }
});

test('digits: Step plays one step phase by phase, as on the 2-D tasks', async () => {
  const { page } = await digitsPage('/');
  const narrations = new Set();
  await page.click('#step');
  assert.equal(await page.evaluate(() => window.lightbulb.steps()), 0, 'the step is under way, not done at once');
  // The narration, read every frame until the step ends: one sentence per
  // phase, the first word of each kept.
  for (let i = 0; i < 1000; i += 1) {
    const [text, done] = await page.evaluate(() => [document.getElementById('narration').textContent, window.lightbulb.steps() === 1]);
    narrations.add(text.split(/[ ·:]/)[0]);
    if (done) break;
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  }
  assert.ok(narrations.size >= 3, `phases seen one after another: ${[...narrations]}`);
  assert.equal(await page.evaluate(() => window.lightbulb.steps()), 1);
  assert.match(await page.textContent('#narration'), /^Update/);
});
