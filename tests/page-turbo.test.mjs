// Turbo: Play trains several epochs a frame with it, one without; the
// checkbox and the link agree.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useLightbulb } from './support/harness.mjs';

const lb = useLightbulb();

/** Plays for `frames` animation frames; returns epochs trained per frame. */
function epochsPerFrame(page, frames) {
  return page.evaluate((n) => new Promise((done) => {
    const h = window.lightbulb;
    const play = document.getElementById('play');
    let seen = 0;
    let start = -1;
    play.click();
    const tick = () => {
      // Count from the first frame that trained (Play starts on the next one).
      if (start < 0) {
        if (h.epoch() > 0 || seen > 5) start = h.epoch();
      } else if ((seen += 1) >= n) {
        play.click();
        done((h.epoch() - start) / n);
        return;
      }
      if (start < 0) seen += 1;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }), frames);
}

test('Turbo trains several epochs a frame, Play without it one', async () => {
  const { page } = await lb.newPage('/#dataset=circle&turbo=1');
  assert.equal(await page.isChecked('#turbo'), true);
  const fast = await epochsPerFrame(page, 20);
  assert.ok(fast >= 2, `${fast} epochs a frame with Turbo`);
  await page.uncheck('#turbo');
  assert.doesNotMatch(page.url(), /turbo=1/);
  const plain = await epochsPerFrame(page, 20);
  assert.ok(plain <= 1.1 && plain >= 0.5, `${plain} epochs a frame without Turbo`);
});
