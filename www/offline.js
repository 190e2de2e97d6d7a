// Offline: registers the service worker (sw.js, next to index.html), which
// caches the whole page after one visit. body[data-offline] says where that
// stands: "ready" once a complete version is cached and active, "unavailable"
// where the browser offers no service worker (a file:// page, an old
// browser; the page works as before). When a new version has been cached
// beside the running one, the page offers to reload into it; otherwise the
// new version opens on the next visit.
//
// initOffline() settles once the registration does (its fetch of sw.js is
// done); the cache fills after that, in the worker.

import { $ } from './app.js';

export function initOffline() {
  const body = document.body;
  const workers = navigator.serviceWorker;
  if (!workers) {
    body.dataset.offline = 'unavailable';
    return Promise.resolve();
  }
  let reloading = false;
  let waiting = null;
  const offer = (worker) => {
    waiting = worker;
    $('update-notice').hidden = false;
  };
  $('update-reload').addEventListener('click', () => {
    reloading = true;
    waiting?.postMessage('take-over');
  });
  workers.addEventListener('controllerchange', () => {
    if (reloading) location.reload();
  });
  $('update-close').addEventListener('click', () => {
    $('update-notice').hidden = true;
  });
  const registered = workers.register('sw.js');
  registered.then((registration) => {
    // A version waiting from an earlier visit, or one installed now, while
    // this page runs on the old one.
    const watch = (worker) => {
      if (!worker) return;
      const check = () => {
        if (worker.state === 'installed' && workers.controller) offer(worker);
      };
      check();
      worker.addEventListener('statechange', check);
    };
    watch(registration.waiting);
    watch(registration.installing);
    registration.addEventListener('updatefound', () => watch(registration.installing));
    return workers.ready;
  }).then(() => {
    body.dataset.offline = 'ready';
  }, () => {
    body.dataset.offline = 'unavailable';
  });
  return registered.then(() => {}, () => {});
}
