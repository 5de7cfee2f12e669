// The request log: one entry per request (control endpoints /__fake/* excepted), never
// holding a token. Entry fields:
//   seq, time (ISO), host ('main' | 'other'), method, path, query (both with token-like text
//   replaced by [REDACTED]), hadToken (a Circle-Token or Authorization header was present),
//   tokenHeader ('circle-token' | 'authorization-bearer' | 'authorization-basic' |
//   'authorization-other' | null), urlHadToken (the URL carried a circle-token parameter or
//   token-like text), acceptEncoding, userAgent, scenario (name | null), fault (name | null),
//   status (number | null), outcome ('complete' | 'truncated' | 'reset' | 'aborted' | null while
//   in flight), output ("slug/job/step/index" for step-output fetches, else null).
import { SCENARIOS } from './scenarios.mjs';

const NEW_FORMAT_TOKEN = /CCIP(?:AT|RJ)_[1-9A-HJ-NP-Za-km-z]{18,24}_[0-9a-fA-F]{40}/;
const KNOWN_TOKENS = SCENARIOS.map((s) => s.token);

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function tokenForms(token) {
  return [token, encodeURIComponent(token), Buffer.from(token).toString('base64'), Buffer.from(`${token}:`).toString('base64')];
}

function percentDecoded(text) {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return text;
  }
}

/** Whether `text` (as sent or %-decoded) holds a secret or a new-format token. */
function holdsToken(text, secrets) {
  const decoded = percentDecoded(text);
  return NEW_FORMAT_TOKEN.test(decoded) || secrets.some((s) => text.includes(s) || decoded.includes(s));
}

/**
 * `text` with every token (the scenario tokens, the one the request presented, any
 * new-format-shaped one; raw, %-encoded or base64) replaced by [REDACTED] — or wholly
 * [REDACTED] if a disguised one survives — and whether there was any.
 */
function redact(text, presented) {
  const secrets = [...KNOWN_TOKENS, ...(presented?.length >= 16 ? [presented] : [])].flatMap(tokenForms);
  if (!holdsToken(text, secrets)) return { text, found: false };
  let out = text.replace(new RegExp(NEW_FORMAT_TOKEN.source, 'g'), '[REDACTED]');
  for (const secret of secrets) out = out.replace(new RegExp(escapeRegExp(secret), 'g'), '[REDACTED]');
  return { text: holdsToken(out, secrets) ? '[REDACTED]' : out, found: true };
}

export function createRequestLog() {
  const entries = [];
  let seq = 0;
  return {
    entries,
    /** Records a request; returns its entry for the handler to complete. */
    add({ host, req, url, credentials, queryToken }) {
      const path = redact(url.pathname, credentials.token);
      const rawQuery = url.search.replace(/^\?/, '').replace(/(^|&)(circle-token=)[^&]*/gi, '$1$2[REDACTED]');
      const query = redact(rawQuery, credentials.token);
      const entry = {
        seq: (seq += 1), time: new Date().toISOString(), host, method: req.method,
        path: path.text, query: query.text,
        hadToken: credentials.header !== null, tokenHeader: credentials.header,
        urlHadToken: path.found || query.found || queryToken,
        acceptEncoding: req.headers['accept-encoding'] ?? null, userAgent: req.headers['user-agent'] ?? null,
        scenario: null, fault: null, status: null, outcome: null, output: null,
      };
      entries.push(entry);
      return entry;
    },
    clear() {
      entries.length = 0;
      seq = 0;
    },
  };
}

/**
 * The soak's view of the log: how many requests got which fault, and per step output how
 * often it was fetched and whether any fetch delivered it completely (status 200, outcome
 * 'complete').
 */
export function faultSummary(entries, injector) {
  const served = entries.filter((e) => e.host === 'main');
  const byFault = {};
  for (const e of served) if (e.fault) byFault[e.fault] = (byFault[e.fault] ?? 0) + 1;
  const outputs = new Map();
  for (const e of served.filter((x) => x.output)) {
    const o = outputs.get(e.output) ?? { output: e.output, fetches: 0, faults: [], servedComplete: false };
    o.fetches += 1;
    if (e.fault) o.faults.push(e.fault);
    if (e.status === 200 && e.outcome === 'complete') o.servedComplete = true;
    outputs.set(e.output, o);
  }
  return {
    seed: injector.seed, rate: injector.rate, requests: served.length,
    faulted: served.filter((e) => e.fault).length, byFault, outputs: [...outputs.values()],
  };
}
