// The shared e2e harness. In a test file:
//
//   import { test } from 'node:test';
//   import { useLightbulb } from './support/harness.mjs';
//   const lb = useLightbulb();
//   test('...', async () => {
//     const { page, errors } = await lb.newPage();   // already at the page, ready
//     ...
//   });
//
// One server and one browser per file. The page's service worker is not
// registered, except in the files that test it (useLightbulb({
// serviceWorkers: 'allow' })): a test's page is a first visit, which the
// worker does not serve (a reload would be), and installing it copies the
// whole site into its cache, about 0.3 CPU-seconds a page load on the
// 2-core machine. Any console error, page error, failed
// request or HTTP error status seen by a page fails the test that opened it
// (checked after the test body, in afterEach). A page opened with
// { keep: true } stays open for the later tests of the file (each page load
// costs a wasm compile and a boot) until lb.release(page): what it reports
// fails the test during which it was reported.
//
// A page is a fresh document, but not always a fresh tab: when a test is
// done with it, the tab is parked on about:blank (its page unloaded, the
// mouse moved to the corner, colour-scheme emulation cleared), and the next
// newPage with the same context options (and no setup) navigates it. A
// navigation costs about a third of the CPU of a new tab, which starts a
// renderer process. The page keeps nothing across navigations (no cookies
// or storage: the origin's storage, service worker and caches are cleared when
// the tab is parked).

import { after, afterEach, before } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launchBrowser, openPage } from './browser.mjs';

export { startServer } from './server.mjs';
export { CSP_VIOLATION, launchBrowser, openPage } from './browser.mjs';

/** Waits until main.js marks the page ready (body[data-ready]); throws if it failed. */
export async function waitReady(page, timeout = 30_000) {
  await page.waitForSelector('body[data-ready]', { timeout });
  const state = await page.evaluate(() => document.body.dataset.ready);
  assert.equal(state, 'true', 'the page failed to start');
}

/** Clears what `url`'s origin stored in the context of `opened` (storage, service workers, caches). */
export async function forgetOrigin(opened, url) {
  const cdp = await opened.context.newCDPSession(opened.page);
  try {
    await cdp.send('Storage.clearDataForOrigin', { origin: new URL(url).origin, storageTypes: 'all' });
  } finally {
    await cdp.detach();
  }
}

export function useLightbulb({ server: serverOptions, serviceWorkers = 'block' } = {}) {
  const lb = { server: null, browser: null, url: null };
  let open = [];
  const kept = [];
  // What pages closed during the current test reported.
  const closed = [];
  // Tabs parked on about:blank for a later test, by their context options.
  const spare = new Map();

  /** Closes `opened`, or parks its tab; returns what it reported. */
  const finish = async (opened) => {
    if (opened.reuse && !spare.has(opened.reuse)) {
      try {
        await opened.page.goto('about:blank');
        // What the page kept (the saved session, the service worker and its
        // cache) goes too: the next test starts as in a new context.
        await forgetOrigin(opened, lb.url);
        await opened.page.mouse.move(0, 0);
        await opened.page.emulateMedia({ colorScheme: null });
        spare.set(opened.reuse, opened);
        return opened.errors.splice(0);
      } catch {
        // A tab that cannot be parked is closed.
      }
    }
    await opened.context.close().catch(() => {});
    return opened.errors;
  };

  before(async () => {
    lb.server = await startServer(serverOptions);
    lb.url = lb.server.url;
    lb.browser = await launchBrowser();
  });

  after(async () => {
    await lb.browser?.close();
    await lb.server?.stop();
  });

  afterEach(async () => {
    const pages = open;
    open = [];
    // A kept page's errors so far belong to this test: taken out, not copied.
    const errors = [...closed.splice(0), ...kept.flatMap((p) => p.errors.splice(0))];
    for (const opened of pages) errors.push(...await finish(opened));
    assert.deepEqual(errors, [], 'the page reported errors');
  });

  /**
   * Ends keeping `page` (from newPage with { keep: true }): it is closed
   * after the current test, with what it reported checked as usual.
   */
  lb.release = (page) => {
    const i = kept.findIndex((p) => p.page === page);
    if (i >= 0) open.push(...kept.splice(i, 1));
  };

  /**
   * Closes `page` now, when a test no longer needs it (an open page draws
   * every frame); what it reported is still checked after the test.
   */
  lb.close = async (page) => {
    for (const list of [open, kept]) {
      const i = list.findIndex((p) => p.page === page);
      if (i < 0) continue;
      const [opened] = list.splice(i, 1);
      closed.push(...await finish(opened));
    }
  };

  /**
   * Opens `path` (default '/') in a fresh context and waits for the page to be
   * ready unless { ready: false }. { setup: async ({ page, context }) => … }
   * runs before the page loads (e.g. to route requests). { keep: true }: the
   * page stays open until the file ends (see above). The other options go to
   * browser.newContext. Returns { page, errors, context }.
   */
  lb.newPage = async (path = '/', { ready = true, setup, keep = false, ...options } = {}) => {
    const contextOptions = { serviceWorkers, ...options };
    const reuse = !setup && !keep && JSON.stringify(contextOptions);
    let opened = reuse && spare.get(reuse);
    if (opened) {
      spare.delete(reuse);
    } else {
      opened = await openPage(lb.browser, contextOptions);
      opened.reuse = reuse;
    }
    (keep ? kept : open).push(opened);
    if (setup) await setup(opened);
    await opened.page.goto(new URL(path, lb.url).href);
    if (ready) await waitReady(opened.page);
    return { page: opened.page, errors: opened.errors, context: opened.context };
  };

  return lb;
}
