// Wasm (Node) throughput of the streaming log analyser through the shipped facade: the file
// is fed in 1 MiB Uint8Array chunks, like `cci analyze` does natively.
// Usage: node bench/analyze_bench.mjs PKG_DIR FILE
// Prints one line: `wasm <MB/s wall> <MB/s cpu> <seconds> <culprit rule> <category>`.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [pkgArg, file] = process.argv.slice(2);
if (!pkgArg || !file) {
  console.error('usage: node bench/analyze_bench.mjs PKG_DIR FILE');
  process.exit(2);
}
const pkgDir = path.resolve(pkgArg);
const { init, LogAnalyzer } = await import(pathToFileURL(path.join(pkgDir, 'index.mjs')).href);
await init();

const chunk = new Uint8Array(1 << 20);
const fd = fs.openSync(file, 'r');
let bytes = 0;
const cpu0 = process.cpuUsage();
const start = process.hrtime.bigint();
const analyzer = new LogAnalyzer({});
for (;;) {
  const got = fs.readSync(fd, chunk, 0, chunk.length, null);
  if (got === 0) break;
  analyzer.feed(got === chunk.length ? chunk : chunk.subarray(0, got));
  bytes += got;
}
const analysis = analyzer.finish();
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
fs.closeSync(fd);
const culprit = analysis.findings?.[0]?.rule ?? '-';
console.log(`wasm ${(bytes / 1e6 / seconds).toFixed(1)} ${(bytes / 1e6 / cpuSeconds).toFixed(1)} ${seconds.toFixed(2)} ${culprit} ${analysis.category}`);
