import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultLocale, hreflangLocales, isLocale, localeConfig, localeIds, varietiesOf } from '../../src/i18n/locales';

describe('locale registry', () => {
  it('holds the twelve locales of the portal, Swedish first', () => {
    expect(localeIds).toEqual(['sv', 'lattlast', 'en', 'ar', 'fa', 'prs', 'so', 'ti', 'fi', 'uk', 'ku', 'ru']);
    expect(defaultLocale).toBe('sv');
  });

  it('marks exactly the Arabic-script locales right-to-left', () => {
    expect(localeIds.filter((id) => localeConfig(id).dir === 'rtl')).toEqual(['ar', 'fa', 'prs']);
  });

  it('gives every locale a well-formed BCP-47 tag', () => {
    for (const id of localeIds) {
      const { lang } = localeConfig(id);
      expect(() => Intl.getCanonicalLocales(lang), id).not.toThrow();
    }
    // ICU treats Dari as Afghan Persian, so dates and plurals come out right for `prs`.
    expect(Intl.getCanonicalLocales('prs')).toEqual(['fa-AF']);
  });

  it('keeps easy-to-read Swedish out of hreflang and offers it from Swedish pages', () => {
    expect(hreflangLocales).not.toContain('lattlast');
    expect(hreflangLocales).toHaveLength(11);
    expect(varietiesOf('sv')).toEqual(['lattlast']);
    expect(varietiesOf('en')).toEqual([]);
  });

  it('self-hosts fonts only for scripts phones often lack', () => {
    const withFont = localeIds.filter((id) => 'font' in localeConfig(id));
    expect(withFont).toEqual(['ar', 'fa', 'prs', 'ti']);
  });

  it('has a folder of strings and of pages for every locale', () => {
    for (const id of localeIds) {
      expect(existsSync(new URL(`../../locales/${id}/common.json`, import.meta.url)), id).toBe(true);
      expect(existsSync(new URL(`../../content/pages/${id}/`, import.meta.url)), id).toBe(true);
    }
  });

  it('recognises locale ids and nothing else', () => {
    expect(isLocale('prs')).toBe(true);
    expect(isLocale('de')).toBe(false);
    expect(isLocale('toString')).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });
});
