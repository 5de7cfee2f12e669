// The page's calls to its backend (contract: web/API.md). Each call resolves to
//   {ok: true, value}                        the backend's JSON answer
//   {ok: false, status, error, message}      the backend refused (its own words)
//   {ok: false, transport}                   the backend could not be reached (a core Transport id)
// Nothing here decides anything about CircleCI: relayed outcomes go to the core as they are.

const TIMEOUT_MS = 30_000;

async function call(method, path, body) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    return { ok: false, transport: error?.name === 'TimeoutError' ? 'timeout' : 'connect' };
  }
  let value;
  try {
    value = await response.json();
  } catch {
    return { ok: false, transport: 'other' };
  }
  return response.ok ? { ok: true, value } : { ok: false, status: response.status, error: value?.error, message: value?.message };
}

/** A relayed CircleCI answer as the core's Outcome (`body_base64` back to bytes). */
export function toOutcome({ body_base64: base64, ...outcome }) {
  if (base64 === undefined) return outcome;
  return { ...outcome, body: Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)) };
}

export const backend = {
  session: () => call('GET', '/api/session'),
  /** The only call that carries a token: in the body, once. */
  candidate: (token, host) => call('POST', '/api/candidate', { token, host }),
  relay: (slot, { method, path }) => call('POST', '/api/relay', { slot, method, path }),
  promote: (record) => call('POST', '/api/promote', { record }),
  saveRecord: (record) => call('POST', '/api/record', { record }),
  disconnect: () => call('POST', '/api/disconnect', {}),
  jobs: (url) => call('POST', '/api/jobs', { url }),
};
