// The loop's pace: every animation frame while anything moves; once the page
// has been still for a second (not playing or animating a step, no canvas
// painted, no change), a frame four times a second, until the next input,
// change or call on the handle. An idle page drawing 60 empty frames a
// second kept a throttled phone's main thread a fifth busy.

/** Frames without a paint or a change before the loop slows down (a second). */
const STILL_FRAMES = 60;
/** The slow pace, in ms between frames. */
const SLOW_MS = 250;
/** Events that wake the loop at once (captured on the document). */
const WAKERS = ['pointerdown', 'pointermove', 'pointerup', 'keydown', 'input', 'change',
  'wheel', 'touchstart', 'click', 'focusin', 'scroll'];

/**
 * Runs `frame(now)` on animation frames at the pace above. `app` says when
 * something changed. Returns { wake, frames }: wake() brings the full pace
 * back at once; frames() counts the frames run so far.
 */
export function runLoop(handle, app, frame) {
  let still = 0;
  let painted = '';
  let revision = -1;
  let timer = 0;
  let count = 0;

  /** Whether this frame moved anything: a paint, a change, Play or a step's animation. */
  const moved = () => {
    try {
      const paints = handle.canvas_paints().join();
      const rev = handle.revision();
      const any = handle.playing() || handle.animating() || paints !== painted || rev !== revision;
      painted = paints;
      revision = rev;
      return any;
    } catch {
      return true;
    }
  };

  const tick = (now) => {
    count += 1;
    frame(now);
    still = moved() ? 0 : still + 1;
    if (still < STILL_FRAMES) {
      requestAnimationFrame(tick);
    } else {
      timer = setTimeout(() => {
        timer = 0;
        requestAnimationFrame(tick);
      }, SLOW_MS);
    }
  };

  const wake = () => {
    still = 0;
    if (timer) {
      clearTimeout(timer);
      timer = 0;
      requestAnimationFrame(tick);
    }
  };

  for (const type of WAKERS) document.addEventListener(type, wake, { capture: true, passive: true });
  for (const type of ['resize', 'hashchange', 'focus']) window.addEventListener(type, wake);
  document.addEventListener('visibilitychange', wake);
  app.onChange(wake);
  requestAnimationFrame(tick);
  return { wake, frames: () => count };
}

/**
 * The handle as the console and the end-to-end tests see it: every method
 * call wakes the loop first, so that what it changed is drawn in the next
 * frame.
 */
export function wakingHandle(handle, wake) {
  return new Proxy(handle, {
    get(target, key) {
      const value = Reflect.get(target, key);
      if (typeof value !== 'function' || key === 'constructor') return value;
      return (...args) => {
        wake();
        return value.apply(target, args);
      };
    },
  });
}
