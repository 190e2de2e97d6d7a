// A node:test reporter that writes, once the run ends, how long each test
// file's top-level tests took in all: `{ "page-lessons.test.mjs": 95000, … }`
// (milliseconds, keyed by file name). `cargo xtask test` passes it beside
// the spec reporter and starts the longest files first on the next run, so
// that the last file to finish is a short one.

import { basename } from 'node:path';

export default async function* durations(source) {
  const ms = {};
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { nesting, file, details } = event.data;
    if (nesting !== 0 || !file) continue;
    const name = basename(file);
    ms[name] = (ms[name] ?? 0) + (details?.duration_ms ?? 0);
  }
  yield `${JSON.stringify(ms, null, 1)}\n`;
}
