// The page's entry module. Loads the wasm build of lightbulb-web and, until the
// network view lands, draws the placeholder canvas from Rust.
import init, { draw_placeholder, version } from './pkg/lightbulb_web.js';

const status = document.getElementById('status');

try {
  await init();
  draw_placeholder('placeholder');
  status.textContent = `lightbulb-web ${version()}: wasm loaded`;
  document.body.dataset.ready = 'true';
} catch (error) {
  status.textContent = `Could not start: ${error}`;
  document.body.dataset.ready = 'error';
  throw error;
}
