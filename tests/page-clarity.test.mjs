// The screen never disagrees with itself: which input the bulbs show, the
// live narration while playing, a legend that keeps every entry, labelled
// gradients, a visible update, the guard's recovery and its warnings,
// fixed-width numbers, every input labelled, and touch on a phone.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useLightbulb } from './support/harness.mjs';
import {
  artifact, cells, columnX, counter, differing, hoverUntil, narration, openNumbers, pixels, until,
} from './support/page.mjs';

const lb = useLightbulb();

/** What the last frame drew (legend words, input labels, chart labels). */
async function report(page) {
  return JSON.parse(await page.evaluate(() => window.lightbulb.view_report()));
}

/** Clicks Phase until the narration starts with `prefix`. */
async function phaseTo(page, prefix) {
  for (let i = 0; i < 12; i += 1) {
    const before = await narration(page);
    await page.click('#phase');
    // The narration is read after the page has shown this phase's line.
    const text = await until(page, (b) => {
      const t = document.getElementById('narration').textContent.trim();
      return t !== b && t;
    }, before);
    if (text.startsWith(prefix)) return text;
  }
  throw new Error(`no phase starting with ${prefix}`);
}

/** The number written after `name = ` in a caption ("x₁ = −0.35" → −0.35). */
function valueIn(text, name) {
  const m = new RegExp(`${name} = (−?[0-9.]+)`).exec(text);
  return m ? Number(m[1].replace('−', '-')) : Number.NaN;
}

test('after a Step the page says which example the bulbs show, rings it, and a slider returns to the probe', async () => {
  const { page } = await lb.newPage('/');
  assert.match(await page.textContent('#shown-input'), /^Showing your input from the x₁, x₂ sliders: x₁ = 1, x₂ = 1\.$/);
  assert.equal(await page.evaluate(() => window.lightbulb.followed_point()), -1);
  await page.selectOption('#speed', '4');
  await page.click('#step');
  await until(page, () => document.getElementById('shown-input').textContent.startsWith('Showing example'));
  const caption = await page.textContent('#shown-input');
  assert.match(caption, /^Showing example 1 of 10 in this batch: x₁ = −?[0-9.]+, x₂ = −?[0-9.]+, target −?1 \(ringed on the data plot\)/);
  // The ringed point is a training point: the one named in the caption.
  const index = await page.evaluate(() => window.lightbulb.followed_point());
  assert.ok(index >= 0, 'a point is ringed on the plot');
  // The input bulbs carry the example's values (3 significant digits each).
  await openNumbers(page);
  const a = await cells(page, 'data-a');
  const x1 = valueIn(caption, 'x₁');
  const x2 = valueIn(caption, 'x₂');
  assert.ok(Math.abs(Number(a['0,0'].replace('−', '-')) - x1) <= Math.abs(x1) * 0.01 + 1e-9, `${a['0,0']} vs ${x1}`);
  assert.ok(Math.abs(Number(a['0,1'].replace('−', '-')) - x2) <= Math.abs(x2) * 0.01 + 1e-9, `${a['0,1']} vs ${x2}`);
  // A slider shows the probe again: sliders, caption and bulbs agree.
  await page.locator('#x1').fill('2');
  await until(page, () => document.getElementById('shown-input').textContent.startsWith('Showing your input'));
  assert.match(await page.textContent('#shown-input'), /x₁ = 2, x₂ = 1\./);
  assert.equal(await page.evaluate(() => window.lightbulb.followed_point()), -1);
  await page.waitForTimeout(150);
  const probe = await cells(page, 'data-a');
  assert.equal(probe['0,0'], '2');
});

test('while playing the narration is one live line, and pausing says where training stopped', async () => {
  const { page } = await lb.newPage('/');
  await page.click('#play');
  const first = await until(page, () => {
    const t = document.getElementById('narration').textContent;
    return /^Playing · epoch [1-9]\d* · train loss/.test(t) && t;
  });
  const epochOf = (t) => Number(/epoch (\d+)/.exec(t)[1]);
  const later = await until(page, (n) => {
    const t = document.getElementById('narration').textContent;
    const m = /^Playing · epoch (\d+)/.exec(t);
    return m && Number(m[1]) > n + 5 && t;
  }, epochOf(first));
  assert.match(later, /accuracy \d+ %/);
  assert.ok(!/Backward|Forward/.test(later), later);
  await page.click('#play');
  await until(page, () => document.getElementById('narration').textContent.startsWith('Paused at epoch'));
  const epoch = await counter(page, 'epoch');
  assert.match(await narration(page), new RegExp(`^Paused at epoch ${epoch} · train loss [0-9.]+ · accuracy \\d+ %\\. Press Play`));
});

test('at 1280 × 800 the legend keeps every colour entry during backprop, and every input is labelled', async () => {
  const { page } = await lb.newPage('/#features=x1,x2,x1_sq,x2_sq,x1_x2,sin_x1,sin_x2', {
    viewport: { width: 1280, height: 800 },
  });
  await page.selectOption('#speed', '0.25');
  await phaseTo(page, 'Backward · output');
  await page.waitForTimeout(400);
  const r = await report(page);
  assert.equal(r.legend.length, 5, JSON.stringify(r));
  assert.ok(r.legend.some((w) => /gradient > 0|∂ > 0|∂\+/.test(w)), JSON.stringify(r.legend));
  assert.ok(r.legend.some((w) => /gradient < 0|∂ < 0|∂−/.test(w)), JSON.stringify(r.legend));
  assert.ok(r.legend.some((w) => /weight > 0|w > 0|w\+/.test(w)), JSON.stringify(r.legend));
  assert.equal(r.inputs, 7);
  assert.equal(r.inputLabels, 7, 'sin x₁ and sin x₂ are labelled too');
  await page.screenshot({ path: artifact('clarity-1280-backward.png') });
});

test('gradients are labelled in the read-out, the tooltip words and the numbers table', async () => {
  const { page } = await lb.newPage('/');
  await page.selectOption('#speed', '4');
  await phaseTo(page, 'Backward · layer 1');
  const x = ((await columnX(page, 0)) + (await columnX(page, 1))) / 2;
  assert.ok(await hoverUntil(page, x, /^w = /), 'a wire under the pointer');
  const text = await page.textContent('#readout');
  assert.match(text, /this example: δ·a = \(?−?[0-9.]+\)?·\(?−?[0-9.]+\)? = −?[0-9.×^−]+/);
  assert.match(text, /batch mean of 10 examples: ∂L\/∂w = −?[0-9.×^−]+/);
  await openNumbers(page);
  const g = await cells(page, 'data-g');
  assert.ok(Object.keys(g).length >= 2 * 4 + 4 * 2 + 2, 'every weight has its batch-mean gradient');
  assert.match(await page.textContent('#numbers-body'), /∂L\/∂w←1/);
});

test('the update is visible: the narration names the largest relative change and the wires flash', async () => {
  const { page } = await lb.newPage('/');
  await page.selectOption('#speed', '0.5');
  await phaseTo(page, 'Backward · layer 1');
  await page.waitForTimeout(900); // the backward phase's pulses are done
  const before = await pixels(page);
  const text = await phaseTo(page, 'Update');
  assert.match(text, /Largest relative change: (layer \d|output) weight \d+→\d+, −?[0-9.]+ → −?[0-9.]+ \([+−][0-9.]+ %\)/);
  await page.waitForTimeout(100);
  const flash = await pixels(page);
  await page.screenshot({ path: artifact('clarity-update.png') });
  await page.waitForTimeout(900);
  const after = await pixels(page);
  assert.ok(differing(before, flash) > 50, 'the wires flash during the update');
  // The finished step keeps its picture (an afterglow and the label).
  assert.ok(differing(before, after) > 50, 'the update stays visible after the step');
});

test('plane at lr 10: the guard pauses, offers a tried rate, and training after it runs 300 steps', async () => {
  const { page } = await lb.newPage('/#dataset=plane&lr=10');
  await page.click('#play');
  await page.locator('#divergence').waitFor({ timeout: 20_000 });
  assert.match(await page.getAttribute('#divergence', 'data-kind'), /^(diverged|growing)$/);
  await page.getByRole('button', { name: 'Play' }).waitFor();
  const button = page.locator('#divergence-reset-rate');
  await button.waitFor();
  const label = await button.textContent();
  const m = /^Reset with learning rate ([0-9.]+)$/.exec(label);
  assert.ok(m, label);
  const rate = Number(m[1]);
  assert.ok(rate <= 1 && rate > 0, label);
  // The chart's labels keep a fixed width whatever the loss grew to.
  const r = await report(page);
  assert.ok(r.chartLabels.length >= 2, JSON.stringify(r));
  for (const l of r.chartLabels) assert.ok([...l].length <= 6, `label ${l}`);
  assert.ok(r.chartLabels.some((l) => /[kMGT]|e\d/.test(l)), `large losses in engineering form: ${r.chartLabels}`);
  const shown = await page.evaluate(() => document.body.innerText);
  assert.ok(!shown.includes('≫'), 'no overflow marks');
  await page.screenshot({ path: artifact('clarity-guard.png') });

  await button.click();
  await page.locator('#divergence').waitFor({ state: 'hidden' });
  assert.equal(await page.inputValue('#lr'), m[1]);
  assert.equal(await counter(page, 'steps'), 0);
  await page.click('#play');
  await until(page, () => Number(document.getElementById('steps').textContent) >= 300
    || !document.getElementById('divergence').hidden, undefined, 30_000);
  assert.ok(await page.locator('#divergence').isHidden(), await page.textContent('#divergence-text'));
  assert.ok(await counter(page, 'steps') >= 300);
});

test('dead ReLUs get a one-line explanation with a suggestion', async () => {
  const { page } = await lb.newPage('/#dataset=circle&activation=relu&lr=10');
  await page.click('#play');
  await page.locator('#divergence').waitFor({ timeout: 20_000 });
  assert.equal(await page.getAttribute('#divergence', 'data-kind'), 'stalled');
  assert.match(await page.textContent('#divergence-text'),
    /^Training has stalled: \d+ of \d+ ReLU neurons output 0 for every training point.*Try a lower learning rate, or leaky ReLU or tanh\./);
  assert.ok(await page.locator('#divergence-dismiss').isVisible());
  await page.click('#divergence-dismiss');
  await page.locator('#divergence').waitFor({ state: 'hidden' });
});

test('a link with a huge number gets a short message', async () => {
  const { page } = await lb.newPage('/#x=-1e300,1');
  const notice = await page.textContent('#notice-text');
  assert.match(notice, /−?-?1\.0e300/);
  assert.ok(notice.length < 200, notice);
});

test('a phone at 390 × 844: no header control off-screen, a first tap reads a wire, a second edits it', async () => {
  const { page } = await lb.newPage('/', {
    viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 3,
  });
  // The file actions fold under "Files ▾" on a phone: closed, the network
  // starts on the first screen; open, every one is on screen.
  assert.ok(await page.locator('#export-model').isHidden(), 'file actions folded');
  const netTop = await page.evaluate(() => document.getElementById('network-canvas').getBoundingClientRect().top);
  assert.ok(netTop < 844 * 0.75, `the network starts at ${netTop} px`);
  await page.click('#files-more');
  assert.equal(await page.getAttribute('#files-more', 'aria-expanded'), 'true');
  const boxes = await page.evaluate(() => Array.from(document.querySelectorAll('.masthead button'), (b) => {
    const r = b.getBoundingClientRect();
    return { id: b.id, left: r.left, right: r.right, visible: r.width > 0 && r.height > 0 };
  }));
  assert.ok(boxes.length >= 6);
  for (const b of boxes) assert.ok(b.visible && b.left >= 0 && b.right <= 390, `${b.id}: ${b.left}…${b.right}`);
  assert.ok(await page.evaluate(() => {
    const f = document.querySelector('.files');
    return f.scrollWidth <= f.clientWidth + 1;
  }), 'the header does not scroll sideways');
  await page.click('#files-more');
  assert.ok(await page.locator('#export-model').isHidden(), 'folded again');
  // Words for touch.
  assert.match(await page.textContent('#readout'), /^Tap a bulb or a wire/);
  await page.click('#help-toggle');
  const help = await page.textContent('#help');
  assert.ok(!/chart on the right|panel on the right/.test(help), 'the help does not point to the right of a stacked layout');
  assert.match(help, /Tap a wire to read its numbers/);
  await page.click('#help-toggle');
  // Find a wire, tap it once: numbers, no editor; tap again: the editor.
  const canvas = page.locator('#network-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const spot = await page.evaluate(() => {
    const c = document.getElementById('network-canvas').getBoundingClientRect();
    for (let x = c.width * 0.2; x < c.width * 0.4; x += 3) {
      for (let y = 10; y < c.height - 10; y += 3) {
        if (window.lightbulb.wire_at(x, y).length === 4) return { x, y };
      }
    }
    return null;
  });
  assert.ok(spot, 'a wire on the canvas');
  const box = await canvas.boundingBox();
  await page.touchscreen.tap(box.x + spot.x, box.y + spot.y);
  await until(page, () => /^w = .*tap this wire again/.test(document.getElementById('readout').textContent));
  assert.ok(await page.locator('#wire-editor').isHidden(), 'the first tap only reads');
  await page.touchscreen.tap(box.x + spot.x, box.y + spot.y);
  await page.locator('#wire-editor').waitFor();
  await page.screenshot({ path: artifact('clarity-phone-390.png') });
});

test('screenshots after a step at four sizes', async () => {
  for (const [w, h, mobile] of [[1280, 800, false], [1920, 1080, false], [1024, 768, false], [390, 844, true]]) {
    const options = mobile
      ? { viewport: { width: w, height: h }, hasTouch: true, isMobile: true, deviceScaleFactor: 3 }
      : { viewport: { width: w, height: h } };
    const { page } = await lb.newPage('/', options);
    await page.selectOption('#speed', '4');
    await phaseTo(page, 'Backward · layer 2');
    await page.waitForTimeout(150);
    const r = await report(page);
    assert.equal(r.legend.length, 5, `${w}: ${JSON.stringify(r)}`);
    await page.screenshot({ path: artifact(`clarity-${w}x${h}.png`) });
    await lb.close(page);
  }
});
