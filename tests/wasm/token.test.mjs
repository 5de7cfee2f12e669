// checkToken through the shipped ES module: the shared fixture cases give the same answers
// as the native build (tests/core/token_test.cpp replays the same file).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';

import { facadeUrl, loadFacade, repoDir } from './load.mjs';

const cases = JSON.parse(await readFile(path.join(repoDir, 'tests/fixtures/tokens/cases.json'), 'utf8'));
const api = await loadFacade();

test('fixture cases match the native answers', () => {
  assert.ok(cases.length >= 60);
  for (const { name, input, expected } of cases) {
    const check = api.checkToken(input);
    const { kind, vendor, verdict, code, masked } = check;
    assert.deepEqual({ kind, vendor, verdict, code, masked }, expected, name);
  }
});

test('a check is a plain object with exactly the documented fields', () => {
  const check = api.checkToken('CCIPAT_BF4pE6ugfXnJiBVqgikZEV_439536b3216fdaeeb975729fae923d5a4fd12aab');
  assert.equal(Object.getPrototypeOf(check), Object.prototype);
  assert.deepEqual(Object.keys(check).sort(),
    ['code', 'kind', 'masked', 'message', 'remedy', 'sanitized', 'vendor', 'verdict']);
  assert.deepEqual(JSON.parse(JSON.stringify(check)), check);
});

test('sanitized is the cleaned token and never appears in what is shown', () => {
  for (const { name, input } of cases) {
    const check = api.checkToken(input);
    if (check.sanitized.length < 12) continue;
    for (const field of ['message', 'remedy', 'masked']) {
      assert.ok(!check[field].includes(check.sanitized), `${name}: ${field}`);
    }
  }
  const token = 'CCIPAT_BF4pE6ugfXnJiBVqgikZEV_439536b3216fdaeeb975729fae923d5a4fd12aab';
  assert.equal(api.checkToken(`export CIRCLECI_TOKEN="${token}"\n`).sanitized, token);
});

test('bytes that are not UTF-8, NULs and huge pastes are handled', () => {
  assert.equal(api.checkToken('\u0000\uD800CCIPAT_').verdict, 'block');
  const huge = api.checkToken('x'.repeat(8 << 20));
  assert.equal(huge.code, 'unrecognized');
  assert.equal(huge.masked, '…xxxx');
});

test('init() is memoised and misuse raises a typed error', async () => {
  const again = api.init();
  assert.equal(again, api.init());
  await again;
  assert.throws(() => api.checkToken(42), (e) => e instanceof api.CircleCiConnectError && e.kind === 'invalid_argument');
  const fresh = await import(`${facadeUrl}?fresh`);
  assert.throws(() => fresh.checkToken('x'), (e) => e instanceof fresh.CircleCiConnectError && e.kind === 'not_initialized');
});
