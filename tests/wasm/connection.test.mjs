// The connection machine through the shipped module: a page's whole flow, driven only by
// the view models it returns.
import assert from 'node:assert/strict';
import test from 'node:test';

import { loadFacade } from './load.mjs';

const api = await loadFacade();
const token = 'CCIPAT_BF4pE6ugfXnJiBVqgikZEV_439536b3216fdaeeb975729fae923d5a4fd12aab';
const me = { status: 200, endpoint: 'me', body: JSON.stringify({ id: 'u-1', login: 'octo', name: 'Octo Cat', avatar_url: null }) };
const orgs = { status: 200, endpoint: 'collaborations', body: JSON.stringify([{ id: 'o-1', name: 'acme', slug: 'gh/acme', vcs_type: 'github' }]) };

function answer(machine, outcome, now) {
  const request = machine.currentRequest();
  assert.ok(request, 'a request is in flight');
  return machine.stageResult(request.attempt, request.stage, outcome, now);
}

test('paste, connect, verify: connected as name (login), token never in the view', () => {
  const machine = new api.ConnectionMachine();
  assert.equal(machine.view(0).can_submit, false);
  let view = machine.input(`  ${token}\n`);
  assert.equal(view.state, 'editing');
  assert.equal(view.can_submit, true);
  view = machine.submit({ now: 1_000 });
  assert.equal(view.state, 'validating');
  assert.deepEqual(machine.currentRequest().path, '/api/v2/me');
  answer(machine, me, 2_000);
  assert.equal(machine.currentRequest().path, '/api/v2/me/collaborations');
  view = answer(machine, orgs, 3_000);
  assert.equal(view.state, 'connected');
  assert.equal(view.status_line, 'Connected as Octo Cat (octo).');
  assert.equal(view.masked_token, 'CCIPAT_…2aab');
  assert.deepEqual(view.stages.map((s) => [s.id, s.status]), [['identity', 'passed'], ['org_access', 'passed']]);
  assert.equal(machine.view(3_000 + 5 * 60_000).verified_ago, 'verified 5 min ago');
  assert.ok(!JSON.stringify(view).includes(token));
  machine.dispose();
  assert.throws(() => machine.view(0), (e) => e.kind === 'invalid_argument');
});

test('a project token is blocked before any request', () => {
  const machine = new api.ConnectionMachine();
  const view = machine.input('CCIPRJ_8nojmVLSDRYmTrsx7EwFN_fe228f219e9cb0eb53f16947ccf25ec84d8dbc74');
  assert.equal(view.can_submit, false);
  assert.match(view.field_error, /project token/);
  assert.equal(machine.submit({ now: 1 }).state, 'editing');
  assert.equal(machine.currentRequest(), null);
  machine.dispose();
});

test('a stale answer for an earlier attempt is ignored', () => {
  const machine = new api.ConnectionMachine();
  machine.input(token);
  machine.submit({ now: 1 });
  const first = machine.currentRequest();
  machine.input(token.replace('2aab', '2aac'));
  machine.submit({ now: 2 });
  const view = machine.stageResult(first.attempt, first.stage, me, 3);
  assert.equal(view.state, 'validating');
  assert.equal(machine.currentRequest().attempt, first.attempt + 1);
  assert.equal(machine.currentRequest().stage, 'identity');
  machine.dispose();
});

test('429 on /me counts down, then retries by itself', () => {
  const machine = new api.ConnectionMachine();
  machine.input(token);
  machine.submit({ now: 0 });
  let view = answer(machine, { status: 429, endpoint: 'me', headers: { 'Retry-After': '2' }, body: 'Rate limited.' }, 1_000);
  assert.equal(view.state, 'rate_limited');
  assert.equal(view.reason, 'rate_limited');
  assert.equal(view.retry_in_s, 2);
  assert.equal(machine.tick(2_000).retry_in_s, 1);
  view = machine.tick(3_000);
  assert.equal(view.state, 'validating');
  answer(machine, me, 3_100);
  assert.equal(answer(machine, orgs, 3_200).state, 'connected');
  machine.dispose();
});

test('re-check after revocation needs re-authentication; disconnect reminds to revoke', () => {
  const machine = new api.ConnectionMachine();
  machine.input(token);
  machine.submit({ now: 0 });
  answer(machine, me, 1);
  answer(machine, orgs, 2);
  machine.recheck(10);
  const view = answer(machine, { status: 401, endpoint: 'me', body: '{"message":"Invalid token provided."}' }, 11);
  assert.equal(view.state, 'needs_reauth');
  assert.equal(view.reason, 'token_expired_or_revoked');
  const gone = machine.disconnect();
  assert.equal(gone.state, 'disconnected');
  assert.match(`${gone.status_line} ${gone.remedy}`, /revoke/i);
  machine.dispose();
});

test('the health record round-trips with times in ms, and never holds the token', () => {
  const machine = new api.ConnectionMachine();
  machine.input(token);
  machine.submit({ now: Date.UTC(2026, 10, 25) });
  answer(machine, me, Date.UTC(2026, 10, 25, 0, 0, 1));
  answer(machine, orgs, Date.UTC(2026, 10, 25, 0, 0, 2));
  const record = machine.healthRecord();
  assert.equal(record.state, 'connected');
  assert.equal(record.verified_at, Date.UTC(2026, 10, 25, 0, 0, 2));
  assert.ok(!machine.healthRecordJson().includes(token));
  assert.match(machine.healthRecordJson(), /"verified_at":"2026-11-25T00:00:02.000Z"/);
  const restored = new api.ConnectionMachine();
  assert.equal(restored.restore(record), true);
  assert.deepEqual(restored.healthRecord(), record);
  assert.equal(restored.restore(machine.healthRecordJson()), true);
  assert.equal(restored.restore('{"schema_version": 99}'), false);
  machine.dispose();
  restored.dispose();
});

test('a stored record nested a million deep is refused without exhausting the stack', () => {
  const machine = new api.ConnectionMachine();
  const depth = 1_000_000;
  assert.equal(machine.restore('['.repeat(depth) + ']'.repeat(depth)), false);
  assert.equal(machine.restore('{"a":'.repeat(depth) + '1' + '}'.repeat(depth)), false);
  assert.equal(machine.restore(new api.ConnectionMachine().healthRecordJson()), true);
  machine.dispose();
});

test('setExpiry takes a Date, a number or null; anything else clears the date', () => {
  const machine = new api.ConnectionMachine();
  const t0 = Date.UTC(2026, 10, 25);
  machine.input(token);
  machine.submit({ now: t0 });
  answer(machine, me, t0 + 1);
  answer(machine, orgs, t0 + 2);
  const day = 24 * 60 * 60_000;
  assert.ok(machine.setExpiry(new Date(t0 + 5 * day)).expiry_warning);
  assert.equal(machine.healthRecord().expires_at, t0 + 5 * day);
  assert.equal(machine.setExpiry(null).expiry_warning, null);
  assert.equal(machine.healthRecord().expires_at, null);
  assert.ok(machine.setExpiry(t0 + 3 * day).expiry_warning);
  for (const none of [new Date(Number.NaN), Number.POSITIVE_INFINITY, 1e300, -1e300, '2026-12-01', undefined]) {
    machine.setExpiry(t0 + 3 * day);
    assert.equal(machine.setExpiry(none).expiry_warning, null, String(none));
    assert.equal(machine.healthRecord().expires_at, null);
  }
  machine.dispose();
});

test('machines are independent, also when a new one takes a disposed one\'s place in the core', () => {
  const first = new api.ConnectionMachine();
  const second = new api.ConnectionMachine();
  first.input(token);
  second.input('CCIPRJ_x');
  first.dispose();
  const third = new api.ConnectionMachine();
  assert.equal(third.view(0).state, 'empty');
  assert.equal(second.view(0).state, 'editing');
  assert.equal(second.view(0).can_submit, false);
  assert.equal(third.input(token).can_submit, true);
  assert.equal(second.view(0).can_submit, false);
  assert.throws(() => first.view(0), (e) => e.kind === 'invalid_argument');
  second.dispose();
  third.dispose();
});

test('times that are not finite numbers and attempts that are not counters are refused before the core', () => {
  const machine = new api.ConnectionMachine();
  machine.input(token);
  const refused = (e) => e instanceof api.CircleCiConnectError && e.kind === 'invalid_argument';
  for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, '1000', null]) {
    assert.throws(() => machine.view(bad), refused, String(bad));
    assert.throws(() => machine.tick(bad), refused, String(bad));
    assert.throws(() => machine.recheck(bad), refused, String(bad));
    assert.throws(() => machine.submit({ now: bad }), refused, String(bad));
    assert.throws(() => api.diagnoseBuilds({ collaborations: [], now: bad }), refused, String(bad));
  }
  machine.submit({ now: 1_000 });
  const request = machine.currentRequest();
  for (const attempt of [-1, 1.5, Number.NaN, 2 ** 60, String(request.attempt)]) {
    assert.throws(() => machine.stageResult(attempt, request.stage, me, 2_000), refused, String(attempt));
    assert.throws(() => machine.stageResult(request.attempt, request.stage, me, Number.NaN), refused);
  }
  assert.equal(machine.view(2_000).state, 'validating');
  assert.equal(answer(machine, me, 2_000).state, 'validating');
  machine.dispose();
});
