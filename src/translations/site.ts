import { defaultLocale, localeIds, type Locale } from '../i18n/locales.ts';
import { readCorpus, readLedger } from './files.ts';
import { statusReport, type LocaleReport } from './report.ts';
import type { Ledger } from './ledger.ts';
import type { TranslationStatus } from './status.ts';
import type { Corpus } from './units.ts';

/**
 * The translation status the built site shows, read once per build from the
 * project's files by the same reader the `translations` command uses, so the
 * site and the command hash the same text. Pages are prerendered: this runs
 * at build time, from the project root; the dev server reads afresh on
 * every page, so an edited text or ledger shows at once.
 */
const cache = !import.meta.env.DEV;
let corpus: Corpus | undefined;
let ledgers: Partial<Record<Locale, Ledger>> | undefined;
let report: LocaleReport[] | undefined;

export function siteCorpus(): Corpus {
  if (!cache || !corpus) corpus = readCorpus(process.cwd());
  return corpus;
}

function siteLedgers(): Partial<Record<Locale, Ledger>> {
  if (!cache || !ledgers) ledgers = Object.fromEntries(localeIds.filter((l) => l !== defaultLocale).map((l) => [l, readLedger(process.cwd(), l)]));
  return ledgers;
}

export function siteReport(): LocaleReport[] {
  if (!cache || !report) report = statusReport(siteCorpus(), siteLedgers());
  return report;
}

/** Where a translated unit stands, and whether a person has reviewed its wording (which an outdated text may also be). */
export function unitStanding(locale: Locale, id: string): { status: TranslationStatus; reviewed: boolean } {
  const status = siteReport().find((r) => r.locale === locale)?.units.find((u) => u.id === id)?.status;
  if (!status) throw new Error(`No translation status for ${id} in ${locale}`);
  return { status, reviewed: status === 'reviewed' || (status === 'outdated' && !!siteLedgers()[locale]?.[id]?.reviewedBy) };
}
