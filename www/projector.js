// Projector mode (the Projector button, the P key): big type and high
// contrast for a room (www/projector.css; the canvases' text through
// set_projector), secondary controls hidden. A
// click on a bulb puts it in the spotlight (the rest dims; again, or
// elsewhere, to end it); a presentation clicker's PageDown and PageUp go
// forward and back one phase.

import { $, isTyping } from './app.js';

export function initProjector(app) {
  const toggle = $('projector-toggle');
  const canvas = $('network-canvas');
  const on = () => document.body.classList.contains('projector');

  const set = (wanted) => {
    document.body.classList.toggle('projector', wanted);
    toggle.setAttribute('aria-pressed', String(wanted));
    // The canvases' text too: 24 px and 7:1 (the size is Rust's).
    app.run((h) => h.set_projector(wanted), { quiet: true });
    if (!wanted) app.run((h) => h.spotlight(Number.NaN, Number.NaN), { quiet: true });
  };
  toggle.addEventListener('click', () => set(!on()));

  // Before the wire editor and the probe: in projector mode a click spotlights.
  canvas.addEventListener('click', (e) => {
    if (!on()) return;
    e.stopImmediatePropagation();
    const box = canvas.getBoundingClientRect();
    app.run((h) => h.spotlight(e.clientX - box.left, e.clientY - box.top), { quiet: true });
  }, { capture: true });

  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
    if (e.key === 'p' || e.key === 'P') {
      e.preventDefault();
      set(!on());
    } else if (on() && e.key === 'PageDown') {
      e.preventDefault();
      $('phase').click();
    } else if (on() && e.key === 'PageUp') {
      e.preventDefault();
      app.run((h) => h.phase_back(), { quiet: true });
    }
  });
}
