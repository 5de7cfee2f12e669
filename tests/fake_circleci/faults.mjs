// Faults: what goes wrong with one request, as a value {name, …}. Scenario faults come from
// scenarios.mjs; the seeded injector adds random ones for the soak. A fault either replaces
// the reply (faultReply) or changes its delivery ('reset', 'slow', 'truncated': deliver.mjs).
import { MESSAGES, json, message, proxyErrorPage, s3Error, text } from './replies.mjs';

/** mulberry32: a tiny seeded PRNG; the same seed gives the same sequence. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Names the injector draws from; 'expired-url' only for presigned step-output fetches. */
const INJECTED_FAULTS = ['rate-limit', 'reset', 'server-error', 'slow', 'truncated', 'expired-url'];

/**
 * With probability `rate`, each request gets a fault drawn from INJECTED_FAULTS:
 * 'rate-limit' {retryAfterS: 0|1}, 'server-error' {status: 500|502|503|504}, 'slow' {ms: slowMs},
 * 'reset', 'truncated', 'expired-url'. Disabled (never faults) when seed is null.
 */
export function createInjector({ seed, rate, slowMs }) {
  const random = seed === null ? null : mulberry32(seed);
  return {
    seed,
    rate,
    next(isOutput) {
      if (random === null || random() >= rate) return null;
      const names = isOutput ? INJECTED_FAULTS : INJECTED_FAULTS.filter((n) => n !== 'expired-url');
      const name = names[Math.floor(random() * names.length)];
      if (name === 'rate-limit') return { name, retryAfterS: Math.floor(random() * 2) };
      if (name === 'server-error') return { name, status: [500, 502, 503, 504][Math.floor(random() * 4)] };
      if (name === 'slow') return { name, ms: slowMs };
      return { name };
    },
  };
}

const httpDate = (ms) => new Date(ms).toUTCString();

/** The reply a fault answers with instead of the real one, or null if it only alters delivery. */
export function faultReply(fault, nowMs) {
  switch (fault?.name) {
    case 'rate-limit-text':
      return text(429, 'Rate limited.', { 'retry-after': '2' });
    case 'rate-limit-http-date': {
      const now = Math.floor(nowMs / 1000) * 1000;
      return json(429, {}, { date: httpDate(now), 'retry-after': httpDate(now + 2000) });
    }
    case 'rate-limit':
      return json(429, { message: MESSAGES.rateLimited }, { 'retry-after': String(fault.retryAfterS) });
    case 'bad-gateway':
      return proxyErrorPage(502);
    case 'server-error':
      return fault.status === 500 ? message(500, MESSAGES.internalError) : proxyErrorPage(fault.status);
    case 'expired-url':
      return expiredUrlReply(nowMs - 60_000, nowMs);
    default:
      return null;
  }
}

/** S3's answer to a presigned URL past its expiry. */
export function expiredUrlReply(expiredAtMs, nowMs) {
  return s3Error(403, 'AccessDenied', 'Request has expired', {
    'X-Amz-Expires': '60', Expires: new Date(expiredAtMs).toISOString(), ServerTime: new Date(nowMs).toISOString(),
  });
}
