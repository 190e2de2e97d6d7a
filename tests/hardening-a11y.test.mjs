// Hardening: accessibility.
//
// - axe-core (pinned in package.json) on the default page, with the numbers
//   panel open, with the help and the data editor open, and at 360 px; each in
//   the dark and the light colour scheme. No violation of impact "serious" or
//   "critical"; the others are printed. One page per viewport, kept open from
//   audit to audit: the colour scheme is switched with emulateMedia (the
//   page's colours are CSS only) and the panels with their own buttons.
// - The keyboard alone: Tab from the top reaches every control (each with an
//   accessible name and a visible focus ring) until focus cycles; Enter and
//   Space on Step train, arrow keys on the x1 slider move it and the
//   activations, a select and a checkbox change from the keyboard.
//
// axe is injected with page.evaluate (a DevTools evaluation, which the page's
// CSP does not govern); a <script> tag with its text would be inline script,
// which the CSP blocks (and the harness would report).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { useLightbulb } from './support/harness.mjs';
import { cells, openNumbers, until } from './support/page.mjs';

const lb = useLightbulb();

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

/** Runs axe on the whole document; returns its violations. */
async function axe(page) {
  if (!await page.evaluate(() => 'axe' in window)) await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
}

/** The page states audited: how to reach each from the default page, and back (where needed). */
const STATES = {
  'the default page': { open: async () => {}, close: async () => {} },
  'the numbers panel open': {
    open: async (page) => openNumbers(page),
    close: async (page) => {
      await page.click('#numbers-toggle');
      await page.locator('#numbers').waitFor({ state: 'hidden' });
    },
  },
  'the help and the data editor open': {
    open: async (page) => {
      await page.click('#help-toggle');
      await page.click('#edit-toggle');
      await page.click('#csv-toggle');
      await page.locator('#csv-box').waitFor();
    },
  },
  'the 360 px layout': { open: async () => {} },
};

/** [state, viewport] in the order audited: each state in both schemes, then the next. */
const AUDITS = [
  ['the default page', DESKTOP],
  ['the numbers panel open', DESKTOP],
  ['the help and the data editor open', DESKTOP],
  ['the 360 px layout', PHONE],
];

const kept = new Map();

/** The kept page of `viewport`, brought to `state` in colour `scheme`. */
async function pageIn(viewport, state, scheme) {
  if (!kept.has(viewport)) {
    const { page } = await lb.newPage('/', { ...viewport, keep: true });
    kept.set(viewport, { page, state: 'the default page' });
  }
  const k = kept.get(viewport);
  if (k.state !== state) {
    assert.ok(STATES[k.state].close, `no way back from ${k.state}`);
    await STATES[k.state].close(k.page);
    await STATES[state].open(k.page);
    k.state = state;
  }
  await k.page.emulateMedia({ colorScheme: scheme });
  // The buttons' colour transitions (0.15 s) end before axe reads the colours.
  await k.page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  assert.equal(await k.page.evaluate((s) => matchMedia(`(prefers-color-scheme: ${s})`).matches, scheme), true);
  return k.page;
}

for (const [i, [name, viewport]] of AUDITS.entries()) {
  // The last audit of a viewport lets its page go (an open page draws every frame).
  const last = AUDITS.slice(i + 1).every(([, v]) => v !== viewport);
  for (const scheme of ['dark', 'light']) {
    test(`axe: ${name} (${scheme}) has no serious or critical violation`, async () => {
      const page = await pageIn(viewport, name, scheme);
      if (last && scheme === 'light') {
        lb.release(page);
        kept.delete(viewport);
      }
      const violations = await axe(page);
      const byImpact = {};
      for (const v of violations) byImpact[v.impact] = (byImpact[v.impact] ?? 0) + v.nodes.length;
      const others = violations.filter((v) => !['serious', 'critical'].includes(v.impact));
      console.log(`axe ${name} (${scheme}): ${violations.length ? JSON.stringify(byImpact) : 'no violations'}`
        + `${others.map((v) => `\n  ${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).join(', ')})`).join('')}`);
      const grave = violations.filter((v) => ['serious', 'critical'].includes(v.impact));
      assert.deepEqual(grave, [], 'serious or critical violations');
    });
  }
}

/**
 * Records every focus change in the page: the element, its accessible name
 * (axe's computation) and whether a focus ring shows (computed outline or
 * box-shadow while :focus-visible).
 */
function recordFocus() {
  window.focusLog = [];
  document.addEventListener('focusin', (e) => {
    const el = e.target;
    const style = getComputedStyle(el);
    const ring = el.matches(':focus-visible')
      && ((style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none');
    window.focusLog.push({ el, ring });
  });
}

test('keyboard: Tab reaches every control, each named and with a visible focus ring', async () => {
  const { page } = await lb.newPage('/', DESKTOP);
  // Every panel open, so that every control is on the page.
  await page.click('#help-toggle');
  await openNumbers(page);
  await page.click('#edit-toggle');
  await page.click('#csv-toggle');
  await page.locator('#csv-box').waitFor();
  await page.evaluate(AXE);
  await page.evaluate(recordFocus);
  // The top: the first element of the page, the skip link (focused by Tab, so
  // Chromium takes it as keyboard focus and shows its ring).
  await page.evaluate(() => document.activeElement?.blur());
  await page.focus('#skip');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await page.evaluate(() => window.focusLog.splice(0, window.focusLog.length - 1));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'skip');

  // Tab until focus comes back to the skip link (past the browser's own UI).
  let presses = 0;
  for (;;) {
    await page.keyboard.press('Tab');
    presses += 1;
    const done = await page.evaluate(() => document.activeElement?.id === 'skip');
    if (done) break;
    assert.ok(presses < 400, 'focus never cycled');
  }

  const report = await page.evaluate(() => {
    window.axe.setup(document);
    const name = (el) => window.axe.commons.text.accessibleTextVirtual(window.axe.utils.getNodeFromTree(el)).trim();
    const describe = (el) => el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}[${el.getAttribute('aria-label') ?? el.textContent.trim().slice(0, 20)}]`;
    const seen = new Set(window.focusLog.map((f) => f.el));
    const controls = Array.from(document.querySelectorAll(
      'a[href], button, input, select, textarea, canvas[tabindex], [tabindex]:not([tabindex="-1"])',
    )).filter((el) => !el.disabled && el.checkVisibility({ visibilityProperty: true }));
    const result = {
      stops: window.focusLog.length,
      controls: controls.length,
      unreached: controls.filter((el) => !seen.has(el)).map(describe),
      unnamed: Array.from(seen).filter((el) => el instanceof Element && el !== document.body && !name(el)).map(describe),
      noRing: window.focusLog.filter((f) => !f.ring).map((f) => describe(f.el)),
      order: window.focusLog.map((f) => describe(f.el)),
    };
    window.axe.teardown();
    return result;
  });
  console.log(`keyboard: ${report.stops} tab stops (${presses} presses) over ${report.controls} visible controls`);
  assert.ok(report.controls > 40, `${report.controls} controls found`);
  assert.deepEqual(report.unreached, [], 'controls Tab never reached');
  assert.deepEqual(report.unnamed, [], 'focused elements without an accessible name');
  assert.deepEqual(report.noRing, [], 'focused elements without a visible focus ring');
  assert.equal(report.order[0], '#skip', 'the skip link comes first');
});

test('keyboard: Enter and Space on Step train, arrows move x1, a select and a checkbox change', async () => {
  const { page } = await lb.newPage('/', DESKTOP);
  await page.focus('#speed');
  await page.keyboard.press('End'); // 4×: the step animation is short
  await until(page, () => document.getElementById('speed').value === '4');

  // Each key from a fresh start (R resets): a Step pressed while the last one
  // still animates its update would finish that one and count another.
  await page.focus('#step');
  await page.keyboard.press('Enter');
  await until(page, () => document.getElementById('steps').textContent === '1');
  await page.keyboard.press('r');
  await until(page, () => document.getElementById('steps').textContent === '0');
  await page.keyboard.press('Space');
  await until(page, () => document.getElementById('steps').textContent === '1');

  await openNumbers(page);
  const activations = await cells(page, 'data-a');
  await page.focus('#x1');
  const x1 = Number(await page.inputValue('#x1'));
  for (let i = 0; i < 10; i += 1) await page.keyboard.press('ArrowLeft');
  assert.equal(Number(await page.inputValue('#x1')), Number((x1 - 1).toFixed(1)), 'ten 0.1 steps left');
  assert.equal(await page.textContent('#x1-out'), await page.inputValue('#x1'));
  await until(page, (a) => Array.from(document.querySelectorAll('#numbers-body [data-a]'))
    .some((td) => td.textContent !== a[td.getAttribute('data-a')]), activations);
  assert.equal(await page.textContent('#steps'), '1', 'arrow keys on the slider are not the step shortcut');

  // A select by type-ahead, a checkbox by Space, a dataset tile by Enter.
  await page.focus('#activation');
  await page.keyboard.press('r');
  await until(page, () => location.hash.includes('acts=relu,relu&'));
  assert.equal(await page.inputValue('#activation'), 'relu');
  await page.focus('#showtest');
  await page.keyboard.press('Space');
  await until(page, () => location.hash.includes('showtest=1'));
  await page.focus('#datasets [data-dataset="xor"]');
  await page.keyboard.press('Enter');
  await until(page, () => location.hash.includes('dataset=xor&'));
  // The notice-free page is still in a training state: → steps.
  await page.focus('#network-canvas');
  await page.keyboard.press('ArrowRight');
  await until(page, () => document.getElementById('steps').textContent === '1');
});

test('Step pressed while the last step still animates its update adds exactly one step', async () => {
  const { page } = await lb.newPage('/', DESKTOP);
  await page.selectOption('#speed', '0.5'); // the update phase shows for about 0.35 s
  const { steps, pressedIn } = await page.evaluate(async () => {
    const $ = (id) => document.getElementById(id);
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    $('step').click();
    // The counter shows 1 as the update phase starts; press Step again at once.
    while ($('steps').textContent !== '1') await frame();
    const narration = $('narration').textContent;
    $('step').click();
    for (let i = 0; i < 3; i += 1) await frame();
    return { steps: $('steps').textContent, pressedIn: narration };
  });
  assert.match(pressedIn, /^Update/, 'the second Step came while the update phase showed');
  assert.equal(steps, '1', 'the second Step starts step 2; it does not run a whole step at once');
});
