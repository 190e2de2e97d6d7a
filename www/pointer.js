// Pointer input on the network canvas and the loss chart.
//
// Network: hovering (or tapping) a bulb or a wire shows its numbers in the
// read-out line under the canvas, never over the bulbs; clicking a wire opens
// a small inline editor for its weight (Enter applies, Escape cancels). On
// touch, the first tap on a wire only shows its numbers, and a second tap on
// the same wire opens the editor, so a wire can be read without editing it.
// Chart: hovering shows the epoch's losses.

import { $ } from './app.js';
import { TOUCH } from './touch.js';
import { confirmContinue } from './history.js';

const HINT = TOUCH
  ? 'Tap a bulb or a wire to see its numbers; tap the same wire again to change its weight.'
  : 'Hover a bulb or a wire to see its numbers; click a wire to change its weight.';

/** CSS-pixel position of a pointer event inside an element. */
export function local(e, el) {
  const r = el.getBoundingClientRect();
  return [e.clientX - r.left, e.clientY - r.top];
}

export function initPointer(app) {
  const { handle } = app;
  const canvas = $('network-canvas');
  const readout = $('readout');
  const editor = $('wire-editor');
  const input = $('wire-value');
  const wireLabel = $('wire-label');
  let editing = null;

  let shownText = HINT;
  readout.textContent = HINT;
  // After a first tap on a wire, its read-out says how to edit it.
  let tapNote = '';
  const show = (text) => {
    const next = text ? (tapNote && text.startsWith('w = ') ? `${text}${tapNote}` : text) : HINT;
    if (next === shownText) return;
    shownText = next;
    readout.textContent = next;
    readout.classList.toggle('is-hint', next === HINT);
  };

  let hovering = null; // [x, y] while the pointer is over the canvas
  const hoverAt = ([x, y]) => {
    show(app.run((h) => h.hover_network(x, y), { quiet: true }) || '');
  };
  const hover = (e) => {
    hovering = local(e, canvas);
    hoverAt(hovering);
  };

  canvas.addEventListener('pointermove', (e) => {
    if (e.pointerType === 'mouse' || e.pointerType === 'pen') hover(e);
  });
  // Click events carry whole-pixel coordinates; the press's are exact.
  let pressed = null;
  let pressedBy = 'mouse';
  canvas.addEventListener('pointerdown', (e) => {
    pressed = local(e, canvas);
    pressedBy = e.pointerType;
    if (e.pointerType === 'touch') hover(e);
  });
  canvas.addEventListener('pointerleave', (e) => {
    if (e.pointerType !== 'touch') {
      hovering = null;
      app.run((h) => h.hover_network(Number.NaN, Number.NaN), { quiet: true });
      show('');
    }
  });

  // Clicking a wire opens the weight editor there (on touch: a second tap).
  let tapped = '';
  canvas.addEventListener('click', (e) => {
    const [x, y] = pressed ?? local(e, canvas);
    const touch = pressedBy === 'touch';
    pressed = null;
    const wire = app.run((h) => h.wire_at(x, y), { quiet: true });
    if (!wire || wire.length !== 4) {
      tapped = '';
      tapNote = '';
      close();
      return;
    }
    const [layer, from, to, w] = wire;
    const id = `${layer},${from},${to}`;
    if (touch && tapped !== id) {
      tapped = id;
      tapNote = ' — tap this wire again to change its weight.';
      close();
      show(app.run((h) => h.hover_network(x, y), { quiet: true }) || '');
      return;
    }
    tapped = '';
    tapNote = '';
    editing = { layer, from, to };
    wireLabel.textContent = `Weight ${from + 1}→${to + 1}`;
    input.setAttribute('aria-label', `Weight from neuron ${from + 1} to neuron ${to + 1} of the next layer`);
    input.value = String(Number(w.toPrecision(4)));
    editor.style.setProperty('--x', `${x}px`);
    editor.style.setProperty('--y', `${y}px`);
    editor.hidden = false;
    input.focus();
    input.select();
  });

  const close = () => {
    if (editor.hidden) return;
    editor.hidden = true;
    editing = null;
    if (editor.contains(document.activeElement)) canvas.focus();
  };

  editor.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!editing) return;
    const { layer, from, to } = editing;
    const value = input.valueAsNumber;
    if (!Number.isFinite(value)) {
      app.error('Type a number for the weight, e.g. 0.5 or -1.2.');
      return;
    }
    if (!(await confirmContinue(app, 'weight'))) return;
    if (app.run((h) => h.set_weight(layer, from, to, value))) close();
  });
  editor.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  });
  $('wire-cancel').addEventListener('click', close);
  app.onChange(({ probe, failed }) => {
    if (!probe && !failed) close();
  });

  // The loss chart's read-out.
  const chart = $('chart-canvas');
  const chartReadout = $('chart-readout');
  chart.addEventListener('pointermove', (e) => {
    const [x] = local(e, chart);
    chartReadout.textContent = app.run((h) => h.hover_chart(x), { quiet: true }) || '';
  });
  chart.addEventListener('pointerleave', () => {
    app.run((h) => h.hover_chart(Number.NaN), { quiet: true });
    chartReadout.textContent = '';
  });
  $('log-chart').addEventListener('change', (e) => {
    app.run((h) => h.set_log_chart(e.target.checked), { quiet: true });
  });

  // While training runs under a resting pointer, keep its numbers current.
  let refreshed = 0;
  const tick = (now) => {
    if (!hovering || now - refreshed < 250) return;
    refreshed = now;
    hoverAt(hovering);
  };

  return { tick };
}
