// Identifier shapes CircleCI uses: RFC 4122 v4 UUIDs, and their unpadded big-endian
// base58 form (org/project ids in `circleci/…` slugs, the middle of CCIPAT_/CCIPRJ_ tokens).
import { createHash } from 'node:crypto';

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Stamps the v4 version nibble and the `10` variant bits onto 16 bytes (in place). */
export function asUuidV4Bytes(bytes) {
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return bytes;
}

function formatUuid(bytes) {
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function parseUuid(text) {
  return Buffer.from(text.replaceAll('-', ''), 'hex');
}

/** A stable v4-shaped UUID derived from `label` (same label, same UUID, every run). */
export function fakeUuid(label) {
  return formatUuid(asUuidV4Bytes(createHash('sha256').update(label).digest().subarray(0, 16)));
}

/** `length` stable lowercase hex digits derived from `label` (commit shas, object keys). */
export function fakeHex(label, length) {
  return createHash('sha256').update(label).digest('hex').slice(0, length);
}

export function encodeBase58(bytes) {
  let n = BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
  let out = '';
  while (n > 0n) {
    out = BASE58[Number(n % 58n)] + out;
    n /= 58n;
  }
  return out;
}

/** Decodes base58 into exactly `length` bytes, or returns null when it is not base58 or too big. */
export function decodeBase58(text, length) {
  let n = 0n;
  for (const ch of text) {
    const digit = BASE58.indexOf(ch);
    if (digit < 0) return null;
    n = n * 58n + BigInt(digit);
  }
  const hex = n.toString(16).padStart(length * 2, '0');
  return hex.length === length * 2 ? Buffer.from(hex, 'hex') : null;
}

export function isUuidV4Bytes(bytes) {
  return bytes !== null && bytes.length === 16 && (bytes[6] >> 4) === 4 && (bytes[8] >> 6) === 2;
}

/** Base58 form of a UUID string, as in `circleci/<org-id>/<project-id>` slugs. */
export function uuidToBase58(uuid) {
  return encodeBase58(parseUuid(uuid));
}
