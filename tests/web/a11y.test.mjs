// Accessibility and the page's security envelope in real Chromium: an axe-core scan of every
// state with no violations, a keyboard-only connect / re-check / disconnect, visible focus,
// 320 px without horizontal scrolling, the CSP header, and no CSP violation (page and worker).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';

import { contentSecurityPolicy } from '../../web/server.mjs';
import { launch, openPage, shot } from './browser.mjs';
import { TOKENS, WELL_KNOWN, startStack } from './stack.mjs';

const TIMEOUT = { timeout: 15_000 };
const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

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

/**
 * axe-core's violations on the page as it is. axe is evaluated through the DevTools protocol
 * (not a <script> tag, which the CSP would rightly block), so the page's CSP stays intact.
 */
async function axeViolations(page) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => (await globalThis.axe.run(document)).violations);
  return violations.map((v) => `${v.id}: ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

test('the CSP header is served on the page, the package and the API', async () => {
  assert.doesNotMatch(contentSecurityPolicy, /'unsafe-eval'|'unsafe-inline'|\*/);
  assert.match(contentSecurityPolicy, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(contentSecurityPolicy, /worker-src 'self'/);
  for (const path of ['/', '/app.mjs', '/analysis-worker.mjs', '/favicon.svg', '/pkg/index.mjs', '/pkg/core.wasm', '/api/session']) {
    const response = await fetch(new URL(path, stack.url));
    assert.equal(response.headers.get('content-security-policy'), contentSecurityPolicy, path);
    assert.equal(response.status, 200, path);
  }
  const html = await (await fetch(stack.url)).text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|\son[a-z]+=/i, 'no inline script, style or handler');
});

test('axe finds no violation in any state', async () => {
  const { page, problems, close } = await openPage(browser, stack.url);
  assert.deepEqual(await axeViolations(page), [], 'empty form');
  await page.fill('#token', TOKENS.projectToken);
  assert.deepEqual(await axeViolations(page), [], 'blocked token');
  await page.fill('#token', TOKENS.revoked);
  await page.click('#connect');
  await page.waitForSelector('#attempt[data-state="failed"]', TIMEOUT);
  assert.deepEqual(await axeViolations(page), [], 'failed attempt');
  await page.fill('#token', TOKENS.valid);
  await page.click('#connect');
  await page.waitForSelector('#connection-status[data-state="connected"]', TIMEOUT);
  await page.fill('#builds-slug', 'gh/globex/app');
  await page.click('#builds-run');
  await page.waitForSelector('#builds-result[data-cause="org_not_visible"]', TIMEOUT);
  await page.fill('#analysis-url', `https://app.circleci.com/pipelines/gh/acme/app/45/workflows/4a6a4b7e-0d7c-4a9a-9d63-2f6f7f1b2c3d/jobs/${WELL_KNOWN.jobs.gcc}`);
  await page.click('#analysis-run');
  await page.waitForSelector('#analysis-status[data-state="done"]', TIMEOUT);
  for (const details of await page.$$('#troubleshooting details')) await details.evaluate((element) => { element.open = true; });
  assert.deepEqual(await axeViolations(page), [], 'connected, diagnosed, analysed, troubleshooting open');
  await shot(page, 'a11y-01-everything');
  await page.click('#disconnect');
  await page.waitForSelector('#connection-status[data-state="disconnected"]', TIMEOUT);
  assert.deepEqual(await axeViolations(page), [], 'disconnected');
  assert.deepEqual(problems, [], 'no console error and no CSP violation, the worker included');
  await close();
});

test('the troubleshooting section is generated from the core\'s tables', async () => {
  const { page, close } = await openPage(browser, stack.url);
  const catalog = await page.evaluate(async () => (await import('/pkg/index.mjs')).idCatalog());
  const shown = await page.$$eval('#troubleshooting-connection dt', (items) => items.map((item) => [item.dataset.id, item.textContent]));
  assert.deepEqual(shown, catalog.reason.filter((row) => row.id !== 'ok').map((row) => [row.id, row.message]));
  const remedies = await page.$$eval('#troubleshooting-connection dd', (items) => items.map((item) => item.textContent));
  assert.deepEqual(remedies, catalog.reason.filter((row) => row.id !== 'ok').map((row) => row.remedy));
  const codes = await page.$$eval('#troubleshooting-token dt', (items) => items.map((item) => item.dataset.id));
  assert.deepEqual(codes, catalog.token_code.filter((row) => row.verdict !== 'ok').map((row) => row.id));
  assert.doesNotMatch(await page.innerText('#troubleshooting-token'), /\{vendor\}/);
  const causes = await page.$$eval('#troubleshooting-builds dt', (items) => items.map((item) => item.dataset.id));
  assert.deepEqual(causes, catalog.builds_cause.map((row) => row.id));
  await close();
});

test('keyboard only: paste, connect, re-check, disconnect; focus is always visible', async () => {
  const { page, problems, close } = await openPage(browser, stack.url);
  const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
  for (let i = 0; i < 5 && await focused() !== 'token'; i += 1) await page.keyboard.press('Tab');
  assert.equal(await focused(), 'token');
  await page.keyboard.insertText(TOKENS.valid);
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'toggle-visibility');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, 'solid', 'visible focus ring');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'host');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'connect');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#connection-status[data-state="connected"]', TIMEOUT);
  assert.equal(await focused(), 'connection-heading', 'focus moves to the result');
  await shot(page, 'a11y-02-keyboard-connected');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'recheck');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('connection-status').dataset.state === 'connected'
    && document.getElementById('connection-stages').children.length === 2, null, TIMEOUT);
  assert.equal(await focused(), 'recheck', 'focus comes back to the button after the check');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'disconnect');
  await page.keyboard.press('Space');
  await page.waitForSelector('#connection-status[data-state="disconnected"]', TIMEOUT);
  assert.deepEqual(problems, []);
  await close();
});

test('320 px wide: no horizontal scrolling in any panel', async () => {
  const { page, problems, close } = await openPage(browser, stack.url, { viewport: { width: 320, height: 700 } });
  await page.fill('#token', TOKENS.valid);
  await page.click('#connect');
  await page.waitForSelector('#connection-status[data-state="connected"]', TIMEOUT);
  await page.fill('#analysis-url', `https://app.circleci.com/pipelines/gh/acme/app/45/workflows/4a6a4b7e-0d7c-4a9a-9d63-2f6f7f1b2c3d/jobs/${WELL_KNOWN.jobs.gcc}`);
  await page.click('#analysis-run');
  await page.waitForSelector('#analysis-status[data-state="done"]', TIMEOUT);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.equal(overflow, 0, 'no horizontal scrolling at 320 px');
  await shot(page, 'a11y-03-320px');
  assert.deepEqual(problems, []);
  await close();
});
