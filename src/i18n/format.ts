import { localeConfig, type Locale } from './locales';

/**
 * A date as readers of the locale write it. Always the Gregorian calendar:
 * meetings and reviews happen in Sweden, and Intl would otherwise give Persian
 * and Dari readers Solar Hijri dates that do not match any letter they get.
 */
export function formatDate(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(`${localeConfig(locale).lang}-u-ca-gregory`, {
    dateStyle: 'long',
    timeZone: 'Europe/Stockholm',
  }).format(date);
}
