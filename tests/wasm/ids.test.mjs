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

const ids = (rows) => rows.map((row) => (typeof row === 'string' ? row : row.id));
const families = {
  TokenKind: 'token_kind',
  TokenVerdict: 'token_verdict',
  TokenCode: 'token_code',
  Vendor: 'vendor',
  Reason: 'reason',
  Transport: 'transport',
  Endpoint: 'endpoint',
  Stage: 'stage',
  StageStatus: 'stage_status',
  SkipCause: 'skip_cause',
  ConnectionStateKind: 'state',
  ConnectionEventKind: 'event',
  BuildsCause: 'builds_cause',
  CiTargetKind: 'ci_target_kind',
  CiUrlError: 'ci_url_error',
  Category: 'category',
  Severity: 'severity',
  Tier: 'tier',
  InputFormat: 'input_format',
  LogError: 'log_error',
};
// Families the .d.ts types as plain strings (rule ids are open to problem matchers).
const untyped = ['rule'];

test('every id union in index.d.ts equals the core table', () => {
  const catalog = api.idCatalog();
  assert.deepEqual(Object.keys(catalog).sort(), [...Object.values(families), ...untyped].sort());
  for (const [name, family] of Object.entries(families)) {
    assert.deepEqual(union(name), ids(catalog[family]), name);
  }
});

test('token code rows carry kind, verdict, message and remedy', () => {
  for (const row of api.idCatalog().token_code) {
    assert.ok(union('TokenKind').includes(row.kind), row.id);
    assert.ok(union('TokenVerdict').includes(row.verdict), row.id);
    assert.ok(row.message.length > 0 && row.remedy.length > 0, row.id);
  }
});
