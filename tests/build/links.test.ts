import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLocale } from '../../src/i18n/locales';
import { CLIENT_DIR, filesUnder } from '../dist';

const pages = filesUnder(CLIENT_DIR).filter((f) => f.endsWith('.html'));
const urlOf = (file: string) => `/${relative(CLIENT_DIR, file).replace(/index\.html$/, '')}`;
const decode = (s: string) => s.replaceAll('&amp;', '&');

/** A page rendered on request (the booking flow) answers for every locale from its route file. */
function renderedOnRequest(path: string): boolean {
  const [locale, ...slug] = path.split('/').filter(Boolean);
  const route = join('src/pages/[locale]', ...slug, 'index.astro');
  return isLocale(locale) && slug.length > 0 && existsSync(route) && readFileSync(route, 'utf8').includes('export const prerender = false');
}

/** A built file answers the path: a page (…/index.html) or an asset; or a route renders it on request. */
function resolves(pathname: string): boolean {
  const path = decodeURIComponent(pathname);
  if (!path.endsWith('/')) return existsSync(join(CLIENT_DIR, path));
  return existsSync(join(CLIENT_DIR, path, 'index.html')) || renderedOnRequest(path);
}

describe('every built page', () => {
  it('has exactly one h1 and a meta description', () => {
    const problems: string[] = [];
    for (const file of pages) {
      const html = readFileSync(file, 'utf8');
      const h1s = html.match(/<h1[\s>]/g)?.length ?? 0;
      const description = /<meta name="description" content="([^"]*)"/.exec(html)?.[1] ?? '';
      if (h1s !== 1) problems.push(`${urlOf(file)}: ${h1s} h1`);
      if (description.trim().length < 40) problems.push(`${urlOf(file)}: meta description "${description}"`);
    }
    expect(problems).toEqual([]);
  });

  it('links only to pages and files that exist', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const file of pages) {
      const base = new URL(urlOf(file), 'http://portal.test');
      const html = readFileSync(file, 'utf8');
      for (const [, raw] of html.matchAll(/<(?:a|link)\s[^>]*href="([^"]+)"/g)) {
        const href = decode(raw!);
        if (/^(mailto:|tel:|#)/.test(href)) continue;
        const target = new URL(href, base);
        if (target.origin !== base.origin && !href.startsWith('http://localhost')) continue;
        checked += 1;
        if (!resolves(target.pathname)) broken.push(`${urlOf(file)} → ${href}`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(pages.length * 20);
  });
});
