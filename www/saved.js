// Nothing lost on reload. The page (the session file with the page's
// settings; crates/web/src/controller/saved.rs decides what is in it and
// what is refused) is kept in localStorage as it changes: at most once every
// SAVE_EVERY_MS, and at once when the page is hidden or left. On boot it is
// restored before the controls read the state. "Start fresh" forgets it.
// Storage that is full or disabled gives one notice; the page works on.

import { $, messageOf } from './app.js';
import { isQuotaError, readItem, removeItem, writeItem } from './store.js';

/** The localStorage key of the saved page. */
export const SAVED_KEY = 'lightbulb.page';
const SAVE_EVERY_MS = 1000;

/**
 * Restores the saved page into `handle` (before the page is wired up),
 * unless `link` (location.hash) asks for other settings. Returns what the
 * notice should say: { restored }, { skipped, text }, { refused } or {}.
 */
export function restoreSaved(handle, link) {
  const text = readItem(SAVED_KEY);
  if (!text) return {};
  try {
    if (handle.restore_saved(text, link)) return { restored: true };
    return { skipped: true, text };
  } catch (error) {
    return { refused: messageOf(error) };
  }
}

export function initSaved(app, boot) {
  const { handle } = app;
  const notice = $('saved-notice');
  const noticeText = $('saved-text');
  const restoreButton = $('saved-restore');
  // Kept from the start (e.g. what a share link opened, so that a reload
  // keeps it), unless a kept session is waiting to be restored or was refused.
  let dirty = !boot.skipped && !boot.refused;
  let stopped = false;
  let lastText = '';
  let lastAt = -Infinity;
  let lastSteps = handle.steps();
  let told = '';

  const tell = (text, { restore = false } = {}) => {
    noticeText.textContent = text;
    restoreButton.hidden = !restore;
    notice.hidden = false;
  };
  $('saved-close').addEventListener('click', () => {
    notice.hidden = true;
  });

  if (boot.refused) {
    tell(`The session kept in this browser was not restored: ${boot.refused}. The page starts fresh.`);
  } else if (boot.skipped) {
    tell('This link opened its own settings, so the session kept in this browser was not restored. '
      + 'It is replaced as soon as you change something here.', { restore: true });
  }
  restoreButton.addEventListener('click', () => {
    if (app.run((h) => h.restore_saved(boot.text, ''), { detail: { structure: true } })) {
      notice.hidden = true;
      app.say('The session kept in this browser is back.');
    }
  });

  /** Writes the page if it changed; a problem is told once. */
  const save = () => {
    if (stopped || !dirty) return;
    dirty = false;
    lastAt = performance.now();
    let text;
    try {
      text = handle.saved_page();
    } catch (error) {
      if (told !== 'large') {
        told = 'large';
        tell(`This session is too large to keep in the browser (${messageOf(error)}); `
          + 'use Save session to keep it as a file.');
      }
      return;
    }
    if (!text || text === lastText) return;
    const error = writeItem(SAVED_KEY, text);
    // How many writes were tried, for the tests (a notice must not come back).
    notice.dataset.writes = String(Number(notice.dataset.writes ?? 0) + 1);
    if (!error) {
      lastText = text;
      if (told) {
        told = '';
        notice.hidden = true;
      }
      return;
    }
    const kind = isQuotaError(error) ? 'full' : 'off';
    if (told === kind) return;
    told = kind;
    tell(kind === 'full'
      ? 'The browser\'s storage is full, so this session is not kept for a reload; use Save session to keep it as a file.'
      : 'This browser does not let the page keep anything (a private window?), so a reload starts fresh; '
        + 'use Save session to keep your work as a file.');
  };

  app.onChange(({ boot: booting = false, failed = false } = {}) => {
    if (!booting && !failed) dirty = true;
  });
  const flush = () => save();
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flush();
  });

  $('start-fresh').addEventListener('click', () => {
    const ok = window.confirm('Start fresh? The settings, points and trained network kept in this browser '
      + 'are forgotten, and the page opens with the defaults.');
    if (!ok) return;
    stopped = true;
    const error = removeItem(SAVED_KEY);
    if (error && readItem(SAVED_KEY)) {
      stopped = false;
      app.error(`The kept session could not be forgotten: ${messageOf(error)}`);
      return;
    }
    location.replace(location.pathname);
  });

  return {
    /** Every frame: notes training progress, and saves at most every SAVE_EVERY_MS. */
    tick(now) {
      const steps = handle.steps();
      if (steps !== lastSteps) {
        lastSteps = steps;
        dirty = true;
      }
      if (dirty && now - lastAt >= SAVE_EVERY_MS) save();
    },
  };
}
