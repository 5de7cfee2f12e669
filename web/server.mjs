// Serves the page (web/) and the built JS package (/pkg/) on loopback with a strict CSP.
// `node web/server.mjs [--port N] [--pkg DIR]` prints the URL; tests import startServer().
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = path.dirname(fileURLToPath(import.meta.url));
const defaultPkgDir = path.resolve(webDir, '../build-wasm/pkg');

export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const types = {
  '.html': 'text/html; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.ts': 'text/plain; charset=utf-8',
};

const securityHeaders = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

// A request path → a file under one of the served roots, or null (no traversal).
function resolveFile(urlPath, pkgDir) {
  const [root, rest] = urlPath.startsWith('/pkg/') ? [pkgDir, urlPath.slice(5)] : [webDir, urlPath.slice(1)];
  const relative = path.normalize(decodeURIComponent(rest || 'index.html'));
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  if (root === webDir && relative === 'server.mjs') return null;
  return path.join(root, relative);
}

function send(res, status, body) {
  res.writeHead(status, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(body);
}

export function startServer({ host = '127.0.0.1', port = 0, pkgDir = defaultPkgDir } = {}) {
  const server = http.createServer(async (req, res) => {
    const allowedHosts = new Set([`127.0.0.1:${server.address().port}`, `localhost:${server.address().port}`]);
    if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 421, 'unexpected Host header\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n');
    const urlPath = new URL(req.url, 'http://localhost').pathname;
    const file = resolveFile(urlPath, pkgDir);
    const info = file && await stat(file).catch(() => null);
    if (!info?.isFile()) return send(res, 404, 'not found\n');
    res.writeHead(200, {
      ...securityHeaders,
      'Content-Type': types[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': info.size,
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: bound } = server.address();
      resolve({ url: `http://${host}:${bound}/`, close: () => new Promise((done) => server.close(done)) });
    });
  });
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
