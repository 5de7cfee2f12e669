// Every scenario and endpoint of the fake CircleCI, over real HTTP on loopback.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { TRUNCATED_STREAM_BYTES } from './deliver.mjs';
import { decodeBase58, isUuidV4Bytes, parseUuid } from './ids.mjs';
import { tokenShape } from './make_token.mjs';
import { SCENARIOS, TOKENS } from './scenarios.mjs';
import { startFakeCircleCi } from './server.mjs';
import { LARGE_ELEMENT_BYTES } from './step_output.mjs';
import { ORGS, WELL_KNOWN } from './world.mjs';

const APP = WELL_KNOWN.slugs.app;
const PLATFORM = WELL_KNOWN.slugs.platform;
const ALL_TOKENS = SCENARIOS.map((s) => s.token);

/** A GET with node's http client; never throws: transport errors come back as {error}. */
function rawGet(url, headers = {}) {
  return new Promise((resolve) => {
    const req = http.get(url, { headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', (error) => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks), error }));
      res.on('aborted', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks), error: new Error('aborted') }));
    });
    req.on('error', (error) => resolve({ error }));
  });
}

const withToken = (token) => (token ? { 'Circle-Token': token } : {});

function startedFake(options) {
  const holder = {};
  before(async () => { holder.fake = await startFakeCircleCi(options); });
  after(() => holder.fake.close());
  beforeEach(() => holder.fake.reset());
  return holder;
}

describe('tokens and the scenario table', () => {
  it('every scenario token is a well-formed fake of its kind, and names and tokens are unique', () => {
    for (const s of SCENARIOS) {
      const expected = s.access === 'legacy' ? 'legacy' : s.access === 'project-token' ? 'project' : 'personal';
      assert.equal(tokenShape(s.token), expected, s.name);
    }
    assert.equal(new Set(SCENARIOS.map((s) => s.name)).size, SCENARIOS.length);
    assert.equal(new Set(ALL_TOKENS).size, SCENARIOS.length);
    assert.ok(SCENARIOS.some((s) => s.token.split('_')[1]?.length === 21), 'one token has a 21-char middle');
  });

  it('README.md documents every scenario with its token', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    for (const s of SCENARIOS) assert.match(readme, new RegExp(`\\| \`${s.name}\` \\| \`${s.token}\` \\|`), s.name);
  });
});

describe('authentication', () => {
  const ctx = startedFake();

  it('accepts the token as Circle-Token, Bearer and Basic (token as username)', async () => {
    const headers = [
      { 'Circle-Token': TOKENS.valid },
      { Authorization: `Bearer ${TOKENS.valid}` },
      { Authorization: `Basic ${Buffer.from(`${TOKENS.valid}:`).toString('base64')}` },
    ];
    for (const h of headers) {
      const res = await fetch(`${ctx.fake.url}/api/v2/me`, { headers: h });
      assert.equal(res.status, 200);
      const me = await res.json();
      assert.deepEqual(Object.keys(me).sort(), ['avatar_url', 'id', 'login', 'name']);
      assert.equal(me.login, 'ada-acme');
      assert.equal(me.name, 'Ada Lovelace');
    }
    assert.deepEqual(ctx.fake.requests.map((r) => r.tokenHeader), ['circle-token', 'authorization-bearer', 'authorization-basic']);
  });

  it('lists two collaborations: a GitHub OAuth org and a GitHub-App org with a base58 id slug', async () => {
    const orgs = await (await fetch(`${ctx.fake.url}/api/v2/me/collaborations`, { headers: withToken(TOKENS.valid) })).json();
    assert.equal(orgs.length, 2);
    assert.deepEqual(orgs.map((o) => [o['vcs-type'], o.slug.split('/')[0]]), [['github', 'gh'], ['circleci', 'circleci']]);
    assert.equal(orgs[0].slug, 'gh/acme');
    const app = orgs[1];
    const idBytes = decodeBase58(app.slug.split('/')[1], 16);
    assert.ok(isUuidV4Bytes(idBytes));
    assert.deepEqual(idBytes, parseUuid(app.id));
    for (const o of orgs) assert.deepEqual(Object.keys(o).sort(), ['avatar_url', 'id', 'name', 'slug', 'vcs-type']);
  });

  it('no token → 401 "You must log in first."; an unknown token → 401 "Invalid token provided."', async () => {
    const none = await fetch(`${ctx.fake.url}/api/v2/me`);
    assert.equal(none.status, 401);
    assert.deepEqual(await none.json(), { message: 'You must log in first.' });
    const unknown = await fetch(`${ctx.fake.url}/api/v2/me`, { headers: withToken('CCIPAT_ULUhR6rJLxYbyzyrP19iMZ_8fb1e3510325f7f09361de22b9420346c53ca2cb') });
    assert.equal(unknown.status, 401);
    assert.deepEqual(await unknown.json(), { message: 'Invalid token provided.' });
  });

  it('rejects a circle-token query parameter, even with a valid header, and logs no token', async () => {
    const res = await fetch(`${ctx.fake.url}/api/v2/me?circle-token=${TOKENS.valid}`, { headers: withToken(TOKENS.valid) });
    assert.equal(res.status, 401);
    assert.match((await res.json()).message, /^Support for query parameter authentication has been deprecated/);
    const [entry] = ctx.fake.requests;
    assert.equal(entry.urlHadToken, true);
    assert.equal(entry.query, 'circle-token=[REDACTED]');
    assert.ok(!JSON.stringify(ctx.fake.requests).includes(TOKENS.valid));
  });

  it('flags and redacts a token-shaped string anywhere in the URL', async () => {
    const canary = 'CCIPAT_JXyZFHDkR7uvWYAJTCyCBN_f774a0c14e265b2d80b573413159ae9c3197c74e';
    await fetch(`${ctx.fake.url}/api/v2/me?x=${encodeURIComponent(canary)}`, { headers: withToken(TOKENS.valid) });
    await fetch(`${ctx.fake.url}/api/v2/project/${canary}/x/pipeline`, { headers: withToken(TOKENS.valid) });
    assert.deepEqual(ctx.fake.requests.map((r) => r.urlHadToken), [true, true]);
    assert.ok(!JSON.stringify(ctx.fake.requests).includes(canary));
  });

  it('unknown paths → 404 {"message":"Not found"}', async () => {
    const res = await fetch(`${ctx.fake.url}/api/v2/nope`, { headers: withToken(TOKENS.valid) });
    assert.equal(res.status, 404);
    assert.deepEqual(await res.json(), { message: 'Not found' });
  });
});

describe('token scenarios', () => {
  const ctx = startedFake({ slowMs: 300 });
  const get = (path, token) => fetch(`${ctx.fake.url}${path}`, { headers: withToken(token) });
  const expectMessage = async (res, status, text) => {
    assert.equal(res.status, status);
    assert.deepEqual(await res.json(), { message: text });
  };

  it('projectToken: 401 on /me and /me/collaborations, 404 "Project not found" on project endpoints', async () => {
    await expectMessage(await get('/api/v2/me', TOKENS.projectToken), 401, 'You must log in first.');
    await expectMessage(await get('/api/v2/me/collaborations', TOKENS.projectToken), 401, 'You must log in first.');
    await expectMessage(await get(`/api/v2/project/${APP}/pipeline`, TOKENS.projectToken), 404, 'Project not found');
    await expectMessage(await get(`/api/v2/project/${APP}/job/1202`, TOKENS.projectToken), 404, 'Project not found');
  });

  it('revoked: 401 "Invalid token provided." everywhere', async () => {
    await expectMessage(await get('/api/v2/me', TOKENS.revoked), 401, 'Invalid token provided.');
    await expectMessage(await get(`/api/v2/project/${APP}/pipeline`, TOKENS.revoked), 401, 'Invalid token provided.');
  });

  it('revokedAfterFirstMe: a full verification passes, the re-check /me is refused', async () => {
    assert.equal((await get('/api/v2/me', TOKENS.revokedAfterFirstMe)).status, 200);
    assert.equal((await get('/api/v2/me/collaborations', TOKENS.revokedAfterFirstMe)).status, 200);
    assert.equal((await get(`/api/v2/project/${APP}/pipeline`, TOKENS.revokedAfterFirstMe)).status, 200);
    await expectMessage(await get('/api/v2/me', TOKENS.revokedAfterFirstMe), 401, 'Invalid token provided.');
    await expectMessage(await get('/api/v2/me/collaborations', TOKENS.revokedAfterFirstMe), 401, 'Invalid token provided.');
  });

  it('legacy: 401 "New format tokens are needed…"', async () => {
    await expectMessage(await get('/api/v2/me', TOKENS.legacy), 401,
      'New format tokens are needed to authenticate this API endpoint. Create a new API token for access.');
  });

  it('permissionDenied: /me works, collaborations → 403 "Permission denied."', async () => {
    assert.equal((await get('/api/v2/me', TOKENS.permissionDenied)).status, 200);
    await expectMessage(await get('/api/v2/me/collaborations', TOKENS.permissionDenied), 403, 'Permission denied.');
  });

  it('rateLimitedText: 429 text/plain "Rate limited." with Retry-After: 2, then success', async () => {
    const first = await get('/api/v2/me', TOKENS.rateLimitedText);
    assert.equal(first.status, 429);
    assert.match(first.headers.get('content-type'), /^text\/plain/);
    assert.equal(first.headers.get('retry-after'), '2');
    assert.equal(await first.text(), 'Rate limited.');
    assert.equal((await get('/api/v2/me', TOKENS.rateLimitedText)).status, 200);
  });

  it('rateLimitedHttpDate: 429 {} with an HTTP-date Retry-After 2 s after Date, then success', async () => {
    const first = await get('/api/v2/me', TOKENS.rateLimitedHttpDate);
    assert.equal(first.status, 429);
    assert.equal(await first.text(), '{}');
    const retryAt = Date.parse(first.headers.get('retry-after'));
    const date = Date.parse(first.headers.get('date'));
    assert.match(first.headers.get('retry-after'), /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    assert.equal(retryAt - date, 2000);
    assert.ok(Math.abs(date - Date.now()) < 2000);
    assert.equal((await get('/api/v2/me', TOKENS.rateLimitedHttpDate)).status, 200);
  });

  it('badGateway: 502 Cloudflare/nginx HTML on every request; badGatewayOnce: then success', async () => {
    for (let i = 0; i < 2; i += 1) {
      const res = await get('/api/v2/me', TOKENS.badGateway);
      assert.equal(res.status, 502);
      assert.match(res.headers.get('content-type'), /^text\/html/);
      assert.match(await res.text(), /<title>502 Bad Gateway<\/title>[\s\S]*<center>cloudflare<\/center>/);
    }
    assert.equal((await get('/api/v2/me', TOKENS.badGatewayOnce)).status, 502);
    assert.equal((await get('/api/v2/me', TOKENS.badGatewayOnce)).status, 200);
  });

  it('connectionReset: the socket is reset before any response; connectionResetOnce: then success', async () => {
    for (let i = 0; i < 2; i += 1) {
      const res = await rawGet(`${ctx.fake.url}/api/v2/me`, withToken(TOKENS.connectionReset));
      assert.equal(res.error?.code, 'ECONNRESET');
    }
    assert.equal((await rawGet(`${ctx.fake.url}/api/v2/me`, withToken(TOKENS.connectionResetOnce))).error?.code, 'ECONNRESET');
    assert.equal((await rawGet(`${ctx.fake.url}/api/v2/me`, withToken(TOKENS.connectionResetOnce))).status, 200);
    assert.deepEqual(ctx.fake.requests.map((r) => r.outcome), ['reset', 'reset', 'reset', 'complete']);
  });

  it('slow: the response starts after slowMs', async () => {
    const started = Date.now();
    assert.equal((await get('/api/v2/me', TOKENS.slow)).status, 200);
    assert.ok(Date.now() - started >= 290);
  });

  it('truncatedOnce: Content-Length larger than the body, then close; the retry is whole', async () => {
    const cut = await rawGet(`${ctx.fake.url}/api/v2/me`, withToken(TOKENS.truncatedOnce));
    assert.ok(cut.error, 'the client notices the short body');
    assert.ok(Number(cut.headers['content-length']) > cut.body.length);
    const whole = await rawGet(`${ctx.fake.url}/api/v2/me`, withToken(TOKENS.truncatedOnce));
    assert.equal(whole.error, undefined);
    assert.equal(JSON.parse(whole.body).login, 'ada-acme');
    assert.deepEqual(ctx.fake.requests.map((r) => r.outcome), ['truncated', 'complete']);
  });
});

describe('gzip', () => {
  const ctx = startedFake();

  it('honours Accept-Encoding: gzip on API bodies and step outputs, and only then', async () => {
    const plain = await rawGet(`${ctx.fake.url}/api/v2/me`, withToken(TOKENS.valid));
    assert.equal(plain.headers['content-encoding'], undefined);
    const zipped = await rawGet(`${ctx.fake.url}/api/v2/me`, { ...withToken(TOKENS.valid), 'Accept-Encoding': 'gzip, deflate' });
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.deepEqual(JSON.parse(gunzipSync(zipped.body)), JSON.parse(plain.body));
    const url = await outputUrl(ctx.fake.url, TOKENS.valid, WELL_KNOWN.jobs.gcc, 'Build with -Werror', 0);
    const output = await rawGet(url, { 'Accept-Encoding': 'gzip' });
    assert.equal(output.headers['content-encoding'], 'gzip');
    assert.equal(JSON.parse(gunzipSync(output.body)).at(-1).message, '\nExited with code exit status 2\n');
    assert.equal(ctx.fake.requests.at(-1).acceptEncoding, 'gzip');
  });
});

async function getJson(base, path, token) {
  const res = await fetch(`${base}${path}`, { headers: withToken(token) });
  assert.equal(res.status, 200, `${path} → ${res.status}`);
  return res.json();
}

async function v1Details(base, token, job, slug = APP) {
  const [vcs, ...rest] = slug.split('/');
  return getJson(base, `/api/v1.1/project/${[vcs === 'gh' ? 'github' : vcs, ...rest].join('/')}/${job}`, token);
}

async function outputUrl(base, token, job, stepName, index) {
  const details = await v1Details(base, token, job);
  return details.steps.find((s) => s.name === stepName).actions.find((a) => a.index === index).output_url;
}

/** All items of a paginated list, following next_page_token; also the page count. */
async function collect(base, path, token) {
  const items = [];
  let pages = 0;
  let next = null;
  do {
    const body = await getJson(base, `${path}${next ? `?page-token=${encodeURIComponent(next)}` : ''}`, token);
    items.push(...body.items);
    pages += 1;
    next = body.next_page_token;
  } while (next !== null && pages < 50);
  return { items, pages };
}

describe('pipelines, workflows, jobs, tests', () => {
  const ctx = startedFake();

  it('pages through 45 pipelines (newest first) with next_page_token / page-token', async () => {
    const { items, pages } = await collect(ctx.fake.url, `/api/v2/project/${APP}/pipeline`, TOKENS.valid);
    assert.equal(pages, 3);
    assert.deepEqual(items.map((p) => p.number), Array.from({ length: 45 }, (_, i) => 45 - i));
    for (const p of items) assert.ok(['id', 'number', 'project_slug', 'created_at', 'errors', 'state', 'trigger'].every((k) => k in p));
    assert.deepEqual(ctx.fake.requests.map((r) => r.query.startsWith('page-token=')), [false, true, true]);
  });

  it('pages through a pipeline with 7 workflows and a workflow with 25 jobs', async () => {
    const many = await getJson(ctx.fake.url, `/api/v2/project/${APP}/pipeline/${WELL_KNOWN.pipelines.manyWorkflows}`, TOKENS.valid);
    const workflows = await collect(ctx.fake.url, `/api/v2/pipeline/${many.id}/workflow`, TOKENS.valid);
    assert.equal(workflows.items.length, 7);
    assert.equal(workflows.pages, 2);
    const shards = await getJson(ctx.fake.url, `/api/v2/project/${APP}/pipeline/${WELL_KNOWN.pipelines.manyJobs}`, TOKENS.valid);
    const [wf] = (await getJson(ctx.fake.url, `/api/v2/pipeline/${shards.id}/workflow`, TOKENS.valid)).items;
    const jobs = await collect(ctx.fake.url, `/api/v2/workflow/${wf.id}/job`, TOKENS.valid);
    assert.equal(jobs.items.length, 25);
    assert.equal(jobs.pages, 3);
    assert.deepEqual(jobs.items.filter((j) => j.status === 'failed').map((j) => j.job_number), [WELL_KNOWN.jobs.shardFailed]);
  });

  it('lists approval jobs without a job_number', async () => {
    const pipeline = await getJson(ctx.fake.url, `/api/v2/project/${APP}/pipeline/${WELL_KNOWN.pipelines.failing}`, TOKENS.valid);
    const workflows = (await getJson(ctx.fake.url, `/api/v2/pipeline/${pipeline.id}/workflow`, TOKENS.valid)).items;
    const failed = workflows.find((w) => w.status === 'failed');
    const { items } = await getJson(ctx.fake.url, `/api/v2/workflow/${failed.id}/job`, TOKENS.valid);
    const hold = items.find((j) => j.type === 'approval');
    assert.equal(hold.status, 'on_hold');
    assert.ok(!('job_number' in hold));
    assert.deepEqual(items.filter((j) => j.status === 'failed').map((j) => j.job_number), [1202, 1203, 1204, 1205]);
  });

  it('answers the workflow and pipeline by id', async () => {
    const pipeline = await getJson(ctx.fake.url, `/api/v2/project/${APP}/pipeline/44`, TOKENS.valid);
    assert.equal((await getJson(ctx.fake.url, `/api/v2/pipeline/${pipeline.id}`, TOKENS.valid)).number, 44);
    const [wf] = (await getJson(ctx.fake.url, `/api/v2/pipeline/${pipeline.id}/workflow`, TOKENS.valid)).items;
    assert.equal((await getJson(ctx.fake.url, `/api/v2/workflow/${wf.id}`, TOKENS.valid)).name, 'nightly');
  });

  it('pages through test results with exactly one failure', async () => {
    const { items, pages } = await collect(ctx.fake.url, `/api/v2/project/${APP}/${WELL_KNOWN.jobs.rspec}/tests`, TOKENS.valid);
    assert.equal(pages, 3);
    assert.equal(items.length, 23);
    const failures = items.filter((t) => t.result === 'failure');
    assert.equal(failures.length, 1);
    assert.equal(failures[0].file, './test/fixtures/specs/bla_spec.rb');
    assert.deepEqual((await getJson(ctx.fake.url, `/api/v2/project/${APP}/${WELL_KNOWN.jobs.gcc}/tests`, TOKENS.valid)), { items: [], next_page_token: null });
  });

  it('rejects a page-token from another list with 400', async () => {
    const first = await getJson(ctx.fake.url, `/api/v2/project/${APP}/pipeline`, TOKENS.valid);
    const res = await fetch(`${ctx.fake.url}/api/v2/project/${APP}/${WELL_KNOWN.jobs.rspec}/tests?page-token=${first.next_page_token}`, { headers: withToken(TOKENS.valid) });
    assert.equal(res.status, 400);
  });

  it('pageLoop: every page-token gets page 1 and the same next_page_token', async () => {
    const path = `/api/v2/project/${APP}/pipeline`;
    const one = await getJson(ctx.fake.url, path, TOKENS.pageLoop);
    const two = await getJson(ctx.fake.url, `${path}?page-token=${one.next_page_token}`, TOKENS.pageLoop);
    assert.equal(two.next_page_token, one.next_page_token);
    assert.deepEqual(two.items, one.items);
  });

  it('accepts slugs as gh/…, github/…, %2F-escaped and circleci/<org-id>/<project-id>', async () => {
    for (const slug of ['gh/acme/app', 'github/acme/app', 'gh%2Facme%2Fapp']) {
      assert.equal((await getJson(ctx.fake.url, `/api/v2/project/${slug}/job/${WELL_KNOWN.jobs.gcc}`, TOKENS.valid)).status, 'failed');
    }
    assert.equal((await getJson(ctx.fake.url, `/api/v2/project/${PLATFORM}`, TOKENS.valid)).organization_id, ORGS.platform.id);
    const platform = await getJson(ctx.fake.url, `/api/v2/project/${encodeURIComponent(PLATFORM)}/pipeline`, TOKENS.valid);
    assert.equal(platform.items.length, 3);
    const v1 = await getJson(ctx.fake.url, `/api/v1.1/project/${PLATFORM}/${WELL_KNOWN.jobs.platformJest}`, TOKENS.valid);
    assert.equal(v1.status, 'failed');
  });

  it('lists recent builds on /api/v1.1/project/{slug} (the log probe), newest first, up to ?limit', async () => {
    const builds = await getJson(ctx.fake.url, '/api/v1.1/project/github/acme/app?limit=3&shallow=true', TOKENS.valid);
    assert.equal(builds.length, 3);
    assert.ok(builds[0].build_num > builds[1].build_num && builds[1].build_num > builds[2].build_num);
    assert.ok(builds.every((b) => typeof b.status === 'string' && b.build_url.startsWith('https://')));
    const res = await fetch(`${ctx.fake.url}/api/v1.1/project/github/acme/app?limit=1`, { headers: withToken(TOKENS.projectToken) });
    assert.equal(res.status, 404);
  });

  it('hides projects outside the user\'s orgs and unknown ones: 404 "Project not found"', async () => {
    for (const [slug, token] of [[PLATFORM, TOKENS.validSecondUser], ['gh/acme/nope', TOKENS.valid]]) {
      const res = await fetch(`${ctx.fake.url}/api/v2/project/${slug}/pipeline`, { headers: withToken(token) });
      assert.equal(res.status, 404);
      assert.deepEqual(await res.json(), { message: 'Project not found' });
    }
    assert.equal((await getJson(ctx.fake.url, '/api/v2/me', TOKENS.validSecondUser)).name, 'Grace Hopper');
  });
});

describe('job details and step output', () => {
  const ctx = startedFake({ largeOutputBytes: 1024 });

  it('v2 job details of the 16-container job: parallel_runs with one failed container', async () => {
    const job = await getJson(ctx.fake.url, `/api/v2/project/${APP}/job/${WELL_KNOWN.jobs.parallel}`, TOKENS.valid);
    assert.equal(job.parallelism, 16);
    assert.equal(job.status, 'failed');
    assert.deepEqual(job.parallel_runs.filter((r) => r.status === 'failed').map((r) => r.index), [2]);
    assert.ok(['web_url', 'project', 'pipeline', 'latest_workflow', 'executor', 'duration', 'messages', 'contexts'].every((k) => k in job));
  });

  it('v1.1 details of the 16-container job: exactly one failing action, container 2 of "Install Google Chrome"', async () => {
    const details = await v1Details(ctx.fake.url, TOKENS.valid, WELL_KNOWN.jobs.parallel);
    assert.equal(details.parallel, 16);
    const install = details.steps.find((s) => s.name === 'Install Google Chrome');
    assert.deepEqual(install.actions.map((a) => a.index), Array.from({ length: 16 }, (_, i) => i));
    const failing = details.steps.flatMap((s) => s.actions.filter((a) => a.failed).map((a) => [s.name, a.index, a.exit_code]));
    assert.deepEqual(failing, [['Install Google Chrome', 2, 56]]);
    const output = await (await fetch(install.actions[2].output_url)).json();
    assert.match(output[0].message, /curl: \(56\)/);
    assert.deepEqual(output.at(-1), { message: '\nExited with code exit status 56\n', time: output.at(-1).time, type: 'err' });
    const ok = await (await fetch(install.actions[3].output_url)).json();
    assert.ok(!ok.some((e) => e.message.includes('Exited with code')));
  });

  it('the benchmark job has 4 failing steps × 16 containers', async () => {
    const details = await v1Details(ctx.fake.url, TOKENS.valid, WELL_KNOWN.jobs.benchmark);
    const failing = details.steps.filter((s) => s.actions.some((a) => a.failed));
    assert.equal(failing.length, 4);
    for (const s of failing) assert.equal(s.actions.filter((a) => a.failed).length, 16);
  });

  it('serves realistic failing outputs: gcc + make, rspec, jest, OOM — ANSI, \\r\\n, final err element', async () => {
    const cases = [
      [WELL_KNOWN.jobs.gcc, 'Build with -Werror', /src\/parser\.c:12:5:\u001b\[m\u001b\[K \u001b\[01;31m\u001b\[Kerror: [\s\S]*make: \*\*\* \[Makefile:3: all\] Error 1\r\n/, 2],
      [WELL_KNOWN.jobs.rspec, 'Run RSpec', /541 examples, 1 failure/, 1],
      [WELL_KNOWN.jobs.jest, 'Run Jest', /● Cart › shows the total price[\s\S]*Tests:/, 1],
      [WELL_KNOWN.jobs.oom, 'Integration tests', /Received "killed" signal/, 137],
    ];
    for (const [job, step, pattern, exit] of cases) {
      const body = await (await fetch(await outputUrl(ctx.fake.url, TOKENS.valid, job, step, 0))).json();
      for (const e of body) assert.deepEqual(Object.keys(e), ['message', 'time', 'type']);
      assert.match(body.map((e) => e.message).join(''), pattern, step);
      assert.deepEqual(body.at(-1), { message: `\nExited with code exit status ${exit}\n`, time: body.at(-1).time, type: 'err' });
    }
  });

  it('raw output endpoints answer the out and err streams as text', async () => {
    const out = await fetch(`${ctx.fake.url}/api/private/output/raw/${APP}/${WELL_KNOWN.jobs.gcc}/output/0/102`, { headers: withToken(TOKENS.valid) });
    assert.match(out.headers.get('content-type'), /^text\/plain/);
    assert.match(await out.text(), /^\$ make\r\n[\s\S]*Error 1\r\n$/);
    const err = await fetch(`${ctx.fake.url}/api/private/output/raw/${APP}/${WELL_KNOWN.jobs.gcc}/error/0/102`, { headers: withToken(TOKENS.valid) });
    assert.equal(await err.text(), '\nExited with code exit status 2\n');
    assert.equal(ctx.fake.requests.at(-1).output, `${APP}/${WELL_KNOWN.jobs.gcc}/102/0`);
    const noToken = await fetch(`${ctx.fake.url}/api/private/output/raw/${APP}/${WELL_KNOWN.jobs.gcc}/output/0/102`);
    assert.equal(noToken.status, 401);
  });

  it('streams the large output in 5 MB elements, sized by ?size, ending with the linker error', async () => {
    const url = await outputUrl(ctx.fake.url, TOKENS.valid, WELL_KNOWN.jobs.large, 'Build all modules', 0);
    const size = 12 * 1024 * 1024;
    const res = await rawGet(`${url}&size=${size}`);
    assert.equal(res.headers['transfer-encoding'], 'chunked');
    const elements = JSON.parse(res.body);
    assert.equal(elements.length, 5);
    assert.deepEqual(elements.slice(0, 3).map((e) => Math.round(e.message.length / LARGE_ELEMENT_BYTES * 10)), [10, 10, 4]);
    const logBytes = (list) => list.slice(0, -2).reduce((n, e) => n + e.message.length, 0);
    assert.ok(logBytes(elements) <= size && logBytes(elements) > size - 200);
    assert.match(elements.at(-2).message, /undefined reference to `register_codec'/);
    assert.equal(elements.at(-1).message, '\nExited with code exit status 2\n');
    const byDefault = JSON.parse((await rawGet(url)).body);
    assert.ok(logBytes(byDefault) <= 1024 && logBytes(byDefault) > 1024 - 200, 'the server option sets the default size');
  });

  it('presigned URLs need no token; the log says whether one was sent anyway', async () => {
    const url = await outputUrl(ctx.fake.url, TOKENS.valid, WELL_KNOWN.jobs.gcc, 'Build with -Werror', 0);
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/_s3\/action-output\/[0-9a-f]{24}-[0-9a-f-]{36}-102-0\?X-Amz-Algorithm=AWS4-HMAC-SHA256&.*X-Amz-Expires=\d+&.*X-Amz-Signature=[0-9a-f]{64}$/);
    assert.equal((await fetch(url)).status, 200);
    assert.equal((await fetch(url, { headers: withToken(TOKENS.valid) })).status, 200);
    assert.deepEqual(ctx.fake.requests.slice(-2).map((r) => r.hadToken), [false, true]);
    const forged = await fetch(url.replace(/X-Amz-Signature=[0-9a-f]+/, `X-Amz-Signature=${'0'.repeat(64)}`));
    assert.equal(forged.status, 403);
    assert.match(await forged.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
  });

  it('expiredOutputUrl: 403 "Request has expired" once; re-fetched details carry a working URL', async () => {
    const stale = await outputUrl(ctx.fake.url, TOKENS.expiredOutputUrl, WELL_KNOWN.jobs.gcc, 'Build with -Werror', 0);
    for (let i = 0; i < 2; i += 1) {
      const res = await fetch(stale);
      assert.equal(res.status, 403);
      assert.match(res.headers.get('content-type'), /xml/);
      assert.match(await res.text(), /^<\?xml[^>]*>\n<Error><Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/);
    }
    const fresh = await outputUrl(ctx.fake.url, TOKENS.expiredOutputUrl, WELL_KNOWN.jobs.gcc, 'Build with -Werror', 0);
    assert.notEqual(fresh, stale);
    assert.equal((await fetch(fresh)).status, 200);
  });

  it('truncatedOutput cuts every fetch; truncatedOutputOnce only the first of each output', async () => {
    const always = await outputUrl(ctx.fake.url, TOKENS.truncatedOutput, WELL_KNOWN.jobs.gcc, 'Build with -Werror', 0);
    for (let i = 0; i < 2; i += 1) assert.ok((await rawGet(always)).error);
    const once = await outputUrl(ctx.fake.url, TOKENS.truncatedOutputOnce, WELL_KNOWN.jobs.gcc, 'Build with -Werror', 0);
    assert.ok((await rawGet(once)).error);
    const whole = await rawGet(once);
    assert.equal(whole.error, undefined);
    assert.equal(JSON.parse(whole.body).length, 2);
    const other = await outputUrl(ctx.fake.url, TOKENS.truncatedOutputOnce, WELL_KNOWN.jobs.gcc, 'Checkout code', 0);
    assert.ok((await rawGet(other)).error, 'each output is cut on its own first fetch');
  });

  it('a truncated streamed output stops without the final chunk', async () => {
    const url = await outputUrl(ctx.fake.url, TOKENS.truncatedOutput, WELL_KNOWN.jobs.large, 'Build all modules', 0);
    const res = await rawGet(`${url}&size=${6 * 1024 * 1024}`);
    assert.ok(res.error);
    assert.ok(res.body.length <= TRUNCATED_STREAM_BYTES);
  });
});

describe('redirect to another host', () => {
  const ctx = startedFake();

  it('302s to the other host, which records whether a token came along', async () => {
    const res = await fetch(`${ctx.fake.url}/api/v2/redirect-to-other-host`, { headers: withToken(TOKENS.valid), redirect: 'manual' });
    assert.equal(res.status, 302);
    const location = res.headers.get('location');
    assert.equal(location, `${ctx.fake.otherHostUrl}/landing`);
    assert.match(ctx.fake.otherHostUrl, /^http:\/\/127\.0\.0\.2:\d+$/);
    await fetch(location);
    await fetch(location, { headers: { Authorization: `Bearer ${TOKENS.valid}` } });
    const landings = ctx.fake.requests.filter((r) => r.host === 'other');
    assert.deepEqual(landings.map((r) => [r.path, r.hadToken, r.tokenHeader]), [['/landing', false, null], ['/landing', true, 'authorization-bearer']]);
  });

  it('catches a client that carries a custom token header across hosts', async () => {
    // fetch drops Authorization on a cross-origin redirect but keeps custom headers — the libcurl trap.
    const res = await fetch(`${ctx.fake.url}/api/v2/redirect-to-other-host`, { headers: withToken(TOKENS.valid) });
    assert.equal(res.status, 200);
    const landing = ctx.fake.requests.find((r) => r.host === 'other');
    assert.equal(landing.hadToken, true);
    assert.equal(landing.tokenHeader, 'circle-token');
  });
});

describe('request log and control endpoints', () => {
  const ctx = startedFake();

  it('records every request without ever holding a token, and serves it at /__fake/requests', async () => {
    for (const s of SCENARIOS) await rawGet(`${ctx.fake.url}/api/v2/me`, withToken(s.token));
    await rawGet(`${ctx.fake.url}/api/v2/me`, { Authorization: `Basic ${Buffer.from(`${TOKENS.valid}:`).toString('base64')}` });
    const served = await (await fetch(`${ctx.fake.url}/__fake/requests`)).json();
    assert.equal(served.length, SCENARIOS.length + 1);
    assert.deepEqual(served, JSON.parse(JSON.stringify(ctx.fake.requests)));
    const text = JSON.stringify(served);
    for (const token of ALL_TOKENS) {
      assert.ok(!text.includes(token));
      assert.ok(!text.includes(Buffer.from(`${token}:`).toString('base64')));
    }
    const entry = served[0];
    assert.deepEqual(Object.keys(entry).sort(), ['acceptEncoding', 'fault', 'hadToken', 'host', 'method', 'outcome', 'output',
      'path', 'query', 'scenario', 'seq', 'status', 'tokenHeader', 'time', 'urlHadToken', 'userAgent'].sort());
    assert.equal(entry.scenario, SCENARIOS[0].name);
    assert.ok(served.every((r) => r.urlHadToken === false && r.hadToken === true));
  });

  it('POST /__fake/reset clears the log and the scenario state', async () => {
    await rawGet(`${ctx.fake.url}/api/v2/me`, withToken(TOKENS.rateLimitedText));
    assert.equal((await fetch(`${ctx.fake.url}/__fake/reset`, { method: 'POST' })).status, 204);
    assert.equal(ctx.fake.requests.length, 0);
    assert.equal((await rawGet(`${ctx.fake.url}/api/v2/me`, withToken(TOKENS.rateLimitedText))).status, 429);
    const info = await (await fetch(`${ctx.fake.url}/__fake/info`)).json();
    assert.equal(info.otherHostUrl, ctx.fake.otherHostUrl);
  });
});

describe('latency', () => {
  const ctx = startedFake({ latencyMs: 120 });

  it('delays every request by latencyMs', async () => {
    const started = Date.now();
    await Promise.all(Array.from({ length: 8 }, () => fetch(`${ctx.fake.url}/api/v2/me`, { headers: withToken(TOKENS.valid) })));
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 115 && elapsed < 1000, `${elapsed} ms for 8 concurrent requests`);
  });
});

describe('fault injection', () => {
  const OPTIONS = { faultSeed: 7, faultRate: 0.5, faultSlowMs: 20 };

  /** Fetches the benchmark job's details (until served) and each output once; returns the faults in request order. */
  async function soak(fake) {
    let details = null;
    for (let i = 0; i < 40 && !details; i += 1) {
      const res = await rawGet(`${fake.url}/api/v1.1/project/github/acme/app/${WELL_KNOWN.jobs.benchmark}`, withToken(TOKENS.valid));
      if (res.status === 200 && !res.error) details = JSON.parse(res.body);
    }
    assert.ok(details, 'job details eventually served');
    for (const step of details.steps) for (const action of step.actions) await rawGet(action.output_url);
    return fake.requests.map((r) => r.fault);
  }

  it('injects a seeded mix of faults, reproducibly, and summarises them at /__fake/faults', async () => {
    const fake = await startFakeCircleCi(OPTIONS);
    try {
      const first = await soak(fake);
      fake.reset();
      assert.deepEqual(await soak(fake), first, 'same seed, same faults');
      const summary = await (await fetch(`${fake.url}/__fake/faults`)).json();
      assert.equal(summary.seed, 7);
      assert.equal(summary.requests, fake.requests.length);
      assert.equal(summary.faulted, fake.requests.filter((r) => r.fault).length);
      assert.ok(summary.faulted > 0 && summary.faulted < summary.requests);
      assert.ok(Object.keys(summary.byFault).length >= 3, JSON.stringify(summary.byFault));
      assert.equal(summary.outputs.length, 7 * 16);
      for (const o of summary.outputs) {
        const fetches = fake.requests.filter((r) => r.output === o.output);
        assert.equal(o.servedComplete, fetches.some((r) => r.status === 200 && r.outcome === 'complete'));
      }
    } finally {
      await fake.close();
    }
  });

  it('gives injected 429s a Retry-After of 0 or 1 s', async () => {
    const fake = await startFakeCircleCi({ ...OPTIONS, faultRate: 1 });
    try {
      const statuses = [];
      for (let i = 0; i < 30; i += 1) {
        const res = await rawGet(`${fake.url}/api/v2/me`, withToken(TOKENS.valid));
        if (res.status === 429) statuses.push(res.headers['retry-after']);
      }
      assert.ok(statuses.length > 0);
      assert.ok(statuses.every((s) => s === '0' || s === '1'));
      assert.ok(!fake.requests.some((r) => r.fault === 'expired-url'), 'expired-url only on step outputs');
    } finally {
      await fake.close();
    }
  });
});
