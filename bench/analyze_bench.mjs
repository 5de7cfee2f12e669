// Wasm (Node) throughput of the streaming log analyser through the shipped facade: the file
// is fed in 1 MiB Uint8Array chunks, like `cci analyze` does natively. The file is analysed
// twice in one process: the first ("cold") pass includes V8's one-off work on the module —
// its optimising compiler runs on the functions that get hot (on background threads, whose
// CPU time counts here) while they first run in baseline code; the second pass is the
// steady state, the throughput of the compiled module.
// Usage: node bench/analyze_bench.mjs PKG_DIR FILE
// Prints `wasm <MB/s wall> <MB/s cpu> <seconds> <culprit rule> <category>` for the steady
// state, `cold <MB/s wall> <MB/s cpu> <seconds>` for the first pass, then `first <ms>`: the
// wall time of a first, one-line analysis right after init().
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [pkgArg, file] = process.argv.slice(2);
if (!pkgArg || !file) {
  console.error('usage: node bench/analyze_bench.mjs PKG_DIR FILE');
  process.exit(2);
}
const pkgDir = path.resolve(pkgArg);
const { init, analyzeLog, LogAnalyzer } = await import(pathToFileURL(path.join(pkgDir, 'index.mjs')).href);
await init();
// The fixed cost of a first analysis (rule tables set up, patterns compiled as needed).
const firstStart = process.hrtime.bigint();
analyzeLog('src/main.c:3:5: error: expected \';\' before \'}\' token\n', {});
const firstMs = Number(process.hrtime.bigint() - firstStart) / 1e6;

const chunk = new Uint8Array(1 << 20);
function analyzeFile() {
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
  fs.closeSync(fd);
  return { analysis, wall: bytes / 1e6 / seconds, cpu: bytes / 1e6 / ((cpu.user + cpu.system) / 1e6), seconds };
}
const cold = analyzeFile();
const steady = analyzeFile();
const culprit = steady.analysis.findings?.[0]?.rule ?? '-';
console.log(`wasm ${steady.wall.toFixed(1)} ${steady.cpu.toFixed(1)} ${steady.seconds.toFixed(2)} ${culprit} ${steady.analysis.category}`);
console.log(`cold ${cold.wall.toFixed(1)} ${cold.cpu.toFixed(1)} ${cold.seconds.toFixed(2)}`);
console.log(`first ${firstMs.toFixed(1)}`);
