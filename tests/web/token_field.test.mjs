// The page in real Chromium: live token feedback from the wasm core on every input, under
// the page's CSP, with no console errors.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { contentSecurityPolicy, startServer } from '../../web/server.mjs';
import { launch, openPage, screenshotDir } from './browser.mjs';

const personal = 'CCIPAT_BF4pE6ugfXnJiBVqgikZEV_439536b3216fdaeeb975729fae923d5a4fd12aab';
const project = 'CCIPRJ_8nojmVLSDRYmTrsx7EwFN_fe228f219e9cb0eb53f16947ccf25ec84d8dbc74';

let server;
let browser;
before(async () => {
  server = await startServer({ pkgDir: process.env.CCI_PKG_DIR });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function feedback(page) {
  return page.evaluate(() => {
    const box = document.getElementById('token-feedback');
    return { verdict: box.dataset.verdict, code: box.dataset.code, text: box.innerText };
  });
}

test('the page is served with its CSP and starts the wasm core', async () => {
  const { page, problems, response } = await openPage(browser, server.url);
  assert.equal(response.headers()['content-security-policy'], contentSecurityPolicy);
  assert.doesNotMatch(contentSecurityPolicy, /'unsafe-eval'|'unsafe-inline'/);
  assert.equal(await page.getAttribute('#token', 'type'), 'password');
  assert.equal(await page.getAttribute('#token', 'autocomplete'), 'off');
  assert.equal(await page.getAttribute('#token', 'spellcheck'), 'false');
  assert.deepEqual(await feedback(page), { verdict: 'empty', code: 'empty', text: 'Paste your CircleCI Personal API Token.' });
  assert.deepEqual(problems, []);
  await page.close();
});

test('typing and pasting give the core verdict at once', async () => {
  const { page, problems } = await openPage(browser, server.url);
  const cases = [
    [`  ${personal}\n`, 'ok', 'personal_ok', 'CCIPAT_…2aab'],
    [project, 'block', 'project_token', 'project token'],
    [`https://dl.circleci.com/status-badge/img/gh/acme/app/tree/main.svg?style=svg&circle-token=${project}`, 'block', 'project_token_from_badge', 'status-badge'],
    ['ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8', 'block', 'foreign_token', 'GitHub'],
    ['439536b3216fdaeeb975729fae923d5a4fd12aab', 'warn', 'legacy_format', 'legacy'],
  ];
  for (const [text, verdict, code, shown] of cases) {
    await page.fill('#token', text);
    const got = await feedback(page);
    assert.equal(got.verdict, verdict, code);
    assert.equal(got.code, code);
    assert.match(got.text, new RegExp(shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.ok(!got.text.includes(text.trim()), 'the token itself is never shown');
    await page.screenshot({ path: path.join(screenshotDir, `token-${code}.png`), fullPage: true });
  }
  await page.fill('#token', '');
  await page.keyboard.type(personal.slice(0, 20));
  assert.equal((await feedback(page)).code, 'truncated');
  assert.equal(await page.getAttribute('#token', 'aria-invalid'), 'true');
  await page.keyboard.type(personal.slice(20));
  assert.equal((await feedback(page)).code, 'personal_ok');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the show/hide toggle is a keyboard-operable button', async () => {
  const { page, problems } = await openPage(browser, server.url);
  await page.focus('#token');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'toggle-visibility');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('#token', 'type'), 'text');
  assert.equal(await page.getAttribute('#toggle-visibility', 'aria-pressed'), 'true');
  await page.keyboard.press('Space');
  assert.equal(await page.getAttribute('#token', 'type'), 'password');
  await page.setViewportSize({ width: 320, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  assert.equal(overflow, false, 'no horizontal scrolling at 320 px');
  await page.screenshot({ path: path.join(screenshotDir, 'token-320px.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});
