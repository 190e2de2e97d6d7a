// Time travel: the History slider under the loss chart shows the network as
// it was at any step of the run; "," and "." move one step when paused;
// Ctrl+Z undoes a weight set by hand, or else brings back the run a reset
// or a rebuild put aside. Training or changing a setting at a
// past step first asks whether to drop the later steps or keep them as a
// branch (confirmContinue, used by the transport, the controls and the wire
// editor); the branches are listed under the slider, to switch to or delete.

import { $, isTyping } from './app.js';

/** Brings back the run put aside (Undo after a reset, new data or a rebuild). */
export function bringBack(app) {
  return app.run((h) => h.bring_back(), { ok: 'Brought back.', detail: { structure: true } });
}

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
      // A weight set by hand first; else the run a reset or a rebuild put aside.
      const undone = app.run((h) => h.undo());
      if (undone !== false) return;
      if (handle.bring_back_offer()) bringBack(app);
      else app.say('Nothing to undo at this step.');
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

  // The branches: the line on screen, then each kept one as a button that
  // switches to it, with a ✕ that deletes it (after asking).
  const box = $('branches');
  const list = $('branch-list');
  list.addEventListener('click', (e) => {
    const b = e.target instanceof Element && e.target.closest('button');
    if (!b) return;
    if (b.dataset.branch) {
      app.run((h) => h.switch_branch(b.dataset.branch), { detail: { history: true } });
    } else if (b.dataset.delete && window.confirm(`Delete the branch “${b.dataset.delete}” and its steps?`)) {
      app.run((h) => h.delete_branch(b.dataset.delete), { quiet: true });
    }
  });
  let listed = '';
  const syncBranches = () => {
    // With no branch kept the list is hidden: nothing to ask or build (the
    // line on screen's label changes with every step while playing).
    if (handle.kept_branches() === 0) {
      if (listed !== 'none') {
        listed = 'none';
        box.hidden = true;
        list.replaceChildren();
      }
      return;
    }
    const flat = handle.branches();
    const key = flat.join('|');
    if (key === listed) return;
    listed = key;
    box.hidden = flat.length <= 2;
    const items = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const [name, label] = [flat[i], flat[i + 1]];
      const li = document.createElement('li');
      if (i === 0) {
        const span = document.createElement('span');
        span.className = 'is-live';
        span.textContent = label;
        li.append(span);
      } else {
        const show = document.createElement('button');
        show.type = 'button';
        show.className = 'ghost small';
        show.dataset.branch = name;
        show.title = `Show the branch “${name}” at its newest step`;
        show.textContent = label;
        const del = document.createElement('button');
        del.type = 'button';
        del.className = 'ghost small';
        del.dataset.delete = name;
        del.setAttribute('aria-label', `Delete the branch “${name}”`);
        del.textContent = '✕';
        li.append(show, del);
      }
      items.push(li);
    }
    list.replaceChildren(...items);
  };

  let shown = '';
  let lastReadout = -1;
  return {
    /**
     * Called every frame: keeps the slider and the branch list on the step
     * on screen, when the handle says the readouts are due (every frame
     * when paused, a few times a second while playing).
     */
    tick() {
      const readout = handle.readout();
      if (readout === lastReadout) return;
      lastReadout = readout;
      syncBranches();
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
 * Before `action` ("train", "weight" or a setting's key) at a past step: asks
 * whether to drop the later steps or keep them as a branch. Resolves to true
 * when the action may go on (nothing to ask, or the user chose).
 */
export async function confirmContinue(app, action = 'train') {
  const { handle } = app;
  if (!handle.asks_before(action)) return true;
  const dialog = $('continue-dialog');
  if (dialog.open) return false;
  $('continue-text').textContent = handle.continue_prompt();
  $('continue-keep').disabled = !handle.can_keep_branch();
  dialog.returnValue = '';
  dialog.showModal();
  $(handle.can_keep_branch() ? 'continue-keep' : 'continue-drop').focus();
  const choice = await new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue), { once: true });
  });
  if (choice !== 'keep' && choice !== 'drop') return false;
  return Boolean(app.run((h) => h.continue_from_here(choice === 'keep'), { quiet: true }));
}
