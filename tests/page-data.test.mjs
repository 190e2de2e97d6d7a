// The page, part 2: datasets, custom data, the network's shape, live
// settings, the URL hash, model files, divergence, a phone, and screenshots.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { useLightbulb } from './support/harness.mjs';
import {
  artifact, cells, counter, differing, domText, openNumbers, pixels, until,
} from './support/page.mjs';

const lb = useLightbulb();

const DATASETS = ['circle', 'xor', 'gauss', 'spiral', 'moons', 'checkerboard', 'blobs', 'plane', 'multi_gauss'];

const pointTotal = async (page) => Number(await page.getAttribute('#point-count', 'data-total'));

test('each dataset loads and draws its plot', async () => {
  const { page } = await lb.newPage('/');
  for (const name of DATASETS) {
    await page.click(`#datasets [data-dataset="${name}"]`);
    await until(page, (n) => location.hash.includes(`dataset=${n}&`), name);
    // What the page shows two frames later, read in one round trip.
    const shown = await page.evaluate(async (n) => {
      for (let i = 0; i < 2; i += 1) await new Promise((resolve) => requestAnimationFrame(resolve));
      const c = document.getElementById('data-canvas');
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      const seen = new Set();
      for (let y = 0; y < c.height; y += 3) {
        for (let x = 0; x < c.width; x += 3) {
          const i = (y * c.width + x) * 4;
          seen.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
        }
      }
      return {
        pressed: document.querySelector(`#datasets [data-dataset="${n}"]`).getAttribute('aria-pressed'),
        status: document.getElementById('status').className,
        colours: seen.size,
        points: Number(document.getElementById('point-count').dataset.total),
      };
    }, name);
    assert.equal(shown.pressed, 'true', name);
    assert.equal(shown.status, 'status', `${name}: no error shown`);
    assert.ok(shown.colours > 20, `${name}: the plot is drawn`);
    assert.ok(shown.points > 0, `${name}: has points`);
  }
  // Blobs and spiral have a class count, and several classes need softmax.
  await page.click('#datasets [data-dataset="blobs"]');
  assert.ok(await page.locator('#classes').isVisible());
  await page.locator('#classes').fill('5');
  await until(page, () => location.hash.includes('classes=5'));
  assert.equal(await page.inputValue('#loss'), 'softmax_ce');
  assert.equal(await page.textContent('#loss-name'), 'softmax cross-entropy');
  await page.click('#datasets [data-dataset="plane"]');
  assert.ok(await page.locator('#classes').isHidden());
  assert.equal(await page.inputValue('#loss'), 'mse');
});

test('edit mode: a click adds a point, Shift-click removes one, Clear empties', async () => {
  const { page } = await lb.newPage('/');
  const start = await pointTotal(page);
  await page.click('#edit-toggle');
  assert.equal(await page.getAttribute('#edit-toggle', 'aria-pressed'), 'true');
  await page.getByRole('radio', { name: 'Class 1' }).click();
  const box = await page.locator('#data-canvas').boundingBox();
  await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.3);
  await until(page, (n) => document.getElementById('point-count').dataset.total === String(n), start + 1);
  await page.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.6);
  await until(page, (n) => document.getElementById('point-count').dataset.total === String(n), start + 2);
  await page.click('#data-canvas', { position: { x: box.width * 0.3, y: box.height * 0.3 }, modifiers: ['Shift'] });
  await until(page, (n) => document.getElementById('point-count').dataset.total === String(n), start + 1);
  await page.click('#clear-points');
  await until(page, () => document.getElementById('point-count').dataset.total === '0');
  // Out of edit mode a click moves the probe, and the sliders follow.
  await page.click('#edit-toggle');
  await page.mouse.click(box.x + box.width * 0.25, box.y + box.height * 0.75);
  await until(page, () => Number(document.getElementById('x1').value) < -1
    && Number(document.getElementById('x2').value) < -1);
  assert.equal(await pointTotal(page), 0);
});

test('pasted CSV with a bad row names the row and changes nothing; a good one loads', async () => {
  const { page } = await lb.newPage('/');
  const start = await pointTotal(page);
  await page.click('#edit-toggle');
  await page.click('#csv-toggle');
  await page.fill('#csv-text', 'x1,x2,label\n1,2,0\n1,abc,1\n-1,-2,1\n');
  await page.click('#csv-apply');
  await page.locator('#csv-error').waitFor();
  assert.match(await page.textContent('#csv-error'), /line 3/);
  assert.match(await page.textContent('#status'), /not applied/);
  assert.equal(await pointTotal(page), start);
  await page.fill('#csv-text', 'x1,x2,label\n1,2,0\n1,-3,1\n-1,-2,1\n2,2,0\n');
  await page.click('#csv-apply');
  await until(page, () => document.getElementById('point-count').dataset.total === '4');
  assert.ok(await page.locator('#csv-error').isHidden());
});

test('adding a layer and a neuron changes the network drawn', async () => {
  const { page } = await lb.newPage('/');
  await openNumbers(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  const tables = await page.locator('#numbers-body table').count();
  const before = await pixels(page);
  await page.getByRole('button', { name: 'Add a hidden layer' }).click();
  await until(page, (n) => document.querySelectorAll('#numbers-body table').length === n + 1, tables);
  assert.equal(await page.textContent('#layer-count-text'), '3 hidden layers');
  const rows = await page.locator('#numbers-body table[data-layer="1"] tbody tr').count();
  await page.getByRole('button', { name: 'More neurons in layer 1' }).click();
  await until(page, (n) => document.querySelectorAll('#numbers-body table[data-layer="1"] tbody tr').length === n + 1, rows);
  assert.match(decodeURIComponent(await page.evaluate(() => location.hash)), /layers=5,2,2/);
  await page.waitForTimeout(100);
  assert.ok(differing(before, await pixels(page)) > 50, 'the canvas shows another network');
  await page.getByRole('combobox', { name: 'Activation of layer 2' }).selectOption('relu');
  await until(page, () => location.hash.includes('acts=tanh,relu,tanh'));
  await page.getByRole('button', { name: 'Remove a hidden layer' }).click();
  await until(page, () => location.hash.includes('layers=5,2&'));
  // Features: x1² on, then both x1 and x2 off but x1² left.
  await page.getByRole('button', { name: 'x1 squared' }).click();
  await until(page, () => location.hash.includes('features=x1,x2,x1_sq'));
  assert.equal(await page.getAttribute('[data-feature="x1_sq"]', 'aria-pressed'), 'true');
});

test('changing the learning rate while playing keeps training going', async () => {
  const { page } = await lb.newPage('/');
  await page.getByRole('button', { name: 'Play' }).click();
  await until(page, () => Number(document.getElementById('epoch').textContent) >= 3);
  await page.selectOption('#lr', '0.1');
  const epoch = await counter(page, 'epoch');
  assert.ok(epoch >= 3, `epoch ${epoch}`);
  await until(page, (e) => Number(document.getElementById('epoch').textContent) > e, epoch);
  await page.getByRole('button', { name: 'Pause' }).waitFor();
  await page.selectOption('#optimizer', 'adam');
  await page.selectOption('#reg', 'l2');
  await page.selectOption('#regrate', '0.001');
  assert.ok(await counter(page, 'epoch') >= epoch);
  await page.getByRole('button', { name: 'Pause' }).click();
  assert.match(await page.evaluate(() => window.location.hash), /optimizer=adam&lr=0\.1&reg=l2&regrate=0\.001/);
});

test('the URL round-trips: a fresh page from the link has the same settings and weights', async () => {
  const { page } = await lb.newPage('/');
  await page.click('#datasets [data-dataset="xor"]');
  await page.getByRole('button', { name: 'Add a hidden layer' }).click();
  await page.getByRole('button', { name: 'sin(x1)' }).click();
  await page.selectOption('#lr', '0.3');
  await page.check('#showtest');
  await page.locator('#x2').fill('-2.5');
  await until(page, () => location.hash.includes('x=1,-2.5'));
  await openNumbers(page);
  const weights = await cells(page, 'data-w');
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /dataset=xor/);
  await lb.close(page);

  const fresh = await lb.newPage(`/${hash}`);
  await openNumbers(fresh.page);
  assert.deepEqual(await cells(fresh.page, 'data-w'), weights);
  assert.equal(await fresh.page.evaluate(() => location.hash), hash);
  assert.equal(await fresh.page.inputValue('#lr'), '0.3');
  assert.equal(await fresh.page.inputValue('#x2'), '-2.5');
  assert.ok(await fresh.page.isChecked('#showtest'));
  assert.equal(await fresh.page.getAttribute('[data-dataset="xor"]', 'aria-pressed'), 'true');
  assert.ok(await fresh.page.locator('#notice').isHidden());
});

test('a garbage hash shows a notice naming what was ignored, and the rest is used', async () => {
  const { page } = await lb.newPage('/#lr=abc&bogus=1&layers=3,99&optimizer=adam&%zz');
  await page.locator('#notice').waitFor();
  const text = await page.textContent('#notice-text');
  assert.match(text, /could not be used/);
  for (const key of ['lr', 'bogus', 'layers']) assert.ok(text.includes(key), `names ${key}`);
  assert.equal(await page.inputValue('#optimizer'), 'adam');
  await page.click('#notice-close');
  assert.ok(await page.locator('#notice').isHidden());
});

test('export then import restores the weights; a session round-trips; corrupt files change nothing', async () => {
  const { page } = await lb.newPage('/');
  await page.selectOption('#speed', '4');
  for (let i = 1; i <= 3; i += 1) {
    await page.click('#step');
    await until(page, (n) => document.getElementById('steps').textContent === String(n), i);
  }
  await openNumbers(page);
  const trained = await cells(page, 'data-w');

  const [model] = await Promise.all([page.waitForEvent('download'), page.click('#export-model')]);
  assert.equal(model.suggestedFilename(), 'lightbulb-model.json');
  const modelPath = artifact('lightbulb-model.json');
  await model.saveAs(modelPath);
  const [session] = await Promise.all([page.waitForEvent('download'), page.click('#save-session')]);
  const sessionPath = artifact('lightbulb-session.json');
  await session.saveAs(sessionPath);

  // Export PNG: a picture of the canvases.
  const [png] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
  assert.equal(png.suggestedFilename(), 'lightbulb.png');
  await png.saveAs(artifact('export.png'));
  await lb.close(page);

  const other = (await lb.newPage('/')).page;
  await openNumbers(other);
  const untrained = await cells(other, 'data-w');
  assert.notDeepEqual(untrained, trained);

  // A corrupt file: an error is shown and nothing changes.
  const corrupt = artifact('corrupt-model.json');
  writeFileSync(corrupt, '{"format": "lightbulb-model", "network": [1, 2');
  await other.setInputFiles('#import-model-file', corrupt);
  await until(other, () => document.getElementById('status').classList.contains('is-error'));
  assert.match(await other.textContent('#status'), /corrupt-model\.json was not opened, nothing changed/);
  assert.deepEqual(await cells(other, 'data-w'), untrained);
  await other.setInputFiles('#open-session-file', corrupt);
  await until(other, () => /corrupt-model\.json was not opened/.test(document.getElementById('status').textContent));
  assert.deepEqual(await cells(other, 'data-w'), untrained);

  await other.setInputFiles('#import-model-file', modelPath);
  await until(other, () => /Model lightbulb-model\.json opened/.test(document.getElementById('status').textContent));
  await until(other, (t) => Array.from(document.querySelectorAll('#numbers-body [data-w]'))
    .every((td) => td.textContent === t[td.getAttribute('data-w')]), trained);
  assert.deepEqual(await cells(other, 'data-w'), trained);
  await lb.close(other);

  const third = (await lb.newPage('/')).page;
  await third.setInputFiles('#open-session-file', sessionPath);
  await until(third, () => document.getElementById('steps').textContent === '3');
  await openNumbers(third);
  assert.deepEqual(await cells(third, 'data-w'), trained);
});

test('a huge learning rate diverges: the notice shows, training pauses, and no NaN anywhere', async () => {
  const { page } = await lb.newPage('/#dataset=plane&layers=8,8&acts=relu,relu&lr=1000000');
  await openNumbers(page);
  await page.getByRole('button', { name: 'Play' }).click();
  await page.locator('#divergence').waitFor({ timeout: 20_000 });
  assert.match(await page.textContent('#divergence-text'),
    /(diverged at step \d+|The loss has grown from).*(Reset with learning rate|Lower the learning rate)/);
  await page.getByRole('button', { name: 'Play' }).waitFor();
  await page.waitForTimeout(300); // let the numbers panel refresh
  const all = await domText(page);
  assert.ok(!all.includes('NaN'), 'no NaN in the DOM');
  assert.ok(!/Infinity/.test(all), 'no Infinity in the DOM');
  await page.locator('#network-canvas').screenshot({ path: artifact('network-diverged.png') });
  await page.click('#divergence-reset');
  await page.locator('#divergence').waitFor({ state: 'hidden' });
  assert.equal(await counter(page, 'steps'), 0);
});

test('a phone: touch drags a slider and a tap steps', async () => {
  const { page } = await lb.newPage('/', {
    viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2,
  });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no sideways scrolling');
  const slider = page.locator('#x1');
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  const y = box.y + box.height / 2;
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, x) => cdp.send('Input.dispatchTouchEvent', {
    type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }],
  });
  const startX = box.x + box.width * ((1 + 6) / 12);
  await touch('touchStart', startX);
  for (let f = 0.55; f <= 0.96; f += 0.05) await touch('touchMove', box.x + box.width * f);
  await touch('touchEnd');
  await until(page, () => Number(document.getElementById('x1').value) > 4);
  assert.equal(await page.textContent('#x1-out'), await page.inputValue('#x1'));

  await page.tap('#step');
  await until(page, () => document.getElementById('steps').textContent === '1');
  await page.tap('#phase');
  await until(page, () => document.getElementById('narration').textContent.startsWith('Forward'));

  // A tap on the plot moves the probe, and the sliders follow.
  const plot = page.locator('#data-canvas');
  await plot.scrollIntoViewIfNeeded();
  const p = await plot.boundingBox();
  await page.touchscreen.tap(p.x + p.width * 0.85, p.y + p.height * 0.85);
  await until(page, () => Number(document.getElementById('x1').value) > 3
    && Number(document.getElementById('x2').value) < -3);

  // Edit data by touch: a tap adds a point, a long press removes the nearest.
  const start = await pointTotal(page);
  await page.tap('#edit-toggle');
  await page.touchscreen.tap(p.x + p.width * 0.2, p.y + p.height * 0.2);
  await until(page, (n) => document.getElementById('point-count').dataset.total === String(n), start + 1);
  const at = { x: p.x + p.width * 0.2, y: p.y + p.height * 0.2 };
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [at] });
  await until(page, (n) => document.getElementById('point-count').dataset.total === String(n), start);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await page.waitForTimeout(100);
  assert.equal(await pointTotal(page), start, 'the release after a long press adds nothing');
});

test('screenshots: 1280×800 and 360×740, dark and light', async () => {
  // One page per size; the colour scheme is switched with emulateMedia (the
  // page's colours are CSS only), after the buttons' colour transitions.
  const scheme = async (page, colorScheme) => {
    await page.emulateMedia({ colorScheme });
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  };
  const { page } = await lb.newPage('/', { viewport: { width: 1280, height: 800 } });
  await page.selectOption('#speed', '4');
  await page.click('#step');
  await until(page, () => document.getElementById('steps').textContent === '1');
  for (const colorScheme of ['dark', 'light']) {
    await scheme(page, colorScheme);
    assert.ok(await page.evaluate(() => document.documentElement.scrollHeight <= 800
      && document.documentElement.scrollWidth <= 1280), `${colorScheme}: 1280×800 fits without scrolling`);
    await page.screenshot({ path: artifact(`page-1280-${colorScheme}.png`) });
  }
  await lb.close(page);
  const phone = (await lb.newPage('/', {
    viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true,
  })).page;
  for (const colorScheme of ['dark', 'light']) {
    await scheme(phone, colorScheme);
    await phone.screenshot({ path: artifact(`page-360-${colorScheme}.png`) });
    await phone.screenshot({ path: artifact(`page-360-${colorScheme}-full.png`), fullPage: true });
  }
});
