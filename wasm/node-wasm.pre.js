// Under Node, read core.wasm next to core.mjs instead of fetch()ing it by path, unless the
// caller passed wasmBinary. (No import.meta here: 3.1.6's terser fails on it; _scriptDir
// is the module's URL.)
if (typeof process == 'object' && typeof process.getBuiltinModule == 'function' && !Module['wasmBinary']) {
  Module['wasmBinary'] = process.getBuiltinModule('fs').readFileSync(new URL('core.wasm', _scriptDir));
}
