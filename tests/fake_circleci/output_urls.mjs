// Presigned-style step-output URLs, shaped like CircleCI's S3 ones:
//   <base>/_s3/action-output/<hex>-<job-uuid>-<step>-<index>?X-Amz-Algorithm=AWS4-HMAC-SHA256
//   &X-Amz-Credential=…&X-Amz-Date=…&X-Amz-Expires=…&X-Amz-SignedHeaders=host&X-Amz-Signature=<64 hex>
// They need no token. Each minted URL is remembered by its signature with what it points at,
// the scenario it was minted for and its expiry; an unknown signature is S3's 403
// SignatureDoesNotMatch. Minted URLs live until the registry is cleared.
import { randomBytes } from 'node:crypto';
import { fakeHex } from './ids.mjs';

/** X-Amz-Expires of a fresh URL (the 2019 samples' value, about 5 days). */
const FRESH_EXPIRES_S = 431_999;
/** An expired URL was signed this long ago, valid for 60 s. */
const EXPIRED_SIGNED_AGO_MS = 2 * 3600_000;
const EXPIRED_EXPIRES_S = 60;

const amzDate = (ms) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** The step output a URL or raw-output path designates, as one string id "slug/job/step/index". */
export function outputId(job, step, action) {
  return `${job.project.slug}/${job.number}/${step.step}/${action.index}`;
}

export function createOutputUrls() {
  const bySignature = new Map();
  return {
    /** A URL for one action's output. expired: signed long enough ago to be past its expiry. */
    mint(baseUrl, { job, step, action, scenario, expired, nowMs }) {
      const signedMs = expired ? nowMs - EXPIRED_SIGNED_AGO_MS : nowMs;
      const expiresS = expired ? EXPIRED_EXPIRES_S : FRESH_EXPIRES_S;
      const signature = randomBytes(32).toString('hex');
      bySignature.set(signature, { job, step, action, scenario, expiresAtMs: signedMs + expiresS * 1000 });
      const key = `${fakeHex(`object:${job.id}`, 24)}-${job.id}-${step.step}-${action.index}`;
      const day = amzDate(signedMs).slice(0, 8);
      const query = new URLSearchParams({
        'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
        'X-Amz-Credential': `fake-circleci/${day}/us-east-1/s3/aws4_request`,
        'X-Amz-Date': amzDate(signedMs),
        'X-Amz-Expires': String(expiresS),
        'X-Amz-SignedHeaders': 'host',
        'X-Amz-Signature': signature,
      });
      return `${baseUrl}/_s3/action-output/${key}?${query}`;
    },
    /** What a presigned request's query designates, or null when its signature was never minted. */
    lookup(query) {
      return bySignature.get(query.get('X-Amz-Signature') ?? '') ?? null;
    },
    clear() {
      bySignature.clear();
    },
  };
}
