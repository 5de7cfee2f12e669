// The HTTP API the page calls (contract: web/API.md). Tokens arrive only in POST bodies,
// live only in the in-memory session, and leave only in a Circle-Token header to the
// configured CircleCI host. CircleCI's answers are relayed raw: the core classifies them
// in the page. Nothing here logs.
import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';

import { HttpError, readJson, sendError, sendJson } from './http_io.mjs';
import { failingOutputs } from './job_outputs.mjs';
import { relayTarget } from './relay_paths.mjs';
import { securityHeaders } from './security_headers.mjs';
import { credential } from './sessions.mjs';
import { bodyFields, fetchOutcome, openGet, readBody, relayedHeaders } from './upstream.mjs';

export const DEFAULT_LIMITS = {
  bodyBytes: 16 * 1024,          // POST bodies: a token, a link or a health record
  relayBytes: 4 * 1024 * 1024,   // one relayed API answer
  detailsBytes: 32 * 1024 * 1024, // one job's v1.1 details (huge parallel jobs)
  errorBytes: 64 * 1024,         // the body of a refused step-output fetch
  timeoutMs: 20_000,             // every wait for CircleCI or its storage
};

const USER_AGENT = 'circleci-connect-demo';

/** An AbortSignal that fires when the browser goes away before the answer is complete. */
function abandoned(res) {
  const controller = new AbortController();
  res.once('close', () => { if (!res.writableFinished) controller.abort(); });
  return controller.signal;
}

/** The outcome as classify() takes it (bytes back to a Uint8Array). */
function coreOutcome({ body_base64: base64, ...rest }) {
  return base64 === undefined ? rest : { ...rest, body: Buffer.from(base64, 'base64') };
}

function organizationsOf(body) {
  let list;
  try {
    list = JSON.parse(body);
  } catch {
    return [];
  }
  return Array.isArray(list)
    ? list.filter((org) => typeof org?.name === 'string').map((org) => ({ name: org.name, slug: String(org.slug ?? '') }))
    : [];
}

/**
 * core: the loaded JS facade. hosts: web/backend/hosts.mjs. sessions: web/backend/sessions.mjs.
 * Returns `handle(req, res, url)` for paths under /api/ (Host and Origin already checked).
 */
export function createApi({ core, hosts, sessions, limits = DEFAULT_LIMITS }) {
  const apiHeaders = (token) => ({ 'Circle-Token': token, Accept: 'application/json', 'User-Agent': USER_AGENT });

  function connectionView(session) {
    const { active, record } = session;
    return active && { host: active.origin, masked_token: active.masked, organizations: active.organizations, record };
  }

  /** A health record from the page, checked by the core and bound to `owner` (never its token). */
  function checkedRecord(text, owner, state) {
    const machine = new core.ConnectionMachine();
    const readable = typeof text === 'string' && machine.restore(text);
    machine.dispose();
    const record = readable ? JSON.parse(text) : null;
    if (!record || text.includes(owner.token) || record.masked_token !== owner.masked || (state && record.state !== state)) {
      throw new HttpError(422, 'bad_record', 'The health record does not describe this connection.');
    }
    return text;
  }

  /** Remembers what a relayed answer proved about a credential (the core decides). */
  function note(owner, endpoint, outcome) {
    if (core.classify({ ...coreOutcome(outcome), endpoint }).reason !== 'ok') return;
    owner.passed.add(endpoint);
    if (endpoint === 'collaborations') owner.organizations = organizationsOf(outcome.body ?? '');
  }

  function slot(session, name) {
    if (name !== 'candidate' && name !== 'active') throw new HttpError(400, 'bad_slot', 'slot must be "candidate" or "active".');
    const owner = session[name];
    if (!owner) throw new HttpError(409, 'no_token', name === 'active' ? 'Not connected.' : 'No new token was submitted.');
    return owner;
  }

  const routes = {
    async 'GET /api/session'(req, res, session) {
      sendJson(res, 200, { hosts: hosts.origins, default_host: hosts.defaultOrigin, connection: connectionView(session) });
    },

    async 'POST /api/candidate'(req, res, session) {
      const { token, host = hosts.defaultOrigin } = await readJson(req, limits.bodyBytes);
      if (typeof token !== 'string') throw new HttpError(400, 'bad_request', 'token must be a string.');
      const origin = hosts.allowed(host);
      if (!origin) throw new HttpError(422, 'host_not_allowed', `This backend connects only to ${hosts.origins.join(', ')}.`);
      const check = core.checkToken(token);
      if (check.verdict === 'block') throw new HttpError(422, 'token_refused', check.message);
      session.candidate = credential({ token: check.sanitized, origin, masked: check.masked });
      sendJson(res, 200, { host: origin, masked_token: check.masked });
    },

    async 'POST /api/relay'(req, res, session) {
      const body = await readJson(req, limits.bodyBytes);
      const owner = slot(session, body.slot);
      const target = body.method === 'GET' ? relayTarget(body.path) : null;
      if (!target) throw new HttpError(403, 'path_not_allowed', 'The relay only performs GETs of the verification and diagnosis paths.');
      const outcome = await fetchOutcome(hosts.apiUrl(owner.origin, target.path), {
        headers: apiHeaders(owner.token), timeoutMs: limits.timeoutMs, maxBytes: limits.relayBytes, signal: abandoned(res),
      });
      note(owner, target.endpoint, outcome);
      sendJson(res, 200, { ...outcome, endpoint: target.endpoint });
    },

    async 'POST /api/promote'(req, res, session) {
      const { record } = await readJson(req, limits.bodyBytes);
      const owner = slot(session, 'candidate');
      if (!owner.passed.has('me') || !owner.passed.has('collaborations')) {
        throw new HttpError(409, 'not_verified', 'The new token has not passed verification; the current connection is kept.');
      }
      session.record = checkedRecord(record, owner, 'connected');
      session.active = owner;
      session.candidate = null;
      session.outputs.clear();
      sendJson(res, 200, { connection: connectionView(session) });
    },

    async 'POST /api/record'(req, res, session) {
      const { record } = await readJson(req, limits.bodyBytes);
      session.record = checkedRecord(record, slot(session, 'active'));
      sendJson(res, 200, { connection: connectionView(session) });
    },

    async 'POST /api/disconnect'(req, res, session) {
      await readJson(req, limits.bodyBytes);
      Object.assign(session, { candidate: null, active: null, record: null });
      session.outputs.clear();
      sendJson(res, 200, { connection: null });
    },

    async 'POST /api/jobs'(req, res, session) {
      const { url } = await readJson(req, limits.bodyBytes);
      const owner = session.active;
      if (!owner) throw new HttpError(409, 'not_connected', 'Connect CircleCI first: the job is read with the connected token.');
      const parsed = core.parseCircleCiUrl(String(url ?? ''));
      if (!parsed.ok) throw new HttpError(422, 'bad_url', `${parsed.error.message} ${parsed.error.remedy}`);
      const { target } = parsed;
      const path = target.kind === 'job' ? relayTarget(`/api/v1.1/project/${target.project_slug}/${target.job_number}`) : null;
      if (!path) throw new HttpError(422, 'not_a_job', 'This link does not point at one job: open the failed job in CircleCI and copy its address.');
      if (!hosts.inFamily(target.host, owner.origin)) {
        throw new HttpError(422, 'other_host', `This link is not on ${owner.origin}, the CircleCI host of this connection.`);
      }
      const outcome = await fetchOutcome(hosts.apiUrl(owner.origin, path.path), {
        headers: apiHeaders(owner.token), timeoutMs: limits.timeoutMs, maxBytes: limits.detailsBytes, signal: abandoned(res),
      });
      const job = { project_slug: target.project_slug, job_number: target.job_number };
      if (outcome.status !== 200 || outcome.body === undefined) {
        sendJson(res, 200, { job, outcome: { ...outcome, endpoint: path.endpoint }, steps: [] });
        return;
      }
      session.outputs.clear();
      const steps = failingOutputs(core, outcome.body, hosts).map(({ url: output, ...step }) => {
        const id = output && randomBytes(12).toString('base64url');
        if (id) session.outputs.set(id, output);
        return { ...step, output: id };
      });
      sendJson(res, 200, { job, outcome: null, steps });
    },
  };

  /** GET /api/job-output/{id}: the step output streamed from its storage host, without any token. */
  async function output(res, session, id) {
    const url = session.outputs.get(id);
    if (!url) throw new HttpError(404, 'unknown_output', 'This step output is not listed: list the job again.');
    const opened = await openGet(url, {
      headers: { 'User-Agent': USER_AGENT, 'Accept-Encoding': 'gzip' }, timeoutMs: limits.timeoutMs, signal: abandoned(res),
    });
    if (opened.transport) {
      sendJson(res, 502, { outcome: { transport: opened.transport, endpoint: 'step_output' } });
      return;
    }
    const { response, body } = opened;
    if (response.statusCode !== 200) {
      const read = await readBody(body, limits.errorBytes);
      const outcome = read.transport
        ? { transport: read.transport }
        : { transport: 'none', status: response.statusCode, headers: relayedHeaders(response.headers), ...bodyFields(read.bytes) };
      sendJson(res, 502, { outcome: { ...outcome, endpoint: 'step_output' } });
      return;
    }
    res.writeHead(200, { ...securityHeaders, 'Content-Type': response.headers['content-type'] ?? 'application/octet-stream' });
    await pipeline(body, res).catch(() => res.destroy());
  }

  return async function handle(req, res, url) {
    try {
      let session = sessions.find(req);
      if (!session && req.method === 'GET' && url.pathname === '/api/session') {
        const created = sessions.create();
        session = created.session;
        res.setHeader('Set-Cookie', created.cookie);
      }
      if (!session) throw new HttpError(401, 'no_session', 'No session: reload the page.');
      const outputId = req.method === 'GET' && /^\/api\/job-output\/([A-Za-z0-9_-]{1,64})$/.exec(url.pathname)?.[1];
      if (outputId) return await output(res, session, outputId);
      const route = routes[`${req.method} ${url.pathname}`];
      if (!route) throw new HttpError(404, 'not_found', 'No such API endpoint.');
      return await route(req, res, session);
    } catch (error) {
      if (res.headersSent) return res.destroy();
      if (error instanceof HttpError) return sendError(res, error);
      process.stderr.write(`demo backend: ${req.method} ${url.pathname} failed (${error?.name})\n`);
      return sendError(res, { status: 500, error: 'internal', message: 'The backend failed.' });
    }
  };
}
