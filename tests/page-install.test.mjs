// Install and offline: the manifest, and the service worker that caches the
// whole page after one visit. The page then loads and trains with the
// network off; a new version is cached whole beside the old one and
// replaces it without mixing old and new files.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPage, startServer, useLightbulb, waitReady } from './support/harness.mjs';
import { ROOT } from './support/server.mjs';
import { until } from './support/page.mjs';

const lb = useLightbulb({ serviceWorkers: 'allow' });

/** Waits until the service worker has cached the page and is active. */
async function offlineReady(page) {
  await page.waitForSelector('body[data-offline="ready"]', { timeout: 60_000 });
}

/** Plays until at least `n` more steps are done, then pauses. */
async function trains(page, n) {
  const start = await page.evaluate(() => lightbulb.steps());
  await page.click('#play');
  await until(page, (s) => lightbulb.steps() >= s, start + n, 30_000);
  await page.click('#play');
}

test('the manifest names the page, and the server gives it and the worker their types', async () => {
  const { page } = await lb.newPage('/');
  const href = await page.getAttribute('link[rel="manifest"]', 'href');
  assert.equal(href, 'manifest.webmanifest');
  const manifest = await page.evaluate(async (h) => {
    const r = await fetch(h);
    return { type: r.headers.get('content-type'), body: await r.json() };
  }, href);
  assert.equal(manifest.type, 'application/manifest+json');
  assert.equal(manifest.body.name, 'Lightbulb');
  assert.equal(manifest.body.start_url, './');
  assert.equal(manifest.body.display, 'standalone');
  // Each read to its end: a body left unread is aborted when the page goes.
  const typeOf = (url) => page.evaluate(async (u) => {
    const r = await fetch(u);
    await r.text();
    return r.headers.get('content-type');
  }, url);
  assert.equal(await typeOf(manifest.body.icons[0].src), 'image/svg+xml');
  assert.match(await typeOf('sw.js'), /^text\/javascript/);
  assert.match(await typeOf('www/pkg/shell.js'), /^text\/javascript/);
});

test('after one visit the page loads and trains with the network off', async () => {
  const { page, context } = await lb.newPage('/#dataset=xor&layers=3');
  await offlineReady(page);
  const cached = await page.evaluate(async () => {
    const keys = await caches.keys();
    const cache = await caches.open(keys[0]);
    return { keys, urls: (await cache.keys()).map((r) => new URL(r.url).pathname) };
  });
  assert.equal(cached.keys.length, 1);
  assert.match(cached.keys[0], /^lightbulb-[0-9a-f]{16}$/);
  for (const path of ['/', '/index.html', '/www/main.js', '/www/style.css', '/www/pkg/lightbulb_web_bg.wasm', '/www/lessons/index.json']) {
    assert.ok(cached.urls.includes(path), `${path} is cached`);
  }
  await trains(page, 5);
  await context.setOffline(true);
  try {
    await page.reload();
    await waitReady(page);
    // The saved session came back, and it trains on, offline.
    assert.ok(await page.evaluate(() => lightbulb.steps()) >= 5);
    await trains(page, 30);
    const lessonFiles = readdirSync(join(ROOT, 'www', 'lessons')).filter((f) => f.endsWith('.json') && f !== 'index.json').length;
    assert.equal(await page.evaluate(() => document.body.dataset.lessons), String(lessonFiles), 'the lessons loaded');
    // A link opened offline works too.
    await page.goto('about:blank');
    await page.goto(new URL('/#dataset=spiral&layers=4,4', lb.url).href);
    await waitReady(page);
    assert.match(await page.evaluate(() => location.hash), /dataset=spiral/);
  } finally {
    await context.setOffline(false);
  }
});

/** A copy of the built site in a temporary directory, to change as a new build would. */
function siteCopy() {
  const dir = mkdtempSync(join(tmpdir(), 'lightbulb-site-'));
  for (const item of ['index.html', 'sw.js', 'manifest.webmanifest', 'www']) {
    cpSync(join(ROOT, item), join(dir, item), { recursive: true });
  }
  return dir;
}

/** What a new build changes: the page's title, the CSS and the shell's version. */
function newBuild(dir) {
  const edit = (file, fn) => writeFileSync(join(dir, file), fn(readFileSync(join(dir, file), 'utf8')));
  edit('index.html', (t) => t.replace('<title>Lightbulb</title>', '<title>Lightbulb 2</title>'));
  edit('www/style.css', (t) => `${t}\n/* build 2 */\n`);
  edit('www/pkg/shell.js', (t) => t.replace(/version: "[0-9a-f]{16}"/, 'version: "0000000000000002"'));
}

/** The title, and whether the CSS the page gets (through its worker) is the new one. */
function served(page) {
  return page.evaluate(async () => ({
    title: document.title,
    css: (await (await fetch('www/style.css')).text()).includes('/* build 2 */'),
    caches: await caches.keys(),
  }));
}

test('a new version is cached whole beside the old one and replaces it, never mixed', async () => {
  const dir = siteCopy();
  const server = await startServer({ dir });
  const opened = await openPage(lb.browser);
  const { page } = opened;
  try {
    await page.goto(server.url);
    await waitReady(page);
    await offlineReady(page);
    const first = await served(page);
    assert.equal(first.title, 'Lightbulb');
    assert.equal(first.css, false);
    assert.equal(first.caches.length, 1);

    newBuild(dir);
    // The next visit still runs the old version, whole, while the new one
    // is cached beside it; then the page offers the new one.
    await page.reload();
    await waitReady(page);
    await page.locator('#update-notice').waitFor({ timeout: 60_000 });
    const during = await served(page);
    assert.deepEqual({ title: during.title, css: during.css }, { title: 'Lightbulb', css: false });
    assert.deepEqual(during.caches.sort(), [first.caches[0], 'lightbulb-0000000000000002'].sort());

    // Reload into it: the new version, whole, and the old cache is gone.
    await Promise.all([page.waitForNavigation(), page.click('#update-reload')]);
    await waitReady(page);
    await until(page, async () => (await caches.keys()).length === 1);
    const after = await served(page);
    assert.deepEqual(after, { title: 'Lightbulb 2', css: true, caches: ['lightbulb-0000000000000002'] });
    assert.ok(await page.locator('#update-notice').isHidden());
    assert.deepEqual(opened.errors, [], 'the page reported errors');
  } finally {
    await opened.context.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
