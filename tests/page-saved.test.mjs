// Nothing lost on reload: the page keeps its session in localStorage and
// restores it; "Start fresh" forgets it; a bad saved page is refused with a
// message and the page starts fresh; storage that is disabled or full gives
// one notice and the page keeps working; a link with other settings wins,
// and the kept session can still be brought back.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useLightbulb, waitReady } from './support/harness.mjs';
import { counter, until, untilCountersShown } from './support/page.mjs';

const lb = useLightbulb();
const KEY = 'lightbulb.page';

/** What a reload must keep: counters, the model file, the points, the hash. */
function snapshot(page) {
  return page.evaluate(() => ({
    steps: lightbulb.steps(),
    epoch: lightbulb.epoch(),
    shownSteps: document.getElementById('steps').textContent,
    model: lightbulb.export_model(),
    points: JSON.parse(lightbulb.save_session()).points,
    hash: location.hash,
  }));
}

/** Adds a class-1 point at (fx, fy) of the data plot (edit mode must be on). */
async function addPoint(page, fx, fy) {
  const total = Number(await page.getAttribute('#point-count', 'data-total'));
  const box = await page.locator('#data-canvas').boundingBox();
  await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
  await until(page, (n) => document.getElementById('point-count').dataset.total === String(n), total + 1);
}

/** Changes settings, adds two custom points and trains at least `steps` steps. */
async function work(page, steps) {
  await page.selectOption('#optimizer', 'adam');
  await page.selectOption('#lr', '0.1');
  await page.check('#showtest');
  await page.click('#edit-toggle');
  await page.getByRole('radio', { name: 'Class 1' }).click();
  await addPoint(page, 0.3, 0.3);
  await addPoint(page, 0.7, 0.6);
  await page.click('#edit-toggle');
  await page.click('#play');
  await until(page, (n) => lightbulb.steps() >= n, steps, 60_000);
  await page.click('#play');
  await until(page, () => !lightbulb.playing());
  await untilCountersShown(page);
}

async function reload(page) {
  await page.reload();
  await waitReady(page);
}

test('a reload restores the settings, the custom points and the trained network', async () => {
  const { page } = await lb.newPage('/#dataset=xor&layers=4,2');
  await work(page, 50);
  const before = await snapshot(page);
  assert.ok(before.steps >= 50, `${before.steps} steps`);
  assert.equal(before.points.train.length + before.points.test.length > 2, true);
  // Reloaded at once: the page saves when it is left, not only on its clock.
  await reload(page);
  const after = await snapshot(page);
  assert.deepEqual(after, before);
  assert.ok(await page.locator('#saved-notice').isHidden());
  assert.equal(await page.inputValue('#optimizer'), 'adam');
  assert.ok(await page.isChecked('#showtest'));
  // It trains on from there.
  await page.click('#step');
  await until(page, (n) => lightbulb.steps() === n, before.steps + 1);

  // Opened without a link (e.g. from the home screen), the same.
  await page.goto('about:blank');
  await page.goto(lb.url);
  await waitReady(page);
  const again = await snapshot(page);
  assert.equal(again.steps, before.steps + 1);
  assert.deepEqual(again.points, before.points);
  assert.equal(again.hash, before.hash);

  // Start fresh forgets it, after asking.
  page.once('dialog', (d) => d.accept());
  await Promise.all([page.waitForNavigation(), page.click('#start-fresh')]);
  await waitReady(page);
  assert.equal(await counter(page, 'steps'), 0);
  assert.match(await page.evaluate(() => location.hash), /dataset=circle/);
  // What is kept now, if anything yet, is the fresh page.
  const kept = await page.evaluate((k) => localStorage.getItem(k), KEY);
  assert.ok(kept === null || (kept.includes('dataset=circle') && JSON.parse(kept).session.counters.steps === 0), kept?.slice(0, 80));
  await reload(page);
  assert.match(await page.evaluate(() => location.hash), /dataset=circle/);
  assert.equal(await counter(page, 'steps'), 0);
});

test('a corrupt, older or too large saved page is refused with the reason, and the page starts fresh', async () => {
  const { page } = await lb.newPage('/');
  const good = await page.evaluate(() => lightbulb.saved_page());
  assert.ok(good.endsWith(',"version":1}'), good.slice(-40));
  const cases = [
    ['{"format": "lightbulb-saved-page", "vers', /not valid JSON/],
    [`${good.slice(0, -',"version":1}'.length)},"version":0}`, /an older version of Lightbulb \(version 0/],
    [good.replace('"steps":', '"steps":-'), /its session could not be read: counters\.steps/],
    [' '.repeat(2_200_000), /2200000 bytes, more than the 2097152 bytes/],
  ];
  for (const [text, reason] of cases) {
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, text]);
    await page.goto('about:blank');
    await page.goto(lb.url);
    await waitReady(page);
    await page.locator('#saved-notice').waitFor();
    const notice = await page.textContent('#saved-text');
    assert.match(notice, /^The session kept in this browser was not restored: /);
    assert.match(notice, reason);
    assert.match(notice, /The page starts fresh\.$/);
    assert.ok(await page.locator('#saved-restore').isHidden());
    // Fresh and working.
    assert.match(await page.evaluate(() => location.hash), /dataset=circle/);
    await page.click('#step');
    await until(page, () => lightbulb.steps() === 1);
  }
});

test('a link with other settings wins; the kept session can be brought back', async () => {
  const { page } = await lb.newPage('/#dataset=xor');
  await work(page, 5);
  const kept = await snapshot(page);
  await until(page, (k) => localStorage.getItem(k)?.includes('dataset=xor'), KEY);
  await page.goto('about:blank');
  await page.goto(new URL('/#dataset=spiral&layers=3', lb.url).href);
  await waitReady(page);
  await page.locator('#saved-notice').waitFor();
  assert.match(await page.textContent('#saved-text'), /This link opened its own settings/);
  assert.equal(await counter(page, 'steps'), 0);
  assert.match(await page.evaluate(() => location.hash), /dataset=spiral/);
  await page.click('#saved-restore');
  await until(page, (n) => lightbulb.steps() === n, kept.steps);
  assert.deepEqual(await snapshot(page), kept);
  assert.ok(await page.locator('#saved-notice').isHidden());
});

const disabled = async ({ context }) => {
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
};

const full = async ({ context }) => {
  await context.addInitScript(() => {
    Storage.prototype.setItem = function setItem() {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
};

for (const [what, setup, words] of [
  ['disabled', disabled, /does not let the page keep anything/],
  ['full', full, /storage is full/],
]) {
  test(`storage that is ${what} gives one notice, and the page keeps working`, async () => {
    // Told at the first save, which comes with the page.
    const { page } = await lb.newPage('/#dataset=xor', { setup });
    await page.locator('#saved-notice').waitFor();
    assert.match(await page.textContent('#saved-text'), words);
    await page.click('#saved-close');
    // Told once: more changes and training do not bring it back.
    const writes = Number(await page.getAttribute('#saved-notice', 'data-writes'));
    await page.selectOption('#lr', '0.3');
    await until(page, (n) => Number(document.getElementById('saved-notice').dataset.writes) >= n, writes + 1);
    await page.click('#play');
    await until(page, () => lightbulb.steps() >= 20);
    await page.click('#play');
    await until(page, (n) => Number(document.getElementById('saved-notice').dataset.writes) >= n, writes + 2);
    assert.ok(await page.locator('#saved-notice').isHidden());
    assert.equal(await page.inputValue('#lr'), '0.3');
  });
}

test('on digits a reload brings back the trained digits network', async () => {
  const { page } = await lb.newPage('/#dataset=digits');
  await until(page, () => lightbulb.digits_loaded());
  const untrained = await page.evaluate(() => lightbulb.export_model());
  await page.click('#play');
  await until(page, () => lightbulb.epoch() >= 2, undefined, 60_000);
  await page.click('#play');
  await until(page, () => !lightbulb.playing());
  const trained = await page.evaluate(() => lightbulb.export_model());
  assert.notEqual(trained, untrained);
  await reload(page);
  await until(page, () => lightbulb.digits_loaded());
  await until(page, (m) => lightbulb.export_model() === m, trained);
  assert.match(await page.textContent('#narration'), /trained before the reload is back/);
});
