// The engineer's view, in the numbers panel: a wire's gradient from
// backprop beside a finite difference, with one bar per example of the batch
// (its share δ·a, whose mean is ∂L/∂w); a training point's push on every
// weight (click it on the data plot); "Check all gradients"; and "Export
// the next step" (model, batch and trace files that `lightbulb step --model
// M --batch B --trace` reproduces bit for bit). Rust computes every number
// (handle.inspect_weight, check_all_gradients, export_step); this module
// draws them.

import { $, messageOf } from './app.js';
import { download } from './files.js';
import { num, rel } from './format.js';
import { svg as svgNode } from './svg.js';
import { TOUCH } from './touch.js';


function bars(el, w) {
  const n = w.shares.length;
  const values = w.shares.map((d) => d + w.regularization);
  const top = Math.max(1e-300, ...values.map(Math.abs), Math.abs(w.mean));
  const W = 320;
  const H = 90;
  const mid = H / 2;
  const slot = W / Math.max(n, 1);
  const y = (v) => mid - (v / top) * (mid - 4);
  const svg = svgNode('svg', { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none' });
  const add = (name, attrs) => svg.appendChild(svgNode(name, attrs));
  add('line', { x1: 0, x2: W, y1: mid, y2: mid, class: 'axis' });
  values.forEach((v, i) => {
    add('rect', {
      x: i * slot + slot * 0.15,
      y: Math.min(y(v), mid),
      width: slot * 0.7,
      height: Math.max(Math.abs(y(v) - mid), 0.5),
      class: v >= 0 ? 'pos' : 'neg',
    });
  });
  add('line', { x1: 0, x2: W, y1: y(w.mean), y2: y(w.mean), class: 'mean' });
  el.setAttribute(
    'aria-label',
    `${n} bars, one per example: ${values.map((v) => num(v)).join(', ')}; their mean ${num(w.mean)} is ∂L/∂w.`,
  );
  el.replaceChildren(svg);
  el.hidden = false;
}

export function initCheck(app) {
  const { handle } = app;
  const canvas = $('network-canvas');
  const panel = $('numbers');
  const text = $('check-wire-text');
  const barsEl = $('check-bars');
  const result = $('check-all-result');
  let shown = '';
  let chosen = null; // the clicked wire stays until another is clicked
  if (TOUCH) text.textContent = "Tap a wire to check its gradient and see each example's share.";

  const show = (wire) => {
    const key = `${handle.revision()}:${handle.steps()}:${wire.join(',')}`;
    if (key === shown) return;
    shown = key;
    let w;
    try {
      w = JSON.parse(handle.inspect_weight(wire[0], wire[1], wire[2]));
    } catch (error) {
      text.textContent = messageOf(error);
      barsEl.hidden = true;
      return;
    }
    if (!Number.isFinite(w.analytic) || !w.shares.every(Number.isFinite)) {
      text.textContent = 'The numbers are not finite here (training diverged): there is no gradient to check. Reset to start again.';
      barsEl.hidden = true;
      return;
    }
    const kink = w.at_kink ? ' (a ReLU kink sits inside every step tried: the difference is no derivative here)' : '';
    const reg = w.regularization !== 0 ? `, each including the regularization term ${num(w.regularization)}` : '';
    text.textContent =
      `Weight ${w.from + 1}→${w.to + 1} into layer ${w.layer + 1} (w = ${num(w.weight)}), step ${w.step}, ${w.examples} examples: ` +
      `backprop ∂L/∂w = ${num(w.analytic)}, finite difference ${num(w.numeric)}, relative error ${rel(w.relative_error)}${kink}. ` +
      `Bars: each example's share δ·a${reg}; the line is their mean, ${num(w.mean)}.`;
    bars(barsEl, w);
  };

  const wireAt = (e) => {
    const r = canvas.getBoundingClientRect();
    const wire = handle.wire_at(e.clientX - r.left, e.clientY - r.top);
    return wire.length === 4 ? wire : null;
  };
  canvas.addEventListener('pointermove', (e) => {
    if (panel.hidden || e.pointerType === 'touch') return;
    const wire = wireAt(e);
    if (wire) show(wire);
  });
  canvas.addEventListener('pointerleave', () => {
    if (!panel.hidden && chosen) show(chosen);
  });
  canvas.addEventListener('click', (e) => {
    const wire = wireAt(e);
    if (!wire) return;
    chosen = wire;
    if (!panel.hidden) show(wire);
  });
  app.onChange(() => {
    if (!panel.hidden && chosen) show(chosen);
  });

  // A training point's push on every weight: click it on the data plot.
  const plot = $('data-canvas');
  const pointText = $('check-point-text');
  const tables = $('check-point-tables');
  let point = null; // data coordinates of the last click
  const showPush = () => {
    if (!point) return;
    const json = app.run((h) => h.point_push(point[0], point[1], point[2]), { quiet: true });
    if (typeof json !== 'string') return;
    const p = JSON.parse(json);
    if (!p) {
      pointText.textContent = 'No training point there: click on one of the data plot\'s points.';
      tables.replaceChildren();
      return;
    }
    const all = p.layers.flatMap((l) => [...l.weights.flat(), ...l.biases]);
    if (!all.every(Number.isFinite)) {
      pointText.textContent = 'The numbers are not finite here (training diverged): there is no push to show. Reset to start again.';
      tables.replaceChildren();
      return;
    }
    const top = Math.max(1e-300, ...all.map(Math.abs));
    const { index, x1, x2, label } = p.point;
    const big = p.largest;
    pointText.textContent =
      `Training point ${index + 1} (x₁ = ${num(x1)}, x₂ = ${num(x2)}, label ${num(label)}): its push on every weight, the gradient it alone gives at the weights on screen ` +
      `(δ·a per weight, plus the regularization term; δ per bias). Training moves each weight against the mean push of its batch.` +
      (big ? ` Largest: weight ${big.from + 1}→${big.to + 1} into layer ${big.layer + 1}, ${num(big.value)}.` : '');
    tables.replaceChildren(...p.layers.map((layer, l) => {
      const table = document.createElement('table');
      const caption = table.createCaption();
      caption.textContent = l + 1 === p.layers.length ? 'Into the output' : `Into layer ${l + 1}`;
      const head = table.createTHead().insertRow();
      const cols = layer.weights[0]?.length ?? 0;
      for (const t of ['neuron', ...Array.from({ length: cols }, (_, i) => `w←${i + 1}`), 'b']) {
        const th = document.createElement('th');
        th.scope = 'col';
        th.textContent = t;
        head.append(th);
      }
      const body = table.createTBody();
      layer.weights.forEach((row, j) => {
        const tr = body.insertRow();
        const th = document.createElement('th');
        th.scope = 'row';
        th.textContent = String(j + 1);
        tr.append(th);
        for (const v of [...row, layer.biases[j]]) {
          const td = tr.insertCell();
          td.textContent = num(v);
          td.dataset.push = String(v);
          // Magenta pushes a weight down, green up: the network view's gradient colours.
          const a = (0.12 + 0.5 * Math.abs(v) / top).toFixed(2);
          td.style.backgroundColor = v >= 0 ? `rgba(255, 84, 214, ${a})` : `rgba(64, 240, 168, ${a})`;
        }
      });
      return table;
    }));
  };
  plot.addEventListener('click', (e) => {
    if (panel.hidden || $('edit-toggle').getAttribute('aria-pressed') === 'true') return;
    const r = plot.getBoundingClientRect();
    const [cx, cy] = [e.clientX - r.left, e.clientY - r.top];
    const at = handle.plot_point(cx, cy);
    const near = handle.plot_point(cx + 10, cy);
    if (at.length < 2 || near.length < 2) return;
    point = [at[0], at[1], Math.abs(near[0] - at[0])];
    showPush();
  });
  app.onChange(() => {
    if (!panel.hidden) showPush();
  });

  $('check-all').addEventListener('click', () => {
    const json = app.run((h) => h.check_all_gradients(), { quiet: true });
    if (typeof json !== 'string') return;
    const c = JSON.parse(json);
    const where = c.worst
      ? ` (${c.worst.kind} ${c.worst.from === null ? '' : `${c.worst.from + 1}→`}${c.worst.to + 1} into layer ${c.worst.layer + 1}: backprop ${num(c.worst.analytic)}, finite difference ${num(c.worst.numeric)})`
      : '';
    const kinks = c.at_kinks ? `; ${c.at_kinks} at a ReLU kink, left out` : '';
    result.textContent = `${c.parameters} weights and biases checked on step ${c.step}'s ${c.examples} examples: worst relative error ${rel(c.worst_relative_error)}${where}${kinks}.`;
    result.dataset.worst = String(c.worst_relative_error);
  });

  $('export-step').addEventListener('click', () => {
    const files = app.run((h) => h.export_step());
    if (!Array.isArray(files)) return;
    const n = handle.steps();
    const name = (what) => `lightbulb-step-${n}-${what}.json`;
    // The text goes out as Rust wrote it: every number in shortest round-trip form.
    ['model', 'batch', 'trace'].forEach((what, i) => {
      download(new Blob([files[i]], { type: 'application/json' }), name(what));
    });
    app.say(`Step ${n} exported: ${name('model')}, ${name('batch')} and ${name('trace')}. Run: lightbulb step --model ${name('model')} --batch ${name('batch')} --trace`);
  });
}
