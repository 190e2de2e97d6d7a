// The probe point: the x1 and x2 sliders under the network, and clicks on the
// data plot outside edit mode. Every input event goes straight to the handle
// (set_input only stores two numbers); the running animation loop draws it in
// the very next frame, so a drag never queues work.

import { $ } from './app.js';
import { applyLimits } from './settings.js';

export function initProbe(app) {
  const x1 = $('x1');
  const x2 = $('x2');
  const out1 = $('x1-out');
  const out2 = $('x2-out');
  applyLimits(x1, 'x');
  applyLimits(x2, 'x');

  const show = () => {
    out1.textContent = x1.value;
    out2.textContent = x2.value;
  };

  const fromSliders = () => {
    show();
    app.run((h) => h.set_input(x1.valueAsNumber, x2.valueAsNumber), { detail: { continuous: true, probe: true } });
  };
  x1.addEventListener('input', fromSliders);
  x2.addEventListener('input', fromSliders);

  // Re-read the probe after any change (plot click, a link, an opened session).
  app.onChange(() => {
    const [a, b] = app.handle.get('x').split(',');
    x1.value = a;
    x2.value = b;
    show();
  });

  return {
    /** Moves the probe to data coordinates (x1, x2), e.g. from a plot click. */
    moveTo(a, b) {
      app.run((h) => h.set_input(a, b), { detail: { continuous: true, probe: true } });
    },
  };
}
