// The demo server's gzip encoding (web/backend/gzip_files.mjs): which Accept-Encoding headers
// admit gzip, the build's zopfli copies served as they are, other files compressed once, and
// identity bodies for clients that refuse gzip.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

import { acceptsGzip, createGzipStore } from '../../web/backend/gzip_files.mjs';
import { pkgDir, startStack } from './stack.mjs';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');

let stack;
before(async () => {
  stack = await startStack();
});
after(() => stack?.close());

function get(urlPath, headers = {}) {
  return new Promise((resolve, reject) => {
    http.get(new URL(urlPath, stack.url), { headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

test('Accept-Encoding: gzip admitted unless its q is 0', () => {
  for (const header of ['gzip', 'gzip, deflate, br, zstd', 'br;q=1.0, GZIP;q=0.5', 'x-gzip', '*', 'br, *;q=0.1', 'gzip;q=0.001']) {
    assert.equal(acceptsGzip(header), true, header);
  }
  for (const header of [undefined, '', 'identity', 'br, deflate', 'gzip;q=0', 'gzip;q=0.000', '*;q=0', 'gzip;q=0, *', 'gzip;q=x', 'gzipx']) {
    assert.equal(acceptsGzip(header), false, String(header));
  }
});

test('the package goes out as the build\'s zopfli copies, which decode to the files', async () => {
  for (const file of ['core.wasm', 'core.mjs', 'index.mjs']) {
    const onDisk = await readFile(path.join(pkgDir, file));
    const precompressed = await readFile(path.join(pkgDir, `${file}.gz`));
    const answer = await get(`/pkg/${file}`, { 'Accept-Encoding': 'gzip, deflate, br' });
    assert.equal(answer.status, 200, file);
    assert.equal(answer.headers['content-encoding'], 'gzip', file);
    assert.equal(answer.headers.vary, 'Accept-Encoding', file);
    assert.equal(Number(answer.headers['content-length']), answer.body.length, file);
    assert.ok(answer.body.equals(precompressed), `${file}: the .gz as built`);
    assert.ok(gunzipSync(answer.body).equals(onDisk), `${file}: decodes to the file`);
    // zopfli beats zlib's best level, or the copy would not be worth building.
    assert.ok(precompressed.length < gzipSync(onDisk, { level: 9 }).length, file);
  }
});

test('the page\'s files are compressed by the server; refusing gzip gets the bytes as they are', async () => {
  const css = await readFile(path.join(webDir, 'style.css'));
  const zipped = await get('/style.css', { 'Accept-Encoding': 'gzip' });
  assert.equal(zipped.headers['content-encoding'], 'gzip');
  assert.ok(gunzipSync(zipped.body).equals(css));
  assert.ok(zipped.body.length < css.length);
  for (const headers of [{}, { 'Accept-Encoding': 'gzip;q=0, br' }]) {
    const plain = await get('/pkg/core.wasm', headers);
    assert.equal(plain.headers['content-encoding'], undefined, JSON.stringify(headers));
    assert.equal(plain.headers.vary, 'Accept-Encoding');
    assert.ok(plain.body.equals(await readFile(path.join(pkgDir, 'core.wasm'))));
  }
  const missing = await get('/pkg/core.wasm.gz', { 'Accept-Encoding': 'gzip' });
  assert.equal(missing.status, 404, 'the .gz copies are not files of their own');
});

test('a .gz older than its file is passed over, and a changed file is compressed anew', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cci-gzip-'));
  try {
    const file = path.join(dir, 'a.mjs');
    await writeFile(file, 'export const a = 1;\n');
    await writeFile(`${file}.gz`, gzipSync('stale copy'));
    const old = new Date(Date.now() - 60_000);
    await utimes(`${file}.gz`, old, old);
    const store = createGzipStore();
    assert.equal(gunzipSync(await store.body(file, await stat(file))).toString(), 'export const a = 1;\n');
    await writeFile(file, 'export const a = 22;\n');
    const later = new Date(Date.now() + 5_000);
    await utimes(file, later, later);
    assert.equal(gunzipSync(await store.body(file, await stat(file))).toString(), 'export const a = 22;\n');
    const newer = new Date(Date.now() + 10_000);
    await utimes(`${file}.gz`, newer, newer);
    assert.equal(gunzipSync(await store.body(file, await stat(file))).toString(), 'stale copy', 'a newer .gz is the build\'s');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
