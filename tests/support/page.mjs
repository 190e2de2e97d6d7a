// Helpers for the page's end-to-end tests: read the numbers panel and the
// counters, sample canvas pixels, find bulbs and wires by hovering, save
// screenshots to tests/artifacts/.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './server.mjs';

export const ARTIFACTS = join(ROOT, 'tests', 'artifacts');

/** The path of an artifact file (the directory is created). */
export function artifact(name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

/** Opens the "Show numbers" panel if it is closed. */
export async function openNumbers(page) {
  if (await page.locator('#numbers').isHidden()) await page.click('#numbers-toggle');
  await page.waitForSelector('#numbers-body table');
}

/** Every cell with attribute `attr` (data-w, data-a, data-d) as { key: text }. */
export function cells(page, attr = 'data-w') {
  return page.evaluate((a) => Object.fromEntries(
    Array.from(document.querySelectorAll(`#numbers-body [${a}]`), (td) => [td.getAttribute(a), td.textContent]),
  ), attr);
}

/** A counter's value (#steps, #epoch). */
export async function counter(page, id) {
  return Number(await page.textContent(`#${id}`));
}

/** Waits until `fn` (run in the page) returns a truthy value; returns it. */
export async function until(page, fn, arg, timeout = 15_000) {
  const handle = await page.waitForFunction(fn, arg, { timeout, polling: 'raf' });
  return handle.jsonValue();
}

/**
 * Waits until the step counter shows the shown run's steps: while playing the
 * counters are rewritten four times a second, and after a pause or a switch
 * in the next frame, so a read straight away could see an older count.
 */
export const untilCountersShown = (page) =>
  until(page, () => document.getElementById('steps').textContent === String(window.lightbulb.steps()));

/** The network canvas's pixels, sampled on a coarse grid, as a flat array. */
export async function pixels(page, id = 'network-canvas', step = 4) {
  // The samples cross the protocol as base64 (a JSON array of numbers is
  // about ten times slower) and come back as the same array of numbers.
  const base64 = await page.evaluate(([canvasId, s]) => {
    const c = document.getElementById(canvasId);
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    const out = [];
    for (let y = 0; y < c.height; y += s) {
      for (let x = 0; x < c.width; x += s) {
        const i = (y * c.width + x) * 4;
        out.push(data[i], data[i + 1], data[i + 2]);
      }
    }
    let binary = '';
    for (let i = 0; i < out.length; i += 0x8000) binary += String.fromCharCode(...out.slice(i, i + 0x8000));
    return btoa(binary);
  }, [id, step]);
  return Array.from(Buffer.from(base64, 'base64'));
}

/** How many sampled values differ between two pixel arrays. */
export function differing(a, b) {
  let n = Math.abs(a.length - b.length);
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) if (Math.abs(a[i] - b[i]) > 8) n += 1;
  return n;
}

/** Centre x (page px) of the per-layer cell `i` above the canvas (0 = inputs). */
export async function columnX(page, i) {
  const box = await page.locator('#layer-row > .layer-cell').nth(i).boundingBox();
  return box.x + box.width / 2;
}

/**
 * Moves the mouse down the network canvas at page x until the read-out
 * matches `pattern`; returns the { x, y } found, or null.
 */
export async function hoverUntil(page, x, pattern) {
  const box = await page.locator('#network-canvas').boundingBox();
  let first = null;
  let text = '';
  for (let y = box.y + 4; y < box.y + box.height - 4; y += 1.5) {
    await page.mouse.move(x, y);
    const now = await page.textContent('#readout');
    if (!first && pattern.test(now)) {
      first = y;
      text = now;
    } else if (first && now !== text) {
      // The middle of the band that showed the same read-out.
      const middle = (first + y - 1.5) / 2;
      await page.mouse.move(x, middle);
      return { x, y: middle };
    }
  }
  return null;
}

/** The narration line's text. */
export async function narration(page) {
  return (await page.textContent('#narration')).trim();
}

/** Everything in the DOM that could show a number: text and every attribute value. */
export function domText(page) {
  return page.evaluate(() => {
    const parts = [document.body.innerText];
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) parts.push(a.value);
    }
    for (const el of document.querySelectorAll('input, select, textarea, output')) parts.push(el.value ?? '');
    return parts.join('\n');
  });
}
