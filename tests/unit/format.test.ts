import { describe, expect, it } from 'vitest';
import { formatClock, formatDate, formatWeekdays } from '../../src/i18n/format';

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

describe('formatWeekdays', () => {
  it('says a run of days as a range and the rest as a list', () => {
    expect(formatWeekdays('sv', [1, 2, 3, 4])).toBe('måndag–torsdag');
    expect(formatWeekdays('sv', [2, 4])).toBe('tisdag och torsdag');
    expect(formatWeekdays('en', [5, 1, 2, 3])).toBe('Monday–Wednesday and Friday');
    expect(formatWeekdays('sv', [1, 2])).toBe('måndag och tisdag');
  });
  it('names days in the reader’s language and script', () => {
    expect(formatWeekdays('ar', [5])).toBe('الجمعة');
    expect(formatWeekdays('uk', [1])).toBe('понеділок');
  });
});

describe('formatClock', () => {
  it('writes Stockholm wall-clock times with the locale’s digits, on a 24-hour clock', () => {
    expect(formatClock('sv', '08:30')).toBe('08:30');
    expect(formatClock('en', '14:05')).toBe('14:05');
    expect(formatClock('fa', '09:00')).toBe('۰۹:۰۰');
  });
});

describe('isolateLatinRuns', () => {
  it('wraps Swedish names inside Arabic text in <bdi>, leaving tags, entities and punctuation alone', async () => {
    const { isolateLatinRuns } = await import('../../src/i18n/bidi');
    expect(isolateLatinRuns('<p>تقدم Jobbtorg Unga الدعم (SFI).</p>')).toBe('<p>تقدم <bdi>Jobbtorg Unga</bdi> الدعم (<bdi>SFI</bdi>).</p>');
    expect(isolateLatinRuns('<a href="../sfi/">SFI &amp; komvux</a>')).toBe('<a href="../sfi/"><bdi>SFI</bdi> &amp; <bdi>komvux</bdi></a>');
    expect(isolateLatinRuns('<p>Rinkeby-Kista و Spånga-Tensta</p>')).toBe('<p><bdi>Rinkeby-Kista</bdi> و <bdi>Spånga-Tensta</bdi></p>');
    expect(isolateLatinRuns('<p>بدون نام</p>')).toBe('<p>بدون نام</p>');
  });
});
