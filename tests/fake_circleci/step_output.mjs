// Step output in CircleCI's `output_url` format: a JSON array of {"message","time","type"}
// whose messages carry raw pty bytes (ANSI escapes, \r\n). A failing step ends with a separate
// {"message":"\nExited with code exit status N\n","type":"err"} element. Output kinds are named
// by world.mjs; each kind fixes its exit code, so job details and output always agree.
import { RSPEC_OUTPUT, SETUP_OUTPUT } from './fixtures.mjs';

/** Size of each element of the generated large output (the PyTorch tracker saw ~5 MB). */
export const LARGE_ELEMENT_BYTES = 5 * 1024 * 1024;

const ESC = '\u001b';
const sgr = (code, text) => `${ESC}[${code}m${text}${ESC}[0m`;
const gccSgr = (code, text) => `${ESC}[${code}m${ESC}[K${text}${ESC}[m${ESC}[K`;
const lines = (...texts) => `${texts.join('\r\n')}\r\n`;
const out = (message) => ({ type: 'out', message });
const err = (message) => ({ type: 'err', message });

const GCC_ERROR = lines(
  '$ make',
  'gcc -std=c11 -Wall -Werror -O2 -Iinclude -c src/main.c -o build/main.o',
  'gcc -std=c11 -Wall -Werror -O2 -Iinclude -c src/parser.c -o build/parser.o',
  `${gccSgr('01', 'src/parser.c:')} In function ${gccSgr('01', '‘parse_request’')}:`,
  `${gccSgr('01', 'src/parser.c:12:5:')} ${gccSgr('01;31', 'error: ')}implicit declaration of function ${gccSgr('01', '‘parse_header’')}; did you mean ${gccSgr('01', '‘parse_headers’')}? [${gccSgr('01;31', '-Werror=implicit-function-declaration')}]`,
  `   12 |     ${gccSgr('01;31', 'parse_header')}(buf, len);`,
  `      |     ${gccSgr('01;31', '^~~~~~~~~~~~')}`,
  `      |     ${gccSgr('32', 'parse_headers')}`,
  'cc1: all warnings being treated as errors',
  'make: *** [Makefile:3: all] Error 1',
);

const JEST_FAILURE = lines(
  `${ESC}[2K${ESC}[1G${sgr(1, 'yarn run v1.22.19')}`,
  `${ESC}[2K${ESC}[1G${sgr(2, '$ jest --ci')}`,
  `${sgr('7;1;32', ' PASS ')} ${sgr(2, 'src/utils/')}${sgr(1, 'format.test.js')}`,
  `${sgr('7;1;31', ' FAIL ')} ${sgr(2, 'src/components/')}${sgr(1, 'Cart.test.js')}`,
  `  ${sgr('1;31', '● Cart › shows the total price')}`,
  '',
  `    ${sgr(2, 'expect(')}${sgr(31, 'received')}${sgr(2, ').')}toBe${sgr(2, '(')}${sgr(32, 'expected')}${sgr(2, ') // Object.is equality')}`,
  '',
  `    Expected: ${sgr(32, '"$42.00"')}`,
  `    Received: ${sgr(31, '"$40.00"')}`,
  '',
  `    ${sgr(2, '  17 |')}     render(<Cart items={items} />);`,
  `    ${sgr(2, '  18 |')}     const total = screen.getByTestId('total');`,
  `    ${sgr('1;31', '>')} 19 |     expect(total.textContent).toBe('$42.00');`,
  `    ${sgr(2, '     |')}                               ${sgr('1;31', '^')}`,
  `    ${sgr(2, '  20 |')}   });`,
  '',
  `      ${sgr(2, 'at Object.<anonymous> (')}${sgr(36, 'src/components/Cart.test.js')}${sgr(2, ':19:31)')}`,
  '',
  `${sgr(1, 'Test Suites: ')}${sgr('1;31', '1 failed')}, ${sgr('1;32', '11 passed')}, 12 total`,
  `${sgr(1, 'Tests:       ')}${sgr('1;31', '1 failed')}, ${sgr('1;32', '87 passed')}, 88 total`,
  `${sgr(1, 'Snapshots:   ')}0 total`,
  `${sgr(1, 'Time:')}        6.482 s`,
  `${sgr(2, 'Ran all test suites.')}`,
  `${ESC}[2K${ESC}[1G${sgr(31, 'error')} Command failed with exit code 1.`,
  `${ESC}[2K${ESC}[1G${sgr(34, 'info')} Visit ${sgr(1, 'https://yarnpkg.com/en/docs/cli/run')} for documentation about this command.`,
);

const PYTEST_KILLED = lines(
  '$ pytest -n 4 tests/integration',
  `${sgr(1, '============================= test session starts ==============================')}`,
  'platform linux -- Python 3.11.4, pytest-7.4.0, pluggy-1.2.0',
  'rootdir: /home/circleci/project',
  'plugins: xdist-3.3.1',
  'gw0 [412] / gw1 [412] / gw2 [412] / gw3 [412]',
  `${sgr(32, '.'.repeat(72))}${sgr(32, ' [ 17%]')}`,
  `${sgr(32, '.'.repeat(50))}${' '.repeat(22)}${sgr(32, ' [ 29%]')}`,
  '/bin/bash: line 1:   211 Killed                  pytest -n 4 tests/integration',
);

const GENERIC_PASS = lines(
  '$ make test',
  'gcc -std=c11 -Wall -Werror -O2 -Iinclude -c src/main.c -o build/main.o',
  'gcc -std=c11 -Wall -Werror -O2 -Iinclude -c src/parser.c -o build/parser.o',
  './build/run_tests',
  `${sgr(32, '[==========]')} 128 tests from 14 test suites ran. (412 ms total)`,
  `${sgr(32, '[  PASSED  ]')} 128 tests.`,
);

function environment(ctx) {
  return [out(lines(
    'Using build environment variables:',
    `  BASH_ENV=/tmp/.bash_env-${ctx.index}-build`,
    '  CI=true',
    '  CIRCLECI=true',
    '  CIRCLE_BRANCH=main',
    `  CIRCLE_NODE_INDEX=${ctx.index}`,
    `  CIRCLE_NODE_TOTAL=${ctx.parallelism}`,
    '',
    'The redacted variables listed above will be masked in run step output.',
  ))];
}

function checkout() {
  return [out(lines(
    'Making checkout directory "/home/circleci/project"',
    'Cloning git repository',
    "Cloning into '.'...",
    'Warning: Permanently added the ECDSA host key for IP address \'140.82.113.3\' to the list of known hosts.',
    'Checking out branch',
    'HEAD is now at 4c1d2e9 Add header parser',
  ))];
}

function knapsack(ctx) {
  return [out(lines(
    `[knapsack_pro] Knapsack Pro Queue mode, CI node index ${ctx.index} of ${ctx.parallelism}`,
    'Run options: --verbose --seed 40512',
    '',
    '# Running:',
    '',
    `${sgr(32, '.'.repeat(60))}`,
    '',
    `Finished in 21.3${ctx.index}s, 142 runs, 398 assertions, 0 failures, 0 errors, 0 skips`,
  ))];
}

let buildBlock = null;

/**
 * About LARGE_ELEMENT_BYTES of CMake-style build lines, made once and shared by every element:
 * {text, json} (json: JSON.stringify(text), so hundreds of MB need not be re-encoded).
 */
function largeBlock() {
  if (buildBlock === null) {
    const parts = [];
    let length = 0;
    for (let n = 0; length < LARGE_ELEMENT_BYTES; n += 1) {
      const line = `[${String(n % 100).padStart(3)}%] ${sgr(32, 'Building C object')} CMakeFiles/app.dir/src/module_${String(n).padStart(7, '0')}.c.o\r\n`;
      parts.push(line);
      length += line.length;
    }
    const text = parts.join('');
    buildBlock = { text, json: JSON.stringify(text) };
  }
  return buildBlock;
}

/** A build log of about `largeBytes` bytes in elements of about LARGE_ELEMENT_BYTES, failing at the end. */
function* largeBuild(ctx) {
  const block = largeBlock();
  let remaining = Math.max(0, ctx.largeBytes);
  for (let shard = 1; remaining > 0; shard += 1) {
    const header = `${sgr('1;34', `==> build shard ${shard}`)}\r\n`;
    if (remaining >= header.length + block.text.length) {
      remaining -= header.length + block.text.length;
      yield { ...out(header + block.text), json: `${JSON.stringify(header).slice(0, -1)}${block.json.slice(1)}` };
      continue;
    }
    const body = block.text.slice(0, block.text.lastIndexOf('\n', Math.max(0, remaining - header.length)) + 1);
    remaining = 0;
    yield out(header + body);
  }
  yield out(lines(
    `[100%] ${sgr('1;35', 'Linking C executable bin/app')}`,
    "/usr/bin/ld: CMakeFiles/app.dir/src/module_0000042.c.o: in function `init_module_42':",
    "module_0000042.c:(.text+0x1d): undefined reference to `register_codec'",
    'collect2: error: ld returned 1 exit status',
    'make[2]: *** [CMakeFiles/app.dir/build.make:4242: bin/app] Error 1',
    'make[1]: *** [CMakeFiles/Makefile2:83: CMakeFiles/app.dir/all] Error 2',
    'make: *** [Makefile:91: all] Error 2',
  ));
}

const KINDS = {
  setup: { exitCode: 0, parts: () => SETUP_OUTPUT.map(({ type, message }) => ({ type, message })) },
  environment: { exitCode: 0, parts: environment },
  checkout: { exitCode: 0, parts: checkout },
  'tests-pass': { exitCode: 0, parts: () => [out(GENERIC_PASS)] },
  'chrome-install': { exitCode: 0, parts: () => [out(lines('Google Chrome is not currently installed; installing it', 'Google Chrome 103.0.5060.134 has been installed to /usr/bin/google-chrome'))] },
  'chrome-install-failed': { exitCode: 56, parts: () => [out(lines('Google Chrome is not currently installed; installing it', 'curl: (56) OpenSSL SSL_read: Connection reset by peer, errno 104'))] },
  knapsack: { exitCode: 0, parts: knapsack },
  gcc: { exitCode: 2, parts: () => [out(GCC_ERROR)] },
  rspec: { exitCode: 1, parts: () => RSPEC_OUTPUT.filter((e) => e.type === 'out').map(({ type, message }) => ({ type, message })) },
  jest: { exitCode: 1, parts: () => [out(JEST_FAILURE)] },
  oom: { exitCode: 137, parts: () => [out(PYTEST_KILLED), err('\r\nReceived "killed" signal\r\n')] },
  large: { exitCode: 2, parts: largeBuild, streamed: true },
};

function kindOf(name) {
  const kind = KINDS[name];
  if (!kind) throw new Error(`unknown step output kind: ${name}`);
  return kind;
}

export function exitCodeOf(name) {
  return kindOf(name).exitCode;
}

/** True for outputs too large to hold in memory: serve their chunks as a stream, never joined. */
export function isStreamed(name) {
  return kindOf(name).streamed === true;
}

/**
 * The elements {message, time, type, json?} of one action's output, lazily; `json`, when
 * present, is the message already JSON-encoded. ctx: {index, parallelism, startMs, largeBytes}.
 */
function* stepElements(name, ctx) {
  const kind = kindOf(name);
  let i = 0;
  const stamp = (e) => ({ message: e.message, time: new Date(ctx.startMs + 1000 * i++).toISOString(), type: e.type, json: e.json });
  for (const element of kind.parts(ctx)) yield stamp(element);
  if (kind.exitCode !== 0) yield stamp(err(`\nExited with code exit status ${kind.exitCode}\n`));
}

/** The output_url body as string chunks: '[', one JSON element per chunk, ']'. */
export function* jsonChunks(name, ctx) {
  yield '[';
  let first = true;
  for (const element of stepElements(name, ctx)) {
    const message = element.json ?? JSON.stringify(element.message);
    yield `${first ? '' : ','}{"message":${message},"time":"${element.time}","type":"${element.type}"}`;
    first = false;
  }
  yield ']';
}

/** The raw-output endpoint body: the messages of one stream ('out' or 'err'), as text chunks. */
export function* rawChunks(name, ctx, type) {
  for (const element of stepElements(name, ctx)) if (element.type === type) yield element.message;
}
