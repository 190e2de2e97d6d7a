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
