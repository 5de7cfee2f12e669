// Fake CircleCI API on loopback, one implementation for every test layer and the demo.
// See README.md for the scenario table, endpoints, request log and command line.
//
//   import { startFakeCircleCi } from './server.mjs';
//   const fake = await startFakeCircleCi({ latencyMs: 50 });
//   … fake.url, fake.otherHostUrl, fake.requests, fake.reset(), await fake.close()
//
//   node tests/fake_circleci/server.mjs [--port 0] [--latency-ms N] [--slow-ms N]
//        [--fault-seed S [--fault-rate R] [--fault-slow-ms N]] [--large-output-bytes N]
//        [--url-file PATH] [--detached]
import { renameSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { accessDenial, credentialsOf, queryCarriesToken } from './auth.mjs';
import { acceptsGzip, deliver, resetConnection } from './deliver.mjs';
import { createInjector, faultReply } from './faults.mjs';
import { createOutputUrls, outputId } from './output_urls.mjs';
import { MESSAGES, json, message } from './replies.mjs';
import { createRequestLog, faultSummary } from './request_log.mjs';
import { matchRoute } from './routes.mjs';
import { scenarioForToken } from './scenarios.mjs';

const DEFAULTS = {
  port: 0,
  latencyMs: 0,
  slowMs: 3000,
  faultSeed: null,
  faultRate: 0.2,
  faultSlowMs: 1500,
  largeOutputBytes: 32 * 1024 * 1024,
};

/** Scenario faults applied per request; 'expired-url' and 'page-loop' shape replies instead. */
const REQUEST_FAULTS = new Set(['rate-limit-text', 'rate-limit-http-date', 'bad-gateway', 'reset', 'slow', 'truncated']);

const listen = (server, port, host) => new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(port, host, () => resolve(`http://${host}:${server.address().port}`));
});

/**
 * Starts the fake on 127.0.0.1 (options.port, 0 = random) plus the "other host" on
 * 127.0.0.2. options: see DEFAULTS. Resolves to {url, otherHostUrl, requests (the live
 * request log), reset(), close()}.
 */
export async function startFakeCircleCi(options = {}) {
  const opts = { ...DEFAULTS, ...options };
  const log = createRequestLog();
  const outputUrls = createOutputUrls();
  const counts = new Map();
  const tokenStates = new Map();
  const expiredOnce = new Set();
  const closing = new AbortController();
  let injector = createInjector({ seed: opts.faultSeed, rate: opts.faultRate, slowMs: opts.faultSlowMs });
  let url;
  let otherHostUrl;

  const pause = (ms) => (ms > 0 ? sleep(ms, undefined, { signal: closing.signal }) : undefined);

  function reset() {
    log.clear();
    outputUrls.clear();
    counts.clear();
    tokenStates.clear();
    expiredOnce.clear();
    injector = createInjector({ seed: opts.faultSeed, rate: opts.faultRate, slowMs: opts.faultSlowMs });
  }

  /** The scenario's own fault for this request (counted per token, or per step output), or null. */
  function scenarioFault(scenario, target, output) {
    const fault = scenario?.fault;
    if (!fault || !REQUEST_FAULTS.has(fault.name) || (fault.target !== 'all' && fault.target !== target)) return null;
    const key = `${scenario.name}|${target === 'api' ? 'api' : output}`;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    return n <= fault.times ? { name: fault.name, ms: opts.slowMs } : null;
  }

  function tokenState(scenario) {
    if (!tokenStates.has(scenario.name)) tokenStates.set(scenario.name, { meCount: 0 });
    return tokenStates.get(scenario.name);
  }

  function context(scenario, query, presigned) {
    const nowMs = Date.now();
    return {
      identity: scenario?.identity ?? null, query, presigned, nowMs, otherHostUrl,
      loop: scenario?.fault?.name === 'page-loop', largeBytes: opts.largeOutputBytes,
      mintUrls(job) {
        const key = `${scenario.name}|${job.project.slug}/${job.number}`;
        const expired = scenario.fault?.name === 'expired-url' && !expiredOnce.has(key);
        expiredOnce.add(key);
        return (step, action) => outputUrls.mint(url, { job, step, action, scenario, expired, nowMs });
      },
    };
  }

  /** What to answer: {fault, produce()}; produce runs only if no fault pre-empts the reply. */
  function decide(req, reqUrl, credentials, entry) {
    if (queryCarriesToken(reqUrl.searchParams)) return { fault: null, produce: () => message(401, MESSAGES.queryAuth) };
    const match = matchRoute(req.method, reqUrl.pathname);
    if (!match) return { fault: null, produce: () => message(404, MESSAGES.notFound) };
    const { route, params } = match;
    if (route.area === 'public') return { fault: null, produce: () => route.handle(context(null, reqUrl.searchParams, null), params) };
    if (route.area === 'presigned') {
      const record = outputUrls.lookup(reqUrl.searchParams);
      entry.output = record && outputId(record.job, record.step, record.action);
      entry.scenario = record?.scenario?.name ?? null;
      return {
        fault: scenarioFault(record?.scenario, 'output', entry.output) ?? injector.next(true),
        produce: () => route.handle(context(record?.scenario, reqUrl.searchParams, record), params),
      };
    }
    if (credentials.token === null) return { fault: null, produce: () => message(401, MESSAGES.loginFirst) };
    const scenario = scenarioForToken(credentials.token);
    if (!scenario) return { fault: null, produce: () => message(401, MESSAGES.invalidToken) };
    entry.scenario = scenario.name;
    entry.output = route.outputOf?.(params) ?? null;
    return {
      fault: scenarioFault(scenario, 'api') ?? injector.next(false),
      produce: () => accessDenial(scenario, route.area, tokenState(scenario))
        ?? route.handle(context(scenario, reqUrl.searchParams, null), params),
    };
  }

  async function send(req, res, entry, { fault, produce }) {
    entry.fault = fault?.name ?? null;
    if (fault?.name === 'reset') {
      entry.outcome = 'reset';
      resetConnection(res);
      return;
    }
    if (fault?.name === 'slow') await pause(fault.ms);
    const reply = faultReply(fault, Date.now()) ?? produce();
    entry.status = reply.status;
    const truncated = fault?.name === 'truncated';
    if (truncated) entry.outcome = 'truncated';
    await deliver(res, reply, { gzip: acceptsGzip(req), truncated });
  }

  function logRequest(host, req, res) {
    const reqUrl = new URL(req.url, 'http://fake.invalid');
    const credentials = credentialsOf(req);
    const entry = log.add({ host, req, url: reqUrl, credentials, queryToken: queryCarriesToken(reqUrl.searchParams) });
    res.on('finish', () => { entry.outcome ??= 'complete'; });
    res.on('close', () => { entry.outcome ??= 'aborted'; });
    return { reqUrl, credentials, entry };
  }

  async function control(req, res, path) {
    const routes = {
      'GET /__fake/requests': () => json(200, log.entries),
      'GET /__fake/faults': () => json(200, faultSummary(log.entries, injector)),
      'GET /__fake/info': () => json(200, { url, otherHostUrl, options: opts }),
      'POST /__fake/reset': () => { reset(); return { status: 204, headers: {}, body: '' }; },
    };
    const reply = routes[`${req.method} ${path}`]?.() ?? message(404, MESSAGES.notFound);
    await deliver(res, reply, { gzip: false, truncated: false });
  }

  async function handleMain(req, res) {
    const path = req.url.split('?')[0];
    if (path.startsWith('/__fake/')) return control(req, res, path);
    const { reqUrl, credentials, entry } = logRequest('main', req, res);
    await pause(opts.latencyMs);
    return send(req, res, entry, decide(req, reqUrl, credentials, entry));
  }

  /** The other host only has /landing: where /api/v2/redirect-to-other-host points. */
  async function handleOther(req, res) {
    const { reqUrl, entry } = logRequest('other', req, res);
    await pause(opts.latencyMs);
    const reply = req.method === 'GET' && reqUrl.pathname === '/landing'
      ? json(200, { message: 'landed on the other host' })
      : message(404, MESSAGES.notFound);
    return send(req, res, entry, { fault: null, produce: () => reply });
  }

  /** A request still pending when the fake closes is dropped; a bug answers 500 and is reported. */
  const guard = (handler) => (req, res) => handler(req, res).catch((error) => {
    if (error.name === 'AbortError') {
      res.destroy();
      return;
    }
    process.stderr.write(`fake-circleci: ${error.stack}\n`);
    if (res.headersSent) res.destroy();
    else deliver(res, message(500, MESSAGES.internalError), { gzip: false, truncated: false });
  });

  const mainServer = http.createServer(guard(handleMain));
  const otherServer = http.createServer(guard(handleOther));
  url = await listen(mainServer, opts.port, '127.0.0.1');
  otherHostUrl = await listen(otherServer, 0, '127.0.0.2');

  async function close() {
    closing.abort();
    const closed = [mainServer, otherServer].map((s) => new Promise((resolve) => s.close(resolve)));
    for (const s of [mainServer, otherServer]) s.closeAllConnections();
    await Promise.all(closed);
  }

  return { url, otherHostUrl, requests: log.entries, reset, close };
}

const number = (text, name) => {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) throw new Error(`--${name} needs a number, got ${text}`);
  return n;
};

/** Command-line mode: one stdout line with the URL; exits with its parent unless --detached. */
async function main(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' }, 'latency-ms': { type: 'string' }, 'slow-ms': { type: 'string' },
      'fault-seed': { type: 'string' }, 'fault-rate': { type: 'string' }, 'fault-slow-ms': { type: 'string' },
      'large-output-bytes': { type: 'string' }, 'url-file': { type: 'string' }, detached: { type: 'boolean' },
    },
  });
  const given = {
    port: number(values.port, 'port'), latencyMs: number(values['latency-ms'], 'latency-ms'),
    slowMs: number(values['slow-ms'], 'slow-ms'), faultSeed: number(values['fault-seed'], 'fault-seed'),
    faultRate: number(values['fault-rate'], 'fault-rate'), faultSlowMs: number(values['fault-slow-ms'], 'fault-slow-ms'),
    largeOutputBytes: number(values['large-output-bytes'], 'large-output-bytes'),
  };
  const fake = await startFakeCircleCi(Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)));
  const stop = () => fake.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  if (values['url-file']) {
    writeFileSync(`${values['url-file']}.tmp`, `${fake.url}\n`);
    renameSync(`${values['url-file']}.tmp`, values['url-file']);
  }
  process.stdout.write(`fake-circleci: ${fake.url}\n`);
  if (!values.detached) {
    const parent = process.ppid;
    setInterval(() => { if (process.ppid !== parent) stop(); }, 500);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`fake-circleci: ${error.message}\n`);
    process.exit(2);
  });
}
