import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/build/**/*.test.ts', 'tests/api/**/*.test.ts'],
    // The API suites start real servers and race 100 requests; the default 5 s is too tight on two cores.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    environment: 'node',
  },
});
