import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium; CI installs it (.ci/run), a laptop without it skips the browser tests. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** `describe`, or `describe.skip` with the reason in the title when Chromium is missing. */
export function describeInBrowser(title: string, body: () => void): void {
  if (hasChromium) describe(title, body);
  else describe.skip(`${title} — SKIPPED: ${CHROMIUM} is missing (apt-get install -y chromium)`, body);
}

/** Headless Chromium that makes no connection of its own (this machine has no internet). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
