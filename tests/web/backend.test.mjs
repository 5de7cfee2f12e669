// The demo backend's HTTP contract (web/API.md) without a browser: loopback + Host + Origin
// checks, no-store, body limits, the token only in POST bodies and Circle-Token headers, the
// relay's allowlist and raw outcomes, candidate → active only after verification, job logs
// only from the configured host and the storage hosts, and nothing logged.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { CIRCLECI_STORAGE_PREFIX, createHosts } from '../../web/backend/hosts.mjs';
import { relayTarget } from '../../web/backend/relay_paths.mjs';
import { transportOf } from '../../web/backend/transport.mjs';
import { fetchOutcome } from '../../web/backend/upstream.mjs';
import { apiClient, loadCore, verifyCandidate } from './api_client.mjs';
import { TOKENS, WELL_KNOWN, pkgDir, startStack } from './stack.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const jobUrl = (number, pipeline = 45) => `https://app.circleci.com/pipelines/${WELL_KNOWN.slugs.app}/${pipeline}/workflows/4a6a4b7e-0d7c-4a9a-9d63-2f6f7f1b2c3d/jobs/${number}`;

let stack;
let core;
before(async () => {
  core = await loadCore();
  stack = await startStack();
});
after(() => stack?.close());

function rawRequest(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers }, (response) => {
      let text = '';
      response.on('data', (chunk) => { text += chunk; });
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

describe('request checks', () => {
  test('a foreign Host header is refused (DNS rebinding)', async () => {
    const answer = await rawRequest(new URL('/api/session', stack.url), { headers: { Host: 'attacker.example:80' } });
    assert.equal(answer.status, 421);
  });

  test('cross-origin and Origin-less POSTs are refused; same-origin ones pass', async () => {
    const call = apiClient(stack.url);
    await call('GET', '/api/session');
    const body = { token: TOKENS.valid };
    assert.equal((await call('POST', '/api/candidate', body, { Origin: 'http://evil.example' })).status, 403);
    assert.equal((await call('POST', '/api/candidate', body, { 'Sec-Fetch-Site': 'cross-site' })).status, 403);
    const noOrigin = await rawRequest(new URL('/api/candidate', stack.url), {
      method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: call.cookie() }, body: JSON.stringify(body),
    });
    assert.equal(noOrigin.status, 403);
    assert.equal((await call('POST', '/api/candidate', body)).status, 200);
  });

  test('the session cookie is HttpOnly, SameSite=Strict; every answer is no-store', async () => {
    const call = apiClient(stack.url);
    const session = await call('GET', '/api/session');
    assert.match(session.headers.get('set-cookie'), /^cci_session=[A-Za-z0-9_-]{43}; Path=\/api; HttpOnly; SameSite=Strict$/);
    assert.deepEqual(session.json, { hosts: ['https://circleci.com'], default_host: 'https://circleci.com', connection: null });
    const answers = [
      session,
      await call('POST', '/api/candidate', { token: TOKENS.valid }),
      await call('POST', '/api/relay', { slot: 'candidate', method: 'GET', path: '/api/v2/me' }),
      await call('POST', '/api/relay', { slot: 'candidate', method: 'GET', path: '/api/v2/nope' }),
      await call('POST', '/api/disconnect', {}),
      await apiClient(stack.url)('POST', '/api/relay', { slot: 'active', method: 'GET', path: '/api/v2/me' }),
    ];
    for (const answer of answers) assert.equal(answer.headers.get('cache-control'), 'no-store');
    assert.equal(answers.at(-1).status, 401, 'no session without the cookie');
  });

  test('bodies must be JSON and small', async () => {
    const call = apiClient(stack.url);
    await call('GET', '/api/session');
    assert.equal((await call('POST', '/api/candidate', undefined, { 'Content-Type': 'text/plain' })).status, 415);
    const big = await call('POST', '/api/candidate', { token: 'x'.repeat(20_000) });
    assert.equal(big.status, 413);
    assert.equal(big.json.error, 'body_too_large');
  });

  test('backend code and server files are not served', async () => {
    for (const file of ['/backend/api.mjs', '/server.mjs', '/demo.mjs', '/%2e%2e/package.json']) {
      assert.equal((await fetch(new URL(file, stack.url))).status, 404, file);
    }
  });
});

describe('candidate and active tokens', () => {
  test('a token the core blocks, or another host, is refused with the reason', async () => {
    const call = apiClient(stack.url);
    await call('GET', '/api/session');
    const project = await call('POST', '/api/candidate', { token: TOKENS.projectToken });
    assert.equal(project.status, 422);
    assert.equal(project.json.error, 'token_refused');
    assert.equal(project.json.message, core.checkToken(TOKENS.projectToken).message);
    const other = await call('POST', '/api/candidate', { token: TOKENS.valid, host: 'https://ci.example.com' });
    assert.equal(other.status, 422);
    assert.equal(other.json.error, 'host_not_allowed');
  });

  test('the token goes only in a Circle-Token header, never in a URL', async () => {
    stack.fake.reset();
    const call = apiClient(stack.url);
    const { view } = await verifyCandidate(call, core, `  ${TOKENS.valid}\n`);
    assert.equal(view.state, 'connected');
    assert.ok(stack.fake.requests.length >= 2);
    for (const entry of stack.fake.requests) {
      assert.equal(entry.tokenHeader, 'circle-token');
      assert.equal(entry.urlHadToken, false);
      assert.equal(entry.scenario, 'valid', 'the sanitized token was sent');
    }
  });

  test('promotion needs a verified candidate; a failed candidate leaves the connection as it was', async () => {
    const call = apiClient(stack.url);
    await call('GET', '/api/session');
    await call('POST', '/api/candidate', { token: TOKENS.valid });
    const early = await call('POST', '/api/promote', { record: '{}' });
    assert.equal(early.status, 409);
    assert.equal(early.json.error, 'not_verified');

    const first = await verifyCandidate(call, core, TOKENS.valid);
    const promoted = await call('POST', '/api/promote', { record: first.record });
    assert.equal(promoted.status, 200);
    assert.equal(promoted.json.connection.masked_token, 'CCIPAT_…22da');
    assert.deepEqual(promoted.json.connection.organizations.map((org) => org.slug), ['gh/acme', 'circleci/2QawpBDGJ5EhR6fTbJofvR']);

    const second = await verifyCandidate(call, core, TOKENS.revoked);
    assert.equal(second.view.state, 'failed');
    assert.equal((await call('POST', '/api/promote', { record: second.record })).status, 409);
    const session = await call('GET', '/api/session');
    assert.equal(session.json.connection.masked_token, 'CCIPAT_…22da', 'the old connection is kept');
    const me = await call('POST', '/api/relay', { slot: 'active', method: 'GET', path: '/api/v2/me' });
    assert.equal(me.json.status, 200);
  });

  test('a record that is not the connection\'s, or holds the token, is refused', async () => {
    const call = apiClient(stack.url);
    const { record } = await verifyCandidate(call, core, TOKENS.valid);
    const withToken = JSON.stringify({ ...JSON.parse(record), identity: { id: TOKENS.valid, login: 'x', name: 'x', avatar_url: null } });
    assert.equal((await call('POST', '/api/promote', { record: withToken })).status, 422);
    const otherMask = JSON.stringify({ ...JSON.parse(record), masked_token: 'CCIPAT_…0000' });
    assert.equal((await call('POST', '/api/promote', { record: otherMask })).status, 422);
    assert.equal((await call('POST', '/api/promote', { record: 'not json' })).status, 422);
  });

  test('disconnect forgets both tokens and the record', async () => {
    const call = apiClient(stack.url);
    const { record } = await verifyCandidate(call, core, TOKENS.valid);
    await call('POST', '/api/promote', { record });
    assert.equal((await call('POST', '/api/disconnect', {})).status, 200);
    assert.equal((await call('GET', '/api/session')).json.connection, null);
    assert.equal((await call('POST', '/api/relay', { slot: 'active', method: 'GET', path: '/api/v2/me' })).status, 409);
    assert.equal((await call('POST', '/api/relay', { slot: 'candidate', method: 'GET', path: '/api/v2/me' })).status, 409);
  });
});

describe('relay', () => {
  test('only allowlisted GETs, never a circle-token query', () => {
    const allowed = ['/api/v2/me', '/api/v2/me/collaborations', '/api/v2/project/gh/acme/app/pipeline',
      '/api/v2/project/circleci/2QawpBDGJ5EhR6fTbJofvR/GteJDCDZtoFgijirXuAhtj/pipeline?branch=main',
      '/api/v1.1/project/gh/acme/app?limit=1&shallow=true', '/api/v2/project/gh/acme/app/job/12'];
    for (const path of allowed) assert.ok(relayTarget(path), path);
    const refused = ['/api/v2/me?circle-token=abc', '/api/v2/redirect-to-other-host', '/api/v2/project/gh/../../me',
      '/api/v2/project/gh/acme/app/pipeline?Circle-Token=x', 'https://evil.example/api/v2/me', '//evil.example/api/v2/me',
      '/api/v2/project/gh%2Facme%2Fapp', '/api/private/output/raw/gh/acme/app/1/output/0/1', '/api/v2/me#x'];
    for (const path of refused) assert.equal(relayTarget(path), null, path);
  });

  test('refused paths and methods never reach CircleCI', async () => {
    stack.fake.reset();
    const call = apiClient(stack.url);
    await call('GET', '/api/session');
    await call('POST', '/api/candidate', { token: TOKENS.valid });
    for (const request of [{ method: 'GET', path: '/api/v2/redirect-to-other-host' }, { method: 'DELETE', path: '/api/v2/me' },
      { method: 'GET', path: '/api/v2/me?circle-token=x' }]) {
      const answer = await call('POST', '/api/relay', { slot: 'candidate', ...request });
      assert.equal(answer.status, 403);
      assert.equal(answer.json.error, 'path_not_allowed');
    }
    assert.equal(stack.fake.requests.length, 0);
  });

  test('CircleCI\'s raw answer comes back: status, relevant headers, body, endpoint', async () => {
    stack.fake.reset();
    const call = apiClient(stack.url);
    await call('GET', '/api/session');
    await call('POST', '/api/candidate', { token: TOKENS.rateLimitedText });
    const limited = await call('POST', '/api/relay', { slot: 'candidate', method: 'GET', path: '/api/v2/me' });
    assert.equal(limited.json.transport, 'none');
    assert.equal(limited.json.status, 429);
    assert.equal(limited.json.headers['retry-after'], '2');
    assert.match(limited.json.headers['content-type'], /text\/plain/);
    assert.equal(limited.json.body, 'Rate limited.');
    assert.equal(limited.json.endpoint, 'me');
    assert.equal(core.classify(limited.json).reason, 'rate_limited');

    await call('POST', '/api/candidate', { token: TOKENS.badGateway });
    const gateway = await call('POST', '/api/relay', { slot: 'candidate', method: 'GET', path: '/api/v2/me' });
    assert.equal(gateway.json.status, 502);
    assert.match(gateway.json.body, /502 Bad Gateway/);
    assert.equal(core.classify(gateway.json).reason, 'server_error');

    await call('POST', '/api/candidate', { token: TOKENS.connectionReset });
    const reset = await call('POST', '/api/relay', { slot: 'candidate', method: 'GET', path: '/api/v2/me' });
    assert.deepEqual(reset.json, { transport: 'connect', endpoint: 'me' });
  });
});

describe('transport failures', () => {
  const get = (url, timeoutMs = 2000) => fetchOutcome(new URL(url), { headers: {}, timeoutMs, maxBytes: 1024 });

  test('refused connection → connect; unknown host → dns', async () => {
    const server = net.createServer();
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address();
    await new Promise((resolve) => server.close(resolve));
    assert.deepEqual(await get(`http://127.0.0.1:${port}/`), { transport: 'connect' });
    assert.deepEqual(await get('https://no-such-host.invalid/'), { transport: 'dns' });
  });

  test('no answer in time → timeout; HTTPS to a plain server → tls; too large → other', async () => {
    const silent = net.createServer(() => {});
    await new Promise((resolve) => silent.listen(0, '127.0.0.1', resolve));
    assert.deepEqual(await get(`http://127.0.0.1:${silent.address().port}/`, 200), { transport: 'timeout' });
    silent.close();
    const plain = http.createServer((_req, res) => res.end('x'.repeat(4096)));
    await new Promise((resolve) => plain.listen(0, '127.0.0.1', resolve));
    assert.deepEqual(await get(`https://127.0.0.1:${plain.address().port}/`), { transport: 'tls' });
    assert.deepEqual(await get(`http://127.0.0.1:${plain.address().port}/`), { transport: 'other' });
    plain.closeAllConnections();
    plain.close();
  });

  test('error codes map to the core\'s transport ids', () => {
    const cases = [['ECONNRESET', 'connect'], ['ENOTFOUND', 'dns'], ['EAI_AGAIN', 'dns'], ['ETIMEDOUT', 'timeout'],
      ['CERT_HAS_EXPIRED', 'tls'], ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'], ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'], ['EPROTO', 'tls'], ['EWHATEVER', 'other']];
    for (const [code, transport] of cases) assert.equal(transportOf(Object.assign(new Error(code), { code })), transport, code);
    const transports = new Set(core.idCatalog().transport);
    for (const [, transport] of cases) assert.ok(transports.has(transport));
  });
});

describe('failed-job logs', () => {
  test('storage and job links are followed only on the configured hosts', () => {
    const hosts = createHosts({ hosts: [{ origin: 'https://circleci.com', upstream: 'https://circleci.com' }] });
    assert.ok(hosts.storageUrl(`${CIRCLECI_STORAGE_PREFIX}abc?X-Amz-Signature=1`));
    for (const url of ['https://circle-production-action-output.s3.amazonaws.com.evil.example/x', 'http://circle-production-action-output.s3.amazonaws.com/x',
      'https://user:pw@circle-production-action-output.s3.amazonaws.com/x', 'https://169.254.169.254/latest/meta-data/', 'file:///etc/passwd']) {
      assert.equal(hosts.storageUrl(url), null, url);
    }
    assert.ok(hosts.inFamily('https://app.circleci.com', 'https://circleci.com'));
    assert.ok(hosts.inFamily(null, 'https://circleci.com'));
    for (const origin of ['https://evil.example', 'http://app.circleci.com', 'https://app.circleci.com:444', 'https://circleci.com.evil.example']) {
      assert.equal(hosts.inFamily(origin, 'https://circleci.com'), false, origin);
    }
  });

  test('a pasted link on another host, or not a job, is never fetched', async () => {
    const call = apiClient(stack.url);
    const { record } = await verifyCandidate(call, core, TOKENS.valid);
    await call('POST', '/api/promote', { record });
    stack.fake.reset();
    const other = await call('POST', '/api/jobs', { url: jobUrl(1202).replace('app.circleci.com', 'evil.example') });
    assert.equal(other.status, 422);
    assert.equal(other.json.error, 'other_host');
    const pipeline = await call('POST', '/api/jobs', { url: 'https://app.circleci.com/pipelines/gh/acme/app/45' });
    assert.equal(pipeline.json.error, 'not_a_job');
    const junk = await call('POST', '/api/jobs', { url: 'hello' });
    assert.equal(junk.json.error, 'bad_url');
    assert.equal(stack.fake.requests.length, 0);
  });

  test('the failing containers are listed and their outputs streamed without the token', async () => {
    const call = apiClient(stack.url);
    assert.equal((await call('POST', '/api/jobs', { url: jobUrl(1202) })).status, 401);
    await call('GET', '/api/session');
    assert.equal((await call('POST', '/api/jobs', { url: jobUrl(1202) })).json.error, 'not_connected');
    const { record } = await verifyCandidate(call, core, TOKENS.valid);
    await call('POST', '/api/promote', { record });
    stack.fake.reset();
    const listed = await call('POST', '/api/jobs', { url: jobUrl(WELL_KNOWN.jobs.parallel, 44) });
    assert.equal(listed.status, 200);
    assert.equal(listed.json.outcome, null);
    assert.deepEqual(listed.json.steps.map(({ name, container, exit_code: code }) => [name, container, code]), [['Install Google Chrome', 2, 56]]);
    const output = await call('GET', `/api/job-output/${listed.json.steps[0].output}`);
    assert.equal(output.status, 200);
    assert.equal(output.headers.get('cache-control'), 'no-store');
    assert.match(output.text, /curl: \(56\)/);
    const storage = stack.fake.requests.filter((entry) => entry.path.startsWith('/_s3/'));
    assert.equal(storage.length, 1);
    assert.equal(storage[0].hadToken, false);
    assert.equal((await call('GET', '/api/job-output/unknown')).status, 404);
  });

  test('a refused job lookup comes back as the raw outcome', async () => {
    const call = apiClient(stack.url);
    const { record } = await verifyCandidate(call, core, TOKENS.validSecondUser);
    await call('POST', '/api/promote', { record });
    const url = `https://app.circleci.com/pipelines/${WELL_KNOWN.slugs.platform}/3/workflows/4a6a4b7e-0d7c-4a9a-9d63-2f6f7f1b2c3d/jobs/${WELL_KNOWN.jobs.platformJest}`;
    const listed = await call('POST', '/api/jobs', { url });
    assert.equal(listed.json.outcome.status, 404);
    assert.equal(listed.json.outcome.endpoint, 'job_details_v1');
    assert.equal(core.classify(listed.json.outcome).reason, 'not_found_or_no_access');
  });
});

test('the demo process prints its URL and nothing else, even when connecting', async () => {
  const child = spawn(process.execPath, [path.join(root, 'web/demo.mjs'), '--pkg', path.resolve(pkgDir)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /circleci-connect demo: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.once('exit', () => reject(new Error(output)));
  });
  const call = apiClient(url);
  const { record } = await verifyCandidate(call, core, TOKENS.valid);
  await call('POST', '/api/promote', { record });
  await verifyCandidate(call, core, TOKENS.revoked);
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  assert.equal(output.trim().split('\n').length, 1, output);
  assert.ok(!output.includes(TOKENS.valid) && !output.includes(TOKENS.revoked));
});
