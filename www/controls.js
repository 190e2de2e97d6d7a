// Settings controls → handle.set(key, value), and back: after every change
// each control re-reads its value with handle.get(key), because the handle may
// adjust one setting when another changes (e.g. the loss when the dataset does).
//
// Controls carry their setting's key in data-key. Sliders apply on `input`
// (live), selects and checkboxes on `change`.

import { $ } from './app.js';
import { setting_choices as settingChoices } from './pkg/lightbulb_web.js';

const LOSS_CHOICES = {
  regression: [['mse', 'Regression: linear + MSE']],
  two: [
    ['mse', 'Two classes: tanh + MSE'],
    ['bce', 'Two classes: sigmoid + cross-entropy'],
    ['softmax_ce', 'Two classes: softmax + cross-entropy'],
  ],
  many: [['softmax_ce', 'Several classes: softmax + cross-entropy']],
};

const CLASS_COUNT_DATASETS = new Set(['blobs', 'spiral']);

export function initControls(app) {
  const { handle } = app;
  const keyed = Array.from(document.querySelectorAll('[data-key]'));

  // Lists of numbers (learning rate, regularization rate) come from the
  // settings in Rust, not from a copy here.
  for (const select of document.querySelectorAll('select[data-choices]')) {
    select.replaceChildren(...settingChoices(select.dataset.key).map((v) => new Option(v, v)));
  }

  const showOutput = (input) => {
    const out = $(`${input.id}-out`);
    if (out) out.textContent = `${input.value}${input.dataset.unit ?? ''}`;
  };

  for (const el of keyed) {
    const key = el.dataset.key;
    if (el.type === 'range') {
      el.addEventListener('input', () => {
        showOutput(el);
        app.run((h) => h.set(key, el.value), { detail: { continuous: true } });
      });
    } else if (el.type === 'checkbox') {
      el.addEventListener('change', () => {
        app.run((h) => h.set(key, el.checked ? '1' : '0'));
      });
    } else {
      el.addEventListener('change', () => {
        if (el.value === 'mixed') return;
        app.run((h) => h.set(key, el.value));
      });
    }
  }

  // The dataset picker.
  const picker = $('datasets');
  const tiles = Array.from(picker.querySelectorAll('[data-dataset]'));
  for (const tile of tiles) {
    tile.addEventListener('click', () => {
      app.run((h) => h.set('dataset', tile.dataset.dataset));
    });
  }

  $('regenerate').addEventListener('click', () => {
    app.run((h) => h.regenerate(), { ok: 'New points drawn.' });
  });

  const lossSelect = $('loss');
  let lossKind = '';
  const fillLossOptions = (classes) => {
    const kind = classes === 0 ? 'regression' : classes === 2 ? 'two' : 'many';
    if (kind === lossKind) return;
    lossKind = kind;
    lossSelect.replaceChildren(
      ...LOSS_CHOICES[kind].map(([value, text]) => new Option(text, value)),
    );
  };

  const sync = () => {
    fillLossOptions(handle.classes());
    for (const el of keyed) {
      if (el.id === 'activation') continue;
      const value = handle.get(el.dataset.key);
      if (el.type === 'checkbox') {
        el.checked = value === '1';
      } else if (el.tagName === 'SELECT') {
        ensureOption(el, value);
        el.value = value;
      } else {
        el.value = value;
        showOutput(el);
      }
    }
    const dataset = handle.get('dataset');
    for (const tile of tiles) {
      const on = tile.dataset.dataset === dataset;
      tile.setAttribute('aria-pressed', String(on));
      if (on) $('dataset-name').textContent = tile.getAttribute('aria-label');
    }
    $('classes-row').hidden = !CLASS_COUNT_DATASETS.has(dataset);
    syncActivation();
    $('batch').disabled = handle.get('follow') === '1';
  };

  const activation = $('activation');
  const mixed = activation.querySelector('option[value="mixed"]');
  const syncActivation = () => {
    const acts = handle.get('acts');
    const names = acts === '' ? [] : acts.split(',');
    activation.disabled = names.length === 0;
    const uniform = names.every((n) => n === names[0]);
    mixed.hidden = uniform;
    activation.value = names.length === 0 ? handle.get('activation') : uniform ? names[0] : 'mixed';
  };

  app.onChange(sync);
  sync();
}

/** Adds an option for a value the list does not have (e.g. lr=0.05 from a link). */
function ensureOption(select, value) {
  if (Array.from(select.options).some((o) => o.value === value)) return;
  const option = new Option(value, value);
  option.dataset.custom = 'true';
  select.add(option);
}
