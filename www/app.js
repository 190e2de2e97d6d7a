// The page's shared context: the wasm handle, one way to call it safely, and
// a tiny publish/subscribe so that every part of the page re-reads its state
// from the handle after a change.
//
// app.run(fn): calls fn(handle); a thrown error is shown in the status area
// (the handle leaves its state unchanged on error) and run returns undefined.
// On success the "change" listeners run (controls re-read their values, the
// URL hash is rewritten) unless { quiet: true }.

const byId = (id) => document.getElementById(id);

export const $ = byId;

export function createApp(handle) {
  const changeListeners = [];
  const statusEl = byId('status');
  let statusTimer = 0;

  const app = {
    handle,

    /** Subscribes to "the state may have changed": fn({ structure }) */
    onChange(fn) {
      changeListeners.push(fn);
    },

    /** Tells every subscriber to re-read the state. */
    changed(detail = {}) {
      for (const fn of changeListeners) {
        try {
          fn(detail);
        } catch (error) {
          app.error(error);
        }
      }
    },

    /**
     * Runs fn(handle). Errors are shown and swallowed (returns undefined).
     * options.quiet: do not broadcast a change; options.ok: a status message.
     */
    run(fn, { quiet = false, ok = '', detail = {} } = {}) {
      let result;
      try {
        result = fn(handle);
      } catch (error) {
        app.error(error);
        // Nothing changed; put any control that already moved back.
        if (!quiet) app.changed({ failed: true });
        return undefined;
      }
      if (ok) app.say(ok);
      else if (statusEl.classList.contains('is-error')) app.clearStatus();
      if (!quiet) app.changed(detail);
      return result === undefined ? true : result;
    },

    /** Shows an error message (an Error or text) in the status area. */
    error(error) {
      const text = messageOf(error);
      clearTimeout(statusTimer);
      statusEl.textContent = text;
      statusEl.classList.add('is-error');
      statusEl.classList.remove('is-ok');
    },

    /** Shows a short confirmation that fades after a few seconds. */
    say(text) {
      clearTimeout(statusTimer);
      statusEl.textContent = text;
      statusEl.classList.add('is-ok');
      statusEl.classList.remove('is-error');
      statusTimer = setTimeout(() => app.clearStatus(), 5000);
    },

    clearStatus() {
      clearTimeout(statusTimer);
      statusEl.textContent = '';
      statusEl.classList.remove('is-error', 'is-ok');
    },
  };
  return app;
}

/** The message of anything thrown (wasm-bindgen throws Error objects). */
export function messageOf(error) {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Whether a keyboard event comes from a place where typing is expected. */
export function isTyping(target) {
  if (!(target instanceof Element)) return false;
  return Boolean(target.closest('input, textarea, select, [contenteditable]'));
}
