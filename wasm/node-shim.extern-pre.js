// Emscripten 3.1.6 ES-module output refers to __dirname and require under Node; give it
// ES-module equivalents (process.getBuiltinModule needs Node >= 20.16). Inert in browsers.
var __dirname = typeof process == 'object' && process.versions && process.versions.node
  ? decodeURIComponent(new URL('.', import.meta.url).pathname) : '/';
var require = typeof process == 'object' && typeof process.getBuiltinModule == 'function'
  ? (id) => process.getBuiltinModule(id) : undefined;
