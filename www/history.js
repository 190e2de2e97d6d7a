// Time travel: the History slider under the loss chart shows the network as
// it was at any step of the run; "," and "." move one step when paused;
// Ctrl+Z undoes a weight set by hand. Training from a past step first asks
// whether to drop the later steps (see confirmContinue, used by the transport).

import { $, isTyping } from './app.js';

export function initHistory(app) {
  const { handle } = app;
  const slider = $('history');
  const out = $('history-out');

  const range = () => [handle.history_first(), handle.history_last(), handle.steps()];
  const seek = (step) => app.run((h) => h.seek(step), { detail: { history: true } });

  slider.addEventListener('input', () => seek(Number(slider.value)));

  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || isTyping(e.target)) return;
    if ((e.ctrlKey || e.metaKey) && !e.shiftKey && (e.key === 'z' || e.key === 'Z')) {
      e.preventDefault();
      const undone = app.run((h) => h.undo());
      if (undone === false) app.say('Nothing to undo at this step.');
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || handle.playing()) return;
    if (e.key === ',' || e.key === '.') {
      e.preventDefault();
      const [first, last, now] = range();
      const next = Math.min(last, Math.max(first, now + (e.key === '.' ? 1 : -1)));
      if (next !== now) seek(next);
    }
  });

  let shown = '';
  return {
    /** Called every frame: keeps the slider on the step on screen. */
    tick() {
      const [first, last, now] = range();
      const key = `${first},${last},${now}`;
      if (key === shown) return;
      shown = key;
      slider.min = String(first);
      slider.max = String(last);
      slider.value = String(now);
      slider.disabled = last === first;
      out.textContent = now === last ? `step ${now}` : `step ${now} of ${last}`;
    },
  };
}

/**
 * Before training from a past step: asks whether to drop the later steps.
 * Returns true when training may go on (nothing to ask, or the user agreed).
 */
export function confirmContinue(app) {
  const { handle } = app;
  if (!handle.in_the_past()) return true;
  const [last, now] = [handle.history_last(), handle.steps()];
  const ok = window.confirm(`Train on from step ${now}? The ${last - now} later steps of this run will be dropped.`);
  if (!ok) return false;
  return Boolean(app.run((h) => h.continue_from_here(false), { quiet: true }));
}
