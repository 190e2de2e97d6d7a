// Share: the link carries the custom points and, on request, the trained
// weights; its QR code, decoded back with jsQR, opens the identical state in
// a fresh page; past the limit the panel offers the session file.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import jsQR from 'jsqr';
import { useLightbulb } from './support/harness.mjs';
import { artifact, until } from './support/page.mjs';

const lb = useLightbulb();

/** What the receiver must get: the model file and every point. */
function state(page) {
  return page.evaluate(() => ({
    model: lightbulb.export_model(),
    points: JSON.parse(lightbulb.save_session()).points,
  }));
}

/** Decodes the QR code on the Share panel's canvas. */
async function scan(page) {
  // Every RGBA byte, carried as base64: a JSON array of the million bytes
  // took seconds to cross the protocol, the decoding a tenth of that.
  const image = await page.evaluate(() => {
    const c = document.getElementById('share-qr');
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let binary = '';
    for (let i = 0; i < data.length; i += 0x8000) {
      binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
    }
    return { width: c.width, height: c.height, data: btoa(binary) };
  });
  const bytes = Buffer.from(image.data, 'base64');
  assert.equal(bytes.length, image.width * image.height * 4);
  const code = jsQR(new Uint8ClampedArray(bytes.buffer, bytes.byteOffset, bytes.length), image.width, image.height);
  assert.ok(code, 'the QR code decodes');
  return code.data;
}

async function addPoint(page, fx, fy) {
  const total = Number(await page.getAttribute('#point-count', 'data-total'));
  const box = await page.locator('#data-canvas').boundingBox();
  await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
  await until(page, (n) => document.getElementById('point-count').dataset.total === String(n), total + 1);
}

test('the QR code of the share link opens the same points and weights in a fresh page', async () => {
  const { page } = await lb.newPage('/#dataset=xor&layers=3');
  await page.click('#edit-toggle');
  await page.getByRole('radio', { name: 'Class 1' }).click();
  await addPoint(page, 0.3, 0.3);
  await addPoint(page, 0.62, 0.71);
  await page.click('#edit-toggle');
  await page.click('#play');
  await until(page, () => lightbulb.steps() >= 20);
  await page.click('#play');
  await until(page, () => !lightbulb.playing());
  const sent = await state(page);

  await page.click('#share-toggle');
  await page.check('#share-weights');
  await until(page, () => document.getElementById('share-link').value.includes('&model='));
  const link = await page.inputValue('#share-link');
  assert.match(link, /&add=[\w-]+/);
  assert.match(await page.textContent('#share-note'), /^\d+ of 2000 characters\. The weights travel exactly\.$/);
  assert.equal(await scan(page), link);
  await page.locator('#share').screenshot({ path: artifact('share-panel.png') });

  const url = new URL(link);
  const { page: other } = await lb.newPage(`${url.pathname}${url.hash}`);
  assert.equal(await other.evaluate(() => lightbulb.notice()), '');
  assert.deepEqual(await state(other), sent);
  assert.ok(await other.locator('#saved-notice').isHidden());
  // The link's hash keeps only the settings now; a reload keeps the rest.
  await other.reload();
  await until(other, () => document.body.dataset.ready === 'true');
  assert.deepEqual(await state(other), sent);

  // Without the weights: the same points, the network untrained.
  await page.uncheck('#share-weights');
  await until(page, () => !document.getElementById('share-link').value.includes('&model='));
  assert.ok(!(await scan(page)).includes('&model='));
});

test('a 2-8-8-1 network trained with Adam: its QR code opens the exact weights and the points', async () => {
  const { page } = await lb.newPage('/#dataset=xor&layers=8,8&optimizer=adam&lr=0.01');
  await page.click('#edit-toggle');
  await page.getByRole('radio', { name: 'Class 1' }).click();
  await addPoint(page, 0.4, 0.6);
  await page.click('#edit-toggle');
  await page.click('#play');
  await until(page, () => lightbulb.steps() >= 30);
  await page.click('#play');
  await until(page, () => !lightbulb.playing());
  const sent = await state(page);
  const sentModel = JSON.parse(sent.model);
  assert.equal(sentModel.training.optimizer, 'adam');
  assert.ok(sentModel.training.state, 'the sender has Adam\'s moments');
  const count = sentModel.layers.reduce((n, l) => n + l.weights.flat().length + l.biases.length, 0);
  assert.equal(count, 2 * 8 + 8 + 8 * 8 + 8 + 8 + 1);

  await page.click('#share-toggle');
  await page.check('#share-weights');
  await until(page, () => document.getElementById('share-link').value.includes('&model='));
  const link = await page.inputValue('#share-link');
  const hash = new URL(link).hash.slice(1);
  // 1 format byte and 105 little-endian f64, in base64url.
  assert.equal(hash.match(/&model=([\w-]+)/)[1].length, Math.ceil(((1 + count * 8) * 4) / 3));
  const note = await page.textContent('#share-note');
  assert.match(note, new RegExp(`^${hash.length} of 2000 characters\\. The weights travel exactly\\. Adam's running averages do not`));
  console.log(`2-8-8-1 Adam share link: ${hash.length} characters after the #, ${link.length} in all`);
  const scanned = await scan(page);
  assert.equal(scanned, link);
  await page.locator('#share').screenshot({ path: artifact('share-panel-adam.png') });

  const url = new URL(scanned);
  const { page: other } = await lb.newPage(`${url.pathname}${url.hash}`);
  assert.equal(await other.evaluate(() => lightbulb.notice()), '');
  const got = await state(other);
  assert.deepEqual(got.points, sent.points);
  const gotModel = JSON.parse(got.model);
  assert.deepEqual(gotModel.layers, sentModel.layers, 'the weights, exactly');
  const { state: _moments, ...sentTraining } = sentModel.training;
  assert.deepEqual(gotModel.training, sentTraining, 'the same training settings, without the moments');
  assert.deepEqual({ ...gotModel, layers: 0, training: 0 }, { ...sentModel, layers: 0, training: 0 });
});

test('past the limit the panel says so and offers the session file', async () => {
  const { page } = await lb.newPage('/#dataset=spiral');
  await page.click('#edit-toggle');
  const box = await page.locator('#data-canvas').boundingBox();
  const total = Number(await page.getAttribute('#point-count', 'data-total'));
  await page.click('#data-canvas', { position: { x: box.width * 0.5, y: box.height * 0.5 }, modifiers: ['Shift'] });
  await until(page, (n) => document.getElementById('point-count').dataset.total === String(n), total - 1);
  await page.click('#share-toggle');
  await page.locator('#share-session').waitFor();
  assert.match(await page.textContent('#share-note'), /more than the 2000 a link holds: save the session file instead/);
  assert.equal(await page.inputValue('#share-link'), '');
  assert.ok(await page.locator('#share-qr').isHidden());
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#share-session')]);
  assert.equal(download.suggestedFilename(), 'lightbulb-session.json');
});
