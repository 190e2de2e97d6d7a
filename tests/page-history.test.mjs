// Time travel on the page: the History slider shows a past step exactly,
// "," and "." move one step, training from a past step asks first, and
// Ctrl+Z undoes a weight set by hand.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useLightbulb } from './support/harness.mjs';
import {
  cells, columnX, counter, differing, hoverUntil, narration, openNumbers, pixels, until,
} from './support/page.mjs';

const lb = useLightbulb();

async function stepTo(page, n) {
  await page.click('#step');
  await until(page, (k) => document.getElementById('steps').textContent === String(k), n);
  // Let the step's animation finish.
  await until(page, () => document.getElementById('narration').textContent.startsWith('Update'));
  await page.waitForTimeout(250);
}

test('the history shows a past step exactly, and coming back gives the same picture', async () => {
  const { page } = await lb.newPage('/');
  await page.selectOption('#speed', '4');
  await openNumbers(page);
  const weights = {};
  for (let n = 1; n <= 4; n += 1) {
    await stepTo(page, n);
    weights[n] = await cells(page, 'data-w');
  }
  assert.notDeepEqual(weights[2], weights[4]);
  assert.equal(await page.getAttribute('#history', 'max'), '4');
  // The probe on screen (no animation), then a picture of the newest step.
  await page.locator('#x1').fill('2');
  await page.waitForTimeout(300);
  const newest = await pixels(page);

  await page.locator('#history').fill('2');
  await until(page, () => document.getElementById('steps').textContent === '2');
  assert.match(await narration(page), /^Showing step 2 of 4, as it was\./);
  assert.equal(await page.textContent('#history-out'), 'step 2 of 4');
  await page.waitForTimeout(200);
  assert.deepEqual(await cells(page, 'data-w'), weights[2], 'the weights of step 2, exactly as shown then');

  // "." twice: back at the newest step; the picture is the same as before scrubbing.
  await page.focus('#network-canvas');
  await page.keyboard.press('.');
  await until(page, () => document.getElementById('steps').textContent === '3');
  assert.deepEqual(await cells(page, 'data-w'), weights[3]);
  await page.keyboard.press('.');
  await until(page, () => document.getElementById('steps').textContent === '4');
  await page.waitForTimeout(300);
  assert.deepEqual(await cells(page, 'data-w'), weights[4]);
  assert.equal(differing(newest, await pixels(page)), 0, 'the network canvas is as it was');
});

test('training from a past step asks, then continues from there', async () => {
  const { page } = await lb.newPage('/');
  await page.selectOption('#speed', '4');
  for (let n = 1; n <= 3; n += 1) await stepTo(page, n);
  await page.focus('#network-canvas');
  await page.keyboard.press(',');
  await page.keyboard.press(',');
  await until(page, () => document.getElementById('steps').textContent === '1');
  // Cancel: nothing happens.
  await page.click('#step');
  await page.locator('#continue-dialog').waitFor();
  await page.click('#continue-cancel');
  await page.locator('#continue-dialog').waitFor({ state: 'hidden' });
  await page.waitForTimeout(400);
  assert.equal(await counter(page, 'steps'), 1);
  assert.equal(await page.getAttribute('#history', 'max'), '3');
  // Drop them: the later steps go and training goes on from step 1.
  await page.click('#step');
  await page.locator('#continue-dialog').waitFor();
  const asked = await page.textContent('#continue-text');
  await page.click('#continue-drop');
  await until(page, () => document.getElementById('steps').textContent === '2');
  assert.match(asked, /Go on from step 1\? The 2 later steps/);
  await until(page, () => document.getElementById('history').max === '2');
  assert.ok(await page.locator('#branches').isHidden(), 'nothing was kept');
});

test('Ctrl+Z undoes a weight set by hand', async () => {
  const { page } = await lb.newPage('/');
  await openNumbers(page);
  const before = await cells(page, 'data-w');
  // Opening the numbers scrolls to them; the network is at the top.
  await page.evaluate(() => window.scrollTo(0, 0));
  const x = ((await columnX(page, 0)) + (await columnX(page, 1))) / 2;
  const at = await hoverUntil(page, x, /^w = /);
  assert.ok(at, 'a wire under the pointer');
  await page.mouse.click(at.x, at.y);
  await page.locator('#wire-editor').waitFor();
  await page.fill('#wire-value', '1.5');
  await page.keyboard.press('Enter');
  await until(page, (b) => Array.from(document.querySelectorAll('#numbers-body [data-w]'))
    .some((td) => td.textContent !== b[td.getAttribute('data-w')]), before);
  const edited = await cells(page, 'data-w');
  assert.ok(Object.values(edited).includes('1.5'));
  await page.focus('#network-canvas');
  await page.keyboard.press('Control+z');
  await until(page, () => document.getElementById('narration').textContent.startsWith('Undone'));
  await page.waitForTimeout(200);
  assert.deepEqual(await cells(page, 'data-w'), before);
});
