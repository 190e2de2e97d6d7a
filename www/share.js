// Share: the link to this state (the settings, your points, on request the
// trained weights; crates/web/src/controller/share.rs decides what it
// holds) and its QR code. Past the limit the panel says so and offers the
// session file.

import { $, messageOf } from './app.js';
import { share_limit as shareLimit, share_qr as shareQr } from './pkg/lightbulb_web.js';

const SCALE = 4;
const QUIET = 4;

/** Draws the QR modules of `text` on `canvas`, black on white, with a quiet zone. */
function drawQr(canvas, text) {
  const modules = shareQr(text);
  const side = Math.round(Math.sqrt(modules.length));
  const size = (side + 2 * QUIET) * SCALE;
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, size, size);
  ctx.fillStyle = '#000';
  for (let i = 0; i < modules.length; i += 1) {
    if (modules[i]) ctx.fillRect((QUIET + (i % side)) * SCALE, (QUIET + Math.floor(i / side)) * SCALE, SCALE, SCALE);
  }
}

export function initShare(app) {
  const panel = $('share');
  const toggle = $('share-toggle');
  const link = $('share-link');
  const note = $('share-note');
  const qr = $('share-qr');
  const session = $('share-session');
  $('share-limit').textContent = String(shareLimit());

  const render = () => {
    let hash;
    try {
      hash = app.handle.share_hash($('share-weights').checked);
    } catch (error) {
      link.value = '';
      qr.hidden = true;
      session.hidden = false;
      note.textContent = `No link for this state: ${messageOf(error)}.`;
      return;
    }
    const url = `${location.origin}${location.pathname}#${hash}`;
    link.value = url;
    session.hidden = true;
    try {
      drawQr(qr, url);
      qr.hidden = false;
      note.textContent = `${hash.length} of ${shareLimit()} characters. ${app.handle.share_note(hash)}`.trim();
    } catch (error) {
      qr.hidden = true;
      note.textContent = `The link is ready, but ${messageOf(error)}.`;
    }
  };

  const show = (open) => {
    panel.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) render();
  };
  toggle.addEventListener('click', () => show(panel.hidden));
  $('share-close').addEventListener('click', () => show(false));
  $('share-weights').addEventListener('change', render);
  app.onChange(() => {
    if (!panel.hidden) render();
  });
  session.addEventListener('click', () => $('save-session').click());
  $('share-copy').addEventListener('click', () => {
    render();
    const copied = navigator.clipboard?.writeText(link.value);
    const fallback = () => {
      link.select();
      app.say('The link is selected: copy it with Ctrl+C.');
    };
    if (!copied) fallback();
    else copied.then(() => app.say('Link copied.'), fallback);
  });
}
