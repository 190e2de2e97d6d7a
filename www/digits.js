// The digits task (dataset=digits): fetches the images (pkg/digits.bin,
// copied there by the build) and hands the bytes to the wasm, which decodes
// them; the drawing pad (mouse, pen and touch through pointer events) sends
// its ink to Rust, which reduces it to 8 × 8 and classifies it; hovering the
// digits canvas shows a bulb's equation; the results panel (HTML from Rust)
// loads a misclassified test image on click.

import { $ } from './app.js';

// The pad's backing store: ink is read at this many pixels a side.
const PAD = 160;
// Results are rebuilt at most this often while they change (e.g. playing).
const RESULTS_EVERY_MS = 300;

export function initDigits(app) {
  const { handle } = app;
  const canvas = $('digits-canvas');
  const pad = $('digits-pad');
  const status = $('digits-status');
  const answer = $('digits-answer');
  const results = $('digits-results');
  const readout = $('digits-readout');
  const hint = readout.textContent;
  handle.attach_digits(canvas);

  // --- Loading the images -------------------------------------------------
  let loading = null;
  let lastFlat = handle.digits_wanted() ? '' : handle.get('dataset');
  const showStatus = (text, error = false) => {
    status.textContent = text;
    status.classList.toggle('is-error', error);
  };
  const load = async () => {
    showStatus('Loading the digits…');
    try {
      const response = await fetch(new URL('./pkg/digits.bin', import.meta.url));
      if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      handle.load_digits(bytes);
      showStatus('');
      app.changed();
    } catch (error) {
      const text = `The digits could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
      showStatus(text, true);
      // Back to the dataset the page was on, if there was one: its state is kept.
      if (lastFlat) app.run((h) => h.set('dataset', lastFlat));
      app.error(text);
    } finally {
      loading = null;
    }
  };
  const sync = () => {
    const wanted = handle.digits_wanted();
    document.body.classList.toggle('digits-mode', wanted);
    if (!wanted) lastFlat = handle.get('dataset');
    if (wanted && !handle.digits_loaded() && !loading) loading = load();
  };
  app.onChange(sync);

  // --- The drawing pad -----------------------------------------------------
  pad.width = PAD;
  pad.height = PAD;
  const ink = pad.getContext('2d', { willReadFrequently: true });
  ink.lineCap = 'round';
  ink.lineJoin = 'round';
  ink.lineWidth = PAD / 11;
  ink.strokeStyle = 'rgb(255, 226, 150)';
  let drawing = null;
  let dirty = false;
  const at = (e) => {
    const r = pad.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * PAD, ((e.clientY - r.top) / r.height) * PAD];
  };
  pad.addEventListener('pointerdown', (e) => {
    if (!handle.digits_loaded()) return;
    e.preventDefault();
    pad.setPointerCapture(e.pointerId);
    drawing = at(e);
    ink.beginPath();
    ink.arc(drawing[0], drawing[1], ink.lineWidth / 2, 0, Math.PI * 2);
    ink.fillStyle = ink.strokeStyle;
    ink.fill();
    dirty = true;
  });
  pad.addEventListener('pointermove', (e) => {
    if (!drawing) return;
    e.preventDefault();
    const next = at(e);
    ink.beginPath();
    ink.moveTo(drawing[0], drawing[1]);
    ink.lineTo(next[0], next[1]);
    ink.stroke();
    drawing = next;
    dirty = true;
  });
  const end = () => {
    drawing = null;
  };
  pad.addEventListener('pointerup', end);
  pad.addEventListener('pointercancel', end);
  const classify = () => {
    dirty = false;
    const alpha = ink.getImageData(0, 0, PAD, PAD).data;
    const values = new Float64Array(PAD * PAD);
    for (let i = 0; i < values.length; i += 1) values[i] = alpha[i * 4 + 3] / 255;
    app.run((h) => h.digits_draw(values, PAD), { quiet: true });
  };
  $('digits-clear').addEventListener('click', () => {
    ink.clearRect(0, 0, PAD, PAD);
    dirty = false;
    app.run((h) => h.digits_clear(), { quiet: true });
  });

  // --- Hover equations on the digits canvas --------------------------------
  canvas.addEventListener('pointermove', (e) => {
    const r = canvas.getBoundingClientRect();
    const text = handle.digits_hover(e.clientX - r.left, e.clientY - r.top);
    readout.textContent = text || hint;
    readout.classList.toggle('is-hint', !text);
  });
  canvas.addEventListener('pointerleave', () => {
    handle.digits_hover(NaN, NaN);
    readout.textContent = hint;
    readout.classList.add('is-hint');
  });

  // --- Results: a misclassified test image becomes the input ---------------
  results.addEventListener('click', (e) => {
    const button = e.target instanceof Element && e.target.closest('[data-test]');
    if (!button) return;
    ink.clearRect(0, 0, PAD, PAD);
    app.run((h) => h.digits_show_test(Number(button.dataset.test)), { quiet: true });
  });

  let resultsShown = -1;
  let resultsAt = -Infinity;
  let answerShown = '';
  const tick = (now) => {
    if (!handle.digits_wanted()) return;
    if (dirty) classify();
    const version = handle.digits_results_version();
    if (version !== resultsShown && now - resultsAt >= RESULTS_EVERY_MS) {
      resultsShown = version;
      resultsAt = now;
      results.innerHTML = handle.digits_results_html();
    }
    const p = handle.digits_outputs();
    let text = 'Draw a digit.';
    if (p.length > 0 && handle.digits_pixels().some((v) => v > 0)) {
      let best = 0;
      for (let k = 1; k < p.length; k += 1) if (p[k] > p[best]) best = k;
      text = `It looks like a <b>${best}</b> (${(p[best] * 100).toFixed(1)} %)`;
    }
    if (text !== answerShown) {
      answerShown = text;
      answer.innerHTML = text;
    }
  };

  sync();
  return { tick };
}
