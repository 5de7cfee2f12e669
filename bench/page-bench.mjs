// The settings page in headless Chromium (demo backend + embedded fake on loopback):
//   - per keystroke: checkToken + ConnectionMachine.input (the core's work), and a whole
//     keystroke through the page (input event → both calls → DOM render), median and p95;
//   - navigation → interactive (the page's `cci-interactive` mark: core loaded, session read);
//   - the shipped wasm + mjs sizes: raw, gzip -9, and as Chromium received them from the demo
//     server (the build's zopfli copies; Resource Timing's encodedBodySize).
// Usage: node bench/page-bench.mjs [PKG_DIR]
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { launch } from '../tests/web/browser.mjs';
import { startDemo } from '../web/demo.mjs';
import { TOKENS } from '../tests/fake_circleci/scenarios.mjs';

const pkgDir = path.resolve(process.argv[2] ?? process.env.CCI_PKG_DIR ?? 'build-wasm/pkg');
const token = TOKENS.valid;
const NAVIGATIONS = 15;
const TYPINGS = 40;

const quantile = (values, q) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];
const fmt = (ms) => `${(ms * 1000).toFixed(1)} µs`;

const demo = await startDemo({ pkgDir });
const browser = await launch();
const page = await browser.newPage();

const packageFiles = ['core.wasm', 'core.mjs', 'index.mjs'];
const loads = [];
let served;
for (let i = 0; i < NAVIGATIONS; i += 1) {
  await page.goto(demo.url);
  await page.waitForSelector('body[data-ready="true"]');
  loads.push(await page.evaluate(() => performance.getEntriesByName('cci-interactive')[0].startTime));
  served ??= await page.evaluate((files) => Object.fromEntries(performance.getEntriesByType('resource')
    .map((entry) => [new URL(entry.name).pathname.replace(/^\/pkg\//, ''), entry])
    .filter(([file]) => files.includes(file))
    .map(([file, entry]) => [file, { encoded: entry.encodedBodySize, decoded: entry.decodedBodySize }])), packageFiles);
}

// Each keystroke types one more character of the token, as a person would. The browser
// clamps performance.now() to 0.1 ms, so each typing of the whole token is timed at once and
// divided by its keystrokes.
const { core, whole } = await page.evaluate(async ({ text, rounds }) => {
  const { ConnectionMachine, checkToken } = await import('/pkg/index.mjs');
  const machine = new ConnectionMachine();
  const field = document.getElementById('token');
  const keystrokes = text.length + 1;
  const coreTimes = [];
  const wholeTimes = [];
  for (let round = 0; round < rounds; round += 1) {
    let start = performance.now();
    for (let n = 0; n <= text.length; n += 1) {
      checkToken(text.slice(0, n));
      machine.input(text.slice(0, n));
    }
    coreTimes.push((performance.now() - start) / keystrokes);
    start = performance.now();
    for (let n = 0; n <= text.length; n += 1) {
      field.value = text.slice(0, n);
      field.dispatchEvent(new Event('input', { bubbles: true }));
    }
    wholeTimes.push((performance.now() - start) / keystrokes);
  }
  machine.dispose();
  return { core: coreTimes, whole: wholeTimes };
}, { text: token, rounds: TYPINGS });

await browser.close();
await demo.close();

console.log(`keystroke, core only (checkToken + machine.input): median ${fmt(quantile(core, 0.5))}, p95 ${fmt(quantile(core, 0.95))} (${TYPINGS} typings of ${token.length} characters; target ≤ 100 µs)`);
console.log(`keystroke, whole page (input event → core → DOM): median ${fmt(quantile(whole, 0.5))}, p95 ${fmt(quantile(whole, 0.95))}`);
console.log(`navigation → interactive on localhost: median ${quantile(loads, 0.5).toFixed(1)} ms, max ${Math.max(...loads).toFixed(1)} ms (${loads.length} loads)`);
const kib = (bytes) => `${(bytes / 1024).toFixed(1).padStart(7)} KiB`;
const total = { raw: 0, gzip: 0, served: 0 };
for (const file of packageFiles) {
  const bytes = await readFile(path.join(pkgDir, file));
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const received = served[file];
  if (!received || received.decoded !== bytes.length) throw new Error(`${file}: not received whole by the page (${JSON.stringify(received)})`);
  total.raw += bytes.length;
  total.gzip += gzip;
  total.served += received.encoded;
  console.log(`${file.padEnd(10)} ${kib(bytes.length)} raw ${kib(gzip)} gzip -9 ${kib(received.encoded)} served`);
}
console.log(`${'total'.padEnd(10)} ${kib(total.raw)} raw ${kib(total.gzip)} gzip -9 ${kib(total.served)} served ` +
            `(${total.served} bytes; target ≤ 150 KB gzip)`);
