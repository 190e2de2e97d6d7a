// Nothing the user made is lost without asking: a reset, new data or a
// rebuild puts the trained run aside, and Undo (the banner's button or
// Ctrl+Z) brings it back exactly, weights, points and history.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useLightbulb } from './support/harness.mjs';
import { until, untilCountersShown } from './support/page.mjs';

const lb = useLightbulb();

const text = (page, id) => page.evaluate((i) => document.getElementById(i).textContent, id);
const model = (page) => page.evaluate(() => window.lightbulb.export_model());

async function playTo(page, epochs) {
  await page.click('#play');
  await until(page, (n) => Number(document.getElementById('epoch').textContent) >= n, epochs, 60_000);
  await page.click('#play');
  await until(page, () => !window.lightbulb.playing());
  // The counters are written in the frame after the pause.
  await untilCountersShown(page);
}

test('Reset puts the run aside; Undo brings back the same weights and step count', async () => {
  const { page } = await lb.newPage('/#dataset=xor&layers=4&batch=10');
  await playTo(page, 3);
  const steps = await text(page, 'steps');
  const trained = await model(page);
  assert.ok(await page.locator('#put-aside').isHidden(), 'no offer before anything was put aside');

  await page.click('#reset');
  await until(page, () => document.getElementById('steps').textContent === '0');
  await until(page, () => !document.getElementById('put-aside').hidden);
  const offer = await text(page, 'put-aside-text');
  assert.match(offer, new RegExp(`\\(${steps} steps\\)`));
  assert.notEqual(await model(page), trained);

  await page.click('#put-aside-undo');
  await until(page, (s) => document.getElementById('steps').textContent === s, steps);
  assert.equal(await model(page), trained, 'the exported model is the trained one');
  await until(page, () => document.getElementById('put-aside').hidden);
});

test('Ctrl+Z after a new network brings back the old one; training on ends the offer', async () => {
  const { page } = await lb.newPage('/#dataset=xor&layers=4&batch=10');
  await playTo(page, 2);
  const trained = await model(page);
  await page.evaluate(() => window.lightbulb.set('layers', '6,6'));
  await page.locator('body').press('r'); // R resets the new, untrained network: nothing new put aside
  await until(page, () => window.lightbulb.bring_back_offer() !== '');
  await page.locator('body').press('Control+z');
  await until(page, (t) => window.lightbulb.export_model() === t, trained);

  // Reset again, train one epoch: Undo is no longer offered and changes nothing.
  await page.click('#reset');
  await until(page, () => !document.getElementById('put-aside').hidden);
  await playTo(page, 1);
  await until(page, () => document.getElementById('put-aside').hidden);
  const now = await model(page);
  await page.locator('body').press('Control+z');
  assert.equal(await model(page), now);
});

test('on digits: after leaving for a 2-D dataset, Undo brings the trained digits network back on screen', async () => {
  const { page } = await lb.newPage('/#dataset=digits');
  await until(page, () => window.lightbulb.digits_loaded());
  await page.click('#play');
  await until(page, () => window.lightbulb.epoch() >= 1, undefined, 60_000);
  await page.click('#play');
  await until(page, () => !window.lightbulb.playing());
  const trained = await model(page);
  await page.click('#datasets [data-dataset="circle"]');
  await until(page, () => !window.lightbulb.digits_wanted());
  await until(page, () => !document.getElementById('put-aside').hidden);
  await page.click('#put-aside-undo');
  await until(page, () => window.lightbulb.digits_wanted() && location.hash.includes('dataset=digits'));
  assert.equal(await model(page), trained);
  // The digits view is back on screen.
  assert.ok(await page.locator('#digits-pad').isVisible(), 'the drawing pad is shown');
});
