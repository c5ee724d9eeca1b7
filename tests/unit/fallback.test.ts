import { describe, expect, it } from 'vitest';
import { resolveTranslation, sourceSlugs } from '../../src/i18n/fallback';

const entries = [{ id: 'sv/sfi' }, { id: 'sv/tillganglighet' }, { id: 'ar/sfi' }, { id: 'en/tillganglighet' }];

describe('resolveTranslation', () => {
  it('uses the locale’s own translation when there is one', () => {
    expect(resolveTranslation(entries, 'ar', 'sfi')).toEqual({ entry: { id: 'ar/sfi' }, isFallback: false });
  });
  it('falls back to the Swedish source, visibly marked', () => {
    expect(resolveTranslation(entries, 'ar', 'tillganglighet')).toEqual({ entry: { id: 'sv/tillganglighet' }, isFallback: true });
  });
  it('does not call the Swedish source a fallback on Swedish pages', () => {
    expect(resolveTranslation(entries, 'sv', 'sfi')?.isFallback).toBe(false);
  });
  it('finds nothing for a page without a Swedish source', () => {
    expect(resolveTranslation(entries, 'en', 'okand')).toBeUndefined();
  });
});

describe('sourceSlugs', () => {
  it('lists the pages that every locale must have: the Swedish ones', () => {
    expect(sourceSlugs(entries)).toEqual(['sfi', 'tillganglighet']);
  });
});
