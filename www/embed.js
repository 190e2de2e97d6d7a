// An embedded page (embed=… in its link, e.g. in an <iframe>; the
// controller reads the names): only the network and the controls named,
// through body classes that www/embed.css reads. The help shows the
// <iframe> snippet for the current state.

import { $ } from './app.js';
import { embed_controls as embedControls } from './pkg/lightbulb_web.js';

/** The controls a snippet shows unless the author changes the list. */
const SNIPPET_CONTROLS = 'play,step,phase,reset';

export function initEmbed(app) {
  const names = app.handle.embedded();
  const embedded = names !== undefined;
  if (embedded) {
    document.body.classList.add('embedded');
    for (const name of names.split(',').filter(Boolean)) document.body.classList.add(`embed-${name}`);
  }
  $('embed-list').textContent = JSON.parse(embedControls())
    .map(([name, what]) => `${name} (${what})`)
    .join(', ');
  const snippet = $('embed-snippet');
  const update = () => {
    if (embedded) return;
    const src = `${location.origin}${location.pathname}#${app.handle.hash()}&embed=${SNIPPET_CONTROLS}`;
    const text = `<iframe src="${src.replaceAll('&', '&amp;')}" width="900" height="560" title="Lightbulb" loading="lazy"></iframe>`;
    if (snippet.textContent !== text) snippet.textContent = text;
  };
  app.onChange(update);
  update();
}
