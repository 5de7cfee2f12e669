// Types of the circleci-connect JavaScript API (index.mjs). Hand-written: Emscripten 3.1.6
// cannot generate them. tests/wasm/types checks usage with tsc, and tests/wasm/ids.test.mjs
// checks that every id union below lists exactly the core's ids.

export type TokenKind = 'empty' | 'personal' | 'legacy' | 'project' | 'foreign' | 'malformed';

export type TokenVerdict = 'ok' | 'warn' | 'block';

export type TokenCode =
  | 'personal_ok'
  | 'personal_lowercase_prefix'
  | 'personal_hex_uppercase'
  | 'personal_in_badge_url'
  | 'legacy_format'
  | 'project_token'
  | 'project_token_from_badge'
  | 'foreign_token'
  | 'empty'
  | 'multiple_tokens'
  | 'truncated'
  | 'illegal_characters'
  | 'invalid_uuid'
  | 'unrecognized';

export type Vendor =
  | 'github'
  | 'gitlab'
  | 'bitbucket'
  | 'atlassian'
  | 'buildkite'
  | 'aws'
  | 'slack'
  | 'npm'
  | 'docker_hub'
  | 'pypi'
  | 'circleci_oidc'
  | 'jwt';

/** The shape check of a pasted token. Only `sanitized` holds the secret: submit it, never show it. */
export interface TokenCheck {
  kind: TokenKind;
  /** Set only when `kind` is `'foreign'`. */
  vendor: Vendor | null;
  verdict: TokenVerdict;
  code: TokenCode;
  message: string;
  remedy: string;
  /** Known prefix + "…" + last 4 characters at most, e.g. `CCIPAT_…a1b2`. */
  masked: string;
  /** The token after paste hygiene (whitespace, quotes, wrappers, badge URLs removed). */
  sanitized: string;
}

export interface TokenCodeInfo {
  id: TokenCode;
  kind: TokenKind;
  verdict: TokenVerdict;
  /** May contain `{vendor}` (foreign tokens). */
  message: string;
  remedy: string;
}

export interface VendorInfo {
  id: Vendor;
  name: string;
}

/** Every closed id family of the core, in table order. */
export interface IdCatalog {
  token_kind: TokenKind[];
  token_verdict: TokenVerdict[];
  token_code: TokenCodeInfo[];
  vendor: VendorInfo[];
}

export type CircleCiConnectErrorKind = 'load_failed' | 'not_initialized' | 'invalid_argument' | 'internal';

export class CircleCiConnectError extends Error {
  readonly kind: CircleCiConnectErrorKind;
  constructor(kind: CircleCiConnectErrorKind, message: string, options?: { cause?: unknown });
}

export interface InitOptions {
  /** The bytes of core.wasm, when the host loads them itself. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Where to find core.wasm (default: next to core.mjs). */
  locateFile?: (path: string, prefix: string) => string;
}

/** Loads the WebAssembly core once; later calls return the same promise. */
export function init(options?: InitOptions): Promise<void>;

/** Classifies a pasted token by its shape alone (no network). Throws `not_initialized` before init(). */
export function checkToken(text: string): TokenCheck;

export function idCatalog(): IdCatalog;
