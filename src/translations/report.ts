import { defaultLocale, localeIds, type Locale } from '../i18n/locales.ts';
import type { Ledger } from './ledger.ts';
import { countStatuses, type StatusCounts } from './status.ts';
import { localeStatus, type Corpus, type UnitStatus } from './units.ts';

export interface LocaleReport {
  locale: Locale;
  units: UnitStatus[];
  texts: StatusCounts;
  strings: StatusCounts;
}

/** Status of every text and string in every locale but the Swedish source. */
export function statusReport(corpus: Corpus, ledgers: Partial<Record<Locale, Ledger>>): LocaleReport[] {
  return localeIds
    .filter((l) => l !== defaultLocale)
    .map((locale) => {
      const units = localeStatus(corpus, locale, ledgers[locale] ?? {});
      const of = (kind: UnitStatus['kind']) => countStatuses(units.filter((u) => u.kind === kind).map((u) => u.status));
      return { locale, units, texts: of('text'), strings: of('string') };
    });
}
