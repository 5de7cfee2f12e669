// The shipped package: every file package.json promises is there, the exports map points at
// real files, the runtime exports are exactly the ones index.d.ts declares, and its gzip
// copies stay within the size budget.
import assert from 'node:assert/strict';
import { access, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import { gunzipSync } from 'node:zlib';

import { loadFacade, pkgDir } from './load.mjs';

const manifest = JSON.parse(await readFile(path.join(pkgDir, 'package.json'), 'utf8'));

test('package.json: an ES module with types, shipping what it lists', async () => {
  assert.equal(manifest.type, 'module');
  assert.deepEqual(Object.keys(manifest.exports['.']), ['types', 'default']);
  for (const file of [...manifest.files, manifest.exports['.'].types, manifest.exports['.'].default]) {
    await access(path.join(pkgDir, file));
  }
  for (const required of ['LICENSE', 'THIRD_PARTY_NOTICES.md', 'CHANGELOG.md', 'core.wasm', 'index.d.ts']) {
    assert.ok(manifest.files.includes(required), required);
  }
  const notices = await readFile(path.join(pkgDir, 'THIRD_PARTY_NOTICES.md'), 'utf8');
  assert.match(notices, /RE2/);
  assert.match(notices, /nlohmann/);
});

test('runtime exports equal the declared ones', async () => {
  const api = await loadFacade();
  const dts = await readFile(path.join(pkgDir, 'index.d.ts'), 'utf8');
  const declared = [...dts.matchAll(/^export (?:function|class) (\w+)/gm)].map((m) => m[1]).sort();
  assert.deepEqual(Object.keys(api).sort(), declared);
});

test('what a page downloads stays within 150 KB: the gzip copies of module, glue and facade', async () => {
  let served = 0;
  for (const file of ['core.wasm', 'core.mjs', 'index.mjs']) {
    const copy = await readFile(path.join(pkgDir, `${file}.gz`));
    assert.ok(gunzipSync(copy).equals(await readFile(path.join(pkgDir, file))), `${file}.gz is ${file}`);
    served += (await stat(path.join(pkgDir, `${file}.gz`))).size;
  }
  assert.ok(served <= 150_000, `${served} bytes gzip: over the 150 KB budget`);
});
