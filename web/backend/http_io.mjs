// Request checks and JSON answers of the demo server. Every JSON answer carries
// `Cache-Control: no-store` (with the other security headers).
import { securityHeaders } from './security_headers.mjs';

/** An answer to give instead of going on: `status` and `{error, message}`. */
export class HttpError extends Error {
  constructor(status, error, message) {
    super(message);
    this.status = status;
    this.error = error;
  }
}

/** The origins the page is served from: loopback on the server's own port. */
export function ownOrigins(port) {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
}

/** A Host header naming this server (DNS-rebinding defence). */
export function hostAllowed(req, port) {
  return ownOrigins(port).has(`http://${req.headers.host ?? ''}`);
}

/**
 * Cross-site requests are refused: a POST must carry an Origin of this server; any request
 * that carries Origin or Sec-Fetch-Site must come from the same origin.
 */
export function originAllowed(req, port) {
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  if (origin !== undefined) return ownOrigins(port).has(origin);
  return req.method === 'GET' || req.method === 'HEAD';
}

export function sendJson(res, status, value, headers = {}) {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    ...securityHeaders,
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

export function sendError(res, { status, error, message }) {
  sendJson(res, status, { error, message }, status === 413 ? { Connection: 'close' } : {});
}

/** The JSON object of a POST body of at most `maxBytes` (`application/json` only). */
export async function readJson(req, maxBytes) {
  if (!/^application\/json\s*(?:;|$)/i.test(req.headers['content-type'] ?? '')) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the request body as application/json.');
  }
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) {
    req.resume();
    throw new HttpError(413, 'body_too_large', `The request body is limited to ${maxBytes} bytes.`);
  }
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > maxBytes) {
      throw new HttpError(413, 'body_too_large', `The request body is limited to ${maxBytes} bytes.`);
    }
    chunks.push(chunk);
  }
  let value;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'bad_json', 'The request body is not JSON.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new HttpError(400, 'bad_json', 'The request body must be a JSON object.');
  }
  return value;
}
