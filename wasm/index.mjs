// circleci-connect: the JavaScript API over the WebAssembly core.
// Call `await init()` once (memoised), then use the synchronous functions. Results are plain
// objects with string ids (the same fields `cci --json` prints); failures are
// CircleCiConnectError with a stable `kind`.
import createCoreModule from './core.mjs';

export class CircleCiConnectError extends Error {
  constructor(kind, message, options) {
    super(message, options);
    this.name = 'CircleCiConnectError';
    this.kind = kind;
  }
}

let loading;
let core;

export function init(options = {}) {
  loading ??= createCoreModule({ ...options }).then(
    (module) => { core = module; },
    (cause) => {
      loading = undefined;
      throw new CircleCiConnectError('load_failed', `the WebAssembly core could not be loaded: ${cause?.message ?? cause}`, { cause });
    });
  return loading;
}

function loaded(name) {
  if (!core) throw new CircleCiConnectError('not_initialized', `${name}() was called before init() resolved`);
  return core;
}

// A trap (WebAssembly.RuntimeError: the core aborted, e.g. out of memory) leaves its instance
// unusable: it is retired, later calls throw `not_initialized` until init() loads a new one,
// and objects it made throw `internal`.
function retire(module) {
  if (core !== module) return;
  core = undefined;
  loading = undefined;
}

// Runs `run` on the current instance, or on `owner` (the instance that made an object).
function guard(name, run, owner) {
  const module = owner ?? loaded(name);
  if (owner && owner !== core) {
    throw new CircleCiConnectError('internal', `${name}(): its WebAssembly instance stopped after an internal failure`);
  }
  try {
    return run(module);
  } catch (cause) {
    if (cause instanceof CircleCiConnectError) throw cause;
    if (cause instanceof WebAssembly.RuntimeError) retire(module);
    throw new CircleCiConnectError('internal', `${name}() failed inside the core`, { cause });
  }
}

// The core answers in JSON text (one string per call crosses the boundary).
function guardJson(name, run, owner) {
  return guard(name, (m) => JSON.parse(run(m)), owner);
}

function requireString(name, value) {
  if (typeof value !== 'string') throw new CircleCiConnectError('invalid_argument', `${name}() takes a string`);
  return value;
}

function requireTime(name, value) {
  if (!Number.isFinite(value)) throw new CircleCiConnectError('invalid_argument', `${name}() takes a time as a finite number of ms since the epoch`);
  return value;
}

function requireObject(name, value) {
  if (value === null || typeof value !== 'object') throw new CircleCiConnectError('invalid_argument', `${name}() takes an object`);
  return value;
}

function base64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

// An Outcome as the core reads it: a Uint8Array body travels as body_base64.
function outcomeJson(name, outcome) {
  requireObject(name, outcome);
  const { body, ...rest } = outcome;
  if (body instanceof Uint8Array) return JSON.stringify({ ...rest, body_base64: base64(body) });
  if (body !== undefined && body !== null && typeof body !== 'string') {
    throw new CircleCiConnectError('invalid_argument', `${name}(): body must be a string or a Uint8Array`);
  }
  return JSON.stringify(outcome);
}

export function checkToken(text) {
  return guardJson('checkToken', (m) => m.checkToken(requireString('checkToken', text)));
}

export function classify(outcome) {
  return guardJson('classify', (m) => m.classify(outcomeJson('classify', outcome)));
}

export function parseCircleCiUrl(text) {
  return guardJson('parseCircleCiUrl', (m) => m.parseCircleCiUrl(requireString('parseCircleCiUrl', text)));
}

export function diagnoseBuilds({ collaborations, projectSlug = '', probe = null, now = Date.now() } = {}) {
  return guardJson('diagnoseBuilds', (m) => m.diagnoseBuilds(
    typeof collaborations === 'string' ? collaborations : JSON.stringify(collaborations ?? null),
    requireString('diagnoseBuilds', projectSlug),
    probe === null ? 'null' : outcomeJson('diagnoseBuilds', probe),
    requireTime('diagnoseBuilds', now)));
}

function optionsJson(name, options) {
  const { problemMatchers, ...rest } = requireObject(name, options);
  const json = { ...rest };
  if (problemMatchers !== undefined) {
    json.problem_matchers = typeof problemMatchers === 'string' ? problemMatchers : JSON.stringify(problemMatchers);
  }
  return JSON.stringify(json);
}

function requireInput(name, input) {
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) {
    throw new CircleCiConnectError('invalid_argument', `${name}() takes a string or a Uint8Array`);
  }
  return input;
}

// Copies bytes into the module's byte buffer, for the call that reads it next. The view of
// module memory is taken after reserving, which may grow (and so replace) it.
function writeBytes(m, bytes) {
  const address = m.reserveBytes(bytes.length);
  m.HEAPU8.set(bytes, address);
}

/** Analyses a whole log (step-output JSON, job-details JSON or raw text). Prefer bytes for big inputs. */
export function analyzeLog(input, options = {}) {
  const json = optionsJson('analyzeLog', options);
  const analysis = guardJson('analyzeLog', (m) => {
    if (typeof requireInput('analyzeLog', input) === 'string') return m.analyzeLog(input, json);
    writeBytes(m, input);
    return m.analyzeLogBuffer(json);
  });
  if (analysis === null) throw new CircleCiConnectError('invalid_argument', 'analyzeLog(): invalid options');
  return analysis;
}

export function idCatalog() {
  return guardJson('idCatalog', (m) => m.idCatalog());
}

// Health-record times are RFC 3339 strings in JSON and numbers of ms since the epoch in JS.
const timeField = /_at$/;
const recordTimes = (record, convert) => Object.fromEntries(Object.entries(record).map(
  ([key, value]) => [key, timeField.test(key) && value !== null ? convert(value) : value]));

// Frees a core object unless its instance was retired (then nothing in it can be freed).
function release({ id, module, drop }) {
  if (module === core) module[drop](id);
}
const released = new FinalizationRegistry(release);

/** The connection state machine of one settings page; every event returns the new view model. */
export class ConnectionMachine {
  #id;
  #module;

  constructor() {
    this.#module = loaded('ConnectionMachine');
    this.#id = guard('ConnectionMachine', (m) => m.machineMake(), this.#module);
    released.register(this, { id: this.#id, module: this.#module, drop: 'machineDrop' }, this);
  }

  // The core's answer to `name` as it comes (JSON text; a boolean for restore), or the value
  // the JSON text holds when `parse`.
  #answer(name, args, parse = false) {
    if (this.#id === undefined) throw new CircleCiConnectError('invalid_argument', `${name}() on a disposed ConnectionMachine`);
    const method = `machine${name[0].toUpperCase()}${name.slice(1)}`;
    return (parse ? guardJson : guard)(name, (m) => m[method](this.#id, ...args), this.#module);
  }

  #call(name, ...args) { return this.#answer(name, args, true); }

  input(text) { return this.#call('input', requireString('input', text)); }
  submit({ now = Date.now(), projectSlug, logProbe = false } = {}) {
    return this.#call('submit', requireTime('submit', now), JSON.stringify({ project_slug: projectSlug, log_probe: logProbe }));
  }
  stageResult(attempt, stage, outcome, now = Date.now()) {
    if (!Number.isSafeInteger(attempt) || attempt < 0) {
      throw new CircleCiConnectError('invalid_argument', 'stageResult() takes the attempt number currentRequest() gave');
    }
    return this.#call('stageResult', attempt, requireString('stageResult', stage), outcomeJson('stageResult', outcome),
      requireTime('stageResult', now));
  }
  recheck(now = Date.now()) { return this.#call('recheck', requireTime('recheck', now)); }
  disconnect() { return this.#call('disconnect'); }
  tick(now = Date.now()) { return this.#call('tick', requireTime('tick', now)); }
  setExpiry(date) {
    const ms = date instanceof Date ? date.getTime() : date;
    return this.#call('setExpiry', typeof ms === 'number' ? ms : NaN);
  }
  view(now = Date.now()) { return this.#call('view', requireTime('view', now)); }
  currentRequest() { return this.#call('currentRequest'); }
  /** The record to persist (never the token), with times as ms since the epoch. */
  healthRecord() { return recordTimes(this.#call('healthRecord'), Date.parse); }
  /** The same record as the JSON text the backend stores (times in RFC 3339 UTC). */
  healthRecordJson() { return this.#answer('healthRecord', []); }
  /** Starts from a stored record (JSON text or a `healthRecord()` object); false when unreadable. */
  restore(record) {
    const text = typeof record === 'string'
      ? record
      : JSON.stringify(recordTimes(requireObject('restore', record), (ms) => new Date(ms).toISOString()));
    return this.#answer('restore', [text]);
  }

  /** Frees the machine now instead of when it is garbage-collected. */
  dispose() {
    if (this.#id === undefined) return;
    released.unregister(this);
    release({ id: this.#id, module: this.#module, drop: 'machineDrop' });
    this.#id = undefined;
  }
}

/** Streaming analysis for large logs: feed chunks in order, then finish() once. */
export class LogAnalyzer {
  #id;
  #module;

  constructor(options = {}) {
    const json = optionsJson('LogAnalyzer', options);
    this.#module = loaded('LogAnalyzer');
    this.#id = guard('LogAnalyzer', (m) => m.analyzerMake(json), this.#module);
    released.register(this, { id: this.#id, module: this.#module, drop: 'analyzerDrop' }, this);
  }

  #live(name) {
    if (this.#id === undefined) throw new CircleCiConnectError('invalid_argument', `${name}() after finish() or dispose()`);
    return this.#id;
  }

  /** Starts a new step: `{name, step, container, failed, exit_code, truncated}` (all optional). */
  beginStep(step = {}) {
    const id = this.#live('beginStep');
    guard('beginStep', (m) => m.analyzerBeginStep(id, JSON.stringify(requireObject('beginStep', step))), this.#module);
  }
  feed(chunk) {
    const id = this.#live('feed');
    guard('feed', (m) => {
      if (typeof requireInput('feed', chunk) === 'string') return m.analyzerFeed(id, chunk);
      writeBytes(m, chunk);
      return m.analyzerFeedBuffer(id);
    }, this.#module);
  }
  finish() {
    const id = this.#live('finish');
    const analysis = guardJson('finish', (m) => m.analyzerFinish(id), this.#module);
    this.dispose();
    return analysis;
  }
  dispose() {
    if (this.#id === undefined) return;
    released.unregister(this);
    release({ id: this.#id, module: this.#module, drop: 'analyzerDrop' });
    this.#id = undefined;
  }
}
