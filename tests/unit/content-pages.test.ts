import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultLocale, localeIds } from '../../src/i18n/locales';

const dir = new URL('../../content/pages/', import.meta.url);
const slugs = readdirSync(new URL(`${defaultLocale}/`, dir)).map((f) => f.replace(/\.md$/, ''));

function parse(locale: string, slug: string) {
  const text = readFileSync(new URL(`${locale}/${slug}.md`, dir), 'utf8');
  const [, front = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text) ?? [];
  const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(front)?.[1]?.trim();
  return {
    translationOf: field('translationOf'),
    reviewed: field('reviewed'),
    headings: body.match(/^## /gm)?.length ?? 0,
    links: [...body.matchAll(/\]\((\S+?)\)/g)].map((m) => m[1]),
    listItems: body.match(/^- /gm)?.length ?? 0,
  };
}

describe.each(localeIds.filter((l) => l !== defaultLocale))('content pages: %s', (locale) => {
  it.each(slugs)('%s is a translation of the Swedish page with the same structure', (slug) => {
    const source = parse(defaultLocale, slug);
    const page = parse(locale, slug);
    expect(page.translationOf).toBe(`${defaultLocale}/${slug}`);
    expect(page.reviewed).toMatch(/^(true|false)$/);
    expect(page.headings).toBe(source.headings);
    expect(page.links).toEqual(source.links);
    expect(page.listItems).toBe(source.listItems);
  });
});
