import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import preact from '@astrojs/preact';
import { languageNamesFont } from './src/integrations/language-names-font';

export default defineConfig({
  // Canonical and hreflang URLs are absolute: set SITE_URL to the public address when building for production.
  site: process.env.SITE_URL ?? 'http://localhost:4321',
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  integrations: [languageNamesFont(), preact()],
  trailingSlash: 'always',
  // External stylesheets: cacheable across pages, and no inline styles for the CSP to allow.
  build: { inlineStylesheets: 'never' },
  // Fonts as files, never data: URIs inside the site CSS every page downloads.
  vite: { build: { assetsInlineLimit: 0 } },
});
