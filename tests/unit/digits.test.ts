import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { localDigits } from '../../src/i18n/format';
import { localeConfig, localeIds } from '../../src/i18n/locales';

/**
 * Persian and Dari pages write numbers in Persian digits (۰–۹), as the dates and
 * times Intl formats for them do, so a page never mixes two digit systems.
 * Exempt: {{placeholders}}, link targets and addresses, frontmatter dates.
 */
const root = new URL('../../', import.meta.url);
const persianDigitLocales = localeIds.filter((l) => localeConfig(l).persianDigits);
const collections = ['pages', 'services', 'groups', 'locations'];

/** Text a reader sees, with what is not prose taken out. */
function prose(text: string): string {
  return text
    .replace(/\{\{[^}]*\}\}/g, '')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/https?:\/\/\S+/g, '')
    .replace(/\S+@\S+/g, '')
    .replace(/^(lastReviewed|translationOf|reviewed):.*$/gm, '');
}

describe.each(persianDigitLocales)('digits: %s', (locale) => {
  const texts: [string, string][] = [];
  for (const file of readdirSync(new URL(`locales/${locale}/`, root))) {
    const strings = JSON.parse(readFileSync(new URL(`locales/${locale}/${file}`, root), 'utf8')) as Record<string, string>;
    for (const [key, value] of Object.entries(strings)) texts.push([`locales/${locale}/${file}: ${key}`, value]);
  }
  for (const c of collections) {
    for (const file of readdirSync(new URL(`content/${c}/${locale}/`, root))) {
      texts.push([`content/${c}/${locale}/${file}`, readFileSync(new URL(`content/${c}/${locale}/${file}`, root), 'utf8')]);
    }
  }
  texts.push([`content/glossary/${locale}.json`, readFileSync(new URL(`content/glossary/${locale}.json`, root), 'utf8')]);

  it('writes every number in Persian digits', () => {
    const mixed = texts.filter(([, text]) => /[0-9\u0660-\u0669]/.test(prose(text))).map(([where, text]) => `${where}: ${prose(text).match(/.{0,20}[0-9\u0660-\u0669]+.{0,20}/)?.[0]}`);
    expect(mixed).toEqual([]);
  });
});

describe('digits in data', () => {
  it('shows a phone number in Persian digits on Persian and Dari pages only', () => {
    expect(localDigits('fa', '08-508 000 00')).toBe('۰۸-۵۰۸ ۰۰۰ ۰۰');
    expect(localDigits('prs', '+46')).toBe('+۴۶');
    expect(localDigits('ar', '08-508')).toBe('08-508');
    expect(localDigits('sv', '08-508')).toBe('08-508');
  });
});
