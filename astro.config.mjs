import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import preact from '@astrojs/preact';
import { scriptFonts } from './src/integrations/script-fonts';
import { lunrArabicStrictMode } from './src/integrations/lunr-ar-strict';
import { precompress } from './src/integrations/precompress';

export default defineConfig({
  // Canonical and hreflang URLs are absolute: set SITE_URL to the public address when building for production.
  site: process.env.SITE_URL ?? 'http://localhost:4321',
  output: 'static',
  // staticHeaders: prerendered pages get their CSP (with Astro's script and style hashes) as a real header,
  // so frame-ancestors works; scripts/server.mjs adds the other security headers.
  adapter: node({ mode: 'middleware', staticHeaders: true }),
  security: {
    // The intake API checks Origin itself for every content type (JSON included), where Astro's check covers forms only.
    checkOrigin: false,
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ],
    },
  },
  // precompress last: it compresses what the others wrote.
  integrations: [scriptFonts(), preact(), precompress()],
  trailingSlash: 'always',
  // No code blocks in the content, and Shiki's inline styles would need CSP exceptions.
  markdown: { syntaxHighlight: false },
  // External stylesheets: cacheable across pages, and no inline styles for the CSP to allow.
  build: { inlineStylesheets: 'never' },
  // Fonts as files, never data: URIs inside the site CSS every page downloads.
  vite: { build: { assetsInlineLimit: 0 }, plugins: [lunrArabicStrictMode()] },
});
