// Test helper: the demo (page + backend) with its own embedded fake CircleCI, on port 0.
import { startDemo } from '../../web/demo.mjs';

export { TOKENS } from '../fake_circleci/scenarios.mjs';
export { WELL_KNOWN } from '../fake_circleci/world.mjs';

export const pkgDir = process.env.CCI_PKG_DIR ?? 'build-wasm/pkg';

export function startStack(fakeOptions = {}) {
  return startDemo({ pkgDir, fakeOptions });
}
