// The "Builds not detected?" and "Analyse a failed job" panels in real Chromium: the core's
// diagnosis from relayed answers, and job logs streamed by the backend into a module worker
// running the core's LogAnalyzer (cancellable), with the culprit lines shown.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launch, openPage, shot } from './browser.mjs';
import { TOKENS, WELL_KNOWN, startStack } from './stack.mjs';

const TIMEOUT = { timeout: 15_000 };
const WORKFLOW = '4a6a4b7e-0d7c-4a9a-9d63-2f6f7f1b2c3d';
const jobUrl = (pipeline, job) => `https://app.circleci.com/pipelines/${WELL_KNOWN.slugs.app}/${pipeline}/workflows/${WORKFLOW}/jobs/${job}`;

let stack;
let browser;
before(async () => {
  stack = await startStack({ largeOutputBytes: 1024 * 1024 * 1024 });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await stack?.close();
});

async function connected() {
  const opened = await openPage(browser, stack.url);
  await opened.page.fill('#token', TOKENS.valid);
  await opened.page.click('#connect');
  await opened.page.waitForSelector('#connection-status[data-state="connected"]', TIMEOUT);
  return opened;
}

async function diagnose(page, slug) {
  await page.fill('#builds-slug', slug);
  await page.click('#builds-run');
  await page.waitForFunction(() => document.getElementById('builds-run').disabled === false
    && document.getElementById('builds-result').dataset.empty === 'false');
  return { cause: await page.getAttribute('#builds-result', 'data-cause'), message: await page.innerText('#builds-message') };
}

async function analyse(page, url) {
  await page.fill('#analysis-url', url);
  await page.click('#analysis-run');
  await page.waitForSelector('#analysis-status[data-state="done"], #analysis-status[data-state="failed"]', TIMEOUT);
}

test('builds not detected: the core\'s cause for a visible project, a foreign org, and no connection', async () => {
  const fresh = await openPage(browser, stack.url);
  assert.equal((await diagnose(fresh.page, 'gh/acme/app')).message, 'Not connected.');
  await fresh.close();

  const { page, problems, close } = await connected();
  const causes = await page.evaluate(async () => (await import('/pkg/index.mjs')).idCatalog().builds_cause);
  // The fake's newest pipeline is from 2024-05-14: older than the core's recent window.
  const stale = await diagnose(page, WELL_KNOWN.slugs.app);
  assert.equal(stale.cause, 'no_recent_pipelines');
  assert.equal(stale.message, causes.find((row) => row.id === 'no_recent_pipelines').message);
  assert.match(await page.innerText('#builds-detail'), /Organization: acme \(gh\/acme\)/);
  await shot(page, 'panel-01-builds-no-recent-pipelines');
  const missing = await diagnose(page, 'gh/acme/no-such-repo');
  assert.equal(missing.cause, 'project_not_found');
  assert.match(await page.innerText('#builds-detail'), /Project not found/);
  const foreign = await diagnose(page, 'gh/globex/app');
  assert.equal(foreign.cause, 'org_not_visible');
  assert.equal(await page.innerText('#builds-remedy'), causes.find((row) => row.id === 'org_not_visible').remedy);
  await shot(page, 'panel-02-builds-org-not-visible');
  assert.deepEqual(problems, []);
  await close();
});

test('analysing the 16-container job finds the one failing container\'s culprit', async () => {
  const { page, problems, requests, close } = await connected();
  await analyse(page, jobUrl(WELL_KNOWN.pipelines.parallel, WELL_KNOWN.jobs.parallel));
  assert.equal(await page.innerText('#analysis-step'), 'Install Google Chrome (container 2)');
  assert.equal(await page.getAttribute('#analysis-category', 'data-category'), 'network');
  const culprit = await page.innerText('#analysis-findings .finding:first-child .log-line.culprit');
  assert.match(culprit, /curl: \(56\) OpenSSL SSL_read: Connection reset by peer/);
  assert.equal(await page.getAttribute('#analysis-findings .log', 'tabindex'), '0');
  assert.ok(requests.some((url) => url.includes('/api/job-output/')), 'the worker streamed through the backend');
  assert.ok(requests.every((url) => url.startsWith(stack.url)), 'the page never calls CircleCI or its storage');
  await shot(page, 'panel-03-analysis-parallel');
  assert.deepEqual(problems, []);
  await close();
});

test('analysing a compiler failure shows the error line with its context', async () => {
  const { page, problems, close } = await connected();
  await analyse(page, jobUrl(45, WELL_KNOWN.jobs.gcc));
  assert.equal(await page.getAttribute('#analysis-category', 'data-category'), 'build');
  assert.equal(await page.innerText('#analysis-step'), 'Build with -Werror (container 0)');
  const lines = await page.$$eval('#analysis-findings .finding:first-child .log-line', (items) => items.map((item) => ({
    culprit: item.classList.contains('culprit'), line: Number(item.dataset.line), text: item.textContent })));
  const culprit = lines.find((line) => line.culprit);
  assert.match(culprit.text, /src\/parser\.c:12:5: error: implicit declaration of function ‘parse_header’/);
  assert.match(culprit.text, /Culprit line/, 'the culprit is labelled, not only coloured');
  assert.ok(lines.filter((line) => !line.culprit).length >= 3, 'context lines around it');
  assert.deepEqual(lines.map((line) => line.line), [...lines.map((line) => line.line)].sort((a, b) => a - b));
  assert.match(await page.innerText('#analysis-findings .finding:first-child'), /src\/parser\.c:12:5/);
  await shot(page, 'panel-04-analysis-gcc');
  assert.deepEqual(problems, []);
  await close();
});

test('a job link on another host, or one the token cannot see, is explained', async () => {
  const { page, problems, close } = await connected();
  await analyse(page, jobUrl(45, WELL_KNOWN.jobs.gcc).replace('app.circleci.com', 'evil.example'));
  assert.match(await page.innerText('#analysis-line'), /not on https:\/\/circleci\.com/);
  await analyse(page, jobUrl(45, 99_999));
  const reason = await page.evaluate(async () => (await import('/pkg/index.mjs')).idCatalog().reason.find((row) => row.id === 'not_found_or_no_access'));
  assert.equal(await page.innerText('#analysis-line'), reason.message);
  assert.equal(await page.innerText('#analysis-remedy'), reason.remedy);
  assert.deepEqual(problems, ['console error: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)'],
    'only the refusal of the foreign link, as the browser logs it');
  await close();
});

test('cancel aborts the streaming fetch and ends the worker', async () => {
  stack.fake.reset();
  const { page, problems, close } = await connected();
  await page.fill('#analysis-url', jobUrl(WELL_KNOWN.pipelines.large, WELL_KNOWN.jobs.large));
  await page.click('#analysis-run');
  await page.waitForFunction(() => /KiB…$/.test(document.getElementById('analysis-line').textContent), null, TIMEOUT);
  assert.equal(page.workers().length, 1);
  await shot(page, 'panel-05-analysis-streaming');
  await page.click('#analysis-cancel');
  assert.equal(await page.getAttribute('#analysis-status', 'data-state'), 'cancelled');
  assert.equal(await page.isEnabled('#analysis-run'), true);
  const deadline = Date.now() + 5000;
  const output = () => stack.fake.requests.find((entry) => entry.output?.includes(`/${WELL_KNOWN.jobs.large}/`));
  while (output()?.outcome !== 'aborted' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(output()?.outcome, 'aborted', 'the backend stopped reading the output');
  assert.equal(page.workers().length, 0, 'the worker is gone');
  assert.deepEqual(problems, []);
  await close();
});

test('an expired step-output URL is explained by the core, and listing again reads it', async () => {
  stack.fake.reset();
  const { page, problems, close } = await openPage(browser, stack.url);
  await page.fill('#token', TOKENS.expiredOutputUrl);
  await page.click('#connect');
  await page.waitForSelector('#connection-status[data-state="connected"]', TIMEOUT);
  await analyse(page, jobUrl(45, WELL_KNOWN.jobs.gcc));
  const problem = await page.innerText('#analysis-problems li');
  const expected = await page.evaluate(async () => (await import('/pkg/index.mjs')).classify({
    status: 403, endpoint: 'step_output', headers: { 'content-type': 'application/xml' },
    body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>' }));
  assert.equal(problem, `Build with -Werror (container 0): ${expected.message} ${expected.remedy}`);
  assert.match(await page.innerText('#analysis-stats'), /from 0 of 1 step outputs/);
  await shot(page, 'panel-06-analysis-expired-url');
  await analyse(page, jobUrl(45, WELL_KNOWN.jobs.gcc));
  assert.equal(await page.getAttribute('#analysis-category', 'data-category'), 'build');
  assert.equal(await page.$$eval('#analysis-problems li', (items) => items.length), 0);
  assert.deepEqual(problems, []);
  await close();
});
