// Words for the device in hand: on a touch screen (no hover, a coarse
// pointer) the hints and the help say "tap", not "hover" or "click".
// Elements with data-touch="…" take that text on such a device.

export const TOUCH = window.matchMedia('(hover: none), (pointer: coarse)').matches;

/** Swaps the text of every [data-touch] element when the device has touch. */
export function initTouchWords() {
  document.documentElement.dataset.touch = String(TOUCH);
  if (!TOUCH) return;
  for (const el of document.querySelectorAll('[data-touch]')) el.textContent = el.dataset.touch;
}
