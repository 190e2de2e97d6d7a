// The URL hash mirrors the whole configuration. It is read once, on boot (by
// the handle's constructor); after that every change rewrites it in place with
// history.replaceState, so the back button never walks through slider drags.
// Continuous changes (drags) are coalesced into one write per 200 ms.

const DELAY_MS = 200;

export function initUrl(app) {
  let timer = 0;

  const write = () => {
    timer = 0;
    const hash = `#${app.handle.hash()}`;
    if (hash !== location.hash) history.replaceState(null, '', hash);
  };

  app.onChange(({ continuous = false } = {}) => {
    if (continuous) {
      if (!timer) timer = setTimeout(write, DELAY_MS);
    } else {
      clearTimeout(timer);
      write();
    }
  });

  // Write the normalised hash once, so a link always shows the full state.
  write();
}
