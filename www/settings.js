// The settings table from Rust (crates/web/src/controller/settings.rs), read
// once: every control's limits and choice lists come from here, never from a
// copy in this directory or in index.html.

import { settings as settingsJson } from './pkg/lightbulb_web.js';

let table = null;

/** The setting of `key`: { key, label, type, effect, default, min, max, step, unit, choices, layers, neurons }. */
export function setting(key) {
  table ??= new Map(JSON.parse(settingsJson()).map((s) => [s.key, s]));
  const s = table.get(key);
  if (!s) throw new Error(`no setting "${key}" in the settings table`);
  return s;
}

/** Gives a range input its setting's limits and step. */
export function applyLimits(input, key = input.dataset.key) {
  const s = setting(key);
  input.min = String(s.min);
  input.max = String(s.max);
  input.step = String(s.step);
  if (s.unit) input.dataset.unit = s.unit;
}

/** Fills a select with its setting's choices ([value, label, title]). */
export function fillChoices(select, key = select.dataset.key) {
  const keep = Array.from(select.options).filter((o) => o.dataset.keep !== undefined);
  select.replaceChildren(...setting(key).choices.map(([value, label]) => new Option(label, value)), ...keep);
}
