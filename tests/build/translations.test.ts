import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_DIR, filesUnder } from '../dist';

const pages = filesUnder(CLIENT_DIR).filter((f) => f.endsWith('.html'));
const urlOf = (file: string) => `/${relative(CLIENT_DIR, file).replace(/index\.html$/, '')}`;
/** Pages whose text comes from a content entry: services, groups, job centres and long-form pages. */
const entryPage = /^\/[a-z]+\/(insatser\/(for\/)?[a-z0-9-]+|jobbtorg\/[a-z0-9-]+|[a-z0-9-]+)\/$/;
const listing = /^\/[a-z]+\/(insatser|jobbtorg|vad-passar-mig|sok)\/$/;

describe('translations in the built site', () => {
  it('shows the Swedish fallback notice nowhere', () => {
    const withFallback = pages.filter((f) => readFileSync(f, 'utf8').includes('data-fallback')).map(urlOf);
    expect(withFallback).toEqual([]);
  });

  it('says on every translated page that it is translated, whether a person reviewed it, and links the Swedish original', () => {
    const problems: string[] = [];
    for (const file of pages) {
      const url = urlOf(file);
      if (url.startsWith('/sv/') || !entryPage.test(url) || listing.test(url)) continue;
      const html = readFileSync(file, 'utf8');
      const original = url.replace(/^\/[a-z]+\//, '/sv/');
      if (!/data-translation-status="(un)?reviewed"/.test(html)) problems.push(`${url}: no translation notice`);
      else if (!html.includes(`href="${original}" hreflang="sv"`)) problems.push(`${url}: no link to ${original}`);
    }
    expect(problems).toEqual([]);
  });
});
