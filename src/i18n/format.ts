import { persianDigits } from './digits.ts';
import { localeConfig, type Locale } from './locales.ts';

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

const intlLang = (locale: Locale) => `${localeConfig(locale).lang}-u-ca-gregory`;

/** Name of an ISO weekday (1 = Monday) in the locale. 2024-01-01 was a Monday. */
function weekdayName(locale: Locale, isoDay: number): string {
  return new Intl.DateTimeFormat(intlLang(locale), { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, isoDay)),
  );
}

/**
 * Weekdays as a reader says them: a run of three or more as a range
 * ("måndag–torsdag"), anything else as a list ("tisdag och torsdag").
 */
export function formatWeekdays(locale: Locale, isoDays: readonly number[]): string {
  const days = [...new Set(isoDays)].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const day of days) {
    const run = runs.at(-1);
    if (run && run.at(-1) === day - 1) run.push(day);
    else runs.push([day]);
  }
  const parts = runs.flatMap((run) =>
    run.length >= 3 ? [`${weekdayName(locale, run[0]!)}–${weekdayName(locale, run.at(-1)!)}`] : run.map((d) => weekdayName(locale, d)),
  );
  return formatList(locale, parts);
}

/** A wall-clock time "HH:MM" (Stockholm time) in the locale's own digits and separator. */
export function formatClock(locale: Locale, hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return new Intl.DateTimeFormat(intlLang(locale), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, 1, h, m)),
  );
}

/** "Kista, Rinkeby och Tensta": a list joined the way the locale joins one. */
export function formatList(locale: Locale, items: readonly string[]): string {
  return new Intl.ListFormat(localeConfig(locale).lang, { type: 'conjunction' }).format(items);
}

/** A Stockholm calendar date "YYYY-MM-DD" in words: "onsdag 25 november". */
export function formatDay(locale: Locale, isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(intlLang(locale), { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d, 12)),
  );
}

/** Digits in data (a phone number from content/site.json, a count) as the locale writes them. */
export function localDigits(locale: Locale, text: string): string {
  return localeConfig(locale).persianDigits ? persianDigits(text) : text;
}

/** The month names of the Gregorian calendar, January first, as the locale writes them. */
export function monthNames(locale: Locale): string[] {
  const format = new Intl.DateTimeFormat(intlLang(locale), { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, m) => format.format(new Date(Date.UTC(2024, m, 1))));
}
