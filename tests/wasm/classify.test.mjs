// classify() through the shipped module: every outcome fixture gives the diagnosis the
// native tests expect (tests/core/classify_test.cpp replays the same files).
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';

import { loadFacade, repoDir } from './load.mjs';

const api = await loadFacade();
const dir = path.join(repoDir, 'tests/fixtures/outcomes');
const inputs = (await readdir(dir)).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'));

test('outcome fixtures match the native diagnoses', async () => {
  assert.ok(inputs.length >= 60);
  for (const file of inputs) {
    const outcome = JSON.parse(await readFile(path.join(dir, file), 'utf8'));
    const expected = JSON.parse(await readFile(path.join(dir, file.replace(/\.json$/, '.expected.json')), 'utf8'));
    const diagnosis = api.classify(outcome);
    for (const [key, value] of Object.entries(expected)) assert.deepEqual(diagnosis[key], value, `${file}: ${key}`);
  }
});

test('bodies may be bytes, including bytes that are not UTF-8', () => {
  const text = new TextEncoder().encode('Permission denied. ');
  const bytes = new Uint8Array([...text, 0xff, 0xfe]);
  const diagnosis = api.classify({ status: 403, body: bytes, endpoint: 'collaborations' });
  assert.equal(diagnosis.reason, 'permission_denied');
  assert.match(diagnosis.server_message, /^Permission denied\./);
  const huge = api.classify({ status: 502, body: '<html>'.padEnd(10 << 20, 'x'), endpoint: 'me' });
  assert.equal(huge.reason, 'server_error');
  assert.equal(huge.retryable, true);
});

test('a diagnosis has exactly the documented fields', () => {
  const diagnosis = api.classify({ transport: 'dns' });
  assert.deepEqual(Object.keys(diagnosis).sort(),
    ['identity', 'message', 'reason', 'remedy', 'retry_after_s', 'retryable', 'server_message']);
  assert.equal(diagnosis.reason, 'network_unreachable');
  assert.throws(() => api.classify('nope'), (e) => e.kind === 'invalid_argument');
  assert.throws(() => api.classify({ body: 42 }), (e) => e.kind === 'invalid_argument');
});
