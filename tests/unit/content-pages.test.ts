import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/catalog';
import { defaultLocale, localeIds } from '../../src/i18n/locales';

const root = new URL('../../content/', import.meta.url);
const collections = ['pages', 'services', 'groups', 'locations'] as const;
/** Every locale is complete: a missing translation fails here, not in front of a reader. */
const complete: readonly string[] = localeIds;

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

/** Body lines of a text, without front matter, headings' markers or link targets. */
function lines(collection: string, locale: string, slug: string): string[] {
  const text = readFileSync(file(collection, locale, slug), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
  return text
    .split('\n')
    .map((l) => l.replace(/^(#{2,3}|-)\s+/, '').replace(/\]\([^)]*\)/g, ']').trim())
    // Short lines are often names (Jobbtorg Kista) that stay the same in every language.
    .filter((l) => l.split(/\s+/).length > 3);
}

describe('translation coverage', () => {
  it('reports, per locale, the share of text left in Swedish or English', () => {
    // Easy-to-read Swedish rightly keeps many Swedish sentences; every other locale is compared with sv and en.
    const rows = localeIds
      .filter((l) => l !== defaultLocale && l !== 'en' && l !== 'lattlast')
      .map((locale) => {
        let same = 0;
        let total = 0;
        for (const c of collections) {
          for (const slug of slugs(c)) {
            if (!existsSync(file(c, locale, slug))) continue;
            const source = new Set([...lines(c, defaultLocale, slug), ...lines(c, 'en', slug)]);
            for (const line of lines(c, locale, slug)) {
              total += 1;
              if (source.has(line)) same += 1;
            }
          }
        }
        return { locale, untranslated: `${((100 * same) / Math.max(total, 1)).toFixed(1)} %`, share: same / Math.max(total, 1) };
      });
    console.table(rows.map(({ locale, untranslated }) => ({ locale, untranslated })));
    for (const row of rows) expect(row.share, row.locale).toBeLessThan(0.02);
  });

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
