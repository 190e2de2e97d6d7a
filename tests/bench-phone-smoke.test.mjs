// A smoke run of the phone-proxy benchmark (tests/bench/phone.mjs, 20 frames
// a network): it must run and report its figures. What the figures are is
// the benchmark's business (`cargo xtask bench`), not a test's.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { startServer, ROOT } from './support/server.mjs';

test('the phone-proxy bench reports a median and a p90 frame interval for each network', async () => {
  const server = await startServer();
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'tests', 'bench', 'phone.mjs')], {
      env: { ...process.env, LIGHTBULB_BENCH_QUICK: '1', LIGHTBULB_URL: server.url },
      timeout: 300_000,
    });
    for (const name of ['default', 'largest']) {
      const line = stdout.split('\n').find((l) => l.startsWith(`phone ${name}:`));
      assert.ok(line, `no line for ${name} in:\n${stdout}`);
      const m = /median ([\d.]+) ms \(([\d.]+) fps\), p90 ([\d.]+) ms over (\d+) frames, (\d+) epochs$/.exec(line);
      assert.ok(m, line);
      const [median, fps, p90, frames, epochs] = m.slice(1).map(Number);
      assert.ok(median > 0 && p90 >= median && fps > 0, line);
      assert.equal(frames, 20, line);
      assert.ok(epochs > 0, `${line}: Play trained`);
    }
  } finally {
    await server.stop();
  }
});
