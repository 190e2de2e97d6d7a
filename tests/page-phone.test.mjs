// On a phone (360 × 640, touch): no horizontal scroll, and the primary
// controls (Play, Step, Phase, Reset and the sliders) are tap targets of at
// least 44 × 44 px; they work by touch.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useLightbulb } from './support/harness.mjs';
import { artifact, until } from './support/page.mjs';

const lb = useLightbulb();
const PHONE = { viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true };
const PRIMARY = ['play', 'step', 'phase', 'reset'];
const SLIDERS = ['x1', 'x2', 'noise', 'train', 'batch', 'history'];

test('at 360 × 640 nothing scrolls sideways and the primary controls take a finger', async () => {
  const { page } = await lb.newPage('/#dataset=xor', PHONE);
  const sizes = await page.evaluate((ids) => ids.map((id) => {
    const b = document.getElementById(id).getBoundingClientRect();
    return { id, width: b.width, height: b.height };
  }), [...PRIMARY, ...SLIDERS]);
  const small = sizes.filter((s) => s.width < 44 || s.height < 44);
  assert.deepEqual(small, [], 'tap targets under 44 × 44 px');
  const wide = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: innerWidth,
    past: Array.from(document.querySelectorAll('body *'))
      .filter((e) => e.checkVisibility() && e.getBoundingClientRect().right > innerWidth + 0.5)
      .map((e) => e.id || e.className).slice(0, 5),
  }));
  assert.deepEqual(wide, { scroll: 360, width: 360, past: [] });
  await page.screenshot({ path: artifact('phone-360.png') });

  // By touch: Step runs a step, a slider moves the probe.
  await page.tap('#step');
  await until(page, () => lightbulb.steps() === 1);
  const x1 = page.locator('#x1');
  await x1.scrollIntoViewIfNeeded();
  const box = await x1.boundingBox();
  await page.touchscreen.tap(box.x + box.width * 0.1, box.y + box.height / 2);
  await until(page, () => Number(document.getElementById('x1').value) < -3);
});

test('at 390 × 844 with eight hidden layers, no two layer controls overlap', async () => {
  const { page } = await lb.newPage('/#layers=16,16,16,16,16,16,16,16', { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const overlaps = await page.evaluate(() => {
    const boxes = Array.from(document.querySelectorAll('.layer-row button, .layer-row select'))
      .map((e) => ({ name: e.getAttribute('aria-label'), r: e.getBoundingClientRect() }));
    const out = [];
    for (let i = 0; i < boxes.length; i += 1) {
      for (let j = i + 1; j < boxes.length; j += 1) {
        const [a, b] = [boxes[i].r, boxes[j].r];
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 0.5 && y > 0.5) out.push(`${boxes[i].name} × ${boxes[j].name}`);
      }
    }
    return { count: boxes.length, overlaps: out.slice(0, 4) };
  });
  assert.equal(overlaps.count, 8 * 3, 'a −, a + and an activation menu for each of 8 layers');
  assert.deepEqual(overlaps.overlaps, []);
});
