// The dev server: only the page is served, traversal is refused, loopback by
// default, and it stays up under odd and concurrent requests.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { startServer } from './support/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

/** Sends `head` (request line and headers) verbatim; resolves { status, headers, body }. */
function raw(head, { host = server.host, port = server.port } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const chunks = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error('timed out')));
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const [top, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...headerLines] = top.split('\r\n');
      const headers = Object.fromEntries(headerLines.map((l) => {
        const i = l.indexOf(':');
        return [l.slice(0, i).toLowerCase(), l.slice(i + 1).trim()];
      }));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
    socket.write(`${head}\r\nHost: x\r\nConnection: close\r\n\r\n`);
  });
}

const get = (path) => raw(`GET ${path} HTTP/1.1`);

test('serves the page and its modules', async () => {
  const page = await get('/');
  assert.equal(page.status, 200);
  assert.match(page.headers['content-type'], /^text\/html/);
  assert.match(page.body, /www\/main\.js/);
  const js = await get('/www/main.js');
  assert.equal(js.status, 200);
  assert.match(js.headers['content-type'], /^text\/javascript/);
});

test('serves .wasm as application/wasm', async () => {
  const res = await get('/www/pkg/lightbulb_web_bg.wasm');
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-type'], 'application/wasm');
});

test('refuses traversal and anything outside the served files', async () => {
  const cargoToml = readFileSync(new URL('../Cargo.toml', import.meta.url), 'latin1');
  for (const path of [
    '/../Cargo.toml', '/%2e%2e/', '/%2e%2e/Cargo.toml', '/%2E%2E/Cargo.toml',
    '/www/../Cargo.toml', '/www/%2e%2e/Cargo.toml', '/www/..%2fCargo.toml',
    '/www%2f..%2fCargo.toml', '/www/..%5cCargo.toml', '/..\\Cargo.toml',
    '//etc/passwd', '/www//etc/passwd', '/www/%00', '/www/main.js%00.html',
    '/Cargo.toml', '/crates/xtask/src/main.rs', '/.git/config', '/www/pkg/.build-stamp',
    'http://x/Cargo.toml', '/etc/passwd',
  ]) {
    const res = await get(path);
    assert.ok(res.status >= 400 && res.status < 500, `${path} gave ${res.status}`);
    assert.ok(!res.body.includes('[workspace]') && !res.body.includes(cargoToml), path);
  }
});

test('sends no directory listings', async () => {
  for (const path of ['/www/', '/www', '/www/pkg/', '/tests/']) {
    const res = await get(path);
    assert.equal(res.status, 404, path);
    assert.doesNotMatch(res.body, /main\.js|style\.css|pkg/, path);
  }
});

test('is bound to 127.0.0.1 only', async () => {
  assert.equal(server.host, '127.0.0.1');
  // 127.0.0.2 is loopback too, but not the bound address: it must be refused.
  await assert.rejects(raw('GET / HTTP/1.1', { host: '127.0.0.2' }), { code: 'ECONNREFUSED' });
  // The kernel's own view: the listening socket's local address is 127.0.0.1.
  const hexPort = server.port.toString(16).toUpperCase().padStart(4, '0');
  const listening = readFileSync('/proc/net/tcp', 'latin1').split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f[1]?.endsWith(`:${hexPort}`) && f[3] === '0A');
  assert.deepEqual(listening.map((f) => f[1]), [`0100007F:${hexPort}`]);
});

test('answers methods other than GET and HEAD with 405', async () => {
  const head = await raw('HEAD / HTTP/1.1');
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
  const post = await raw('POST / HTTP/1.1\r\nContent-Length: 0');
  assert.equal(post.status, 405);
  assert.equal(post.headers.allow, 'GET, HEAD');
});

test('a 64 KB path or header gets an error response, and the server lives on', async () => {
  const longPath = await get(`/www/${'a'.repeat(64 * 1024)}`);
  assert.equal(longPath.status, 414);
  const longHeader = await raw(`GET / HTTP/1.1\r\nX-Long: ${'b'.repeat(64 * 1024)}`);
  assert.equal(longHeader.status, 431);
  assert.equal((await get('/')).status, 200);
});

test('answers 200 concurrent requests', async () => {
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const one = () => new Promise((resolve, reject) => {
    http.get({ host: server.host, port: server.port, path: '/www/main.js', agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    }).on('error', reject);
  });
  const statuses = await Promise.all(Array.from({ length: 200 }, one));
  assert.deepEqual(statuses, Array(200).fill(200));
  agent.destroy();
});
