// Files: export and import the model, save and open a whole session, and
// export a PNG of the canvases. The files' text goes to the handle as is (it
// parses and validates them); on error the handle changes nothing and the
// message is shown.

import { $, messageOf } from './app.js';

export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const json = (text) => new Blob([text], { type: 'application/json' });

export function initFiles(app) {
  // On a phone the file actions fold under "Files ▾".
  const more = $('files-more');
  more.addEventListener('click', () => {
    const open = more.closest('.masthead').classList.toggle('files-open');
    more.setAttribute('aria-expanded', String(open));
  });

  $('export-model').addEventListener('click', () => {
    const text = app.run((h) => h.export_model(), { quiet: true });
    if (typeof text !== 'string') return;
    download(json(text), 'lightbulb-model.json');
    app.say('Model exported as lightbulb-model.json.');
  });

  $('save-session').addEventListener('click', () => {
    const text = app.run((h) => h.save_session(), { quiet: true });
    if (typeof text !== 'string') return;
    download(json(text), 'lightbulb-session.json');
    app.say(`${app.handle.save_note()} File: lightbulb-session.json.`);
  });

  const picker = (buttonId, inputId, what, apply) => {
    const input = $(inputId);
    $(buttonId).addEventListener('click', () => input.click());
    input.addEventListener('change', async () => {
      const file = input.files?.[0];
      input.value = '';
      if (!file) return;
      let text;
      try {
        text = await file.text();
      } catch (error) {
        app.error(`Could not read ${file.name}: ${error instanceof Error ? error.message : error}`);
        return;
      }
      try {
        apply(app.handle, text);
      } catch (error) {
        app.error(`${file.name} was not opened, nothing changed: ${messageOf(error)}`);
        return;
      }
      app.say(`${what} ${file.name} opened.`);
      app.changed({ structure: true });
    });
  };
  picker('import-model', 'import-model-file', 'Model', (h, text) => h.import_model(text));
  picker('open-session', 'open-session-file', 'Session', (h, text) => h.open_session(text));

  $('export-png').addEventListener('click', () => {
    const canvas = compose();
    if (!canvas) {
      app.error('There is nothing to export yet.');
      return;
    }
    canvas.toBlob((blob) => {
      if (!blob) {
        app.error('The browser could not encode the PNG.');
        return;
      }
      download(blob, 'lightbulb.png');
      app.say('Picture saved as lightbulb.png.');
    }, 'image/png');
  });
}

/**
 * The network view on the left, the data plot and the loss chart stacked on
 * the right, on the dark stage colour, at the canvases' own resolution.
 */
function compose() {
  // On the digits task: its network view, with the drawing pad beside it.
  const digits = document.body.classList.contains('digits-mode');
  const net = $(digits ? 'digits-canvas' : 'network-canvas');
  const plot = $('data-canvas');
  const chart = $('chart-canvas');
  if (!net.width || !net.height) return null;
  const gap = 16;
  const side = [plot, chart, $('digits-pad')].filter((c) => c.width > 0 && c.height > 0 && c.offsetParent !== null);
  const sideWidth = Math.max(0, ...side.map((c) => c.width));
  const sideHeight = side.reduce((h, c) => h + c.height + gap, -gap);
  const out = document.createElement('canvas');
  out.width = net.width + (side.length ? gap + sideWidth : 0) + 2 * gap;
  out.height = Math.max(net.height, sideHeight) + 2 * gap;
  const ctx = out.getContext('2d');
  ctx.fillStyle = '#0b0e14';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(net, gap, gap);
  let y = gap;
  for (const c of side) {
    ctx.drawImage(c, gap + net.width + gap, y);
    y += c.height + gap;
  }
  return out;
}
