import { describe, expect, it } from 'vitest';
import { isBuilt } from '../../src/site/sections';
import { site, telHref } from '../../src/site/site';

describe('telHref', () => {
  it('turns a Swedish number as people write it into an international tel: link', () => {
    expect(telHref('08-508 000 00')).toBe('tel:+46850800000');
    expect(telHref('+46 8 508 000 00')).toBe('tel:+46850800000');
  });
});

describe('site configuration', () => {
  it('marks the contact details as example values until the city replaces them', () => {
    // The seeds give no contact details: pages must say these are examples while they are.
    expect(site.contact.example).toBe(true);
  });
});

describe('isBuilt', () => {
  const routes = ['/src/pages/[locale]/index.astro', '/src/pages/[locale]/boka/index.astro', '/src/pages/[locale]/sfi.astro'];
  it('finds a section by its folder or its file', () => {
    expect(isBuilt('boka', routes)).toBe(true);
    expect(isBuilt('sfi', routes)).toBe(true);
  });
  it('sees the routes that exist in src/pages', () => {
    // `index` is the home page route: proves the escaped [locale] glob matches real files.
    expect(isBuilt('index')).toBe(true);
    expect(isBuilt('no-such-section')).toBe(false);
  });
  it('does not link a section whose route does not exist', () => {
    expect(isBuilt('insatser', routes)).toBe(false);
    expect(isBuilt('bok', routes)).toBe(false);
  });
});
