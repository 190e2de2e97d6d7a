// The transport bar (Reset, Play/Pause, Step, Phase, speed) and its keyboard
// shortcuts: Space play/pause, → step, Shift+→ one phase, R reset.

import { $, isTyping } from './app.js';
import { bringBack, confirmContinue } from './history.js';

export function initTransport(app) {
  const play = $('play');

  const reset = () => app.run((h) => h.reset(), { detail: { reset: true } });
  const togglePlay = async () => {
    if (!app.handle.playing() && !(await confirmContinue(app))) return;
    app.run((h) => (h.playing() ? h.pause() : h.play()), { quiet: true });
    syncPlay();
  };
  const step = async () => (await confirmContinue(app)) && app.run((h) => h.step(), { quiet: true });
  // At a past step Phase replays the recorded step after it: nothing to ask.
  const phase = async () => (await confirmContinue(app, 'phase')) && app.run((h) => h.phase(), { quiet: true });

  $('reset').addEventListener('click', reset);
  play.addEventListener('click', togglePlay);
  $('step').addEventListener('click', step);
  $('phase').addEventListener('click', phase);
  $('divergence-reset').addEventListener('click', reset);
  $('divergence-reset-rate').addEventListener('click', () => {
    app.run((h) => h.reset_with_rate(), { detail: { reset: true } });
  });
  // Undo for the run a reset, new data or a rebuild put aside.
  $('put-aside-undo').addEventListener('click', () => bringBack(app));
  $('put-aside-dismiss').addEventListener('click', () => {
    app.run((h) => h.forget_put_aside());
  });
  $('divergence-dismiss').addEventListener('click', () => {
    app.run((h) => h.dismiss_alert(), { quiet: true });
  });

  let shown = null;
  const syncPlay = () => {
    const playing = app.handle.playing();
    if (playing === shown) return;
    shown = playing;
    play.setAttribute('aria-label', playing ? 'Pause' : 'Play');
    play.classList.toggle('is-playing', playing);
  };

  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    if (isTyping(e.target)) return;
    const onButton = e.target instanceof Element && e.target.closest('button, a, summary');
    if (e.key === ' ' && !onButton) {
      e.preventDefault();
      togglePlay();
    } else if (e.key === 'ArrowRight') {
      e.preventDefault();
      if (e.shiftKey) phase();
      else step();
    } else if (e.key === 'r' || e.key === 'R') {
      e.preventDefault();
      reset();
    }
  });

  syncPlay();
  // Play stops by itself (divergence, a rebuild): the loop keeps the button honest.
  return { tick: syncPlay };
}
