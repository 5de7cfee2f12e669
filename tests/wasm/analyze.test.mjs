// analyzeLog() and LogAnalyzer through the shipped module: every log fixture gives the
// analysis the native golden test expects, whole and streamed in small chunks.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';

import { loadFacade, repoDir } from './load.mjs';

const api = await loadFacade();
const dir = path.join(repoDir, 'tests/fixtures/logs');
const inputs = (await readdir(dir)).filter((f) => /\.(log|json)$/.test(f) && !f.endsWith('.expected.json'));

async function fixture(file) {
  const bytes = new Uint8Array(await readFile(path.join(dir, file)));
  const expected = JSON.parse(await readFile(path.join(dir, file.replace(/\.(log|json)$/, '.expected.json')), 'utf8'));
  return { bytes, expected };
}

test('every log fixture: the same analysis as native', async () => {
  assert.ok(inputs.length >= 40);
  for (const file of inputs) {
    const { bytes, expected } = await fixture(file);
    assert.deepEqual(api.analyzeLog(bytes), expected, file);
  }
});

test('streaming in 997-byte chunks gives the same analysis', async () => {
  for (const file of inputs.slice(0, 20)) {
    const { bytes, expected } = await fixture(file);
    const analyzer = new api.LogAnalyzer();
    for (let at = 0; at < bytes.length; at += 997) analyzer.feed(bytes.subarray(at, at + 997));
    assert.deepEqual(analyzer.finish(), expected, file);
    assert.throws(() => analyzer.feed('x'), (e) => e.kind === 'invalid_argument');
  }
});

test('interleaved streams stay apart, also when a new one takes a finished one\'s place in the core', async () => {
  const [a, b, c] = await Promise.all(inputs.slice(0, 3).map(fixture));
  const first = new api.LogAnalyzer();
  const second = new api.LogAnalyzer();
  const half = (bytes) => Math.floor(bytes.length / 2);
  first.feed(a.bytes.subarray(0, half(a.bytes)));
  second.feed(b.bytes.subarray(0, half(b.bytes)));
  first.feed(a.bytes.subarray(half(a.bytes)));
  assert.deepEqual(first.finish(), a.expected);
  const third = new api.LogAnalyzer();
  third.feed(c.bytes);
  second.feed(b.bytes.subarray(half(b.bytes)));
  assert.deepEqual(second.finish(), b.expected);
  assert.deepEqual(third.finish(), c.expected);
});

test('bytes larger than the module\'s memory: it grows while they are written, whole or streamed', () => {
  const culprit = 'src/net.c:42:7: error: unknown type name \'socket_t\'';
  const filler = 'compiling module 0123456789 with the usual flags, nothing wrong here\n';
  const lines = 700_000;  // 48 MB, past the module's memory at start-up
  const text = `${filler.repeat(lines / 2)}${culprit}\n${filler.repeat(lines / 2)}`;
  const bytes = new TextEncoder().encode(text);
  const check = (analysis, how) => {
    assert.equal(analysis.stats.bytes, bytes.length, how);
    assert.equal(analysis.stats.lines, lines + 1, how);
    assert.equal(analysis.findings[0].text, culprit, how);
    assert.equal(analysis.findings[0].line_no, lines / 2 + 1, how);
    assert.equal(analysis.category, 'build', how);
  };
  check(api.analyzeLog(bytes), 'whole');
  const analyzer = new api.LogAnalyzer();
  const half = Math.floor(bytes.length / 2) + 17;
  analyzer.feed(bytes.subarray(0, half));
  analyzer.feed(bytes.subarray(half));
  check(analyzer.finish(), 'streamed');
});

test('options: problem matchers, bad options and bad input types', () => {
  const problemMatchers = { problemMatcher: [{ owner: 'acme', pattern: [{ regexp: '^ACME (?<file>\\S+):(?<line>\\d+) (?<message>.+)$', file: 1, line: 2, message: 3 }] }] };
  const analysis = api.analyzeLog('ok\nACME a.c:3 boom\n', { problemMatchers });
  assert.ok(analysis.findings.some((f) => f.rule === 'matcher:acme' && f.line === 3));
  const rejected = api.analyzeLog('x\n', { problemMatchers: { problemMatcher: [{ owner: 'bad', pattern: [{ regexp: '(?<=a)b' }] }] } });
  assert.ok(rejected.errors.some((e) => e.code === 'matcher_lookaround' && e.detail.includes('bad')));
  // The module has no Unicode property tables: `\p{…}` is rejected, as natively; group names
  // RE2 cannot take are dropped, and a non-ASCII one still matches here.
  const unicode = api.analyzeLog('x\n', { problemMatchers: { problemMatcher: [{ owner: 'uni', pattern: [{ regexp: '^\\p{Lu}' }] }] } });
  assert.ok(unicode.errors.some((e) => e.code === 'matcher_unicode_property' && e.detail.includes('\\p{Lu}')));
  const named = { problemMatcher: [{ owner: 'named', pattern: [{ regexp: '^NAMED (?<fichier_é>\\S+):(?<$l>\\d+)$', file: 1, line: 2 }] }] };
  const found = api.analyzeLog('NAMED b.c:7\n', { problemMatchers: named });
  assert.deepEqual(found.errors, []);
  assert.ok(found.findings.some((f) => f.rule === 'matcher:named' && f.file === 'b.c' && f.line === 7));
  const deep = `{"problemMatcher":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
  assert.ok(api.analyzeLog('x\n', { problemMatchers: deep }).errors.some((e) => e.code === 'matcher_json_invalid'));
  assert.throws(() => api.analyzeLog('x', { format: 'yaml' }), (e) => e.kind === 'invalid_argument');
  assert.throws(() => api.analyzeLog(42), (e) => e.kind === 'invalid_argument');
});

test('a pathological user rule returns promptly', () => {
  const problemMatchers = { problemMatcher: [{ owner: 'evil', pattern: [{ regexp: '(a+)+$' }] }] };
  const started = performance.now();
  api.analyzeLog(`${'a'.repeat(100_000)}b\n`, { problemMatchers, max_line_bytes: 200_000 });
  assert.ok(performance.now() - started < 5_000);
});
