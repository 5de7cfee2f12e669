// The command-line mode and ctl.sh: one stdout line, --url-file, signals, exit with the parent,
// --detached, and the CTest start/stop wrapper.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { TOKENS } from './scenarios.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SERVER = path.join(here, 'server.mjs');
const CTL = path.join(here, 'ctl.sh');
const URL_LINE = /^fake-circleci: (http:\/\/127\.0\.0\.1:\d+)\n$/;

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/** True once `url` refuses connections (the server is gone), polling for up to `ms`. */
async function goneWithin(url, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      await fetch(`${url}/api/v2/me`, { signal: AbortSignal.timeout(500) });
    } catch (error) {
      if (error.cause?.code === 'ECONNREFUSED') return true;
    }
    await sleep(100);
  }
  return false;
}

async function answersMe(url) {
  const res = await fetch(`${url}/api/v2/me`, { headers: { 'Circle-Token': TOKENS.valid } });
  return res.status === 200;
}

/** Reads a child's stdout until `count` lines have arrived. */
async function readLines(stream, count) {
  let text = '';
  for await (const chunk of stream) {
    text += chunk;
    if (text.split('\n').length > count) break;
  }
  return text;
}

/**
 * Starts `node -e <intermediate>` that spawns the server with `args` and prints the server's
 * pid; the server's stdout goes straight to ours. Resolves to {parent, pid, url}.
 */
async function startUnderParent(args) {
  const script = `const c = require('node:child_process').spawn(process.execPath, ${JSON.stringify([SERVER, ...args])}, { stdio: ['ignore', 'inherit', 'inherit'] });
    console.log('pid ' + c.pid); setInterval(() => {}, 1000);`;
  const parent = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  parent.stdout.setEncoding('utf8');
  const text = await readLines(parent.stdout, 2);
  const pid = Number(/pid (\d+)/.exec(text)[1]);
  const url = /fake-circleci: (\S+)/.exec(text)[1];
  return { parent, pid, url };
}

describe('command-line mode', () => {
  it('prints exactly one line with its URL, writes --url-file, and exits 0 on SIGTERM', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fake-cci-'));
    try {
      const urlFile = path.join(dir, 'url');
      const child = spawn(process.execPath, [SERVER, '--port', '0', '--url-file', urlFile, '--latency-ms', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.setEncoding('utf8');
      let stdout = '';
      child.stdout.on('data', (d) => { stdout += d; });
      while (!stdout.includes('\n')) await sleep(20);
      const [, url] = URL_LINE.exec(stdout);
      assert.equal(readFileSync(urlFile, 'utf8'), `${url}\n`);
      assert.ok(await answersMe(url));
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      assert.equal(code, 0);
      assert.match(stdout, URL_LINE, 'nothing else on stdout');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits by itself when its parent process goes away', async () => {
    const { parent, url } = await startUnderParent(['--port', '0']);
    assert.ok(await answersMe(url));
    parent.kill('SIGKILL');
    assert.ok(await goneWithin(url, 3000), 'server still answering 3 s after its parent died');
  });

  it('with --detached, outlives its parent', async () => {
    const { parent, pid, url } = await startUnderParent(['--port', '0', '--detached']);
    try {
      parent.kill('SIGKILL');
      await sleep(1200);
      assert.ok(await answersMe(url));
    } finally {
      process.kill(pid, 'SIGTERM');
    }
    assert.ok(await goneWithin(url, 3000));
  });

  it('rejects a malformed number', async () => {
    const child = spawn(process.execPath, [SERVER, '--latency-ms', 'soon'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const [code] = await once(child, 'exit');
    assert.equal(code, 2);
  });
});

describe('ctl.sh', () => {
  it('start returns with STATE_DIR/url and STATE_DIR/pid while the server keeps running; stop ends it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fake-cci-ctl-'));
    try {
      // execFile resolves only when every holder of the stdout pipe has closed it: a server that
      // kept ctl.sh's stdio would hang here, as it would hang ctest.
      const started = await promisify(execFile)(CTL, ['start', dir, '--latency-ms', '1'], { timeout: 15_000 });
      const url = readFileSync(path.join(dir, 'url'), 'utf8').trim();
      assert.equal(started.stdout.trim(), url);
      assert.match(readFileSync(path.join(dir, 'pid'), 'utf8'), /^\d+\n$/);
      assert.ok(await answersMe(url));
      await promisify(execFile)(CTL, ['stop', dir], { timeout: 15_000 });
      assert.ok(await goneWithin(url, 3000));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('usage error without a state dir', async () => {
    await assert.rejects(promisify(execFile)(CTL, ['start']), (error) => error.code === 2);
  });
});
