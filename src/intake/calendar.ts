import { TZDate } from '@date-fns/tz';
import Holidays from 'date-holidays';

/** Every meeting happens in Stockholm; instants are stored in UTC and shown in this zone. */
export const TIME_ZONE = 'Europe/Stockholm';

/** A calendar date in Stockholm, "YYYY-MM-DD". */
export type IsoDate = string;

const swedish = new Holidays('SE');
const closedCache = new Map<number, Set<IsoDate>>();

/**
 * Days the job centres are closed: Swedish public holidays (Easter-based ones
 * included) and the de facto closed eves (midsommarafton, julafton,
 * nyårsafton), which date-holidays types as "bank".
 */
export function closedDays(year: number): Set<IsoDate> {
  let days = closedCache.get(year);
  if (!days) {
    days = new Set(
      swedish
        .getHolidays(year)
        .filter((h) => h.type === 'public' || h.type === 'bank')
        .map((h) => h.date.slice(0, 10)),
    );
    closedCache.set(year, days);
  }
  return days;
}

export function isClosed(date: IsoDate): boolean {
  return closedDays(Number(date.slice(0, 4))).has(date);
}

/**
 * A zone conversion goes through Intl and costs more than the rest of a booking's checks; the
 * same slot times are converted again for every booking and slot list, so the answers are kept
 * (a bounded number, the oldest dropped first).
 */
function remembered<K, V>(size: number, compute: (key: K) => V): (key: K) => V {
  const kept = new Map<K, V>();
  return (key) => {
    if (kept.has(key)) return kept.get(key)!;
    const value = compute(key);
    if (kept.size >= size) kept.delete(kept.keys().next().value!);
    kept.set(key, value);
    return value;
  };
}

const instantOf = remembered(20_000, (wallClock: string) => {
  const [date, hhmm] = wallClock.split('T') as [IsoDate, string];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = hhmm.split(':').map(Number) as [number, number];
  return TZDate.tz(TIME_ZONE, y, m - 1, d, hh, mm).getTime();
});

/** The instant of a Stockholm wall-clock time, right on both sides of a daylight-saving change. */
export function stockholmInstant(date: IsoDate, hhmm: string): Date {
  return new Date(instantOf(`${date}T${hhmm}`));
}

const isoOf = remembered(20_000, (ms: number) => new TZDate(ms, TIME_ZONE).toISOString().replace('.000', ''));

/** ISO 8601 with the Stockholm offset: "2026-03-30T09:00:00+02:00". */
export function stockholmIso(instant: Date): string {
  return isoOf(instant.getTime());
}

/** The Stockholm calendar date of an instant. */
export function stockholmDate(instant: Date): IsoDate {
  return stockholmIso(instant).slice(0, 10);
}

/** ISO weekday (1 = Monday) of a calendar date. */
export function isoWeekday(date: IsoDate): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const t = new Date(`${date}T12:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/** A real calendar date in YYYY-MM-DD form (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const t = new Date(`${value}T12:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === value;
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}
