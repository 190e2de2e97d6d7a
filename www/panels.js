// Text around the canvases: counters, loss and accuracy, the narration line,
// the divergence notice, the link notice, the help panel and the numbers panel.
// Each frame only compares; the DOM is written only when something changed.

import { $ } from './app.js';

const NUMBERS_EVERY_MS = 100;

/** A loss for display: 3 significant digits; anything not finite is a dash. */
function lossText(v) {
  if (!Number.isFinite(v) || v < 0) return '—';
  if (v === 0) return '0';
  // Past 10⁵ in scientific form without the "+": 5.5e52, not 5.5e+52.
  return Number(v.toPrecision(3)).toString().replace('e+', 'e');
}

/** A share 0..1 as a whole percentage; missing or not finite is a dash. */
function percentText(v) {
  if (!Number.isFinite(v) || v < 0) return '—';
  return `${(v * 100).toFixed(0)}%`;
}

/** Sets an element's text only when it differs (no layout work otherwise). */
function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

export function initPanels(app) {
  const { handle } = app;
  const el = {
    steps: $('steps'),
    epoch: $('epoch'),
    lossName: $('loss-name'),
    train: $('train-loss'),
    test: $('test-loss'),
    accuracy: $('accuracy'),
    accuracyBox: $('accuracy-box'),
    narration: $('narration'),
    divergence: $('divergence'),
    divergenceText: $('divergence-text'),
    resetRate: $('divergence-reset-rate'),
    dismiss: $('divergence-dismiss'),
    putAside: $('put-aside'),
    putAsideText: $('put-aside-text'),
    shownInput: $('shown-input'),
    numbers: $('numbers'),
    numbersBody: $('numbers-body'),
    numbersToggle: $('numbers-toggle'),
  };

  // The notice about a link that could not be fully used.
  const notice = handle.notice();
  if (notice) {
    $('notice-text').textContent = notice;
    $('notice').hidden = false;
  }
  $('notice-close').addEventListener('click', () => {
    $('notice').hidden = true;
  });

  // "What am I looking at?"
  const helpToggle = $('help-toggle');
  const showHelp = (open) => {
    $('help').hidden = !open;
    helpToggle.setAttribute('aria-expanded', String(open));
  };
  helpToggle.addEventListener('click', () => showHelp($('help').hidden));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !$('help').hidden) {
      showHelp(false);
      helpToggle.focus();
    }
  });

  // "Show numbers".
  let numbersHtml = '';
  let numbersAt = -Infinity;
  let numbersSteps = -1;
  const refreshNumbers = (now, force) => {
    if (el.numbers.hidden) return;
    if (!force && now - numbersAt < NUMBERS_EVERY_MS) return;
    numbersAt = now;
    numbersSteps = handle.steps();
    const html = handle.numbers_html();
    if (html !== numbersHtml) {
      numbersHtml = html;
      el.numbersBody.innerHTML = html;
    }
  };
  el.numbersToggle.addEventListener('click', () => {
    const open = el.numbers.hidden;
    el.numbers.hidden = !open;
    el.numbersToggle.setAttribute('aria-expanded', String(open));
    el.numbersToggle.textContent = open ? 'Hide numbers' : 'Show numbers';
    if (open) {
      refreshNumbers(performance.now(), true);
      el.numbers.scrollIntoView({ block: 'nearest' });
    }
  });

  let lastSteps = -1;
  let lastRevision = -1;
  let lastAsideRevision = -1;
  let lastCaption = -1;
  let lastEpoch = -1;
  let lastReadout = -1;
  let dirty = true;
  let numbersNow = false;
  app.onChange(({ continuous = false } = {}) => {
    dirty = true;
    // A discrete change shows in the numbers at once; a drag at most every 100 ms.
    if (!continuous) numbersNow = true;
  });

  const metrics = () => {
    const [trainLoss, testLoss, trainAcc, testAcc] = [0, 1, 2, 3].map((i) => handle.metric(i));
    setText(el.train, lossText(trainLoss));
    setText(el.test, lossText(testLoss));
    const classification = trainAcc >= 0 || testAcc >= 0;
    el.accuracyBox.hidden = !classification;
    if (classification) setText(el.accuracy, `${percentText(trainAcc)} · ${percentText(testAcc)}`);
  };

  return {
    /** Called once per animation frame, after handle.frame(). */
    tick(now) {
      // The counters and metrics are rewritten when the handle says so:
      // every frame when paused, a few times a second while playing (each
      // rewrite costs a layout and paint of the page).
      const readout = handle.readout();
      const due = readout !== lastReadout;
      lastReadout = readout;
      const steps = handle.steps();
      const epoch = handle.epoch();
      const moved = due && (steps !== lastSteps || epoch !== lastEpoch);
      if (moved) {
        lastSteps = steps;
        lastEpoch = epoch;
        setText(el.steps, String(steps));
        setText(el.epoch, String(epoch));
      }
      if (moved || (due && dirty)) {
        metrics();
        setText(el.lossName, handle.loss_name());
      }
      // Texts are fetched from the handle only when they changed.
      const revision = handle.revision();
      if (revision !== lastRevision) {
        lastRevision = revision;
        setText(el.narration, handle.narration());
        const alert = handle.divergence();
        if (alert) {
          const kind = handle.alert_kind();
          setText(el.divergenceText, alert);
          el.divergence.dataset.kind = kind;
          el.divergence.classList.toggle('danger', kind !== 'stalled');
          el.divergence.classList.toggle('warning', kind === 'stalled');
          const rate = handle.safe_rate_text();
          el.resetRate.hidden = rate === '';
          if (rate !== '') setText(el.resetRate, `Reset with learning rate ${rate}`);
          el.dismiss.hidden = kind === 'diverged';
        }
        if (el.divergence.hidden === Boolean(alert)) el.divergence.hidden = !alert;
      }
      // Undo for a run put aside: offered after an action (a new revision)
      // until the current run trains on (asked again only while shown).
      if (revision !== lastAsideRevision || (moved && !el.putAside.hidden)) {
        lastAsideRevision = revision;
        const offer = handle.bring_back_offer();
        if (offer) setText(el.putAsideText, offer);
        if (el.putAside.hidden === Boolean(offer)) el.putAside.hidden = !offer;
      }
      const captionKey = revision + handle.probe_moves() * 65_536;
      if (captionKey !== lastCaption || moved) {
        lastCaption = captionKey;
        const caption = handle.shown_input();
        setText(el.shownInput, caption);
        el.shownInput.classList.toggle('is-example', caption.startsWith('Showing example') || caption.startsWith('Showing the one'));
      }
      // When the counters are due, the numbers show the same step as they do
      // (after a pause, at once: a table up to 100 ms old may be steps behind).
      refreshNumbers(now, numbersNow || (due && steps !== numbersSteps));
      if (due) dirty = false;
      numbersNow = false;
    },
  };
}
