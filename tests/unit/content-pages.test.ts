import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/catalog';
import { defaultLocale, localeIds } from '../../src/i18n/locales';

const root = new URL('../../content/', import.meta.url);
const collections = ['pages', 'services', 'groups', 'locations'] as const;
/** Locales the content issue completes; the rest fall back visibly until the translation issue. */
const complete = ['sv', 'lattlast', 'en'];

const slugs = (collection: string) =>
  readdirSync(new URL(`${collection}/${defaultLocale}/`, root)).map((f) => f.replace(/\.md$/, ''));
const file = (collection: string, locale: string, slug: string) => new URL(`${collection}/${locale}/${slug}.md`, root);

function parse(collection: string, locale: string, slug: string) {
  const text = readFileSync(file(collection, locale, slug), 'utf8');
  const [, front = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text) ?? [];
  const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(front)?.[1]?.trim();
  return {
    translationOf: field('translationOf'),
    reviewed: field('reviewed'),
    headings: body.match(/^#{2,3} /gm)?.length ?? 0,
    links: [...body.matchAll(/\]\((\S+?)\)/g)].map((m) => m[1]),
    listItems: body.match(/^- /gm)?.length ?? 0,
  };
}

describe('every catalog entry has Swedish text', () => {
  it.each([
    ['services', catalog.services],
    ['groups', catalog.groups],
    ['locations', catalog.locations],
    ['pages', catalog.paths],
  ] as const)('%s', (collection, entries) => {
    for (const { id } of entries) expect(existsSync(file(collection, defaultLocale, id)), `${collection}/sv/${id}.md`).toBe(true);
  });
});

describe.each(collections)('%s', (collection) => {
  describe.each(localeIds.filter((l) => l !== defaultLocale))('%s', (locale) => {
    it.each(slugs(collection))('%s is a translation of the Swedish text with the same structure', (slug) => {
      if (!existsSync(file(collection, locale, slug))) {
        expect(complete, `${collection}/${locale}/${slug}.md is missing`).not.toContain(locale);
        return;
      }
      const source = parse(collection, defaultLocale, slug);
      const page = parse(collection, locale, slug);
      expect(page.translationOf).toBe(`${defaultLocale}/${slug}`);
      expect(page.reviewed).toMatch(/^(true|false)$/);
      expect(page.headings).toBe(source.headings);
      expect(page.links).toEqual(source.links);
      expect(page.listItems).toBe(source.listItems);
    });
  });
});

describe('translation coverage', () => {
  it('reports, per locale, how many texts fall back to Swedish', () => {
    const all = collections.flatMap((c) => slugs(c).map((s) => [c, s] as const));
    const rows = localeIds.map((locale) => {
      const missing = all.filter(([c, s]) => !existsSync(file(c, locale, s))).length;
      return { locale, translated: `${all.length - missing}/${all.length}` };
    });
    console.table(rows);
    for (const locale of complete) expect(rows.find((r) => r.locale === locale)?.translated).toBe(`${all.length}/${all.length}`);
  });
});
