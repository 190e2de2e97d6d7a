// Words for the device in hand: on a device with touch (a touch screen,
// no hover, or a coarse pointer) the hints and the help say "tap", not "hover" or "click".
// Elements with data-touch="…" take that text on such a device.

export const TOUCH = window.matchMedia('(hover: none), (pointer: coarse)').matches
  || navigator.maxTouchPoints > 0;

/** Swaps the text of every [data-touch] element when the device has touch. */
export function initTouchWords() {
  document.documentElement.dataset.input = TOUCH ? 'touch' : 'pointer';
  if (!TOUCH) return;
  for (const el of document.body.querySelectorAll('span[data-touch]')) el.textContent = el.dataset.touch;
}
