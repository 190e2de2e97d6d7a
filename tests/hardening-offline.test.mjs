// Hardening: the page is self-contained and locked down.
//
// - The CSP meta tag is exactly the policy of the issue, and the page has no
//   inline script or style for it to block.
// - The harness catches a CSP violation (a deliberate one here; any other
//   fails the test that caused it, in every e2e file).
// - Offline: every request that is not to the local server is aborted, and the
//   whole page still works, with no request aborted or failed. Served from the
//   repository and from `cargo xtask dist`.
// - `cargo xtask dist` output names no http:// or https:// URL (the SVG
//   namespace name, which is never fetched, is the one exception).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CSP_VIOLATION, useLightbulb, startServer, waitReady, openPage } from './support/harness.mjs';
import { ROOT, xtaskCommand } from './support/server.mjs';
import { counter, openNumbers, until } from './support/page.mjs';

const lb = useLightbulb({ serviceWorkers: 'allow' });

const POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:";

test('the CSP meta tag allows only the page itself, and the page needs nothing more', async () => {
  const { page } = await lb.newPage('/');
  const metas = await page.$$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.map((e) => e.content));
  assert.deepEqual(metas, [POLICY]);
  // Nothing the policy would block: no inline script, style element or style attribute.
  const inline = await page.evaluate(() => ({
    scripts: Array.from(document.scripts).filter((s) => !s.src).length,
    styles: document.querySelectorAll('style').length,
    styleAttributes: Array.from(document.querySelectorAll('[style]'), (e) => e.outerHTML.slice(0, 80)),
    handlers: Array.from(document.querySelectorAll('*')).filter((e) => Array.from(e.attributes)
      .some((a) => a.name.startsWith('on'))).length,
  }));
  assert.deepEqual(inline, { scripts: 0, styles: 0, styleAttributes: [], handlers: 0 });
});

test('a CSP violation is detected and fails the test', async () => {
  const { page, errors } = await lb.newPage('/');
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true;';
    document.head.append(script);
    document.getElementById('status').setAttribute('style', 'color: red');
    // Blocked by img-src before any request is made (and .invalid never resolves).
    new Image().src = 'https://example.invalid/pixel.png';
  });
  const wanted = ['script-src-elem blocked inline', 'style-src-attr blocked inline', 'img-src blocked https://example.invalid/'];
  const deadline = Date.now() + 10_000;
  while (!wanted.every((w) => errors.some((e) => e.includes(CSP_VIOLATION) && e.includes(w)))) {
    assert.ok(Date.now() < deadline, `CSP violations not reported: ${JSON.stringify(errors)}`);
    await page.waitForTimeout(50);
  }
  assert.equal(await page.evaluate(() => window.injected), undefined, 'the inline script did not run');
  // The harness would fail this test on these errors (that is the point); clear them.
  errors.length = 0;
});

/** Every request of a context goes through here: local ones pass, any other is aborted and counted. */
function offline(origin, log) {
  return async ({ context }) => {
    await context.route('**/*', (route) => {
      const url = route.request().url();
      log.requests.push(url);
      if (new URL(url).origin === origin) return route.continue();
      log.aborted.push(url);
      return route.abort('internetdisconnected');
    });
  };
}

/** Uses the whole page, offline: Step, Play, a slider drag, the numbers, an export, another dataset, the help. */
async function exercise(page) {
  await page.selectOption('#speed', '4');
  await page.click('#step');
  await until(page, () => document.getElementById('steps').textContent === '1');

  await page.getByRole('button', { name: 'Play' }).click();
  await until(page, () => Number(document.getElementById('epoch').textContent) >= 3);
  await page.getByRole('button', { name: 'Pause' }).click();

  const slider = await page.locator('#x1').boundingBox();
  await page.mouse.move(slider.x + slider.width * 0.55, slider.y + slider.height / 2);
  await page.mouse.down();
  for (let f = 0.6; f <= 0.95; f += 0.05) await page.mouse.move(slider.x + slider.width * f, slider.y + slider.height / 2);
  await page.mouse.up();
  assert.ok(Number(await page.inputValue('#x1')) > 3, 'x1 moved right');

  await openNumbers(page);
  assert.ok(await page.locator('#numbers-body [data-w]').count() > 10, 'the numbers are listed');

  const [model] = await Promise.all([page.waitForEvent('download'), page.click('#export-model')]);
  assert.equal(model.suggestedFilename(), 'lightbulb-model.json');
  const text = readFileSync(await model.path(), 'utf8');
  assert.match(text, /lightbulb-model/);

  await page.click('#datasets [data-dataset="spiral"]');
  await until(page, () => location.hash.includes('dataset=spiral&'));
  assert.equal(await page.textContent('#dataset-name'), 'Spiral');
  await page.click('#step');
  await until(page, () => document.getElementById('steps').textContent === '1');

  await page.click('#help-toggle');
  assert.ok(await page.locator('#help').isVisible());
  assert.equal(await counter(page, 'steps'), 1);
}

test('offline: with every request off this server aborted, the whole page works and nothing is aborted', async () => {
  const log = { requests: [], aborted: [] };
  const origin = new URL(lb.url).origin;
  const { page } = await lb.newPage('/', { setup: offline(origin, log), acceptDownloads: true });
  await exercise(page);
  assert.deepEqual(log.aborted, [], 'requests to elsewhere');
  assert.ok(log.requests.some((u) => u.endsWith('.wasm')), 'the wasm came from the local server');
  assert.ok(log.requests.every((u) => new URL(u).origin === origin));
});

/** Files under `dir`, recursively. */
function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? files(path) : [path];
  });
}

// The one absolute URL dist/ may hold: the SVG namespace name, an identifier
// that is never fetched (xmlns on the dataset icons).
const ALLOWED = ['xmlns="http://www.w3.org/2000/svg"'];
const ALLOWED_LEAD = 'xmlns="'.length;

test('cargo xtask dist: no http:// or https:// URL in any file, and the site works offline', async () => {
  const [program, pre] = xtaskCommand();
  const built = spawnSync(program, [...pre, 'dist'], { cwd: ROOT, encoding: 'utf8', timeout: 600_000 });
  assert.equal(built.status, 0, `cargo xtask dist failed:\n${built.stdout}\n${built.stderr}`);
  const dist = join(ROOT, 'dist');
  const all = files(dist);
  assert.ok(all.some((f) => f.endsWith('.wasm')) && all.some((f) => f.endsWith('index.html')), 'dist/ holds the site');
  const found = [];
  let allowed = 0;
  for (const file of all) {
    // latin1 keeps every byte, so URLs inside the wasm binary are seen too.
    const text = readFileSync(file, 'latin1');
    for (const m of text.matchAll(/https?:\/\//gi)) {
      const at = m.index - ALLOWED_LEAD;
      const ok = ALLOWED.some((a) => at >= 0 && text.startsWith(a, at));
      if (ok) allowed += 1;
      else found.push(`${relative(ROOT, file)}: ${JSON.stringify(text.slice(Math.max(0, m.index - 40), m.index + 60))}`);
    }
  }
  assert.deepEqual(found, [], 'absolute URLs in dist/');
  console.log(`dist/: ${all.length} files, no http(s) URL (${allowed} SVG namespace names allowed)`);

  // The built site, served as is, works offline too.
  const server = await startServer({ dir: dist });
  const opened = await openPage(lb.browser, { acceptDownloads: true });
  try {
    const log = { requests: [], aborted: [] };
    await offline(new URL(server.url).origin, log)(opened);
    await opened.page.goto(server.url);
    await waitReady(opened.page);
    await exercise(opened.page);
    assert.deepEqual(log.aborted, [], 'requests to elsewhere');
    assert.deepEqual(opened.errors, [], 'the page reported errors');
  } finally {
    await opened.context.close();
    await server.stop();
  }
});
