import { defaultLocale, localeIds, type Locale } from '../i18n/locales.ts';
import { readCorpus, readLedger } from './files.ts';
import { statusReport, type LocaleReport } from './report.ts';
import type { TranslationStatus } from './status.ts';
import type { Corpus } from './units.ts';

/**
 * The translation status the built site shows, read once per build from the
 * project's files by the same reader the `translations` command uses, so the
 * site and the command hash the same text. Pages are prerendered: this runs
 * at build time only, from the project root.
 */
let corpus: Corpus | undefined;
let report: LocaleReport[] | undefined;

export function siteCorpus(): Corpus {
  corpus ??= readCorpus(process.cwd());
  return corpus;
}

export function siteReport(): LocaleReport[] {
  report ??= statusReport(siteCorpus(), Object.fromEntries(localeIds.map((l) => [l, readLedger(process.cwd(), l)])));
  return report;
}

/** Where a unit stands in a locale, and whether a person has reviewed its wording (which an outdated text may also be). */
export function unitStanding(locale: Locale, id: string): { status: TranslationStatus; reviewed: boolean } {
  if (locale === defaultLocale) return { status: 'reviewed', reviewed: true };
  const status = siteReport().find((r) => r.locale === locale)?.units.find((u) => u.id === id)?.status;
  if (!status) throw new Error(`No translation status for ${id} in ${locale}`);
  const ledger = readLedger(process.cwd(), locale);
  return { status, reviewed: status === 'reviewed' || (status === 'outdated' && !!ledger[id]?.reviewedBy) };
}
