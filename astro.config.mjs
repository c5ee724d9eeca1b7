import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import preact from '@astrojs/preact';

export default defineConfig({
  site: 'http://localhost:4321',
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  integrations: [preact()],
  trailingSlash: 'always',
  // External stylesheets: cacheable across pages, and no inline styles for the CSP to allow.
  build: { inlineStylesheets: 'never' },
});
