// The page's entry module: loads the wasm build, creates the Lightbulb handle
// from the URL hash, wires every part of the page to it and runs the
// requestAnimationFrame loop (handle.frame draws everything, in Rust; pace.js
// slows it down while the page is still).

import init, { Lightbulb, version } from './pkg/lightbulb_web.js';
import { $, createApp, messageOf } from './app.js';
import { initUrl } from './url.js';
import { initControls } from './controls.js';
import { initPreviews } from './previews.js';
import { initNetwork } from './network.js';
import { initTransport } from './transport.js';
import { initProbe } from './probe.js';
import { initPointer } from './pointer.js';
import { initEditor } from './editor.js';
import { initPanels } from './panels.js';
import { initFiles } from './files.js';
import { initCheck } from './check.js';
import { initTouchWords } from './touch.js';
import { initHistory } from './history.js';
import { initCompare } from './compare.js';
import { initLessons, lessonInHash } from './lessons.js';
import { initSaved, restoreSaved } from './saved.js';
import { initOffline } from './offline.js';
import { initProjector } from './projector.js';
import { initShare } from './share.js';
import { initEmbed } from './embed.js';
import { initDigits } from './digits.js';
import { runLoop, wakingHandle } from './pace.js';

// Tells the handle which canvases are on the screen or within a quarter of
// a screen of it: while playing, the others are not painted (on a phone
// the data plot and the loss chart are below the network view); one
// coming back is painted in the next frame.
function watchCanvases(handle) {
  if (!('IntersectionObserver' in window)) return;
  const canvases = ['network-canvas', 'data-canvas', 'chart-canvas'].map($);
  const seen = new IntersectionObserver((entries) => {
    for (const e of entries) handle.set_canvas_visible(canvases.indexOf(e.target), e.isIntersecting);
  }, { rootMargin: '25% 0px' });
  for (const c of canvases) seen.observe(c);
}

async function boot() {
  await init();
  // A lesson link (#lesson=6&screen=2) starts from defaults; the lesson sets the rest.
  const lessonLink = lessonInHash(location.hash);
  const handle = new Lightbulb(lessonLink ? '' : location.hash);
  // The session kept in this browser, unless the link asks for other settings.
  const saved = lessonLink ? {} : restoreSaved(handle, location.hash);
  handle.attach($('network-canvas'), $('data-canvas'), $('chart-canvas'));
  watchCanvases(handle);
  const app = createApp(handle);

  initTouchWords();
  initControls(app);
  initPreviews(app);
  initNetwork(app);
  const lessons = initLessons(app, lessonLink);
  const transport = initTransport(app);
  const probe = initProbe(app);
  const pointer = initPointer(app);
  const history = initHistory(app);
  const compare = initCompare(app);
  initEditor(app, probe);
  const panels = initPanels(app);
  initFiles(app);
  initCheck(app);
  initProjector(app);
  initShare(app);
  initEmbed(app);
  const digits = initDigits(app);
  initUrl(app);
  const keeper = initSaved(app, saved);
  app.changed({ boot: true });

  // A link pasted into the address bar of this tab (the hash changes, the
  // page does not reload by itself) loads that configuration.
  window.addEventListener('hashchange', () => {
    if (location.hash.includes('=')) location.reload();
    else app.changed();
  });
  $('skip').addEventListener('click', (e) => {
    e.preventDefault();
    $('network-canvas').focus();
  });

  $('version').textContent = `lightbulb-web ${version()}.`;

  let failed = '';
  const frame = (now) => {
    try {
      handle.frame(now);
      if (failed) {
        failed = '';
        app.clearStatus();
      }
    } catch (error) {
      const text = `Drawing failed: ${messageOf(error)}`;
      if (text !== failed) {
        failed = text;
        app.error(text);
      }
    }
    try {
      transport.tick();
      panels.tick(now);
      pointer.tick(now);
      history.tick();
      compare.tick();
      lessons.tick();
      keeper.tick(now);
      digits.tick(now);
    } catch (error) {
      app.error(error);
    }
  };
  const loop = runLoop(handle, app, frame);
  // For the console and the end-to-end tests: the handle, e.g.
  // lightbulb.view_report() says what the last frame drew on the canvases.
  // A call through it wakes a loop that has slowed down.
  window.lightbulb = wakingHandle(handle, loop.wake);
  window.lightbulbFrames = loop.frames;
  // Draw the first frame now, so the page is ready with its pictures.
  handle.frame(performance.now());
  // Ready once the lessons are in too (a lesson link opens then).
  await lessons.loaded;
  // Cache the page for offline use once it runs (not while it starts); ready
  // once the worker is registered, so no request of the page is under way,
  // but never held up by it for more than a few seconds.
  await Promise.race([initOffline(), new Promise((done) => setTimeout(done, 5000))]);
}

try {
  await boot();
  document.body.dataset.ready = 'true';
} catch (error) {
  const status = $('status');
  status.textContent = `Lightbulb could not start: ${messageOf(error)}`;
  status.classList.add('is-error');
  document.body.dataset.ready = 'error';
  throw error;
}
