// Putting a reply on the wire, honestly or with a delivery fault:
// - gzip when the request accepts it (Content-Encoding: gzip, Vary: Accept-Encoding);
// - 'truncated': a buffered body announces its full Content-Length but only half is sent; a
//   streamed body stops after TRUNCATED_STREAM_BYTES without the final chunk; then the
//   connection closes;
// - 'reset': the connection is reset (TCP RST) before any byte of the response.
// Streamed bodies are pulled chunk by chunk as the socket drains, never held whole.
import { Readable } from 'node:stream';
import { createGzip, gzipSync } from 'node:zlib';

export const TRUNCATED_STREAM_BYTES = 64 * 1024;

export function acceptsGzip(req) {
  return /\bgzip\b/i.test(req.headers['accept-encoding'] ?? '');
}

export function resetConnection(res) {
  res.socket?.resetAndDestroy();
}

/** Resolves once `res` can take more data or is gone; true if it is gone. */
function drained(res) {
  if (res.destroyed) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve(res.destroyed);
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

function cutConnection(res) {
  res.socket?.end();
}

async function sendStream(res, reply, { gzip, truncated }) {
  const headers = { ...reply.headers, ...(gzip ? { 'content-encoding': 'gzip', vary: 'Accept-Encoding' } : {}) };
  res.writeHead(reply.status, headers);
  const source = Readable.from(reply.chunks, { objectMode: false });
  const bytes = gzip ? source.pipe(createGzip()) : source;
  let sent = 0;
  for await (const chunk of bytes) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    if (truncated && sent + buf.length >= TRUNCATED_STREAM_BYTES) {
      res.write(buf.subarray(0, TRUNCATED_STREAM_BYTES - sent));
      cutConnection(res);
      source.destroy();
      return;
    }
    sent += buf.length;
    if (!res.write(buf) && await drained(res)) {
      source.destroy();
      return;
    }
  }
  res.end();
}

function sendBuffered(res, reply, { gzip, truncated }) {
  let body = Buffer.from(reply.body ?? '');
  const headers = { ...reply.headers };
  if (gzip && body.length > 0) {
    body = gzipSync(body);
    Object.assign(headers, { 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
  }
  headers['content-length'] = String(body.length);
  res.writeHead(reply.status, headers);
  if (!truncated) {
    res.end(body);
    return;
  }
  res.write(body.subarray(0, Math.floor(body.length / 2)));
  cutConnection(res);
}

/** Sends `reply` on `res`. options: {gzip: boolean, truncated: boolean}. */
export async function deliver(res, reply, options) {
  if (reply.chunks) await sendStream(res, reply, options);
  else sendBuffered(res, reply, options);
}
