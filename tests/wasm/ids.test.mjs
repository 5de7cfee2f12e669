// The hand-written .d.ts cannot drift from the core: each id union in index.d.ts lists
// exactly the ids of the core's table, in order.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';

import { loadFacade, pkgDir } from './load.mjs';

const api = await loadFacade();
const dts = await readFile(path.join(pkgDir, 'index.d.ts'), 'utf8');

function union(name) {
  const match = dts.match(new RegExp(`export type ${name} =([^;]+);`));
  assert.ok(match, `index.d.ts declares ${name}`);
  return [...match[1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
}

const families = {
  TokenKind: (c) => c.token_kind,
  TokenVerdict: (c) => c.token_verdict,
  TokenCode: (c) => c.token_code.map((row) => row.id),
  Vendor: (c) => c.vendor.map((row) => row.id),
};

test('every id union in index.d.ts equals the core table', () => {
  const catalog = api.idCatalog();
  assert.deepEqual(Object.keys(catalog).sort(), ['token_code', 'token_kind', 'token_verdict', 'vendor']);
  for (const [name, ids] of Object.entries(families)) {
    assert.deepEqual(union(name), ids(catalog), name);
  }
});

test('token code rows carry kind, verdict, message and remedy', () => {
  for (const row of api.idCatalog().token_code) {
    assert.ok(union('TokenKind').includes(row.kind), row.id);
    assert.ok(union('TokenVerdict').includes(row.verdict), row.id);
    assert.ok(row.message.length > 0 && row.remedy.length > 0, row.id);
  }
});
