// The demo server on loopback: the page (web/), the built JS package (/pkg/) and the demo
// backend's API (/api/, web/backend/api.mjs), all under one strict CSP, with Host and
// Origin checks. `node web/server.mjs [--port N] [--pkg DIR]` talks to https://circleci.com;
// web/demo.mjs starts it with the embedded fake CircleCI instead. Tests import startServer().
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { createApi } from './backend/api.mjs';
import { acceptsGzip, createGzipStore } from './backend/gzip_files.mjs';
import { createHosts } from './backend/hosts.mjs';
import { hostAllowed, originAllowed } from './backend/http_io.mjs';
import { securityHeaders } from './backend/security_headers.mjs';
import { createSessionStore } from './backend/sessions.mjs';

export { contentSecurityPolicy } from './backend/security_headers.mjs';

const webDir = path.dirname(fileURLToPath(import.meta.url));
export const defaultPkgDir = path.resolve(webDir, '../build-wasm/pkg');

const types = {
  '.html': 'text/html; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.ts': 'text/plain; charset=utf-8',
};

/** Files of web/ that are not part of the page (the server side). */
const serverSide = new Set(['server.mjs', 'demo.mjs']);

// A request path → a file under one of the served roots, or null (no traversal, no server code).
function resolveFile(urlPath, pkgDir) {
  const [root, rest] = urlPath.startsWith('/pkg/') ? [pkgDir, urlPath.slice(5)] : [webDir, urlPath.slice(1)];
  let relative;
  try {
    relative = path.normalize(decodeURIComponent(rest || 'index.html'));
  } catch {
    return null;
  }
  if (relative.startsWith('..') || path.isAbsolute(relative) || !types[path.extname(relative)]) return null;
  if (root === webDir && (serverSide.has(relative) || relative.startsWith(`backend${path.sep}`))) return null;
  return path.join(root, relative);
}

function send(res, status, body) {
  res.writeHead(status, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(body);
}

// Files go out gzip-encoded to clients that accept it (every browser does).
async function serveFile(req, res, urlPath, pkgDir, gzipStore) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n');
  const file = resolveFile(urlPath, pkgDir);
  const info = file && await stat(file).catch(() => null);
  if (!info?.isFile()) return send(res, 404, 'not found\n');
  const headers = { ...securityHeaders, 'Content-Type': types[path.extname(file)], Vary: 'Accept-Encoding' };
  if (acceptsGzip(req.headers['accept-encoding'])) {
    const body = await gzipStore.body(file, info);
    res.writeHead(200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': body.length });
    return res.end(req.method === 'HEAD' ? undefined : body);
  }
  res.writeHead(200, { ...headers, 'Content-Length': info.size });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file).pipe(res);
}

/**
 * Starts the server on 127.0.0.1. circleci: {hosts: [{origin, upstream}], storagePrefixes}
 * (web/backend/hosts.mjs; default: https://circleci.com itself). Resolves to {url, close()}.
 */
export async function startServer({ port = 0, pkgDir = defaultPkgDir, circleci = { hosts: [{ origin: 'https://circleci.com', upstream: 'https://circleci.com' }] } } = {}) {
  const core = await import(pathToFileURL(path.join(pkgDir, 'index.mjs')).href);
  await core.init();
  const handleApi = createApi({ core, hosts: createHosts(circleci), sessions: createSessionStore() });
  const gzipStore = createGzipStore();

  const server = http.createServer((req, res) => {
    const { port: own } = server.address();
    if (!hostAllowed(req, own)) return send(res, 421, 'unexpected Host header\n');
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      return originAllowed(req, own) ? handleApi(req, res, url) : send(res, 403, 'cross-origin request refused\n');
    }
    return serveFile(req, res, url.pathname, pkgDir, gzipStore)
      .catch(() => (res.headersSent ? res.destroy() : send(res, 500, 'file unreadable\n')));
  });
  server.requestTimeout = 60_000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((done) => {
      server.close(done);
      server.closeAllConnections();
    }),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const at = args.indexOf(name);
    return at >= 0 && args[at + 1] ? args[at + 1] : fallback;
  };
  const { url } = await startServer({ port: Number(option('--port', 0)), pkgDir: path.resolve(option('--pkg', defaultPkgDir)) });
  console.log(`circleci-connect demo: ${url}`);
}
