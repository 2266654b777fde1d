import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/paths.js';
import type { TestContext } from './build-app.js';

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
