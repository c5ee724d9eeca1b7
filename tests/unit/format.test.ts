import { describe, expect, it } from 'vitest';
import { formatDate } from '../../src/i18n/format';

const date = new Date('2026-11-22T10:00:00Z');

describe('formatDate', () => {
  it('writes dates the way each language does', () => {
    expect(formatDate('sv', date)).toBe('22 november 2026');
    expect(formatDate('en', date)).toBe('November 22, 2026');
    expect(formatDate('fi', date)).toBe('22. marraskuuta 2026');
  });
  it('keeps the Gregorian calendar for Persian and Dari readers', () => {
    // Intl's default for fa is the Solar Hijri year 1405, which matches no letter or meeting in Sweden.
    expect(formatDate('fa', date)).toContain('۲۰۲۶');
    expect(formatDate('prs', date)).toContain('۲۰۲۶');
  });
  it('uses Stockholm time, not the server’s', () => {
    expect(formatDate('sv', new Date('2026-11-22T23:30:00Z'))).toBe('23 november 2026');
  });
});
