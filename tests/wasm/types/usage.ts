// Compile-only usage of the public API (tsc --noEmit): exhaustive switches over every id
// union, so a union that gains or loses a member without its users fails to type-check.
import {
  CircleCiConnectError,
  checkToken,
  idCatalog,
  init,
  type CircleCiConnectErrorKind,
  type TokenCheck,
  type TokenKind,
  type TokenVerdict,
} from '@circleci-connect/core';

function never(value: never): never {
  throw new Error(`unexpected ${String(value)}`);
}

function kindLabel(kind: TokenKind): string {
  switch (kind) {
    case 'empty': return 'nothing pasted';
    case 'personal': return 'personal API token';
    case 'legacy': return 'legacy token';
    case 'project': return 'project token';
    case 'foreign': return 'not a CircleCI token';
    case 'malformed': return 'malformed';
    default: return never(kind);
  }
}

function canSubmit(verdict: TokenVerdict): boolean {
  switch (verdict) {
    case 'ok':
    case 'warn': return true;
    case 'block': return false;
    default: return never(verdict);
  }
}

function describeError(kind: CircleCiConnectErrorKind): string {
  switch (kind) {
    case 'load_failed':
    case 'not_initialized':
    case 'invalid_argument':
    case 'internal': return kind;
    default: return never(kind);
  }
}

export async function demo(text: string): Promise<string> {
  await init({ locateFile: (file: string, prefix: string) => prefix + file });
  try {
    const check: TokenCheck = checkToken(text);
    const vendor: string = check.vendor ?? 'circleci';
    const codes: string[] = idCatalog().token_code.map((row) => `${row.id}:${row.verdict}`);
    return `${kindLabel(check.kind)} ${canSubmit(check.verdict)} ${vendor} ${check.masked} ${codes.length}`;
  } catch (error) {
    if (error instanceof CircleCiConnectError) return describeError(error.kind);
    throw error;
  }
}
