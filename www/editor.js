// The data plot's pointer input and custom data.
//
// Outside edit mode, pressing or dragging on the plot moves the probe point.
// In edit mode a click adds a point of the chosen class (or value, for
// regression); Shift-click, or a long press on a touch screen, removes the
// nearest point. "Clear" removes every point; "Paste CSV" replaces them with
// pasted rows (parsed by the handle, which names every bad line).

import { $ } from './app.js';
import { local } from './pointer.js';

const LONG_PRESS_MS = 500;

export function initEditor(app, probe) {
  const { handle } = app;
  const canvas = $('data-canvas');
  const toggle = $('edit-toggle');
  const tools = $('edit-tools');
  const picker = $('class-picker');
  const valuePicker = $('value-picker');
  const value = $('point-value');
  const count = $('point-count');
  let editMode = false;
  let label = 0;
  let classes = -1;

  const setEditMode = (on) => {
    editMode = on;
    toggle.setAttribute('aria-pressed', String(on));
    toggle.textContent = on ? 'Done editing' : 'Edit data';
    tools.hidden = !on;
    canvas.classList.toggle('is-editing', on);
  };
  toggle.addEventListener('click', () => setEditMode(!editMode));

  const buildPicker = () => {
    const k = handle.classes();
    if (k === classes) return;
    classes = k;
    valuePicker.hidden = k !== 0;
    picker.hidden = k === 0;
    if (label >= k) label = 0;
    const buttons = [];
    for (let i = 0; i < k; i += 1) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = `swatch class-${i}`;
      b.setAttribute('role', 'radio');
      b.setAttribute('aria-checked', String(i === label));
      b.dataset.label = String(i);
      b.textContent = `Class ${i}`;
      buttons.push(b);
    }
    picker.replaceChildren(...buttons);
  };
  picker.addEventListener('click', (e) => {
    const b = e.target instanceof Element && e.target.closest('[data-label]');
    if (!b) return;
    label = Number(b.dataset.label);
    for (const other of picker.children) other.setAttribute('aria-checked', String(other === b));
  });
  value.addEventListener('input', () => {
    $('point-value-out').textContent = value.value;
  });

  const newLabel = () => (handle.classes() === 0 ? value.valueAsNumber : label);

  const add = (x, y) => {
    const [x1, x2] = handle.plot_point(x, y);
    app.run((h) => h.add_point(x1, x2, newLabel()), { detail: { points: true } });
  };
  const remove = (x, y) => {
    const [x1, x2] = handle.plot_point(x, y);
    const removed = app.run((h) => h.remove_point(x1, x2), { detail: { points: true } });
    if (removed === false) app.say('There is no point to remove.');
  };

  // Pointer handling on the plot.
  let press = null; // { id, timer, longPressed }
  canvas.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    const [x, y] = local(e, canvas);
    if (!editMode) {
      canvas.setPointerCapture(e.pointerId);
      press = { id: e.pointerId, dragging: true };
      // A touch may turn out to be a swipe that scrolls the page: the probe
      // moves when the finger moves sideways or lifts, not when it lands.
      if (e.pointerType !== 'touch') {
        const [x1, x2] = handle.plot_point(x, y);
        probe.moveTo(x1, x2);
      }
      return;
    }
    press = { id: e.pointerId, timer: 0, longPressed: false };
    if (e.pointerType === 'touch') {
      press.timer = setTimeout(() => {
        if (!press) return;
        press.longPressed = true;
        remove(x, y);
      }, LONG_PRESS_MS);
    }
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!press || press.id !== e.pointerId || !press.dragging) return;
    const [x, y] = local(e, canvas);
    const [x1, x2] = handle.plot_point(x, y);
    probe.moveTo(x1, x2);
  });
  const end = (e, cancelled) => {
    if (!press || press.id !== e.pointerId) return;
    const p = press;
    press = null;
    clearTimeout(p.timer);
    if (p.dragging) {
      if (!cancelled && e.pointerType === 'touch') {
        const [x, y] = local(e, canvas);
        const [x1, x2] = handle.plot_point(x, y);
        probe.moveTo(x1, x2);
      }
      app.changed({ probe: true });
      return;
    }
    if (cancelled || p.longPressed) return;
    const [x, y] = local(e, canvas);
    if (e.shiftKey) remove(x, y);
    else add(x, y);
  };
  canvas.addEventListener('pointerup', (e) => end(e, false));
  canvas.addEventListener('pointercancel', (e) => end(e, true));
  canvas.addEventListener('contextmenu', (e) => {
    if (editMode) e.preventDefault();
  });

  $('clear-points').addEventListener('click', () => {
    app.run((h) => h.clear_points(), { ok: 'All points removed. Click the plot to add some.', detail: { points: true } });
  });

  // CSV paste.
  const csvToggle = $('csv-toggle');
  const csvBox = $('csv-box');
  const csvError = $('csv-error');
  csvToggle.addEventListener('click', () => {
    const open = csvBox.hidden;
    csvBox.hidden = !open;
    csvToggle.setAttribute('aria-expanded', String(open));
    if (open) $('csv-text').focus();
  });
  $('csv-apply').addEventListener('click', () => {
    let n;
    try {
      n = handle.paste_csv($('csv-text').value);
    } catch (error) {
      csvError.textContent = error instanceof Error ? error.message : String(error);
      csvError.hidden = false;
      app.error('The CSV was not applied: see the lines listed under the text box.');
      return;
    }
    csvError.hidden = true;
    csvError.textContent = '';
    app.say(`${n} point${n === 1 ? '' : 's'} loaded from the CSV.`);
    app.changed({ points: true });
  });

  const syncCount = () => {
    const [train, test] = handle.point_counts();
    const total = train + test;
    count.textContent = `${total} point${total === 1 ? '' : 's'} (${train} train, ${test} test)`;
    count.dataset.total = String(total);
  };

  app.onChange(() => {
    buildPicker();
    syncCount();
  });
  buildPicker();
  syncCount();
}
