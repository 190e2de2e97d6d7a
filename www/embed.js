// An embedded page (embed=… in its link, e.g. in an <iframe>; the
// controller reads the names): only the network and the controls named,
// through body classes that www/embed.css reads. lock=… (any page) shows
// the controls it names disabled. The help shows the <iframe> snippet for
// the current state, lock included.

import { $ } from './app.js';
import { embed_controls as embedControls } from './pkg/lightbulb_web.js';

/** The controls a snippet shows unless the author changes the list. */
const SNIPPET_CONTROLS = 'play,step,phase,reset';

/** The elements of each lockable control (the names are Rust's). */
const LOCKED_ELEMENTS = {
  play: ['play'],
  step: ['step'],
  phase: ['phase'],
  reset: ['reset', 'divergence-reset', 'divergence-reset-rate'],
  inputs: ['x1', 'x2'],
};

export function initEmbed(app) {
  const names = app.handle.embedded();
  const embedded = names !== undefined;
  // lock=… : shown but disabled (the controller refuses the change anyway,
  // whatever asks: a key, a click on the plot, a call).
  const locked = app.handle.locked().split(',').filter(Boolean);
  if (embedded) {
    document.body.classList.add('embedded');
    for (const name of [...names.split(','), ...locked].filter(Boolean)) document.body.classList.add(`embed-${name}`);
  }
  for (const name of locked) {
    document.body.classList.add(`lock-${name}`);
    for (const id of LOCKED_ELEMENTS[name] ?? []) {
      const el = $(id);
      el.disabled = true;
      el.title = `Locked by the link (lock=${locked.join(',')})`;
    }
  }
  const controls = JSON.parse(embedControls());
  $('embed-list').textContent = controls.map(([name, what]) => `${name} (${what})`).join(', ');
  $('lock-list').textContent = controls.filter((c) => c[2]).map(([name]) => name).join(', ');
  const snippet = $('embed-snippet');
  const update = () => {
    if (embedded) return;
    // The page's own hash keeps its lock=… (if the link had one): the
    // snippet locks the same controls, and shows them.
    const hash = app.handle.hash();
    const lock = hash.match(/(?:^|&)lock=([^&]*)/)?.[1] ?? '';
    const shown = [...new Set([...SNIPPET_CONTROLS.split(','), ...lock.split(',').filter(Boolean)])].join(',');
    const src = `${location.origin}${location.pathname}#${hash}&embed=${shown}`;
    const text = `<iframe src="${src.replaceAll('&', '&amp;')}" width="900" height="560" title="Lightbulb" loading="lazy"></iframe>`;
    if (snippet.textContent !== text) snippet.textContent = text;
  };
  app.onChange(update);
  update();
}
