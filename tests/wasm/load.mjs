// Test helper: the shipped package under test (CCI_PKG_DIR, set by ctest), loaded once.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const pkgDir = path.resolve(process.env.CCI_PKG_DIR ?? 'build-wasm/pkg');
export const repoDir = path.resolve(new URL('../..', import.meta.url).pathname);
export const facadeUrl = pathToFileURL(path.join(pkgDir, 'index.mjs')).href;

export async function loadFacade() {
  const api = await import(facadeUrl);
  await api.init();
  return api;
}
