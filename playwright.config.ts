import { defineConfig } from '@playwright/test';
import { launchOptions } from './tests/e2e/browser';

// A port of its own, so tests never talk to a portal someone left running on 4321.
const port = Number(process.env.E2E_PORT ?? 4329);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: launchOptions(),
  },
  webServer: {
    command: 'node scripts/server.mjs',
    url: `http://127.0.0.1:${port}/sv/`,
    env: { HOST: '127.0.0.1', PORT: String(port), DATA_DIR: 'data/e2e' },
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
