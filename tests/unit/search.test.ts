import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { localeIds, type Locale } from '../../src/i18n/locales';
import { loadLanguage } from '../../src/search/languages';
import { buildIndex, openIndex } from '../../src/search/search-index';
import { sfiGuideWord } from '../content';
import { docsFromDisk } from './search-docs';

const sfiWord = (locale: Locale) => sfiGuideWord(locale).word;

async function searcher(locale: Locale) {
  await loadLanguage(locale);
  const data = buildIndex(locale, docsFromDisk(locale));
  return { data, search: openIndex(JSON.parse(JSON.stringify(data))) };
}
const urls = (results: { url: string }[]) => results.map((r) => r.url);


describe('search', () => {
  it('finds a Swedish page from an inflected form: "praktiken" → praktik', async () => {
    const { search } = await searcher('sv');
    expect(urls(search('praktiken')).slice(0, 3)).toContain('/sv/insatser/praktik/');
  });

  it('finds Swedish words typed without å, ä, ö', async () => {
    const { search } = await searcher('sv');
    expect(urls(search('yrkesvagledning')).slice(0, 3)).toContain('/sv/insatser/studie-och-yrkesvagledning/');
    expect(urls(search('forsorjningsstod')).length).toBeGreaterThan(0);
  });

  it('uses the Swedish stemmer for easy-to-read Swedish too', async () => {
    const { search } = await searcher('lattlast');
    expect(urls(search('praktiken')).slice(0, 3)).toContain('/lattlast/insatser/praktik/');
  });

  it('finds pages from a prefix while the word is still being typed', async () => {
    const { search } = await searcher('sv');
    expect(urls(search('valider')).slice(0, 3)).toContain('/sv/insatser/validering/');
  });

  it('marks the matched words in the snippet', async () => {
    const { search } = await searcher('sv');
    const [first] = search('kartläggning');
    expect(first!.snippet.some((p) => p.match && /kartläggning/i.test(p.text))).toBe(true);
  });

  it.each(localeIds)('%s: a word from the SFI guide finds that guide first or second', async (locale) => {
    const { search } = await searcher(locale);
    const word = sfiWord(locale);
    expect(urls(search(word)).slice(0, 2), word).toContain(`/${locale}/sfi/`);
  });

  it('finds Arabic with or without diacritics and tatweel', async () => {
    const { search } = await searcher('ar');
    const plain = sfiWord('ar');
    // Add a fatha after the first letter and a tatweel inside: how some keyboards and copied texts look.
    const marked = `${plain[0]}\u064e${plain.slice(1, 3)}\u0640${plain.slice(3)}`;
    expect(marked).not.toBe(plain);
    expect(urls(search(marked)).slice(0, 2)).toContain('/ar/sfi/');
  });

  it('splits Tigrinya at the Ethiopic wordspace and full stop', async () => {
    const { search } = await searcher('ti');
    const word = sfiWord('ti');
    expect(urls(search(`፡${word}።`)).slice(0, 2)).toContain('/ti/sfi/');
  });

  it('keeps Cyrillic and Persian words that lunr’s English pipeline would strip', async () => {
    for (const locale of ['uk', 'ru', 'fa', 'prs'] as const) {
      const { search } = await searcher(locale);
      expect(search(sfiWord(locale)).length, locale).toBeGreaterThan(0);
    }
  });

  it('expands what residents type with the locale’s synonyms', async () => {
    const { search } = await searcher('sv');
    const synonyms = { sommarjobb: ['feriejobb'] };
    expect(urls(search('sommarjobb'))).not.toContain('/sv/insatser/feriejobb/');
    expect(urls(search('sommarjobb', synonyms)).slice(0, 2)).toContain('/sv/insatser/feriejobb/');
  });

  it('answers nothing, not everything, to an empty query', async () => {
    const { search } = await searcher('sv');
    expect(search('   ')).toEqual([]);
  });
});

describe('index budget', () => {
  // Bytes only: load and query times depend on the machine and its load, so they stay out of tests.
  it.each(localeIds)('%s: index ≤ 80 KB gzip and answers a search', async (locale) => {
    await loadLanguage(locale);
    const json = JSON.stringify(buildIndex(locale, docsFromDisk(locale)));
    expect(gzipSync(json).length).toBeLessThanOrEqual(80 * 1024);
    const search = openIndex(JSON.parse(json));
    expect(search(sfiWord(locale)).length).toBeGreaterThan(0);
  });
});
