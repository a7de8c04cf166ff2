// Headless Chromium (Debian's) for the viewer's browser tests, driven by playwright-core.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether the browser tests run: with Chromium, yes; without it they are skipped locally, but in CI
 * (process.env.CI set) they run and fail, so a missing browser cannot pass unnoticed.
 */
export const runBrowserTests = existsSync(CHROMIUM) || Boolean(process.env.CI);

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}
