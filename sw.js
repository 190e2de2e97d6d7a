// The service worker: Lightbulb offline, after one visit.
//
// www/pkg/shell.js (written by the build: crates/xtask/src/shell.rs) names
// every file of the page and a version, a hash of them all. Each version
// fills its own cache, whole, when it installs (a failed file fails the
// install, and the old version stays); the page is then served from that
// one cache, cache first, so old and new files never mix. A new version
// installs beside the old one and takes over when no page of the old one is
// open any more, or when the page asks it to (its "Reload" offer, which
// reloads the whole page); the old cache is deleted then.

importScripts('www/pkg/shell.js');

const { version, files } = self.LIGHTBULB_SHELL;
const PREFIX = 'lightbulb-';
const CACHE = `${PREFIX}${version}`;
const PAGE = new URL('./', self.registration.scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(
    files.map((f) => new Request(f, { cache: 'reload' })),
  )));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(
    keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k)),
  )));
});

self.addEventListener('message', (event) => {
  if (event.data === 'take-over') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const url = new URL(request.url);
    url.hash = '';
    url.search = '';
    // The page, whatever its query (?embed=…): the cached index.html.
    const page = request.mode === 'navigate' && (url.href === PAGE || url.href === `${PAGE}index.html`);
    const hit = await cache.match(page ? PAGE : url.href);
    return hit ?? fetch(request);
  })());
});
