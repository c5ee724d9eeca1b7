import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultLocale, localeIds } from '../../src/i18n/locales';
import { localePath } from '../../src/i18n/paths';
import { readCorpus, readLedger } from '../../src/translations/files';
import { statusReport } from '../../src/translations/report';
import { textSlug } from '../../src/translations/units';
import { CLIENT_DIR, filesUnder } from '../dist';

const pages = filesUnder(CLIENT_DIR).filter((f) => f.endsWith('.html'));
const urlOf = (file: string) => `/${relative(CLIENT_DIR, file).replace(/index\.html$/, '')}`;
const html = (url: string) => readFileSync(`${CLIENT_DIR}${url}index.html`, 'utf8');
/** Pages whose text comes from a content entry: services, groups, job centres and long-form pages. */
const entryPage = /^\/[a-z]+\/(insatser\/(for\/)?[a-z0-9-]+|jobbtorg\/[a-z0-9-]+|[a-z0-9-]+)\/$/;
/** Pages with a layout of their own: listings, the questionnaire and its rules, search, the translation status. */
const ownLayout = /^\/[a-z]+\/(insatser|jobbtorg|vad-passar-mig|sok|sa-bedomer-vi|oversattningar)\/$/;
/** The status of every text in every locale, from the same files the build read. */
const report = statusReport(readCorpus('.'), Object.fromEntries(localeIds.map((l) => [l, readLedger('.', l)])));

describe('translations in the built site', () => {
  it('shows the Swedish fallback notice nowhere', () => {
    const withFallback = pages.filter((f) => readFileSync(f, 'utf8').includes('data-fallback')).map(urlOf);
    expect(withFallback).toEqual([]);
  });

  it('says on every translated page that it is translated, whether a person reviewed it, and links the Swedish original', () => {
    const problems: string[] = [];
    for (const file of pages) {
      const url = urlOf(file);
      if (url.startsWith('/sv/') || !entryPage.test(url) || ownLayout.test(url)) continue;
      const page = readFileSync(file, 'utf8');
      const original = url.replace(/^\/[a-z]+\//, '/sv/');
      if (!/data-translation-status="(un)?reviewed"/.test(page)) problems.push(`${url}: no translation notice`);
      else if (!page.includes(`href="${original}" hreflang="sv"`)) problems.push(`${url}: no link to ${original}`);
    }
    expect(problems).toEqual([]);
  });

  it('marks exactly the texts whose Swedish source changed since translation as outdated', () => {
    const problems: string[] = [];
    for (const { locale, units } of report) {
      for (const unit of units.filter((u) => u.kind === 'text' && u.status !== 'fallback')) {
        const url = localePath(locale, textSlug(unit.id));
        const marked = html(url).includes('data-translation-status="outdated"');
        if (marked !== (unit.status === 'outdated')) problems.push(`${url}: ${unit.status}, ${marked ? '' : 'no '}outdated notice`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('builds the status report in every locale, linking each of its texts and counting them as the command does', () => {
    for (const { locale, units, texts } of report) {
      const page = html(localePath(locale, 'oversattningar'));
      for (const unit of units.filter((u) => u.kind === 'text')) expect(page, `${locale}: ${unit.id}`).toContain(`href="${localePath(locale, textSlug(unit.id))}"`);
      expect(page, locale).toContain(`href="/${locale}/oversattningar/"`);
      expect(texts.total, locale).toBe(units.filter((u) => u.kind === 'text').length);
    }
    expect(html(localePath(defaultLocale, 'oversattningar'))).not.toContain('id="status-outdated"');
  });
});
