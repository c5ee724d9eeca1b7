import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localeIds } from '../../src/i18n/locales';
import { questionnaire as rules } from '../../src/questionnaire/rules';
import { sourceDocument } from '../../src/catalog/sources';
import { CLIENT_DIR } from '../dist';

const page = (locale: string) => readFileSync(join(CLIENT_DIR, locale, 'sa-bedomer-vi', 'index.html'), 'utf8');
const strings = (locale: string) => JSON.parse(readFileSync(`locales/${locale}/questionnaire.json`, 'utf8')) as Record<string, string>;
const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

describe('Så bedömer vi: every rule in plain words with its sources', () => {
  it.each(localeIds)('%s: each outcome with its rule, and each seed document it rests on', (locale) => {
    const html = page(locale);
    const s = strings(locale);
    for (const outcome of rules.outcomes) {
      expect(html, outcome.id).toContain(escape(s[`outcome.${outcome.id}.title`]!));
      expect(html, outcome.id).toContain(escape(s[`outcome.${outcome.id}.criteria`]!));
      for (const source of outcome.sources) expect(html, `${outcome.id} ${source.seed}`).toContain(escape(sourceDocument(source.seed).title));
    }
  });
  it('marks the outcomes whose rule holds a fact the city is to confirm, and only those', () => {
    const html = page('sv');
    const note = JSON.parse(readFileSync('locales/sv/common.json', 'utf8'))['toConfirm'] as string;
    expect(html.split(note).length - 1).toBe(rules.outcomes.filter((o) => o.toConfirm).length);
  });
});
