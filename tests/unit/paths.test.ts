import { describe, expect, it } from 'vitest';
import { alternates, localePath, splitLocalePath } from '../../src/i18n/paths';

const site = new URL('https://jobbtorg.example/');

describe('localePath', () => {
  it('builds the same Swedish slug under every locale, with a trailing slash', () => {
    expect(localePath('ar', 'tillganglighet')).toBe('/ar/tillganglighet/');
    expect(localePath('sv')).toBe('/sv/');
    expect(localePath('ti', '/insatser/praktik/')).toBe('/ti/insatser/praktik/');
  });
});

describe('splitLocalePath', () => {
  it('finds the locale and the slug', () => {
    expect(splitLocalePath('/prs/personuppgifter/')).toEqual({ locale: 'prs', slug: 'personuppgifter' });
    expect(splitLocalePath('/en/')).toEqual({ locale: 'en', slug: '' });
  });
  it('gives no locale for an address outside the locales', () => {
    expect(splitLocalePath('/wp-admin/')).toEqual({ locale: undefined, slug: 'wp-admin' });
    expect(splitLocalePath('/')).toEqual({ locale: undefined, slug: '' });
  });
});

describe('alternates', () => {
  it('lists every hreflang locale once, plus x-default to Swedish, and never lattlast', () => {
    const links = alternates('sfi', site);
    expect(links.map((l) => l.hreflang)).toEqual(['sv', 'en', 'ar', 'fa', 'prs', 'so', 'ti', 'fi', 'uk', 'ku', 'ru', 'x-default']);
    expect(links.at(-1)?.href).toBe('https://jobbtorg.example/sv/sfi/');
    expect(links.some((l) => l.href.includes('/lattlast/'))).toBe(false);
  });
  it('points x-default of the home pages at the language chooser', () => {
    expect(alternates('', site).at(-1)).toEqual({ hreflang: 'x-default', href: 'https://jobbtorg.example/' });
  });
});
