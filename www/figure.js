// A lesson's figure, drawn from the plain numbers Rust sends in
// lesson_json().figure. Today one kind: the activation curves side by side
// (sigmoid, tanh, ReLU), each with the output neuron's z marked on it; the
// neuron's own activation is outlined.

import { num as format } from './format.js';
import { svg } from './svg.js';

const W = 160;
const H = 96;
const PAD = 8;


/** A number as the figure writes it: 3 significant digits. */
const num = (v) => format(v, 3);

/** One curve's panel: axes, the curve, and the point (z, f(z)). */
function panel(curve, fig) {
  const ys = curve.points.map((p) => p[1]);
  const lo = Math.min(0, ...ys);
  const hi = Math.max(...ys);
  const x = (z) => PAD + ((z + fig.span) / (2 * fig.span)) * (W - 2 * PAD);
  const y = (a) => H - PAD - ((a - lo) / (hi - lo || 1)) * (H - 2 * PAD);
  const box = svg('svg', { viewBox: `0 0 ${W} ${H}`, 'aria-hidden': 'true' });
  box.append(
    svg('line', { x1: PAD, x2: W - PAD, y1: y(0), y2: y(0), class: 'axis' }),
    svg('line', { x1: x(0), x2: x(0), y1: PAD, y2: H - PAD, class: 'axis' }),
    svg('polyline', { points: curve.points.map(([z, a]) => `${x(z).toFixed(1)},${y(a).toFixed(1)}`).join(' '), class: 'curve' }),
  );
  const known = fig.z !== null && curve.a !== null;
  if (known) {
    const zc = Math.max(-fig.span, Math.min(fig.span, fig.z));
    const ac = Math.max(lo, Math.min(hi, curve.a));
    box.append(
      svg('line', { x1: x(zc), x2: x(zc), y1: H - PAD, y2: y(ac), class: 'guide' }),
      svg('circle', { cx: x(zc), cy: y(ac), r: 4.5, class: 'mark' }),
    );
  }
  const item = document.createElement('figure');
  item.className = `curve-panel${curve.name === fig.active ? ' is-active' : ''}`;
  const title = document.createElement('p');
  title.className = 'curve-name';
  title.textContent = curve.label;
  if (curve.name === fig.active) {
    const own = document.createElement('b');
    own.textContent = ' · this neuron';
    title.append(own);
  }
  const caption = document.createElement('figcaption');
  caption.textContent = known ? `${curve.symbol}(${num(fig.z)}) = ${num(curve.a)}` : '';
  item.append(title, box, caption);
  return item;
}

/** Draws `fig` (or hides the figure when there is none) into `el`. */
export function drawFigure(el, fig) {
  el.hidden = !fig;
  if (!fig) {
    el.replaceChildren();
    return;
  }
  el.setAttribute(
    'aria-label',
    `The activation curves at the output neuron's z = ${fig.z === null ? 'unknown' : num(fig.z)}: ${fig.curves.map((c) => `${c.label} gives ${c.a === null ? 'nothing' : num(c.a)}`).join(', ')}.`,
  );
  el.replaceChildren(...fig.curves.map((c) => panel(c, fig)));
}
