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
