// Projector mode at 1920 × 1080: the P key and the button; every text at
// least 24 px and at least 7:1 against its background; secondary controls
// hidden; a click spotlights a bulb (the rest dims); PageDown and PageUp go
// forward and back one phase.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useLightbulb } from './support/harness.mjs';
import { artifact, until } from './support/page.mjs';

const lb = useLightbulb();
const VIEWPORT = { viewport: { width: 1920, height: 1080 } };

/**
 * Every visible element with text of its own: its size and contrast ratio,
 * once the colour transitions have ended (a button's colours ease over
 * 0.15 s: read halfway, a pressed button measured 1.3:1).
 */
async function texts(page) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  return page.evaluate(() => {
    const rgb = (c) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]) => {
      const f = (v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    // The first opaque background behind an element (the page's is black).
    const background = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length >= 3 && (c.length < 4 || c[3] > 0.5)) return c.slice(0, 3);
      }
      return [0, 0, 0];
    };
    const out = [];
    for (const el of document.body.querySelectorAll('*')) {
      const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!own || !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      const box = el.getBoundingClientRect();
      if (box.width < 2 || box.height < 2 || box.bottom < 0 || box.top > innerHeight) continue;
      const style = getComputedStyle(el);
      if (style.clip === 'rect(0px, 0px, 0px, 0px)' || style.clipPath === 'inset(50%)') continue;
      const [a, b] = [lum(rgb(style.color)), lum(background(el))];
      out.push({
        text: el.textContent.trim().slice(0, 40),
        id: el.id || el.className,
        size: parseFloat(style.fontSize),
        contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
      });
    }
    return out;
  });
}

/** How many sampled pixels of the network canvas are bright (bulbs, wires, labels). */
const BRIGHT = () => {
  const c = document.getElementById('network-canvas');
  const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
  let n = 0;
  for (let i = 0; i < data.length; i += 16) if (data[i] + data[i + 1] + data[i + 2] > 180) n += 1;
  return n;
};

/** The CSS position of the middle of a hidden-layer bulb on the network canvas. */
function aBulb(page) {
  return page.evaluate(() => {
    const c = document.getElementById('network-canvas');
    const [w, h] = [c.clientWidth, c.clientHeight];
    const at = (x, y) => lightbulb.hover_network(x, y).split('\n')[0];
    const middle = (from, step, same) => {
      let end = from;
      while (same(end + step)) end += step;
      return (from + end) / 2;
    };
    try {
      for (let x = w * 0.3; x < w * 0.7; x += 4) {
        for (let y = 4; y < h - 4; y += 4) {
          const text = at(x, y);
          if (!text.includes('z =')) continue;
          const my = middle(y, 1, (v) => at(x, v) === text);
          const mx = (middle(x, 1, (v) => at(v, my) === text) + middle(x, -1, (v) => at(v, my) === text)) / 2;
          return { x: mx, y: my };
        }
      }
      return null;
    } finally {
      lightbulb.hover_network(Number.NaN, Number.NaN);
    }
  });
}

test('projector mode: big type, 7:1 contrast, only the lecture controls', async () => {
  const { page } = await lb.newPage('/#dataset=xor&layers=4,4', VIEWPORT);
  const before = await texts(page);
  assert.ok(before.some((t) => t.size < 24), 'the normal page has small text (the check can fail)');
  await page.keyboard.press('p');
  await until(page, () => document.body.classList.contains('projector'));
  assert.equal(await page.getAttribute('#projector-toggle', 'aria-pressed'), 'true');
  for (const id of ['play', 'step', 'phase', 'reset', 'network-canvas', 'data-canvas', 'chart-canvas', 'narration', 'steps', 'projector-toggle']) {
    assert.ok(await page.locator(`#${id}`).isVisible(), `#${id} is shown`);
  }
  for (const id of ['lr', 'noise', 'edit-toggle', 'export-model', 'save-session', 'x1', 'history', 'layer-add', 'numbers-toggle', 'speed', 'turbo']) {
    assert.ok(await page.locator(`#${id}`).isHidden(), `#${id} is hidden`);
  }
  const shown = await texts(page);
  assert.ok(shown.length >= 10, JSON.stringify(shown));
  const small = shown.filter((t) => t.size < 24);
  assert.deepEqual(small, [], 'text under 24 px');
  const faint = shown.filter((t) => t.contrast < 7);
  assert.deepEqual(faint, [], 'text under 7:1');
  // Nothing scrolls sideways.
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth));
  await page.screenshot({ path: artifact('projector-1920.png') });

  // The button turns it off again.
  await page.click('#projector-toggle');
  await until(page, () => !document.body.classList.contains('projector'));
  assert.ok(await page.locator('#lr').isVisible());
});

test('projector mode: a click spotlights a bulb; PageDown and PageUp step through the phases', async () => {
  const { page } = await lb.newPage('/#dataset=xor&layers=4,4', VIEWPORT);
  await page.click('#projector-toggle');
  await until(page, () => document.body.classList.contains('projector'));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const bulb = await aBulb(page);
  assert.ok(bulb, 'a bulb on the canvas');
  const box = await page.locator('#network-canvas').boundingBox();
  // Defined through the debugger protocol, which the page's CSP does not govern.
  await page.evaluate(`window.brightPixels = ${BRIGHT.toString()}`);
  const lit = await page.evaluate(() => window.brightPixels());
  assert.ok(lit > 1000, `${lit} bright pixels`);
  await page.mouse.click(box.x + bulb.x, box.y + bulb.y);
  await until(page, (b) => window.brightPixels() < b * 0.4, lit);
  // No weight editor opened: the click was the spotlight's.
  assert.ok(await page.locator('#wire-editor').isHidden());
  await page.screenshot({ path: artifact('projector-spotlight-1920.png') });
  // Again: the spotlight ends.
  await page.mouse.click(box.x + bulb.x, box.y + bulb.y);
  await until(page, (b) => window.brightPixels() > b * 0.8, lit);

  // PageDown: forward one phase at a time; PageUp: back.
  const narration = () => page.textContent('#narration');
  const said = [];
  for (let i = 0; i < 3; i += 1) {
    const before = await narration();
    await page.keyboard.press('PageDown');
    await until(page, (n) => document.getElementById('narration').textContent !== n, before);
    said.push(await narration());
  }
  assert.match(said[0], /^Forward · layer 1/);
  assert.match(said[1], /^Forward · layer 2/);
  assert.match(said[2], /^Forward · output/);
  await page.keyboard.press('PageUp');
  await until(page, (n) => document.getElementById('narration').textContent === n, said[1]);
  await page.keyboard.press('PageUp');
  await until(page, (n) => document.getElementById('narration').textContent === n, said[0]);
  await page.keyboard.press('PageDown');
  await until(page, (n) => document.getElementById('narration').textContent === n, said[1]);
  assert.equal(await page.evaluate(() => lightbulb.steps()), 0);

  // On to the end of step 1 (2 hidden layers: 3 forward, loss, 3 backward,
  // update) and the first phase of step 2, recording each phase's words.
  const step = async () => {
    const before = await narration();
    await page.keyboard.press('PageDown');
    await until(page, (n) => document.getElementById('narration').textContent !== n, before);
    // Going back replays a recorded step, and says so at the end.
    return (await narration()).split(' (Replaying')[0];
  };
  const forward = [said[0], said[1]];
  while (forward.length < 9) forward.push(await step());
  assert.match(forward[7], /^Update/);
  assert.match(forward[8], /^Forward · layer 1/);
  assert.equal(await page.evaluate(() => lightbulb.steps()), 1);
  const model = await page.evaluate(() => lightbulb.export_model());
  // PageUp at step 2's first phase: back before step 2, then into step 1.
  await page.keyboard.press('PageUp');
  await until(page, () => document.getElementById('narration').textContent.startsWith('Back before step 2'));
  for (let i = 7; i >= 5; i -= 1) {
    await page.keyboard.press('PageUp');
    await until(page, (n) => document.getElementById('narration').textContent.split(' (Replaying')[0] === n, forward[i]);
  }
  assert.equal(await page.evaluate(() => lightbulb.steps()), 0, 'in step 1, before its update');
  // PageDown: step 1's recorded update again, to the same model.
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  await until(page, (n) => document.getElementById('narration').textContent.startsWith(n), forward[7]);
  assert.equal(await page.evaluate(() => lightbulb.steps()), 1);
  assert.equal(await page.evaluate(() => lightbulb.export_model()), model);
});

/**
 * Wraps the 2D context's fillText so every text any canvas draws (on screen
 * or off screen, later copied) is logged with its size on screen in CSS px
 * (the font's px times the transform's scale over the pixel ratio) and its
 * contrast: the fill colour, with its alpha, painted over the background
 * under the text's box as it was just before the text (the median pixel),
 * by the WCAG formula. A text on an off-screen layer with nothing opaque
 * under it is measured against the on-screen canvas of the same size
 * (where the layer is copied), at its top-left corner.
 */
const LOG_CANVAS_TEXT = () => {
  const lum = ([r, g, b]) => {
    const f = (v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
  const parse = (css) => {
    if (css.startsWith('#')) {
      const n = parseInt(css.slice(1, 7), 16);
      return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 1];
    }
    const v = (css.match(/[\d.]+/g) ?? []).map(Number);
    return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
  };
  const proto = CanvasRenderingContext2D.prototype;
  const original = proto.fillText;
  window.canvasTexts = [];
  window.canvasContrast = new Map();
  proto.fillText = function (text, x, y, ...rest) {
    if (window.logCanvasText && String(text).trim() && typeof this.fillStyle === 'string') {
      const m = this.getTransform();
      const scale = Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
      const px = parseFloat(this.font.match(/([\d.]+)px/)[1]);
      const box = this.measureText(text);
      const p = m.transformPoint(new DOMPoint(x - box.actualBoundingBoxLeft, y - box.actualBoundingBoxAscent));
      const q = m.transformPoint(new DOMPoint(x + box.actualBoundingBoxRight, y + box.actualBoundingBoxDescent));
      const c = this.canvas;
      // The same style at the same place has the same background: measured
      // once (reading pixels back for each of ~10,000 texts took a minute).
      const key = `${c.id}|${c.width}|${this.fillStyle}|${this.globalAlpha}|${this.font}|${Math.round(p.x / 12)}|${Math.round(p.y / 12)}`;
      const known = window.canvasContrast.get(key);
      if (known !== undefined) {
        window.canvasTexts.push({
          text: String(text).slice(0, 30),
          canvas: c.id || `off-screen ${c.width}×${c.height}`,
          size: Math.round((px * scale) / devicePixelRatio * 10) / 10,
          contrast: known,
          projector: document.body.classList.contains('projector'),
        });
        return original.call(this, text, x, y, ...rest);
      }
      const [x0, y0] = [Math.max(0, Math.floor(Math.min(p.x, q.x))), Math.max(0, Math.floor(Math.min(p.y, q.y)))];
      const [x1, y1] = [Math.min(c.width, Math.ceil(Math.max(p.x, q.x))), Math.min(c.height, Math.ceil(Math.max(p.y, q.y)))];
      let under = [];
      if (x1 > x0 && y1 > y0) {
        const d = this.getImageData(x0, y0, x1 - x0, y1 - y0).data;
        for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 200) under.push([d[i], d[i + 1], d[i + 2]]);
      }
      if (under.length === 0) {
        const twin = [...document.querySelectorAll('canvas')].find((e) => e.width === c.width && e.height === c.height);
        if (twin) under = [Array.from(twin.getContext('2d').getImageData(2, 2, 1, 1).data.slice(0, 3))];
      }
      under.sort((a, b) => lum(a) - lum(b));
      const bg = under[Math.floor(under.length / 2)] ?? [0, 0, 0];
      const [r, g, b, a0] = parse(this.fillStyle);
      const a = a0 * this.globalAlpha;
      const fg = [r * a + bg[0] * (1 - a), g * a + bg[1] * (1 - a), b * a + bg[2] * (1 - a)];
      const contrast = Math.round(ratio(fg, bg) * 100) / 100;
      window.canvasContrast.set(key, contrast);
      window.canvasTexts.push({
        text: String(text).slice(0, 30),
        canvas: c.id || `off-screen ${c.width}×${c.height}`,
        size: Math.round((px * scale) / devicePixelRatio * 10) / 10,
        contrast,
        projector: document.body.classList.contains('projector'),
      });
    }
    return original.call(this, text, x, y, ...rest);
  };
};

test('projector mode: the canvases\' text too is at least 24 px and 7:1', async () => {
  const { page } = await lb.newPage('/#dataset=xor&layers=4,4', VIEWPORT);
  // Defined through the debugger protocol, which the page's CSP does not govern.
  await page.evaluate(`(${LOG_CANVAS_TEXT.toString()})()`);
  const frames = (n) => page.evaluate((k) => new Promise((r) => {
    const next = (i) => (i === 0 ? r() : requestAnimationFrame(() => next(i - 1)));
    next(k);
  }), n);
  // The ordinary page, first: its canvas text is small (the check can fail).
  await page.evaluate(() => { window.logCanvasText = true; });
  await page.keyboard.press('PageDown'); // nothing in ordinary mode…
  await page.click('#phase'); // …so the Phase button
  await frames(20);
  const ordinary = await page.evaluate(() => window.canvasTexts.splice(0));
  assert.ok(ordinary.length > 10, JSON.stringify(ordinary));
  assert.ok(ordinary.some((t) => t.size < 24), 'the ordinary canvases have small text');
  await page.click('#reset');
  await frames(4);

  await page.keyboard.press('p');
  await until(page, () => document.body.classList.contains('projector'));
  await frames(10);
  // Every phase of a step, each shown to its end: values, the Loss phase's
  // target and error tags, the update's before → after label.
  for (let i = 0; i < 8; i += 1) {
    await page.keyboard.press('PageDown');
    await frames(45);
  }
  // A few whole steps, so the loss chart has curves, ticks and its legend.
  await page.click('#play');
  await until(page, () => lightbulb.epoch() >= 3);
  await page.click('#play');
  await frames(10);
  // The hover read-out of a bulb.
  const bulb = await aBulb(page);
  const box = await page.locator('#network-canvas').boundingBox();
  await page.mouse.move(box.x + bulb.x, box.y + bulb.y);
  await frames(10);
  await page.screenshot({ path: artifact('projector-canvas-1920.png') });
  const shown = (await page.evaluate(() => window.canvasTexts)).filter((t) => t.projector);
  const seen = (canvas, re) => shown.some((t) => t.canvas === canvas && re.test(t.text));
  for (const [canvas, re, what] of [
    ['network-canvas', /^[−-]?\d\.\d+$/, 'a value under a bulb'],
    ['network-canvas', /^(error|e) /, 'a Loss-phase tag'],
    ['network-canvas', /→/, 'the update label on a wire'],
    ['network-canvas', /^activation$|^a$/, 'the legend'],
    ['network-canvas', /^z =/, 'the hover read-out'],
    ['chart-canvas', /train/, 'the chart legend'],
  ]) {
    assert.ok(seen(canvas, re), `${what} is drawn: ${JSON.stringify([...new Set(shown.map((t) => t.text))])}`);
  }
  assert.ok(shown.some((t) => /^Hidden|^H\d|^Input|^In$/.test(t.text)), 'column labels are drawn');
  assert.ok(shown.some((t) => t.text === '−6' || t.text === '6'), 'data-plot ticks are drawn');
  const small = shown.filter((t) => t.size < 24);
  assert.deepEqual(small, [], 'canvas text under 24 px');
  const faint = shown.filter((t) => t.contrast < 7);
  assert.deepEqual(faint, [], 'canvas text under 7:1');
  const sizes = shown.map((t) => t.size);
  console.log(`canvas texts in projector mode: ${shown.length}, sizes ${Math.min(...sizes)}–${Math.max(...sizes)} px, contrast ≥ ${Math.min(...shown.map((t) => t.contrast))}`);
});

test('projector mode on the digits task: the page\'s and the digits canvas\'s text at least 24 px and 7:1', async () => {
  const { page } = await lb.newPage('/#dataset=digits', VIEWPORT);
  await until(page, () => window.lightbulb.digits_loaded());
  await page.evaluate(`(${LOG_CANVAS_TEXT.toString()})()`);
  await page.evaluate(() => { window.logCanvasText = true; });
  await page.keyboard.press('p');
  await until(page, () => document.body.classList.contains('projector'));
  // Trained a little: the results, probabilities and misclassified images.
  await page.click('#play');
  await until(page, () => window.lightbulb.epoch() >= 1, undefined, 60_000);
  await page.click('#play');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const shown = await texts(page);
  assert.ok(shown.some((t) => /^Test accuracy/.test(t.text)), JSON.stringify(shown.map((t) => t.text)));
  assert.deepEqual(shown.filter((t) => t.size < 24), [], 'text under 24 px');
  assert.deepEqual(shown.filter((t) => t.contrast < 7), [], 'text under 7:1');
  const drawn = (await page.evaluate(() => window.canvasTexts)).filter((t) => t.projector && t.canvas === 'digits-canvas');
  assert.ok(drawn.some((t) => /%$/.test(t.text)), `the probabilities are drawn: ${JSON.stringify(drawn.slice(0, 5))}`);
  assert.deepEqual(drawn.filter((t) => t.size < 24), [], 'digits canvas text under 24 px');
  assert.deepEqual(drawn.filter((t) => t.contrast < 7), [], 'digits canvas text under 7:1');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth));
  await page.screenshot({ path: artifact('projector-digits-1920.png') });
});
