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

/** Why a CircleCI request ended the way it did (see README, "Reasons"). */
export type Reason =
  | 'ok'
  | 'token_invalid'
  | 'token_expired_or_revoked'
  | 'token_is_project_token'
  | 'token_legacy_format_rejected'
  | 'auth_method_deprecated'
  | 'permission_denied'
  | 'not_found_or_no_access'
  | 'rate_limited'
  | 'server_error'
  | 'network_unreachable'
  | 'tls_error'
  | 'timeout'
  | 'browser_blocked'
  | 'unexpected_response'
  | 'unknown';

/** How a request failed before an HTTP response arrived (`none`: a response arrived). */
export type Transport =
  | 'none'
  | 'dns'
  | 'connect'
  | 'tls'
  | 'timeout'
  | 'aborted'
  | 'browser_blocked'
  | 'offline'
  | 'other';

/** Which CircleCI endpoint answered. */
export type Endpoint =
  | 'me'
  | 'collaborations'
  | 'project'
  | 'pipelines'
  | 'job'
  | 'job_details_v1'
  | 'step_output'
  | 'other';

/** The staged verification checks, in order. */
export type Stage =
  | 'identity'
  | 'org_access'
  | 'project_probe'
  | 'log_probe';

export type StageStatus =
  | 'pending'
  | 'running'
  | 'passed'
  | 'failed'
  | 'skipped';

export type SkipCause =
  | 'authentication_failed'
  | 'rate_limited'
  | 'earlier_stage_failed';

export type ConnectionStateKind =
  | 'empty'
  | 'editing'
  | 'validating'
  | 'connected'
  | 'failed'
  | 'rate_limited'
  | 'needs_reauth'
  | 'disconnected';

export type ConnectionEventKind =
  | 'input_changed'
  | 'submit'
  | 'stage_result'
  | 'recheck'
  | 'disconnect'
  | 'tick'
  | 'expiry_set';

/** The "Builds not detected?" causes. */
export type BuildsCause =
  | 'no_organizations'
  | 'no_project_slug'
  | 'org_not_visible'
  | 'slug_form_mismatch'
  | 'project_not_probed'
  | 'project_not_found'
  | 'probe_failed'
  | 'no_recent_pipelines'
  | 'pipelines_found';

export type CiTargetKind =
  | 'project'
  | 'pipeline'
  | 'workflow'
  | 'job';

export type CiUrlError =
  | 'empty'
  | 'not_a_circleci_url'
  | 'bad_project'
  | 'bad_number'
  | 'bad_workflow_id';

/** What kind of failure a job had. */
export type Category =
  | 'build'
  | 'test'
  | 'lint'
  | 'dependency'
  | 'docker_image'
  | 'oom'
  | 'timeout'
  | 'network'
  | 'git'
  | 'config'
  | 'infrastructure'
  | 'unknown';

export type Severity =
  | 'error'
  | 'warning'
  | 'notice';

/** How much a finding says about the root cause (ranking order). */
export type Tier =
  | 'decisive'
  | 'primary'
  | 'generic'
  | 'secondary'
  | 'detail'
  | 'trailer'
  | 'marker';

export type InputFormat =
  | 'auto'
  | 'step_output'
  | 'job_details'
  | 'raw_text';

/** Why (part of) a log or a problem matcher could not be read. */
export type LogError =
  | 'json_syntax'
  | 'json_unexpected_end'
  | 'json_too_deep'
  | 'json_trailing_data'
  | 'job_details_invalid'
  | 'job_details_too_large'
  | 'matcher_json_invalid'
  | 'matcher_field_missing'
  | 'matcher_lookaround'
  | 'matcher_backreference'
  | 'matcher_regex_invalid'
  | 'matcher_regex_too_complex'
  | 'matcher_group_invalid'
  | 'matcher_unicode_property';

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

export interface ReasonInfo {
  id: Reason;
  message: string;
  remedy: string;
  /** Whether repeating the same request later can succeed. */
  retryable: boolean;
}

export interface StageInfo {
  id: Stage;
  title: string;
  endpoint: Endpoint;
  /** A failure fails the connection; optional stages only inform. */
  required: boolean;
}

export interface MessageInfo<Id extends string> {
  id: Id;
  message: string;
}

export interface MessageRemedyInfo<Id extends string> {
  id: Id;
  message: string;
  remedy: string;
}

/** Every closed id family of the core, in table order. */
export interface IdCatalog {
  token_kind: TokenKind[];
  token_verdict: TokenVerdict[];
  token_code: TokenCodeInfo[];
  vendor: VendorInfo[];
  reason: ReasonInfo[];
  transport: Transport[];
  endpoint: Endpoint[];
  stage: StageInfo[];
  stage_status: StageStatus[];
  skip_cause: MessageInfo<SkipCause>[];
  state: ConnectionStateKind[];
  event: ConnectionEventKind[];
  builds_cause: MessageRemedyInfo<BuildsCause>[];
  ci_target_kind: CiTargetKind[];
  ci_url_error: MessageRemedyInfo<CiUrlError>[];
  category: { id: Category; description: string }[];
  severity: Severity[];
  tier: Tier[];
  input_format: InputFormat[];
  log_error: MessageInfo<LogError>[];
  /** The built-in rules, in ranking order of the table. */
  rule: { id: string; category: Category; severity: Severity; tier: Tier }[];
}

export interface ContextLine {
  line_no: number;
  text: string;
}

/** One reported line (or one fact from job details). All texts are redacted. */
export interface Finding {
  /** A built-in rule id, or `matcher:<owner>` for a problem matcher. */
  rule: string;
  category: Category;
  severity: Severity;
  tier: Tier;
  step: string | null;
  container: number | null;
  /** 1-based in the step's normalised output; 0 for facts from job details. */
  line_no: number;
  /** The whole normalised, redacted line (cut only by the line cap). */
  text: string;
  capped: boolean;
  file: string | null;
  line: number | null;
  column: number | null;
  code: string | null;
  message: string | null;
  test: string | null;
  context: ContextLine[];
  count: number;
  containers: number[];
  fingerprint: string;
}

export interface FailedStep {
  name: string;
  step: number | null;
  containers: number[];
  exit_code: number | null;
  status: string;
  timedout: boolean;
  infrastructure_fail: boolean;
  truncated: boolean;
}

/** What was read and what was not: nothing is dropped silently. */
export interface AnalysisStats {
  bytes: number;
  elements: number;
  lines: number;
  capped_lines: number;
  invalid_utf8: number;
  matched_lines: number;
  findings_dropped: number;
  steps: number;
  truncated: boolean;
  steps_without_output: string[];
}

export interface Analysis {
  category: Category;
  /** 0–1. */
  confidence: number;
  /** Indices into `findings` supporting `category`. */
  evidence: number[];
  input_format: string;
  failed_steps: FailedStep[];
  /** Ranked: the culprit first. */
  findings: Finding[];
  window: { step: string | null; head: string[]; tail: string[] };
  stats: AnalysisStats;
  errors: { code: LogError; message: string; offset: number; detail: string }[];
}

export interface AnalyzeOptions {
  format?: InputFormat;
  /** GitHub Actions problem-matcher JSON (text or parsed), run with the same engine. */
  problemMatchers?: string | object;
  max_line_bytes?: number;
  context_lines?: number;
  max_findings?: number;
  head_lines?: number;
  tail_lines?: number;
}

export interface StepInfo {
  name?: string;
  step?: number;
  container?: number;
  failed?: boolean;
  exit_code?: number;
  truncated?: boolean;
}

/** What a request to CircleCI gave: a transport failure, or status + headers + body. */
export interface Outcome {
  transport?: Transport;
  status?: number;
  /** Header names in any case; repeated headers as arrays. */
  headers?: Record<string, string | string[]>;
  /** The body: text, or the raw bytes. */
  body?: string | Uint8Array;
  endpoint?: Endpoint;
  token_kind?: TokenKind;
  /** This connection had been verified before (a 401 then means expired or revoked). */
  previously_connected?: boolean;
  /** When the response arrived: ms since the epoch or RFC 3339 (for HTTP-date waits). */
  now?: number | string;
}

export interface Identity {
  id: string;
  login: string;
  name: string;
  avatar_url: string | null;
}

export interface Diagnosis {
  reason: Reason;
  retryable: boolean;
  retry_after_s: number | null;
  /** CircleCI's own words, redacted and on one line. */
  server_message: string | null;
  message: string;
  remedy: string;
  /** Set when `reason` is `'ok'` on `/me`. */
  identity: Identity | null;
}

export interface StageView {
  id: Stage;
  title: string;
  method: string;
  path: string;
  status: StageStatus;
  reason: Reason | null;
  note: string | null;
}

/** Everything the settings page shows; the page needs no logic of its own. */
export interface ViewModel {
  state: ConnectionStateKind;
  can_submit: boolean;
  button_label: string;
  field_error: string | null;
  field_warning: string | null;
  masked_token: string | null;
  status_line: string;
  remedy: string | null;
  server_message: string | null;
  reason: Reason | null;
  identity: Identity | null;
  /** e.g. "verified 3 min ago". */
  verified_ago: string | null;
  /** Seconds until the automatic retry while rate-limited. */
  retry_in_s: number | null;
  expiry_warning: string | null;
  stages: StageView[];
}

/** The request the host should make now for the running stage (the host adds the token). */
export interface StageRequest {
  attempt: number;
  stage: Stage;
  method: string;
  /** Path and query relative to the CircleCI host, e.g. `/api/v2/me`. */
  path: string;
  headers: Record<string, string>;
}

/** What the backend persists about a connection; never the token. Times: ms since the epoch. */
export interface HealthRecord {
  schema_version: number;
  state: ConnectionStateKind;
  identity: Identity | null;
  masked_token: string | null;
  token_kind: TokenKind | null;
  verified_at: number | null;
  last_success_at: number | null;
  last_error_at: number | null;
  connected_at: number | null;
  expires_at: number | null;
  last_reason: Reason | null;
}

export interface Organization {
  id: string;
  name: string;
  slug: string;
  vcs_type: string;
}

export interface BuildsDiagnosis {
  cause: BuildsCause;
  message: string;
  remedy: string;
  organization: Organization | null;
  probe: Diagnosis | null;
}

export interface CiTarget {
  kind: CiTargetKind;
  /** Scheme and host as pasted; null for `SLUG NUMBER`. */
  host: string | null;
  project_slug: string;
  pipeline_number: number | null;
  workflow_id: string | null;
  job_number: number | null;
  container: number | null;
}

export type CiUrlParse =
  | { ok: true; target: CiTarget }
  | { ok: false; error: MessageRemedyInfo<CiUrlError> };

/**
 * `internal`: the core trapped (out of memory, a broken invariant). That instance is retired:
 * later calls throw `not_initialized` until `init()` loads a new one.
 */
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

/** Every id table of the core (for generated troubleshooting and documentation). */
export function idCatalog(): IdCatalog;

/** Analyses a whole log: step-output JSON, job-details JSON or raw text (auto-detected). Pass bytes for big inputs. */
export function analyzeLog(input: string | Uint8Array, options?: AnalyzeOptions): Analysis;

/** Streaming analysis of large logs with bounded memory. */
export class LogAnalyzer {
  constructor(options?: AnalyzeOptions);
  /** Starts a new step (ends the previous one). */
  beginStep(step?: StepInfo): void;
  feed(chunk: string | Uint8Array): void;
  /** Ends the analysis and frees the analyser. */
  finish(): Analysis;
  dispose(): void;
}

/** One outcome in, exactly one reason with one remedy out. */
export function classify(outcome: Outcome): Diagnosis;

/** CircleCI job, workflow, pipeline or project links as people paste them, or `SLUG JOB_NUMBER`. */
export function parseCircleCiUrl(text: string): CiUrlParse;

/** The "Builds not detected?" diagnosis from the organizations the token sees and a project probe. */
export function diagnoseBuilds(input: {
  /** The `/api/v2/me/collaborations` body, parsed or as text. */
  collaborations: unknown;
  projectSlug?: string;
  /** The outcome of `GET /api/v2/project/{slug}/pipeline`, when it was made. */
  probe?: Outcome | null;
  now?: number;
}): BuildsDiagnosis;

/** The connection state machine of one settings page. Every event returns the new view model. */
export class ConnectionMachine {
  constructor();
  /** The token field changed (typed or pasted). */
  input(text: string): ViewModel;
  /** Connect (or re-check when connected): starts a new attempt of staged verification. */
  submit(options?: { now?: number; projectSlug?: string; logProbe?: boolean }): ViewModel;
  /** The answer to `currentRequest()`; answers for an older attempt are ignored. */
  stageResult(attempt: number, stage: Stage, outcome: Outcome, now?: number): ViewModel;
  recheck(now?: number): ViewModel;
  /** Forgets the token here; the view reminds the user to revoke it in CircleCI. */
  disconnect(): ViewModel;
  /** Advances time (countdowns, automatic retry after a rate limit). */
  tick(now?: number): ViewModel;
  /** The token's expiry date as shown by CircleCI, or null to clear it. */
  setExpiry(date: Date | number | null): ViewModel;
  view(now?: number): ViewModel;
  currentRequest(): StageRequest | null;
  healthRecord(): HealthRecord;
  /** The record as the JSON text to store (times in RFC 3339 UTC). */
  healthRecordJson(): string;
  /** Starts from a stored record; false when it cannot be read. */
  restore(record: HealthRecord | string): boolean;
  /** Frees the machine now instead of at garbage collection. */
  dispose(): void;
}
