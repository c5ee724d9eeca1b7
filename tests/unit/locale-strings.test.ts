import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultLocale, localeConfig, localeIds } from '../../src/i18n/locales';

type Strings = Record<string, string>;

const dir = new URL('../../locales/', import.meta.url);
const read = (locale: string, ns: string): Strings =>
  JSON.parse(readFileSync(new URL(`${locale}/${ns}.json`, dir), 'utf8')) as Strings;
const namespaces = readdirSync(new URL(`${defaultLocale}/`, dir)).map((f) => f.replace(/\.json$/, ''));

const PLURAL = /_(zero|one|two|few|many|other)$/;
const placeholders = (value: string) => [...value.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

/** Keys with i18next plural suffixes folded, so `x_one`/`x_few` in Russian match `x_one`/`x_other` in Swedish. */
function baseKeys(strings: Strings): Set<string> {
  return new Set(Object.keys(strings).map((k) => k.replace(PLURAL, '')));
}

describe.each(localeIds)('UI strings: %s', (locale) => {
  it.each(namespaces)('%s.json has every key, no empty value and the same placeholders as sv', (ns) => {
    const source = read(defaultLocale, ns);
    const strings = read(locale, ns);
    expect([...baseKeys(strings)].sort()).toEqual([...baseKeys(source)].sort());
    for (const [key, value] of Object.entries(strings)) {
      expect(value.trim(), `${locale}/${ns}: ${key} is empty`).not.toBe('');
      const sourceKey = key in source ? key : Object.keys(source).find((k) => k.replace(PLURAL, '') === key.replace(PLURAL, ''));
      expect(placeholders(value), `${locale}/${ns}: ${key} placeholders`).toEqual(placeholders(source[sourceKey!]!));
    }
  });

  it.each(namespaces)('%s.json has every plural form the language needs', (ns) => {
    const strings = read(locale, ns);
    const plural = Object.keys(strings).filter((k) => PLURAL.test(k));
    const categories = new Intl.PluralRules(localeConfig(locale).lang).resolvedOptions().pluralCategories;
    for (const base of new Set(plural.map((k) => k.replace(PLURAL, '')))) {
      for (const category of categories) expect(strings, `${locale}/${ns}`).toHaveProperty([`${base}_${category}`]);
    }
  });
});

describe('untranslated strings', () => {
  it('reports, per locale, the share of values identical to English', () => {
    // Proper names (Jobbtorg Stockholm) are legitimately identical; the report shows drift, the limit catches a copied file.
    const rows = localeIds
      .filter((l) => l !== 'en')
      .map((locale) => {
        let same = 0;
        let total = 0;
        for (const ns of namespaces) {
          const en = read('en', ns);
          for (const [key, value] of Object.entries(read(locale, ns))) {
            total += 1;
            if (en[key] === value) same += 1;
          }
        }
        return { locale, identicalToEnglish: `${((100 * same) / total).toFixed(1)} %`, share: same / total };
      });
    console.table(rows.map(({ locale, identicalToEnglish }) => ({ locale, identicalToEnglish })));
    for (const row of rows) expect(row.share, row.locale).toBeLessThan(0.1);
  });
});
