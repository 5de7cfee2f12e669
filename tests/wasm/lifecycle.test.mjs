// The facade's instance lifecycle when the core traps. The shipped module has no C++
// exceptions, so a throw inside the core (only out-of-memory or a broken invariant) aborts it
// as a WebAssembly.RuntimeError. Such a trap cannot be caused on purpose through the API, so
// this test serves the real facade a core.mjs that wraps the real module and traps on cue.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { pathToFileURL } from 'node:url';

import { pkgDir } from './load.mjs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cci-lifecycle-'));
fs.copyFileSync(path.join(pkgDir, 'index.mjs'), path.join(dir, 'index.mjs'));
fs.writeFileSync(path.join(dir, 'core.mjs'), `
import createReal from ${JSON.stringify(pathToFileURL(path.join(pkgDir, 'core.mjs')).href)};
export let instances = 0;
export default async function createCoreModule(options) {
  const real = await createReal(options);
  instances += 1;
  const module = Object.create(real);
  module.checkToken = (text) => {
    if (text === 'trap') throw new WebAssembly.RuntimeError('Aborted(OOM)');
    return real.checkToken(text);
  };
  return module;
}
`);
const api = await import(pathToFileURL(path.join(dir, 'index.mjs')).href);
const stub = await import(pathToFileURL(path.join(dir, 'core.mjs')).href);
test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

const kind = (expected) => (e) => e instanceof api.CircleCiConnectError && e.kind === expected;

test('a trap retires the instance; init() loads a fresh one; objects it made fail cleanly', async () => {
  await api.init();
  assert.equal(stub.instances, 1);
  const machine = new api.ConnectionMachine();
  const analyzer = new api.LogAnalyzer();
  assert.equal(api.checkToken('CCIPRJ_x').kind, 'project');

  assert.throws(() => api.checkToken('trap'), (e) => kind('internal')(e) && e.cause instanceof WebAssembly.RuntimeError);
  assert.throws(() => api.checkToken('CCIPRJ_x'), kind('not_initialized'));
  assert.throws(() => machine.input('x'), kind('internal'));
  assert.throws(() => analyzer.feed('x'), kind('internal'));
  machine.dispose();
  analyzer.dispose();

  await api.init();
  assert.equal(stub.instances, 2);
  assert.equal(api.checkToken('CCIPRJ_x').kind, 'project');
  const again = new api.ConnectionMachine();
  assert.equal(again.input('CCIPRJ_x').state, 'editing');
  again.dispose();
});

test('an error that is not a trap keeps the instance', async () => {
  await api.init();
  const before = stub.instances;
  assert.throws(() => api.checkToken(42), kind('invalid_argument'));
  assert.equal(api.checkToken('CCIPRJ_x').kind, 'project');
  assert.equal(stub.instances, before);
});
