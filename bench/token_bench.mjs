// Wasm (Node) token-check throughput through the shipped facade, same pastes as
// token_bench.cpp. Usage: node bench/token_bench.mjs [PKG_DIR]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const pkgDir = path.resolve(process.argv[2] ?? 'build-wasm/pkg');
const { init, checkToken } = await import(pathToFileURL(path.join(pkgDir, 'index.mjs')).href);
await init();

// The shared fixture's well-formed fake personal token (tests/fixtures/tokens/cases.json).
const cases = JSON.parse(readFileSync(new URL('../tests/fixtures/tokens/cases.json', import.meta.url), 'utf8'));
const personal = cases.find((c) => c.name === 'personal, 22-char middle').input;
const pastes = [
  personal,
  `  ${personal}\r\n`,
  `export CIRCLECI_TOKEN="${personal}"`,
  'CCIPRJ_8nojmVLSDRYmTrsx7EwFN_fe228f219e9cb0eb53f16947ccf25ec84d8dbc74',
  '439536b3216fdaeeb975729fae923d5a4fd12aab',
  'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8',
  'https://dl.circleci.com/status-badge/img/gh/acme/app/tree/main.svg?style=svg&circle-token=439536b3216fdaeeb975729fae923d5a4fd12aab',
  personal.slice(0, 50),
];
for (let i = 0; i < 2000; ++i) for (const p of pastes) checkToken(p);  // warm-up
const rounds = 25000;
let sink = 0;
const start = process.hrtime.bigint();
for (let r = 0; r < rounds; ++r) for (const p of pastes) sink += checkToken(p).code.length;
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const checks = rounds * pastes.length;
console.log(`wasm: ${(checks / seconds).toFixed(0)} token checks/s (${(seconds / checks * 1e6).toFixed(3)} us/check, ${checks} checks, checksum ${sink})`);
