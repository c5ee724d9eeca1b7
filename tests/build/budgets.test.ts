import { readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { localeConfig, localeIds } from '../../src/i18n/locales';
import { CLIENT_DIR, filesUnder, pageJavaScript } from '../dist';

// Budgets from the foundation issue, in gzip bytes.
const PAGE_HTML = 15 * 1024;
const SITE_CSS = 15 * 1024;
/** Interactive pages and their JavaScript budget (everything the page loads, gzip). The booking page is rendered on request: tests/e2e/booking.spec.ts checks its 25 KB. */
const ISLANDS: Record<string, number> = { 'vad-passar-mig': 20 * 1024, sok: 45 * 1024 };

const root = CLIENT_DIR;
const files = filesUnder();
const pages = files.filter((f) => f.endsWith('.html'));
const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;
const html = (path: string) => readFileSync(path, 'utf8');
const stylesheets = (page: string) => [...html(page).matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);
const localeOf = (page: string) => relative(root, page).split('/')[0]!;
// Per-script font stylesheets are named for their script (src/styles/fonts/<script>.css).
const scripts = new Set(localeIds.flatMap((id) => localeConfig(id).font ?? []));
const fontCss = files.filter((f) => [...scripts].some((s) => relative(root, f).startsWith(`_astro/${s}.`) && f.endsWith('.css')));
const allCss = files.filter((f) => f.endsWith('.css'));

describe('build output budgets', () => {
  it('built every locale', () => {
    for (const id of localeIds) expect(pages.some((p) => localeOf(p) === id), id).toBe(true);
  });

  const content = pages.filter((p) => !(relative(root, p).split('/')[1]! in ISLANDS));
  it.each(content.map((p) => relative(root, p)))('%s: HTML ≤ 15 KB gzip, and no JavaScript', (page) => {
    const path = join(root, page);
    expect(gz(path)).toBeLessThanOrEqual(PAGE_HTML);
    // Content pages need no JavaScript: no script element, no island.
    expect(html(path)).not.toMatch(/<script|<astro-island/);
  });

  const interactive = pages.filter((p) => relative(root, p).split('/')[1]! in ISLANDS);
  it.each(interactive.map((p) => relative(root, p)))('%s: HTML ≤ 15 KB gzip, JavaScript within its budget', (page) => {
    const path = join(root, page);
    const budget = ISLANDS[page.split('/')[1]!]!;
    expect(gz(path)).toBeLessThanOrEqual(PAGE_HTML);
    const bytes = pageJavaScript(html(path));
    console.log(`${page}: ${bytes} B of JavaScript (gzip)`);
    expect(bytes).toBeGreaterThan(5_000); // the island is there
    expect(bytes).toBeLessThanOrEqual(budget);
  });

  it('site CSS ≤ 15 KB gzip', () => {
    const site = new Set(pages.flatMap(stylesheets).filter((href) => !fontCss.some((f) => f.endsWith(href))));
    expect(site.size).toBeGreaterThan(0);
    const total = [...site].reduce((sum, href) => sum + gz(join(root, href)), 0);
    expect(total).toBeLessThanOrEqual(SITE_CSS);
  });

  it('found the per-script font stylesheets', () => {
    expect(fontCss).toHaveLength(scripts.size);
  });

  it('links font stylesheets only on pages whose script needs them', () => {
    for (const page of pages) {
      const locale = localeOf(page);
      const fonts = stylesheets(page).filter((href) => fontCss.some((f) => f.endsWith(href)));
      const font = localeIds.includes(locale as never) ? localeConfig(locale as never).font : undefined;
      expect(fonts, page).toHaveLength(font ? 1 : 0);
    }
  });

  it('ships fonts as woff2 subsets only', () => {
    const fontFiles = files.filter((f) => /\.(woff2?|ttf|otf)$/.test(f));
    const referenced = allCss.flatMap((f) => [...html(f).matchAll(/url\(([^)]+)\)/g)].map((m) => m[1]!));
    expect(referenced.length).toBeGreaterThan(0);
    for (const url of referenced) expect(url).toMatch(/\.woff2$/);
    // Cut to the site's own text (src/integrations/script-fonts.ts): a fifth of the whole fonts.
    for (const f of fontFiles) expect(statSync(f).size, f).toBeLessThan(20 * 1024);
    // Language names in every script, on every page: subsets of a few KB, not whole fonts.
    const names = fontFiles.filter((f) => f.includes('language-names-'));
    expect(names).toHaveLength(2 * scripts.size); // 400 and 700 per script
    for (const f of names) expect(statSync(f).size, f).toBeLessThan(10 * 1024);
  });
});
