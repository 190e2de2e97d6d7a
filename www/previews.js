// The dataset picker's live thumbnails: Rust draws a few hundred generated
// points of each dataset on its button's canvas, at the page's noise and
// class count. Redrawn only when those (or the picker's size) change.

import { draw_dataset_preview } from './pkg/lightbulb_web.js';
import { $ } from './app.js';

export function initPreviews(app) {
  const { handle } = app;
  const picker = $('datasets');
  const tiles = Array.from(picker.querySelectorAll('[data-dataset]'));
  // The chosen class count; kinds without one report 2, so it is only
  // taken from blobs and spiral (the handle keeps it across kinds too).
  let classes = Number(handle.get('classes'));
  let drawn = '';

  const draw = (force = false) => {
    if (handle.applies('classes')) {
      classes = Number(handle.get('classes'));
    }
    const noise = Number(handle.get('noise'));
    const key = `${classes}/${noise}`;
    if (key === drawn && !force) return;
    drawn = key;
    for (const tile of tiles) {
      const canvas = tile.querySelector('canvas');
      if (canvas) draw_dataset_preview(canvas, tile.dataset.dataset, classes, noise);
    }
  };

  app.onChange(() => draw());
  // The buttons grow and shrink with the panel: redraw sharp at the new size.
  const tileWidth = () => tiles[0]?.clientWidth ?? 0;
  let width = tileWidth();
  new ResizeObserver(() => {
    if (tileWidth() === width) return;
    width = tileWidth();
    try {
      draw(true);
    } catch (error) {
      app.error(error);
    }
  }).observe(picker);
  try {
    draw(true);
  } catch (error) {
    app.error(error);
  }
}
