import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/paths.js';
import type { AddressInfo } from 'node:net';
import { buildTestApp, type TestContext } from './build-app.js';

/** Debian's Chromium: browser tests drive it through playwright-core and never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';

/** Where browser tests save screenshots (git-ignored). */
export const SHOTS = join(PROJECT_ROOT, 'test-output', 'screenshots');

/** A tap `skip` reason when Chromium is missing (CI installs it), else false. */
export const chromiumSkip: string | false = existsSync(CHROMIUM) ? false : `${CHROMIUM} not found: browser test skipped (CI installs Debian chromium)`;

/**
 * Launches headless Chromium with the flags this workplace needs (no sandbox as root, no background
 * networking: the network is closed), closed at teardown.
 */
export async function launchChromium(t: TestContext): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  t.teardown(() => browser.close());
  return browser;
}

/**
 * Collects what the browser complains about on `page` (console errors and warnings, page errors, failed
 * requests, 4xx/5xx answers from `base`): the returned list should stay empty.
 */
export function watchProblems(page: Page, base: string): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // A request the browser itself abandons (a favicon or image still loading when a link is followed) is not a failure.
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`);
  });
  page.on('response', (r) => {
    if (r.url().startsWith(base) && r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return problems;
}

/** A full-page screenshot saver into {@link SHOTS} that checks each file was written. */
export function screenshotter(t: { ok: (v: unknown, msg: string) => void }): (page: Page, name: string) => Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  return async (page, name) => {
    const file = join(SHOTS, name);
    await page.screenshot({ path: file, fullPage: true });
    t.ok(statSync(file).size > 10_000, `${name} written`);
  };
}

/**
 * The usual start of a browser test: the app seeded with the corpus and listening on a free port, Chromium
 * with a 1280×900 Spanish (es-ES) context, one page (15 s default timeout) and its problem watcher.
 */
export async function seededAppInBrowser(t: TestContext) {
  const app = await buildTestApp(t, { seed: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await launchChromium(t);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-ES' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  // Anything the browser complains about (CSP violations, 404 assets, script errors) fails the test.
  const problems = watchProblems(page, base);
  return { app, base, browser, context, page, problems };
}
