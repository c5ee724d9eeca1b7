import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { launchOptions } from './tests/e2e/browser';

// A port of its own, so tests never talk to a portal someone left running on 4321.
const port = Number(process.env.E2E_PORT ?? 4329);
/** The staff token the booking tests read bookings back with. */
export const E2E_STAFF_TOKEN = 'e2e-staff-token';

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
    // A new database each run, so the booking tests find the same free slots every time;
    // the booking tests all come from one address, so the per-client limit is lifted.
    env: {
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: join(tmpdir(), `jobbtorg-e2e-${process.env.E2E_RUN ?? process.pid}`),
      STAFF_TOKEN: E2E_STAFF_TOKEN,
      BOOKING_RATE_LIMIT: '1000',
    },
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
