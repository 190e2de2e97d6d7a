// Starts the Lightbulb dev server for a test: `xtask serve --no-build --port 0`,
// reading the URL from the first line of its stdout. The page must already be
// built (`cargo xtask test` builds it before the e2e stage; by hand:
// `cargo xtask build`).
//
// LIGHTBULB_URL set: use that server instead of starting one.
// LIGHTBULB_XTASK: the xtask binary (set by `cargo xtask test`); otherwise
// target/debug/xtask, or `cargo run -q -p xtask` when that is missing.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

/** The top of the repository. */
export const ROOT = process.env.LIGHTBULB_ROOT
  ?? resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The xtask program and its leading arguments: [program, args]. */
export function xtaskCommand() {
  if (process.env.LIGHTBULB_XTASK) return [process.env.LIGHTBULB_XTASK, []];
  const built = join(ROOT, 'target', 'debug', 'xtask');
  if (existsSync(built)) return [built, []];
  return ['cargo', ['run', '-q', '-p', 'xtask', '--']];
}

/**
 * Starts a server. Returns { url, host, port, process, stop() }.
 * options.dir: directory to serve (default: ROOT, the checkout these tests are
 * in); options.args: extra flags.
 */
export async function startServer({ dir, args = [], timeoutMs = 120_000 } = {}) {
  if (process.env.LIGHTBULB_URL && !dir && args.length === 0) {
    const url = new URL(process.env.LIGHTBULB_URL);
    return { url: url.href, host: url.hostname, port: Number(url.port), process: null, stop: async () => {} };
  }
  const [program, pre] = xtaskCommand();
  // The directory is always named: an xtask binary serves the checkout it was
  // compiled in by default, which is not this one when target/ was copied.
  const flags = ['serve', '--no-build', '--port', '0', '--dir', dir ?? ROOT, ...args];
  const child = spawn(program, [...pre, ...flags], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });

  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`server did not print its URL within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      const match = line.match(/https?:\/\/\S+/);
      if (match) resolveUrl(match[0]);
      else reject(new Error(`unexpected first line from the server: ${line}\n${stderr}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before printing its URL\n${stderr}`));
    });
  });
  const parsed = new URL(url);
  const stop = () => new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill();
  });
  return {
    url,
    host: parsed.hostname,
    port: Number(parsed.port),
    process: child,
    stderr: () => stderr,
    stop,
  };
}
