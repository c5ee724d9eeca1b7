import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { launchOptions } from './tests/e2e/browser';

// A port of its own, so tests never talk to a portal someone left running on 4321.
const port = Number(process.env.E2E_PORT ?? 4329);
// One run, one database: the workers read this config again and must find the same folder
// (the staff tests make accounts there with `npm run staff`).
process.env.E2E_RUN ??= String(process.pid);
export const E2E_DATA_DIR = join(tmpdir(), `jobbtorg-e2e-${process.env.E2E_RUN}`);
export const E2E_BASE_URL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: E2E_BASE_URL,
    browserName: 'chromium',
    launchOptions: launchOptions(),
  },
  webServer: {
    command: 'node scripts/server.mjs',
    url: `http://127.0.0.1:${port}/sv/`,
    // A new database each run, so the booking tests find the same free slots every time;
    // the booking tests all come from one address, so the per-client limit is lifted.
    env: {
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: E2E_DATA_DIR,
      BOOKING_RATE_LIMIT: '1000',
    },
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
