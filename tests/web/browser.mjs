// Test helper: headless Debian Chromium (no browser download) driven by playwright-core,
// with pages that record console output, page errors, CSP violations and every request URL.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const screenshotDir = path.resolve(process.env.CCI_SCREENSHOT_DIR ?? 'build-wasm/screenshots');

export async function launch() {
  await mkdir(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * A new page in its own context (own cookies), loaded and ready. `problems` collects console
 * errors and warnings, page errors and CSP violations; `consoleLog` every console text;
 * `requests` every request URL (page and workers).
 */
export async function openPage(browser, url, { viewport = { width: 1000, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems = [];
  const consoleLog = [];
  const requests = [];
  page.on('console', (msg) => {
    consoleLog.push(msg.text());
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  context.on('request', (request) => requests.push(request.url()));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const response = await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  return { page, context, problems, consoleLog, requests, response, close: () => context.close() };
}

export const shot = (page, name) => page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
