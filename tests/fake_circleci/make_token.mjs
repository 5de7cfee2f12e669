// Well-formed but never real CircleCI tokens: `CCIPAT_`/`CCIPRJ_` + base58 of a random
// UUIDv4 (21–22 chars) + `_` + 40 lowercase hex, and bare 40-hex legacy tokens.
// Run `node tests/fake_circleci/make_token.mjs [CCIPAT_|CCIPRJ_|legacy] [count]` to print some.
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { asUuidV4Bytes, decodeBase58, encodeBase58, isUuidV4Bytes } from './ids.mjs';

const NEW_FORMAT = /^(CCIPAT|CCIPRJ)_([1-9A-HJ-NP-Za-km-z]{21,22})_([0-9a-f]{40})$/;

export function makeToken(prefix = 'CCIPAT_') {
  const hex = randomBytes(20).toString('hex');
  if (prefix === 'legacy') return hex;
  for (;;) {
    const middle = encodeBase58(asUuidV4Bytes(randomBytes(16)));
    if (middle.length >= 21) return `${prefix}${middle}_${hex}`;
  }
}

/** 'personal' | 'project' | 'legacy' for a well-formed fake token, null otherwise. */
export function tokenShape(token) {
  if (/^[0-9a-f]{40}$/.test(token)) return 'legacy';
  const match = NEW_FORMAT.exec(token);
  if (!match || !isUuidV4Bytes(decodeBase58(match[2], 16))) return null;
  return match[1] === 'CCIPAT' ? 'personal' : 'project';
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [prefix = 'CCIPAT_', count = '1'] = process.argv.slice(2);
  for (let i = 0; i < Number(count); i += 1) console.log(makeToken(prefix));
}
