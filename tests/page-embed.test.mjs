// Embedding: `embed=…` shows only the network and the controls it names;
// the page works inside an <iframe> with its Content Security Policy; the
// help shows the <iframe> snippet for the current state, which opens it.

import { after, test } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { startServer, useLightbulb, waitReady } from './support/harness.mjs';
import { artifact, until } from './support/page.mjs';

const lb = useLightbulb();

async function visible(root, ids) {
  const out = {};
  for (const id of ids) out[id] = await root.locator(`#${id}`).isVisible();
  return out;
}

test('embed= shows the network and only the controls it names', async () => {
  const { page } = await lb.newPage('/#dataset=xor&layers=3&embed=play,step,chart', { viewport: { width: 900, height: 560 } });
  assert.deepEqual(await visible(page, ['network-canvas', 'play', 'step', 'chart-canvas', 'phase', 'reset', 'lr', 'data-canvas', 'narration', 'x1', 'export-model', 'steps']), {
    'network-canvas': true, play: true, step: true, 'chart-canvas': true,
    phase: false, reset: false, lr: false, 'data-canvas': false, narration: false, x1: false, 'export-model': false, steps: false,
  });
  assert.match(await page.evaluate(() => location.hash), /&embed=play,step,chart$/);
  await page.click('#step');
  await until(page, () => lightbulb.steps() === 1);
  // An embed keeps nothing in the browser.
  assert.equal(await page.evaluate(() => localStorage.getItem('lightbulb.page')), null);
  await page.screenshot({ path: artifact('embed-900.png') });
});

test('inside an iframe, with the CSP intact; the help gives the snippet', async () => {
  const { page } = await lb.newPage('/#dataset=spiral&layers=4,2');
  await page.click('#help-toggle');
  const snippet = await page.textContent('#embed-snippet');
  const src = snippet.match(/^<iframe src="([^"]+)" width="900" height="560" title="Lightbulb" loading="lazy"><\/iframe>$/)?.[1]?.replaceAll('&amp;', '&');
  assert.ok(src, snippet);
  assert.match(src, /#dataset=spiral&.*layers=4,2.*&embed=play,step,phase,reset$/);
  assert.match(await page.textContent('#embed-list'), /^play \(Play and pause\), step/);

  // A class page on another origin (a second server, on another port) with the snippet pasted in.
  const dir = mkdtempSync(join(tmpdir(), 'lightbulb-class-'));
  writeFileSync(join(dir, 'index.html'), `<!doctype html><title>Week 3</title><link rel="icon" href="data:,"><h1>Week 3: a network learns</h1>${snippet}`);
  const server = await startServer({ dir });
  after(() => server.stop().finally(() => rmSync(dir, { recursive: true, force: true })));
  const { page: host } = await lb.newPage(server.url, { ready: false });
  const frame = await (await host.waitForSelector('iframe')).contentFrame();
  await waitReady(frame);
  assert.equal(frame.url(), src);
  assert.deepEqual(await visible(frame, ['network-canvas', 'play', 'step', 'phase', 'reset', 'lr']), {
    'network-canvas': true, play: true, step: true, phase: true, reset: true, lr: false,
  });
  const csp = await frame.$$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.map((e) => e.content));
  assert.equal(csp.length, 1);
  await frame.click('#phase');
  await until(frame, () => document.getElementById('narration').textContent.startsWith('Forward'));
  assert.match(await frame.evaluate(() => location.hash), /dataset=spiral/);
});

test('lock= shows controls disabled: no click, key or call changes them; the snippet keeps the lock', async () => {
  const { page } = await lb.newPage('/#dataset=xor&layers=3&x=1,2&embed=play,step,inputs,plot&lock=inputs,reset', { viewport: { width: 1280, height: 800 } });
  // Locked controls are shown (reset is not in embed=, lock shows it) and disabled.
  assert.deepEqual(await visible(page, ['x1', 'x2', 'reset', 'play', 'step', 'phase']), {
    x1: true, x2: true, reset: true, play: true, step: true, phase: false,
  });
  // Nothing the link does not name: not Turbo, not the numbers.
  assert.deepEqual(await visible(page, ['turbo', 'numbers-toggle', 'lr']), { turbo: false, 'numbers-toggle': false, lr: false });
  for (const id of ['x1', 'x2', 'reset']) assert.ok(await page.locator(`#${id}`).isDisabled(), `#${id} is disabled`);
  for (const id of ['play', 'step']) assert.ok(await page.locator(`#${id}`).isEnabled(), `#${id} is enabled`);
  assert.match(await page.evaluate(() => location.hash), /&embed=play,step,inputs,plot&lock=inputs,reset$/);
  const x = () => page.evaluate(() => [lightbulb.get('x'), document.getElementById('x1').value, document.getElementById('x2').value]);
  assert.deepEqual(await x(), ['1,2', '1', '2']);

  // Keys: the slider cannot take focus, so arrows go elsewhere; R (reset) is refused.
  await page.click('#step');
  await until(page, () => lightbulb.steps() === 1);
  const model = await page.evaluate(() => lightbulb.export_model());
  await page.locator('#x1').focus().catch(() => {});
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Home');
  await page.keyboard.press('r');
  // An input event on the slider, as a drag would send (set_input is refused
  // and the slider is put back).
  await page.evaluate(() => {
    const s = document.getElementById('x1');
    s.value = '5';
    s.dispatchEvent(new Event('input', { bubbles: true }));
  });
  // A click on the data plot would move the probe there.
  const plot = await page.locator('#data-canvas').boundingBox();
  await page.mouse.click(plot.x + plot.width * 0.2, plot.y + plot.height * 0.8);
  // Calls, as a hash's settings are applied.
  const refused = await page.evaluate(() => {
    const out = [];
    for (const f of [() => lightbulb.set('x', '5,5'), () => lightbulb.set_input(5, 5), () => lightbulb.reset()]) {
      try {
        f();
        out.push('changed');
      } catch (e) {
        out.push(String(e.message ?? e));
      }
    }
    return out;
  });
  for (const r of refused) assert.match(r, /locked by the link/);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.deepEqual(await x(), ['1,2', '1', '2']);
  assert.equal(await page.evaluate(() => lightbulb.steps()), 1, 'R did not reset');
  assert.equal(await page.evaluate(() => lightbulb.export_model()), model);
  // Unlocked controls still work.
  await page.click('#step');
  await until(page, () => lightbulb.steps() === 2);
  await page.screenshot({ path: artifact('embed-lock-1280.png') });

  // The help's snippet of a page with a lock keeps it (and shows what it locks).
  const { page: full } = await lb.newPage('/#dataset=xor&layers=3&lock=inputs');
  await full.click('#help-toggle');
  const snippet = await full.textContent('#embed-snippet');
  assert.match(snippet, /&amp;lock=inputs&amp;embed=play,step,phase,reset,inputs"/);
  assert.equal(await full.textContent('#lock-list'), 'play, step, phase, reset, inputs');
  assert.ok(await full.locator('#x1').isDisabled());
});
