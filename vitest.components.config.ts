import { getViteConfig } from 'astro/config';

/**
 * Astro components rendered on their own through Astro's container API, in a
 * Vite set up as the site's build is (`.astro` files, import.meta.glob), for
 * states the built site does not happen to have, like an outdated translation.
 */
export default getViteConfig({
  test: {
    include: ['tests/components/**/*.test.ts'],
    testTimeout: 30_000,
    environment: 'node',
  },
});
