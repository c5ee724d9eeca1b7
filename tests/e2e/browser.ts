import { existsSync } from 'node:fs';
import { chromium, type LaunchOptions } from 'playwright-core';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * Which Chromium the e2e tests drive: CHROMIUM_PATH, else Debian's package,
 * else Playwright's own download. This machine cannot download browsers, so the
 * system package comes before Playwright's.
 */
export function launchOptions(): LaunchOptions {
  const flags = ['--disable-background-networking', '--disable-component-update', '--no-first-run'];
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but there is no file there.`);
    return { executablePath: fromEnv, args: ['--no-sandbox', ...flags] };
  }
  if (existsSync(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, args: ['--no-sandbox', ...flags] };
  if (existsSync(chromium.executablePath())) return { args: flags };
  throw new Error(
    'No Chromium found for the e2e tests. Install one with `sudo apt-get install chromium` ' +
      '(Debian/Ubuntu) or `npx playwright install chromium`, or point CHROMIUM_PATH at a Chromium binary.',
  );
}
