// The network's shape: input feature toggles, the number of hidden layers,
// and per layer its neuron count and activation. The row of per-layer
// controls sits above the canvas, one cell per drawn column.

import { $ } from './app.js';
import { setting } from './settings.js';

const NEW_LAYER_NEURONS = 4;

export function initNetwork(app) {
  const { handle } = app;
  // Limits and lists from the settings table.
  const { layers: MAX_LAYERS, neurons: MAX_NEURONS } = setting('layers');
  const ACTIVATIONS = setting('acts').choices;
  const chips = setting('features').choices.map(([value, label, title]) => {
    const chip = document.createElement('button');
    chip.type = 'button';
    chip.className = 'chip';
    chip.dataset.feature = value;
    chip.setAttribute('aria-label', title);
    chip.textContent = label;
    return chip;
  });
  $('features').append(...chips);
  const row = $('layer-row');
  let shown = '';

  // Layer sizes and activations as lists (the handle's text forms, split on commas).
  const sizes = () => {
    const text = handle.get('layers');
    return text === '' ? [] : text.split(',');
  };
  const acts = () => {
    const text = handle.get('acts');
    return text === '' ? [] : text.split(',');
  };
  const setLayers = (list) => app.run((h) => h.set('layers', list.join(',')), { detail: { structure: true } });

  for (const chip of chips) {
    chip.addEventListener('click', () => {
      const on = new Set(handle.get('features').split(','));
      if (on.has(chip.dataset.feature)) on.delete(chip.dataset.feature);
      else on.add(chip.dataset.feature);
      const names = chips.map((c) => c.dataset.feature).filter((n) => on.has(n));
      if (names.length === 0) {
        app.error('The network needs at least one input feature.');
        return;
      }
      app.run((h) => h.set('features', names.join(',')), { detail: { structure: true } });
    });
  }

  $('layer-add').addEventListener('click', () => {
    const list = sizes();
    if (list.length >= MAX_LAYERS) return;
    list.push(list.length ? list[list.length - 1] : String(NEW_LAYER_NEURONS));
    setLayers(list);
  });
  $('layer-remove').addEventListener('click', () => {
    const list = sizes();
    if (list.length === 0) return;
    list.pop();
    setLayers(list);
  });

  // One delegated listener for the per-layer cells.
  row.addEventListener('click', (e) => {
    const button = e.target instanceof Element && e.target.closest('button[data-layer]');
    if (!button) return;
    const list = sizes();
    const i = Number(button.dataset.layer);
    const next = Number(list[i]) + Number(button.dataset.delta);
    if (next < 1 || next > MAX_NEURONS) return;
    list[i] = String(next);
    setLayers(list);
  });
  row.addEventListener('change', (e) => {
    const select = e.target;
    if (!(select instanceof HTMLSelectElement)) return;
    const list = acts();
    list[Number(select.dataset.layer)] = select.value;
    app.run((h) => h.set('acts', list.join(',')), { detail: { structure: true } });
  });

  const build = () => {
    const layerSizes = sizes();
    const layerActs = acts();
    const features = handle.get('features').split(',');
    const key = `${layerSizes.join(',')}|${layerActs.join(',')}|${features.length}|${handle.classes()}`;
    for (const chip of chips) chip.setAttribute('aria-pressed', String(features.includes(chip.dataset.feature)));
    const n = layerSizes.length;
    $('layer-count-text').textContent = `${n} hidden layer${n === 1 ? '' : 's'}`;
    $('layer-add').disabled = n >= MAX_LAYERS;
    $('layer-remove').disabled = n === 0;
    if (key === shown) return;
    shown = key;

    const cells = [cell('layer-cell io')];
    layerSizes.forEach((size, i) => {
      const name = `layer ${i + 1}`;
      const less = stepButton('−', `Fewer neurons in ${name}`, i, -1, Number(size) <= 1);
      const more = stepButton('+', `More neurons in ${name}`, i, 1, Number(size) >= MAX_NEURONS);
      const count = text(size, 'count');
      // Read as "4 neurons in layer 1"; a span takes no aria-label.
      count.append(text(` neurons in ${name}`, 'visually-hidden'));
      const stepper = document.createElement('div');
      stepper.className = 'stepper';
      stepper.append(less, count, more);
      const select = document.createElement('select');
      select.dataset.layer = String(i);
      select.setAttribute('aria-label', `Activation of ${name}`);
      for (const [value, label] of ACTIVATIONS) select.add(new Option(label, value));
      select.value = layerActs[i] ?? 'tanh';
      cells.push(cell('layer-cell', stepper, select));
    });
    cells.push(cell('layer-cell io'));
    // Keep keyboard focus on the same control across the rebuild.
    const focused = row.contains(document.activeElement) ? focusKey(document.activeElement) : '';
    row.replaceChildren(...cells);
    if (focused) {
      const again = Array.from(row.querySelectorAll('button, select')).find((el) => focusKey(el) === focused);
      if (again && !again.disabled) again.focus();
    }
    row.dataset.columns = String(cells.length);
  };

  app.onChange(build);
  build();
}

function focusKey(el) {
  return `${el.tagName}:${el.dataset.layer ?? ''}:${el.dataset.delta ?? ''}`;
}

function cell(className, ...children) {
  const div = document.createElement('div');
  div.className = className;
  div.append(...children);
  return div;
}

function text(content, className = 'label') {
  const span = document.createElement('span');
  span.className = className;
  span.textContent = content;
  return span;
}

function stepButton(symbol, label, layer, delta, disabled) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'round small';
  button.textContent = symbol;
  button.setAttribute('aria-label', label);
  button.dataset.layer = String(layer);
  button.dataset.delta = String(delta);
  button.disabled = disabled;
  return button;
}
