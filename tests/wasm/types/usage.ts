// Compile-only usage of the public API (tsc --noEmit): exhaustive switches over every id
// union, so a union that gains or loses a member without its users fails to type-check.
import {
  CircleCiConnectError,
  ConnectionMachine,
  checkToken,
  classify,
  diagnoseBuilds,
  idCatalog,
  init,
  parseCircleCiUrl,
  type CircleCiConnectErrorKind,
  type ConnectionStateKind,
  type Diagnosis,
  type Reason,
  type StageRequest,
  type TokenCheck,
  type TokenKind,
  type TokenVerdict,
  type ViewModel,
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

function tone(state: ConnectionStateKind): 'neutral' | 'busy' | 'good' | 'bad' {
  switch (state) {
    case 'empty':
    case 'editing':
    case 'disconnected': return 'neutral';
    case 'validating':
    case 'rate_limited': return 'busy';
    case 'connected': return 'good';
    case 'failed':
    case 'needs_reauth': return 'bad';
    default: return never(state);
  }
}

function isAuthProblem(reason: Reason): boolean {
  switch (reason) {
    case 'token_invalid':
    case 'token_expired_or_revoked':
    case 'token_is_project_token':
    case 'token_legacy_format_rejected':
    case 'permission_denied': return true;
    case 'ok':
    case 'auth_method_deprecated':
    case 'not_found_or_no_access':
    case 'rate_limited':
    case 'server_error':
    case 'network_unreachable':
    case 'tls_error':
    case 'timeout':
    case 'browser_blocked':
    case 'unexpected_response':
    case 'unknown': return false;
    default: return never(reason);
  }
}

export async function connect(text: string, fetchOutcome: (request: StageRequest) => Promise<{ status: number; body: Uint8Array }>): Promise<ViewModel> {
  const machine = new ConnectionMachine();
  let view: ViewModel = machine.input(text);
  if (!view.can_submit) return view;
  view = machine.submit({ projectSlug: 'gh/acme/app', logProbe: false });
  for (let request = machine.currentRequest(); request; request = machine.currentRequest()) {
    const { status, body } = await fetchOutcome(request);
    view = machine.stageResult(request.attempt, request.stage, { status, body, headers: { 'retry-after': ['2'] } });
  }
  const diagnosis: Diagnosis = classify({ transport: 'timeout' });
  const url = parseCircleCiUrl('gh/acme/app 1');
  const jobNumber: number | null = url.ok ? url.target.job_number : null;
  const builds = diagnoseBuilds({ collaborations: [], probe: null });
  const record = machine.healthRecord();
  const verified: number | null = record.verified_at;
  machine.dispose();
  return { ...view, status_line: `${tone(view.state)} ${isAuthProblem(diagnosis.reason)} ${jobNumber} ${builds.cause} ${verified}` };
}
