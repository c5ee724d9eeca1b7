import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import js2xliff from 'xliff/js2xliff';
import xliff2js, { type XliffDocument } from 'xliff/xliff2js';
import { defaultLocale, localeIds, type Locale } from '../../src/i18n/locales';
import { readCorpus, readLedger, writeLedger } from '../../src/translations/files';
import { exportLocale, importFile } from '../../src/translations/handoff';
import { stamp } from '../../src/translations/ledger';
import { joinBlocks, segment } from '../../src/translations/markdown';
import { statusReport } from '../../src/translations/report';
import { translationStatus } from '../../src/translations/status';
import { localeStatus, translatedUnits } from '../../src/translations/units';

describe('the status of a translation', () => {
  const entry = { source: 'abc' };
  it.each([
    ['no translation', { source: 'abc', translated: false, entry: undefined }, 'fallback'],
    ['a source changed since', { source: 'def', translated: true, entry }, 'outdated'],
    ['no record of its source', { source: 'abc', translated: true, entry: undefined }, 'outdated'],
    ['a source changed after a review', { source: 'def', translated: true, reviewedFlag: true, entry: { ...entry, reviewedBy: 'A' } }, 'outdated'],
    ['up to date, reviewed: true in the text', { source: 'abc', translated: true, reviewedFlag: true, entry }, 'reviewed'],
    ['up to date, signed off in the ledger', { source: 'abc', translated: true, entry: { ...entry, reviewedBy: 'A', reviewedAt: '2026-12-06' } }, 'reviewed'],
    ['up to date, not reviewed', { source: 'abc', translated: true, entry }, 'unreviewed'],
  ] as const)('%s', (_, input, expected) => {
    expect(translationStatus(input)).toBe(expected);
  });
});

// ---- A small project in a temporary folder --------------------------------

const front = (title: string, description: string, extra = '') => `---\ntitle: ${title}\ndescription: "${description}"\n${extra}lastReviewed: 2026-12-01\n---\n\n`;
const SV_BODY = 'Du kan läsa svenska hos [Vuxenutbildning Stockholm](../../vuxenutbildning/).\n\n## Så söker du\n\n- Fyll i **ansökan** på webben.\n- Vänta på svar.\n';
const SV_DESCRIPTION = 'Om SFI, svenska för invandrare: vem som får läsa och hur du söker.';

let root: string;
const file = (...parts: string[]) => join(root, ...parts);
const write = (path: string, text: string) => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
};
const json = (path: string, data: unknown) => write(path, `${JSON.stringify(data, null, 2)}\n`);
const statusOf = (locale: Locale, id: string) => localeStatus(readCorpus(root), locale, readLedger(root, locale)).find((u) => u.id === id)?.status;
function stampAll() {
  const corpus = readCorpus(root);
  for (const locale of localeIds.filter((l) => l !== defaultLocale)) writeLedger(root, locale, stamp(readLedger(root, locale), translatedUnits(corpus, locale)));
}
/** Fills the exported file's targets as a translator would, and writes it. */
async function translated(xml: string, edit: (doc: XliffDocument) => void) {
  const doc = await xliff2js(xml);
  edit(doc);
  const path = file('from-agency.xlf');
  writeFileSync(path, await js2xliff(doc, { indent: '' }));
  return path;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'translations-'));
  write(file('content/pages/sv/sfi.md'), front('SFI – svenska för invandrare', SV_DESCRIPTION) + SV_BODY);
  write(
    file('content/pages/ar/sfi.md'),
    front('SFI – اللغة السويدية للمهاجرين', 'عن SFI، دروس اللغة السويدية للمهاجرين: من يحق له الدراسة وكيف تقدّم.', 'translationOf: sv/sfi\nreviewed: false\n') +
      'يمكنك دراسة السويدية لدى [Vuxenutbildning Stockholm](../../vuxenutbildning/).\n\n## كيف تقدّم\n\n- املأ **الطلب** على الإنترنت.\n- انتظر الرد.\n',
  );
  write(
    file('content/pages/lattlast/sfi.md'),
    front('SFI – svenska för invandrare', 'Här kan du läsa om SFI. SFI betyder svenska för invandrare.', 'translationOf: sv/sfi\nreviewed: false\n') +
      'Du kan läsa svenska hos [Vuxenutbildning Stockholm](../../vuxenutbildning/).\n\n## Så söker du\n\n- Fyll i **ansökan** på webben.\n- Vänta på svar.\n',
  );
  json(file('locales/sv/common.json'), { 'nav.home': 'Start', 'page.lastReviewed': 'Sidan granskades senast {{date}}.' });
  json(file('locales/ar/common.json'), { 'nav.home': 'الرئيسية', 'page.lastReviewed': 'آخر مراجعة للصفحة {{date}}.' });
  json(file('locales/lattlast/common.json'), { 'nav.home': 'Start', 'page.lastReviewed': 'Sidan granskades {{date}}.' });
  stampAll();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('outdated translations', () => {
  it('after stamp, every translation is up to date and unreviewed, and a text with no translation falls back', () => {
    write(file('content/services/sv/ips.md'), front('IPS', 'IPS är ett stöd för dig som vill arbeta och har en psykisk funktionsnedsättning.') + 'Text.\n');
    expect(statusOf('ar', 'pages/sfi')).toBe('unreviewed');
    expect(statusOf('ar', 'common:page.lastReviewed')).toBe('unreviewed');
    expect(statusOf('ar', 'services/ips')).toBe('fallback');
  });

  it('a changed Swedish text makes every translation of it outdated, easy-to-read Swedish too, and nothing else', () => {
    write(file('content/pages/sv/sfi.md'), front('SFI – svenska för invandrare', SV_DESCRIPTION) + SV_BODY.replace('Vänta på svar.', 'Svaret kommer med e-post.'));
    const report = statusReport(readCorpus(root), { ar: readLedger(root, 'ar'), lattlast: readLedger(root, 'lattlast') });
    for (const locale of ['ar', 'lattlast'] as const) {
      const { texts, units } = report.find((r) => r.locale === locale)!;
      expect(units.find((u) => u.id === 'pages/sfi')?.status).toBe('outdated');
      expect(texts.outdated).toBe(1);
    }
    expect(statusOf('ar', 'common:nav.home')).toBe('unreviewed');
  });

  it('a changed Swedish date in the front matter is no change of text', () => {
    write(file('content/pages/sv/sfi.md'), front('SFI – svenska för invandrare', SV_DESCRIPTION).replace('2026-12-01', '2027-01-15') + SV_BODY);
    expect(statusOf('ar', 'pages/sfi')).toBe('unreviewed');
  });

  it('a changed UI string is outdated and keeps its old translation', () => {
    json(file('locales/sv/common.json'), { 'nav.home': 'Startsida', 'page.lastReviewed': 'Sidan granskades senast {{date}}.' });
    expect(statusOf('ar', 'common:nav.home')).toBe('outdated');
    expect(readCorpus(root).strings.ar?.common?.['nav.home']).toBe('الرئيسية');
  });

  it('stamp records only units without an entry, unless told to record all', () => {
    json(file('locales/sv/common.json'), { 'nav.home': 'Startsida', 'page.lastReviewed': 'Sidan granskades senast {{date}}.' });
    stampAll();
    expect(statusOf('ar', 'common:nav.home')).toBe('outdated');
    writeLedger(root, 'ar', stamp(readLedger(root, 'ar'), translatedUnits(readCorpus(root), 'ar'), true));
    expect(statusOf('ar', 'common:nav.home')).toBe('unreviewed');
  });
});

describe('the XLIFF hand-off', () => {
  const now = new Date('2026-12-06T10:00:00Z');

  it('exports only what is outdated, with the Markdown as text and tags, and notes on where it shows and what to keep', async () => {
    json(file('locales/sv/common.json'), { 'nav.home': 'Start', 'page.lastReviewed': 'Sidan kontrollerades senast {{date}}.' });
    const { xml, units } = await exportLocale(root, 'ar', { outdatedOnly: true });
    expect(units).toBe(1);
    expect(xml).toContain('srcLang="sv" trgLang="ar"');
    expect(xml).toContain('<file id="strings.common"><unit id="page.lastReviewed">');
    expect(xml).toContain('Keep {{date}} exactly as written');
    const all = await exportLocale(root, 'ar', { outdatedOnly: false });
    expect(all.xml).toContain('<file id="text.pages.sfi">');
    expect(all.xml).toContain('<pc id="l1" type="link" canDelete="no">Vuxenutbildning Stockholm</pc>');
    expect(all.xml).toContain('<pc id="b1" type="fmt" canDelete="no" subType="xlf:b">ansökan</pc>');
    expect(all.xml).not.toContain('](');
    expect(all.xml).toContain('slr:sizeRestriction="260"');
  });

  it('imports a reviewed translation of a changed text: the page is no longer outdated, counts as reviewed, and keeps its link', async () => {
    write(file('content/pages/sv/sfi.md'), front('SFI – svenska för invandrare', SV_DESCRIPTION) + SV_BODY.replace('Vänta på svar.', 'Svaret kommer med e-post.'));
    expect(statusOf('ar', 'pages/sfi')).toBe('outdated');
    const { xml } = await exportLocale(root, 'ar', { outdatedOnly: true });
    const path = await translated(xml, (doc) => {
      doc.resources['text.pages.sfi']!.b4!.target = 'يصلك الرد بالبريد الإلكتروني.';
    });
    const result = await importFile(root, path, { reviewer: 'Leila Haddad', now });
    expect(result).toEqual({ ok: true, locale: 'ar', changed: ['pages/sfi'] });
    expect(statusOf('ar', 'pages/sfi')).toBe('reviewed');
    expect(readLedger(root, 'ar')['pages/sfi']).toMatchObject({ reviewedBy: 'Leila Haddad', reviewedAt: '2026-12-06' });
    const page = readFileSync(file('content/pages/ar/sfi.md'), 'utf8');
    expect(page).toContain('reviewed: true');
    expect(page).toContain('translationOf: sv/sfi');
    expect(page).toContain('- يصلك الرد بالبريد الإلكتروني.');
    expect(page).toContain('[Vuxenutbildning Stockholm](../../vuxenutbildning/)');
    expect(page).toContain('**الطلب**');
    const report = statusReport(readCorpus(root), { ar: readLedger(root, 'ar') }).find((r) => r.locale === 'ar')!;
    expect(report.texts).toMatchObject({ reviewed: 1, outdated: 0 });
  });

  it('imports a translation without a reviewer as unreviewed, and writes only what changed', async () => {
    const before = readFileSync(file('locales/ar/common.json'), 'utf8');
    const { xml } = await exportLocale(root, 'ar', { outdatedOnly: false });
    const path = await translated(xml, () => {});
    const result = await importFile(root, path, { now });
    expect(result).toEqual({ ok: true, locale: 'ar', changed: [] });
    expect(readFileSync(file('locales/ar/common.json'), 'utf8')).toBe(before);
    expect(statusOf('ar', 'pages/sfi')).toBe('unreviewed');
  });

  it('takes an untouched file back as a no-op, even where the current translation has drifted from the Swedish blocks or has a fault', async () => {
    const page = readFileSync(file('content/pages/ar/sfi.md'), 'utf8').replace('- انتظر الرد.\n', '');
    write(file('content/pages/ar/sfi.md'), page);
    json(file('locales/ar/common.json'), { 'nav.home': 'الرئيسية {{name}}', 'page.lastReviewed': 'آخر مراجعة للصفحة {{date}}.' });
    const { xml } = await exportLocale(root, 'ar', { outdatedOnly: false });
    expect(xml).toContain('no longer follows the Swedish text block by block');
    expect(await importFile(root, await translated(xml, () => {}), { now })).toEqual({ ok: true, locale: 'ar', changed: [] });
    expect(readFileSync(file('content/pages/ar/sfi.md'), 'utf8')).toBe(page);
    const partial = await translated(xml, (doc) => void (doc.resources['text.pages.sfi']!.b4!.target = 'يصلك الرد.'));
    expect(await importFile(root, partial, { now })).toEqual({
      ok: false,
      problems: ['text.pages.sfi: the current translation no longer follows the Swedish blocks, so every unit needs a translation; missing b1, b2, b3'],
    });
  });

  it('creates a missing translation from a complete file', async () => {
    write(file('content/services/sv/ips.md'), front('IPS', 'IPS är ett stöd för dig som vill arbeta och har en psykisk funktionsnedsättning.') + 'Du får en **coach**.\n');
    const { xml } = await exportLocale(root, 'ar', { outdatedOnly: true });
    const path = await translated(xml, (doc) => {
      const units = doc.resources['text.services.ips']!;
      units.title!.target = 'IPS';
      units.description!.target = 'IPS دعم لمن يريد العمل ولديه إعاقة نفسية، بمساعدة مدرب.';
      units.b1!.target = ['تحصل على ', { Span: { id: 'b1', type: 'fmt', subType: 'xlf:b', contents: 'مدرب' } }, '.'];
    });
    expect(await importFile(root, path, { now })).toMatchObject({ ok: true, changed: ['services/ips'] });
    expect(readFileSync(file('content/services/ar/ips.md'), 'utf8')).toContain('تحصل على **مدرب**.');
    expect(statusOf('ar', 'services/ips')).toBe('unreviewed');
  });

  it.each([
    [
      'a lost placeholder',
      (doc: XliffDocument) => void (doc.resources['strings.common']!['page.lastReviewed']!.target = 'آخر مراجعة للصفحة.'),
      'common:page.lastReviewed: placeholders must be {{date}}, the translation has none',
    ],
    [
      'a lost link',
      (doc: XliffDocument) => void (doc.resources['text.pages.sfi']!.b1!.target = 'يمكنك دراسة السويدية لدى Vuxenutbildning Stockholm.'),
      'text.pages.sfi b1: the link l1 (to ../../vuxenutbildning/) is missing',
    ],
    [
      'a summary over the limit',
      (doc: XliffDocument) => void (doc.resources['text.pages.sfi']!.description!.target = 'ب'.repeat(300)),
      'text.pages.sfi description: 300 characters; a summary has 40–260',
    ],
  ])('refuses a file with %s, naming the unit, and writes nothing', async (_, edit, problem) => {
    const before = [readFileSync(file('locales/ar/common.json'), 'utf8'), readFileSync(file('content/pages/ar/sfi.md'), 'utf8'), readFileSync(file('content/translations/ar.json'), 'utf8')];
    const { xml } = await exportLocale(root, 'ar', { outdatedOnly: false });
    const path = await translated(xml, (doc) => {
      doc.resources['strings.common']!['nav.home']!.target = 'الصفحة الرئيسية';
      edit(doc);
    });
    const result = await importFile(root, path, { reviewer: 'Leila Haddad', now });
    expect(result).toEqual({ ok: false, problems: [problem] });
    expect([readFileSync(file('locales/ar/common.json'), 'utf8'), readFileSync(file('content/pages/ar/sfi.md'), 'utf8'), readFileSync(file('content/translations/ar.json'), 'utf8')]).toEqual(before);
  });

  it('refuses a translation of a Swedish text that changed after the export', async () => {
    const { xml } = await exportLocale(root, 'ar', { outdatedOnly: false });
    json(file('locales/sv/common.json'), { 'nav.home': 'Startsida', 'page.lastReviewed': 'Sidan granskades senast {{date}}.' });
    const path = await translated(xml, (doc) => void (doc.resources['strings.common']!['nav.home']!.target = 'الصفحة الرئيسية'));
    expect(await importFile(root, path, { now })).toEqual({ ok: false, problems: ['common:nav.home: the Swedish text changed after the export; export again'] });
  });

  it('tracks easy-to-read Swedish as a variety of Swedish', async () => {
    const { xml } = await exportLocale(root, 'lattlast', { outdatedOnly: false });
    expect(xml).toContain('srcLang="sv" trgLang="sv-x-lattlast"');
    const path = await translated(xml, (doc) => void (doc.resources['strings.common']!['nav.home']!.target = 'Första sidan'));
    expect(await importFile(root, path, { now })).toEqual({ ok: true, locale: 'lattlast', changed: ['common:nav.home'] });
  });
});

describe('the real content', () => {
  const real = new URL('../../', import.meta.url).pathname;
  const corpus = readCorpus(real);

  it('cuts every Swedish text into segments and puts it together again unchanged', () => {
    for (const [id, text] of corpus.texts[defaultLocale]!) {
      const blocks = segment(text.body);
      expect(blocks.length, id).toBeGreaterThan(0);
      expect(segment(joinBlocks(blocks)), id).toEqual(blocks);
    }
  });

  it('has a ledger entry for every translation: after new translations, run `npm run translations -- stamp`', () => {
    for (const locale of localeIds.filter((l) => l !== defaultLocale)) {
      const ledger = readLedger(real, locale);
      const unrecorded = translatedUnits(corpus, locale).filter((u) => !ledger[u.id]).map((u) => u.id);
      expect(unrecorded, locale).toEqual([]);
    }
  });
});

