// Settings controls → handle.set(key, value), and back: after every change
// each control re-reads its value with handle.get(key), because the handle may
// adjust one setting when another changes (e.g. the loss when the dataset does).
//
// Controls carry their setting's key in data-key. Sliders apply on `input`
// (live), selects and checkboxes on `change`.

import { $ } from './app.js';
import { applyLimits, fillChoices, setting } from './settings.js';
import { confirmContinue } from './history.js';

export function initControls(app) {
  const { handle } = app;
  const keyed = Array.from(document.querySelectorAll('[data-key]'));

  // Limits and choice lists come from the settings table in Rust, not from a
  // copy here or in index.html (the loss list depends on the problem: below).
  for (const el of keyed) {
    if (el.type === 'range') applyLimits(el);
    else if (el.tagName === 'SELECT' && el.dataset.key !== 'loss') fillChoices(el);
  }
  buildDatasetTiles($('datasets'));

  const showOutput = (input) => {
    const out = $(`${input.id}-out`);
    if (out) out.textContent = `${input.value}${input.dataset.unit ?? ''}`;
  };

  // At a past step a setting that applies live first asks whether to drop
  // the later steps or keep them as a branch; cancelled, the control goes back.
  const set = async (key, value, detail = {}) => {
    if (!(await confirmContinue(app, key))) {
      app.changed({ failed: true });
      return;
    }
    app.run((h) => h.set(key, value), { detail });
  };
  for (const el of keyed) {
    const key = el.dataset.key;
    if (el.type === 'range') {
      el.addEventListener('input', () => {
        showOutput(el);
        set(key, el.value, { continuous: true });
      });
    } else if (el.type === 'checkbox') {
      el.addEventListener('change', () => set(key, el.checked ? '1' : '0'));
    } else {
      el.addEventListener('change', () => {
        if (el.value === 'mixed') return;
        set(key, el.value);
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

  // The losses that fit the problem, as Rust decides: [value, label, value, label, …].
  const lossSelect = $('loss');
  let lossShown = '';
  const fillLossOptions = () => {
    const flat = handle.loss_choices();
    const key = flat.join('|');
    if (key === lossShown) return;
    lossShown = key;
    const options = [];
    for (let i = 0; i + 1 < flat.length; i += 2) options.push(new Option(flat[i + 1], flat[i]));
    lossSelect.replaceChildren(...options);
  };

  const sync = () => {
    fillLossOptions();
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
    $('classes-row').hidden = !handle.applies('classes');
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

/** The dataset picker's buttons, one per dataset of the table, each with a live preview canvas. */
function buildDatasetTiles(picker) {
  picker.replaceChildren(...setting('dataset').choices.map(([value, label, title]) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.dataset = value;
    button.setAttribute('aria-label', label === title ? label : title.replace(/ \(\d.*\)$/, ''));
    button.title = title;
    const canvas = document.createElement('canvas');
    canvas.className = 'ds-preview';
    canvas.setAttribute('aria-hidden', 'true');
    button.append(canvas);
    return button;
  }));
}

/** Adds an option for a value the list does not have (e.g. lr=0.05 from a link). */
function ensureOption(select, value) {
  if (Array.from(select.options).some((o) => o.value === value)) return;
  const option = new Option(value, value);
  option.dataset.custom = 'true';
  select.add(option);
}
