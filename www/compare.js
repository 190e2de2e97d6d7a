// Comparing two runs: "Compare" pins the run on screen (run A) and starts
// run B from the same initial weights and data; the bar under the chart
// says which run the network view shows, switches to the other, and stops
// comparing (after asking: the run not on screen is then forgotten).

import { $ } from './app.js';

export function initCompare(app) {
  const { handle } = app;
  const start = $('compare');
  const bar = $('compare-bar');
  const label = $('compare-text');
  const other = $('switch-run');

  start.addEventListener('click', () => app.run((h) => h.compare(), { detail: { history: true } }));
  other.addEventListener('click', () => app.run((h) => h.switch_run(), { detail: { history: true } }));
  $('stop-compare').addEventListener('click', () => {
    const [shown, hidden] = handle.run_names();
    if (!hidden || !window.confirm(`Stop comparing? ${hidden} will be forgotten; ${shown} stays on screen.`)) return;
    app.run((h) => h.stop_comparing(), { quiet: true });
  });

  let listed = null;
  return {
    /** Called every frame: shows the bar while comparing. */
    tick() {
      const names = handle.run_names().join('|');
      if (names === listed) return;
      listed = names;
      const [shown, hidden] = handle.run_names();
      bar.hidden = !shown;
      start.hidden = Boolean(shown);
      if (!shown) return;
      label.textContent = `Showing ${shown} · ${hidden} in violet on the chart`;
      other.textContent = `Show ${hidden}`;
    },
  };
}
