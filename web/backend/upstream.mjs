// Outbound GETs to CircleCI and its storage host, reported as the core's raw outcome:
// a transport failure, or status + the headers the core reads + the body. Never follows
// a redirect (a 3xx is reported as it is) and never adds a header it was not given.
import http from 'node:http';
import https from 'node:https';
import { createGunzip } from 'node:zlib';

import { transportOf } from './transport.mjs';

/** The response headers the core reads: waits, rate limits and the body's type. */
const RELAYED_HEADER = /^(?:retry-after|date|content-type|ratelimit-.+|x-ratelimit-.+)$/;

export function relayedHeaders(headers) {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => RELAYED_HEADER.test(name)));
}

/**
 * GET `url` (a URL object) with exactly `headers`. Resolves to `{response, body}` (body: the
 * decompressed byte stream, owned by the caller) or `{transport}`. `timeoutMs` bounds every
 * wait for the network (connecting, then each silence); `signal` aborts.
 */
export function openGet(url, { headers, timeoutMs, signal }) {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const request = client.request(url, { method: 'GET', headers, signal });
    request.setTimeout(timeoutMs, () => request.destroy(Object.assign(new Error('no answer in time'), { code: 'ERR_UPSTREAM_TIMEOUT' })));
    request.once('error', (error) => resolve({ transport: transportOf(error) }));
    request.once('response', (response) => {
      const gzipped = /^\s*gzip\s*$/i.test(response.headers['content-encoding'] ?? '');
      const body = gzipped ? response.pipe(createGunzip()) : response;
      if (gzipped) response.once('error', (error) => body.destroy(error));
      request.on('error', (error) => body.destroy(error));
      resolve({ response, body });
    });
    request.end();
  });
}

/** Reads a whole body of at most `maxBytes`: `{bytes}`, or `{transport}` when it broke off or was too large. */
export async function readBody(body, maxBytes) {
  const chunks = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      size += chunk.length;
      if (size > maxBytes) {
        body.destroy();
        return { transport: 'other' };
      }
      chunks.push(chunk);
    }
  } catch (error) {
    return { transport: transportOf(error) };
  }
  return { bytes: Buffer.concat(chunks) };
}

/** The body as the core takes it: UTF-8 text as `body`, anything else as `body_base64`. */
export function bodyFields(bytes) {
  try {
    return { body: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { body_base64: bytes.toString('base64') };
  }
}

/** GET `url` and read it whole: the raw outcome `{transport, status?, headers?, body | body_base64}`. */
export async function fetchOutcome(url, { headers, timeoutMs, maxBytes, signal }) {
  const opened = await openGet(url, { headers, timeoutMs, signal });
  if (opened.transport) return { transport: opened.transport };
  const read = await readBody(opened.body, maxBytes);
  if (read.transport) return { transport: read.transport };
  return {
    transport: 'none',
    status: opened.response.statusCode,
    headers: relayedHeaders(opened.response.headers),
    ...bodyFields(read.bytes),
  };
}
