// The README's "Use from JavaScript" snippet, run as it is written (its import pointed at the
// built package), with the few names it leaves to the reader supplied here.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { pathToFileURL } from 'node:url';

import { facadeUrl, repoDir } from './load.mjs';

const readme = await readFile(path.join(repoDir, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Use from JavaScript'));
const snippet = section.match(/```js\n([\s\S]*?)```/)[1];

const prelude = `
import { readFileSync } from 'node:fs';
const pastedText = '  CCIPAT_BF4pE6ugfXnJiBVqgikZEV_439536b3216fdaeeb975729fae923d5a4fd12aab\\n';
const showProblem = (message) => { throw new Error('the snippet blocked a valid token: ' + message); };
const backend = {
  relay: async (request) => request.stage === 'identity'
    ? { status: 200, endpoint: 'me', body: JSON.stringify({ id: 'u-1', login: 'octo', name: 'Octo Cat', avatar_url: null }) }
    : { status: 200, endpoint: 'collaborations', body: '[]' },
};
const render = (view) => { globalThis.readmeView = view; };
const stepOutputBytes = new Uint8Array(readFileSync(${JSON.stringify(path.join(repoDir, 'tests/fixtures/logs/gcc_compile_error.json'))}));
`;

test('the README snippet runs and does what it says', async () => {
  assert.match(snippet, /from '@circleci-connect\/core'/);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cci-readme-'));
  const file = path.join(dir, 'snippet.mjs');
  const code = prelude + snippet.replace("'@circleci-connect/core'", JSON.stringify(facadeUrl)) +
    '\nglobalThis.readmeAnalysis = analysis;\nglobalThis.readmeCheck = check;\n';
  await writeFile(file, code);
  try {
    await import(pathToFileURL(file).href);
  } finally {
    await rm(dir, { recursive: true });
  }
  assert.equal(globalThis.readmeCheck.code, 'personal_ok');
  assert.equal(globalThis.readmeView.state, 'connected');
  assert.equal(globalThis.readmeView.status_line, 'Connected as Octo Cat (octo).');
  assert.equal(globalThis.readmeAnalysis.category, 'build');
});
