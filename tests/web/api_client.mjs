// Test helper: the demo backend's API as the page calls it (same-origin POSTs with JSON
// bodies, the session cookie kept), and the connect flow driven by the core in Node.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { pkgDir } from './stack.mjs';

export async function loadCore() {
  const core = await import(pathToFileURL(path.resolve(pkgDir, 'index.mjs')).href);
  await core.init();
  return core;
}

/** call(method, path, body?, headers?) → {status, headers, json}; keeps the session cookie. */
export function apiClient(baseUrl) {
  const origin = new URL(baseUrl).origin;
  let cookie = null;
  const call = async (method, path, body, headers = {}) => {
    const response = await fetch(new URL(path, baseUrl), {
      method,
      headers: {
        ...(method === 'POST' ? { Origin: origin } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(cookie ? { Cookie: cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0];
    const text = await response.text();
    let json = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: response.status, headers: response.headers, json, text };
  };
  call.cookie = () => cookie;
  return call;
}

/** The relay answer as the core's Outcome. */
export function outcomeOf({ body_base64: base64, ...outcome }) {
  return base64 === undefined ? outcome : { ...outcome, body: Buffer.from(base64, 'base64') };
}

/** Submits `token` as the candidate and verifies it through the relay, as the page does. */
export async function verifyCandidate(call, core, token) {
  await call('GET', '/api/session');
  const sent = await call('POST', '/api/candidate', { token, host: 'https://circleci.com' });
  const machine = new core.ConnectionMachine();
  machine.input(token);
  let view = machine.submit();
  for (let request = machine.currentRequest(); request; request = machine.currentRequest()) {
    const answer = await call('POST', '/api/relay', { slot: 'candidate', method: request.method, path: request.path });
    view = machine.stageResult(request.attempt, request.stage, outcomeOf(answer.json));
  }
  const record = machine.healthRecordJson();
  machine.dispose();
  return { sent, view, record };
}
