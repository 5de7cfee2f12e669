// README command 1's server: the page + demo backend on 127.0.0.1, talking to the embedded
// fake CircleCI (tests/fake_circleci) standing in for https://circleci.com, or to a real
// host with `--host https://circleci.com`. Prints the URL; Ctrl-C stops it.
//
//   node web/demo.mjs [--port N] [--pkg DIR] [--host URL]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { startFakeCircleCi } from '../tests/fake_circleci/server.mjs';
import { CIRCLECI_STORAGE_PREFIX } from './backend/hosts.mjs';
import { defaultPkgDir, startServer } from './server.mjs';

/** The public host the embedded fake stands in for: what the page shows and users paste links of. */
export const FAKE_STANDS_IN_FOR = 'https://circleci.com';

/**
 * Starts the demo. host: a CircleCI origin to talk to, or null for the embedded fake (started
 * with fakeOptions). Resolves to {url, fake (null with a real host), close()}.
 */
export async function startDemo({ host = null, port = 0, pkgDir = defaultPkgDir, fakeOptions = {} } = {}) {
  const fake = host === null ? await startFakeCircleCi(fakeOptions) : null;
  const circleci = fake
    ? { hosts: [{ origin: FAKE_STANDS_IN_FOR, upstream: fake.url }], storagePrefixes: [CIRCLECI_STORAGE_PREFIX, `${fake.url}/_s3/action-output/`] }
    : { hosts: [{ origin: host, upstream: host }] };
  const server = await startServer({ port, pkgDir, circleci });
  return {
    url: server.url,
    fake,
    async close() {
      await server.close();
      await fake?.close();
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { values } = parseArgs({ options: { port: { type: 'string' }, pkg: { type: 'string' }, host: { type: 'string' } } });
  const demo = await startDemo({
    host: values.host ?? null,
    port: Number(values.port ?? 0),
    pkgDir: path.resolve(values.pkg ?? defaultPkgDir),
  });
  const stop = () => demo.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  console.log(demo.fake
    ? `circleci-connect demo: ${demo.url} (embedded fake CircleCI at ${demo.fake.url} stands in for ${FAKE_STANDS_IN_FOR})`
    : `circleci-connect demo: ${demo.url} (CircleCI host ${values.host})`);
}
