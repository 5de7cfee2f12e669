// circleci-connect: the JavaScript API over the WebAssembly core.
// Call `await init()` once (memoised), then use the synchronous functions. Results are plain
// objects with string ids; failures are CircleCiConnectError with a stable `kind`.
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

function call(name, ...args) {
  if (!core) {
    throw new CircleCiConnectError('not_initialized', `${name}() was called before init() resolved`);
  }
  try {
    return core[name](...args);
  } catch (cause) {
    throw new CircleCiConnectError('internal', `${name}() failed inside the core`, { cause });
  }
}

function requireString(name, value) {
  if (typeof value !== 'string') {
    throw new CircleCiConnectError('invalid_argument', `${name}() takes a string`);
  }
  return value;
}

export function checkToken(text) {
  return call('checkToken', requireString('checkToken', text));
}

export function idCatalog() {
  return call('idCatalog');
}
