import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultLocale, localeIds } from '../../src/i18n/locales';

interface Term {
  id: string;
  sv: string;
  keep: boolean;
}
const root = new URL('../../content/', import.meta.url);
const { terms } = JSON.parse(readFileSync(new URL('glossary/terms.json', root), 'utf8')) as { terms: Term[] };
const collections = ['pages', 'services', 'groups', 'locations'];
const translated = localeIds.filter((l) => l !== defaultLocale && l !== 'lattlast');

describe.each(translated)('glossary: %s', (locale) => {
  it('renders every term', () => {
    const file = new URL(`glossary/${locale}.json`, root);
    expect(existsSync(file), `content/glossary/${locale}.json`).toBe(true);
    const rendered = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    for (const term of terms) expect(rendered[term.id]?.trim(), term.id).toBeTruthy();
  });

  it('keeps the proper names marked "keep" unchanged wherever the Swedish text has them', () => {
    const missing: string[] = [];
    for (const c of collections) {
      for (const name of readdirSync(new URL(`${c}/${defaultLocale}/`, root))) {
        const target = new URL(`${c}/${locale}/${name}`, root);
        if (!existsSync(target)) continue;
        const sv = readFileSync(new URL(`${c}/${defaultLocale}/${name}`, root), 'utf8');
        const text = readFileSync(target, 'utf8');
        for (const term of terms.filter((t) => t.keep && sv.includes(t.sv))) {
          if (!text.includes(term.sv)) missing.push(`${c}/${locale}/${name}: ${term.sv}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
