// The page, part 1: the transport (Step, Phase, Play, Reset and their keys),
// the input sliders lighting the bulbs, and the read-outs on hover.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useLightbulb } from './support/harness.mjs';
import {
  artifact, cells, columnX, counter, differing, hoverUntil, narration, openNumbers, pixels, until,
} from './support/page.mjs';

const lb = useLightbulb();

/** Speeds the step animation up (4×) so tests wait less. */
async function fast(page) {
  await page.selectOption('#speed', '4');
}

test('Step increments the step counter and changes a weight', async () => {
  const { page } = await lb.newPage('/');
  await fast(page);
  await openNumbers(page);
  const before = await cells(page, 'data-w');
  assert.ok(Object.keys(before).length >= 4 * 2 + 2 * 4 + 2, 'weights listed');
  assert.equal(await counter(page, 'steps'), 0);
  await page.click('#step');
  await until(page, () => document.getElementById('steps').textContent === '1');
  await until(page, (b) => Array.from(document.querySelectorAll('#numbers-body [data-w]'))
    .some((td) => td.textContent !== b[td.getAttribute('data-w')]), before);
  const after = await cells(page, 'data-w');
  assert.deepEqual(Object.keys(after).sort(), Object.keys(before).sort());
  assert.ok(Object.keys(after).some((k) => after[k] !== before[k]), 'a weight changed');
  // A few more steps, then a picture of the network.
  for (let i = 2; i <= 4; i += 1) {
    await page.click('#step');
    await until(page, (n) => document.getElementById('steps').textContent === String(n), i);
  }
  await page.waitForTimeout(200);
  await page.locator('#network-canvas').screenshot({ path: artifact('network-after-steps.png') });
});

test('Phase walks the narration through every phase, in order', async () => {
  const { page } = await lb.newPage('/#layers=4,2');
  const expected = [
    'Forward · layer 1', 'Forward · layer 2', 'Forward · output', 'Loss',
    'Backward · output', 'Backward · layer 2', 'Backward · layer 1', 'Update',
  ];
  for (const [i, prefix] of expected.entries()) {
    await page.click('#phase');
    await until(page, (p) => document.getElementById('narration').textContent.startsWith(p), prefix);
    if (prefix === 'Backward · layer 2') {
      await page.waitForTimeout(500); // let the δ rings and pulses play out
      await page.locator('#network-canvas').screenshot({ path: artifact('network-backward.png') });
    }
    assert.equal(await counter(page, 'steps'), i === expected.length - 1 ? 1 : 0, prefix);
  }
  assert.match(await narration(page), /^Update · SGD/);
});

test('dragging the x1 slider changes the activations and the bulbs', async () => {
  const { page } = await lb.newPage('/');
  await openNumbers(page);
  const activations = await cells(page, 'data-a');
  const picture = await pixels(page);
  const slider = await page.locator('#x1').boundingBox();
  await page.mouse.move(slider.x + slider.width * 0.55, slider.y + slider.height / 2);
  await page.mouse.down();
  for (let f = 0.5; f >= 0.05; f -= 0.05) {
    await page.mouse.move(slider.x + slider.width * f, slider.y + slider.height / 2);
  }
  await page.mouse.up();
  assert.ok(Number(await page.inputValue('#x1')) < -3, 'x1 moved left');
  assert.equal(await page.textContent('#x1-out'), await page.inputValue('#x1'));
  await until(page, (a) => Array.from(document.querySelectorAll('#numbers-body [data-a]'))
    .some((td) => td.textContent !== a[td.getAttribute('data-a')]), activations);
  const changed = await cells(page, 'data-a');
  assert.notEqual(changed['0,0'], activations['0,0'], 'input x1 changed');
  assert.notEqual(changed['1,0'], activations['1,0'], 'hidden neuron 1 changed');
  await page.waitForTimeout(100);
  assert.ok(differing(picture, await pixels(page)) > 20, 'the bulbs look different');
  // The link remembers the probe (written after the drag settles).
  await until(page, () => /[#&]x=-/.test(location.hash));
});

test('keyboard: Space plays and pauses, → steps, Shift+→ one phase, R resets', async () => {
  const { page } = await lb.newPage('/');
  await fast(page);
  await page.evaluate(() => document.activeElement?.blur());
  await page.getByRole('button', { name: 'Play' }).waitFor();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Pause' }).waitFor();
  await until(page, () => Number(document.getElementById('epoch').textContent) >= 2);
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Play' }).waitFor();

  await page.keyboard.press('r');
  await until(page, () => document.getElementById('epoch').textContent === '0'
    && document.getElementById('steps').textContent === '0');

  await page.keyboard.press('Shift+ArrowRight');
  await until(page, () => document.getElementById('narration').textContent.startsWith('Forward · layer 1'));
  await page.waitForTimeout(600);
  assert.match(await narration(page), /^Forward · layer 1/, 'Shift+→ runs one phase only');
  assert.equal(await counter(page, 'steps'), 0);

  await page.keyboard.press('ArrowRight');
  await until(page, () => document.getElementById('steps').textContent === '1');
  assert.match(await narration(page), /^Update/);

  await page.keyboard.press('R');
  await until(page, () => document.getElementById('steps').textContent === '0');

  // Keys typed into a field are not shortcuts.
  await page.click('#edit-toggle');
  await page.click('#csv-toggle');
  await page.locator('#csv-text').type('r ');
  assert.equal(await page.inputValue('#csv-text'), 'r ');
  await page.getByRole('button', { name: 'Play' }).waitFor();
});

test('hovering a bulb shows its equation, a wire its weight; a click edits the weight', async () => {
  const { page } = await lb.newPage('/');
  await openNumbers(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  const hidden1 = await columnX(page, 1);
  const bulb = await hoverUntil(page, hidden1, /z = /);
  assert.ok(bulb, 'found a bulb in hidden layer 1');
  const equation = await page.textContent('#readout');
  assert.match(equation, /z = .*→/);
  assert.match(equation, /tanh\(z\)/);

  const inputs = await columnX(page, 0);
  const wire = await hoverUntil(page, (inputs + hidden1) / 2, /^w = /);
  assert.ok(wire, 'found a wire between the inputs and hidden layer 1');
  const before = await cells(page, 'data-w');
  await page.mouse.click(wire.x, wire.y);
  await page.locator('#wire-editor').waitFor();
  await page.fill('#wire-value', '2.5');
  await page.press('#wire-value', 'Enter');
  await page.locator('#wire-editor').waitFor({ state: 'hidden' });
  const after = await until(page, (b) => {
    const now = Object.fromEntries(Array.from(document.querySelectorAll('#numbers-body [data-w]'),
      (td) => [td.getAttribute('data-w'), td.textContent]));
    return Object.keys(now).some((k) => now[k] !== b[k]) && now;
  }, before);
  assert.ok(Object.values(after).includes('2.5'), 'the new weight is listed');

  // Escape cancels without changing anything.
  await page.mouse.click(wire.x, wire.y);
  await page.locator('#wire-editor').waitFor();
  await page.fill('#wire-value', '-4');
  await page.press('#wire-value', 'Escape');
  await page.locator('#wire-editor').waitFor({ state: 'hidden' });
  assert.ok(!Object.values(await cells(page, 'data-w')).includes('−4'));
});
