// The connect flow in real Chromium, through the page, the demo backend and the fake
// CircleCI: every outcome the issue lists, and the token never left behind in the DOM,
// a JS global, a request URL or the console.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launch, openPage, shot } from './browser.mjs';
import { TOKENS, startStack } from './stack.mjs';

const TIMEOUT = { timeout: 8000 };

let stack;
let browser;
before(async () => {
  stack = await startStack();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await stack?.close();
});

const text = (page, selector) => page.innerText(selector);
const data = (page, selector, name) => page.getAttribute(selector, `data-${name}`);

async function paste(page, token) {
  await page.fill('#token', token);
}

async function connect(page, token) {
  await paste(page, token);
  await page.click('#connect');
}

async function connectedAs(page, who) {
  await page.waitForFunction((line) => document.getElementById('connection-line').textContent === line,
    `Connected as ${who}.`, TIMEOUT);
}

/** Every form in which a token must never show up: itself, base64 (also as Basic auth sends
 * it), fully percent-encoded, and its two secret segments alone. */
function leakForms(token) {
  const forms = [token, Buffer.from(token).toString('base64'), Buffer.from(`${token}:`).toString('base64'),
    [...Buffer.from(token)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('')];
  const parts = token.split('_');
  if (parts.length === 3) forms.push(parts[1], parts[2]);
  return forms;
}

/** The token is nowhere the page keeps things, nor in any request URL or console line. */
async function assertTokenGone(opened, token) {
  const { page, requests, consoleLog } = opened;
  const forms = leakForms(token);
  const kept = await page.evaluate((secrets) => {
    const dom = document.documentElement.outerHTML + [...document.querySelectorAll('input')].map((input) => input.value).join('\n');
    const globals = Object.getOwnPropertyNames(window).filter((name) => {
      try {
        const value = window[name];
        const text = typeof value === 'string' ? value : JSON.stringify(value ?? null) ?? '';
        return secrets.some((secret) => text.includes(secret));
      } catch {
        return false;
      }
    });
    return { inDom: secrets.filter((secret) => dom.includes(secret)), globals };
  }, forms);
  assert.deepEqual(kept.inDom, [], 'token in the DOM');
  assert.deepEqual(kept.globals, [], 'token in a JS global');
  for (const url of requests) {
    for (const form of [...forms, encodeURIComponent(token)]) assert.ok(!url.includes(form), url);
  }
  const console = consoleLog.join('\n');
  for (const form of forms) assert.ok(!console.includes(form), 'token in the console');
}

test('a valid token connects: name (login), organizations, masked token, verified just now', async () => {
  const opened = await openPage(browser, stack.url);
  const { page, problems, requests } = opened;
  assert.equal(await page.inputValue('#host'), 'https://circleci.com');
  await paste(page, TOKENS.valid);
  assert.equal(await page.isEnabled('#connect'), true);
  assert.equal(await data(page, '#token-feedback', 'verdict'), 'ok');
  await shot(page, 'connect-01-ready');
  await page.click('#connect');
  assert.equal(await page.inputValue('#token'), '', 'the field is cleared on submit');
  await connectedAs(page, 'Ada Lovelace (ada-acme)');
  assert.deepEqual(await page.$$eval('#connection-orgs li', (items) => items.map((item) => item.textContent)),
    ['acme gh/acme', 'acme-platform circleci/2QawpBDGJ5EhR6fTbJofvR']);
  assert.equal(await text(page, '#connection-token'), 'CCIPAT_…22da');
  assert.equal(await text(page, '#connection-verified'), 'verified just now');
  assert.equal(await text(page, '#connection-host'), 'https://circleci.com');
  assert.equal(await page.isEnabled('#recheck'), true);
  assert.equal(await page.isVisible('#disconnect'), true);
  assert.match(await text(page, '#disconnect-hint'), /revoke/);
  assert.ok(requests.some((url) => url.endsWith('/api/candidate')) && requests.every((url) => url.startsWith(stack.url)),
    'the page only calls its backend');
  await assertTokenGone(opened, TOKENS.valid);
  await shot(page, 'connect-02-connected');
  assert.deepEqual(problems, []);

  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await connectedAs(page, 'Ada Lovelace (ada-acme)');
  assert.equal(await text(page, '#connection-token'), 'CCIPAT_…22da', 'the health record is restored on reload');
  await opened.close();
});

test('a project token, also inside a badge URL, is blocked before anything is sent', async () => {
  const opened = await openPage(browser, stack.url);
  const { page, problems, requests } = opened;
  const badge = `https://dl.circleci.com/status-badge/img/gh/acme/app/tree/main.svg?style=svg&circle-token=${TOKENS.projectToken}`;
  for (const [pasted, code, words] of [[TOKENS.projectToken, 'project_token', /project token/], [badge, 'project_token_from_badge', /status-badge URL/]]) {
    await paste(page, pasted);
    assert.equal(await data(page, '#token-feedback', 'code'), code);
    assert.match(await text(page, '#token-message'), words);
    assert.match(await text(page, '#token-remedy'), /Personal API Token/);
    assert.equal(await page.isEnabled('#connect'), false);
    assert.equal(await page.getAttribute('#token', 'aria-invalid'), 'true');
    await page.press('#token', 'Enter');
    await shot(page, `connect-03-${code}`);
  }
  assert.ok(!requests.some((url) => url.includes('/api/candidate') || url.includes('/api/relay')), 'nothing was submitted');
  assert.deepEqual(problems, []);
  await opened.close();
});

test('a GitHub token is "not a CircleCI token"', async () => {
  const opened = await openPage(browser, stack.url);
  const { page, problems } = opened;
  await paste(page, 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8');
  assert.equal(await data(page, '#token-feedback', 'kind'), 'foreign');
  assert.equal(await text(page, '#token-message'), 'This is not a CircleCI token: it looks like a GitHub token.');
  assert.equal(await page.isEnabled('#connect'), false);
  await shot(page, 'connect-04-foreign');
  assert.deepEqual(problems, []);
  await opened.close();
});

test('a revoked token fails with the core\'s one reason and remedy', async () => {
  const opened = await openPage(browser, stack.url);
  const { page, problems } = opened;
  await connect(page, TOKENS.revoked);
  await page.waitForSelector('#attempt[data-state="failed"]', TIMEOUT);
  const reason = (await page.evaluate(async () => (await import('/pkg/index.mjs')).idCatalog().reason))
    .find((row) => row.id === 'token_invalid');
  assert.equal(await data(page, '#attempt', 'reason'), 'token_invalid');
  assert.equal(await text(page, '#attempt-line'), reason.message);
  assert.equal(await text(page, '#attempt-remedy'), reason.remedy);
  assert.match(await text(page, '#attempt-server-message'), /Invalid token provided/);
  assert.deepEqual(await page.$$eval('#attempt-stages li', (items) => items.map((item) => item.dataset.status)), ['failed', 'skipped']);
  assert.equal(await page.isVisible('#connection'), false);
  await assertTokenGone(opened, TOKENS.revoked);
  await shot(page, 'connect-05-revoked');
  assert.deepEqual(problems, []);
  await opened.close();
});

test('429: a countdown, then the core retries by itself and connects', async () => {
  stack.fake.reset();
  const opened = await openPage(browser, stack.url);
  const { page, problems } = opened;
  await connect(page, TOKENS.rateLimitedText);
  await page.waitForSelector('#attempt[data-state="rate_limited"]', TIMEOUT);
  assert.ok(['1', '2'].includes(await data(page, '#attempt', 'retry-in')));
  assert.match(await text(page, '#attempt-line'), /Retrying in [12] s\./);
  assert.match(await text(page, '#connect'), /^Retry in [12] s$/);
  await shot(page, 'connect-06-rate-limited');
  await connectedAs(page, 'Ada Lovelace (ada-acme)');
  assert.deepEqual(problems, []);
  await opened.close();
});

test('502: a retryable server error, and trying again connects', async () => {
  stack.fake.reset();
  const opened = await openPage(browser, stack.url);
  const { page, problems } = opened;
  await connect(page, TOKENS.badGatewayOnce);
  await page.waitForSelector('#attempt[data-state="failed"]', TIMEOUT);
  assert.equal(await data(page, '#attempt', 'reason'), 'server_error');
  const retryable = await page.evaluate(async () => (await import('/pkg/index.mjs')).idCatalog().reason.find((row) => row.id === 'server_error').retryable);
  assert.equal(retryable, true);
  assert.equal(await text(page, '#connect'), 'Try again');
  assert.match(await text(page, '#attempt-remedy'), /Try again/);
  await shot(page, 'connect-07-bad-gateway');
  await page.click('#connect');
  await connectedAs(page, 'Ada Lovelace (ada-acme)');
  assert.deepEqual(problems, []);
  await opened.close();
});

test('the backend unreachable: the network reason', async () => {
  const own = await startStack();
  const opened = await openPage(browser, own.url);
  const { page } = opened;
  await own.close();
  await connect(page, TOKENS.valid);
  await page.waitForSelector('#attempt[data-state="failed"]', TIMEOUT);
  assert.equal(await data(page, '#attempt', 'reason'), 'network_unreachable');
  assert.match(await text(page, '#attempt-remedy'), /connection/);
  await shot(page, 'connect-08-backend-down');
  await opened.close();
});

test('re-check after the token was revoked: needs re-authentication', async () => {
  stack.fake.reset();
  const opened = await openPage(browser, stack.url);
  const { page, problems } = opened;
  await connect(page, TOKENS.revokedAfterFirstMe);
  await connectedAs(page, 'Ada Lovelace (ada-acme)');
  await page.click('#recheck');
  await page.waitForSelector('#connection-status[data-state="needs_reauth"]', TIMEOUT);
  assert.equal(await data(page, '#connection-status', 'reason'), 'token_expired_or_revoked');
  assert.match(await text(page, '#connection-line'), /^The connection as Ada Lovelace \(ada-acme\) stopped working\./);
  assert.match(await text(page, '#connection-remedy'), /Personal API Token/);
  await shot(page, 'connect-09-needs-reauth');
  await page.reload();
  await page.waitForSelector('#connection-status[data-state="needs_reauth"]', TIMEOUT);
  assert.deepEqual(problems, []);
  await opened.close();
});

test('replacing a token keeps the old connection until the new one is verified', async () => {
  const opened = await openPage(browser, stack.url);
  const { page, problems } = opened;
  await connect(page, TOKENS.valid);
  await connectedAs(page, 'Ada Lovelace (ada-acme)');
  await connect(page, TOKENS.revoked);
  await page.waitForSelector('#attempt[data-state="failed"]', TIMEOUT);
  assert.equal(await text(page, '#connection-line'), 'Connected as Ada Lovelace (ada-acme).');
  await shot(page, 'connect-10-replacement-failed');
  await page.click('#recheck');
  await page.waitForSelector('#connection-status[data-state="connected"]', TIMEOUT);
  assert.equal(await data(page, '#connection-status', 'reason'), '', 'the kept token still works');
  await connect(page, TOKENS.validSecondUser);
  await connectedAs(page, 'Grace Hopper (grace-acme)');
  assert.equal(await text(page, '#connection-token'), 'CCIPAT_…3b62');
  assert.deepEqual(problems, []);
  await opened.close();
});

test('disconnect forgets the token and reminds to revoke it', async () => {
  const opened = await openPage(browser, stack.url);
  const { page, problems } = opened;
  await connect(page, TOKENS.valid);
  await connectedAs(page, 'Ada Lovelace (ada-acme)');
  await page.click('#disconnect');
  await page.waitForSelector('#connection-status[data-state="disconnected"]', TIMEOUT);
  assert.equal(await text(page, '#connection-line'), 'Disconnected. The token was forgotten here.');
  assert.match(await text(page, '#connection-remedy'), /revoke it/);
  assert.equal(await page.isVisible('#recheck'), false);
  await shot(page, 'connect-11-disconnected');
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.isVisible('#connection'), false);
  assert.deepEqual(problems, []);
  await opened.close();
});

test('while verifying, the page shows the stage being checked', async () => {
  const slow = await startStack({ slowMs: 1200 });
  const opened = await openPage(browser, slow.url);
  const { page, problems } = opened;
  await connect(page, TOKENS.slow);
  await page.waitForSelector('#attempt[data-state="validating"]', TIMEOUT);
  assert.equal(await text(page, '#attempt-line'), 'Checking with CircleCI: GET /api/v2/me…');
  assert.deepEqual(await page.$$eval('#attempt-stages li', (items) => items.map((item) => [item.dataset.stage, item.dataset.status])),
    [['identity', 'running'], ['org_access', 'pending']]);
  assert.equal(await page.isEnabled('#connect'), false);
  assert.equal(await text(page, '#connect'), 'Checking…');
  await shot(page, 'connect-12-validating');
  await page.waitForSelector('#attempt-stages li[data-stage="org_access"][data-status="running"]', TIMEOUT);
  await connectedAs(page, 'Ada Lovelace (ada-acme)');
  assert.deepEqual(problems, []);
  await opened.close();
  await slow.close();
});

test('"verified N min ago" follows the clock', async () => {
  const { page, problems, close } = await openPage(browser, stack.url);
  await page.clock.install();
  await connect(page, TOKENS.valid);
  await connectedAs(page, 'Ada Lovelace (ada-acme)');
  assert.equal(await text(page, '#connection-verified'), 'verified just now');
  await page.clock.fastForward('03:05');
  await page.waitForFunction(() => document.getElementById('connection-verified').textContent === 'verified 3 min ago', null, TIMEOUT);
  assert.deepEqual(problems, []);
  await close();
});
