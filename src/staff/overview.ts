import { format, getISOWeek, getISOWeekYear, parseISO, setISOWeek, startOfISOWeek, startOfISOWeekYear } from 'date-fns';
import type { Location } from '../catalog/schema.ts';
import { addDays, stockholmInstant, type IsoDate } from '../intake/calendar.ts';
import { scheduledDay } from '../intake/slots.ts';
import type { ScheduleException } from '../intake/exceptions.ts';
import type { OutcomeCounts } from '../intake/store.ts';

/**
 * The overview's periods (ISO weeks and calendar months, Stockholm dates) and
 * its rows: counts only, nothing personal. Pure, apart from the counts the
 * page reads from the store.
 */
export interface Period {
  /** "2026-W49" or "2026-12". */
  id: string;
  kind: 'week' | 'month';
  /** First day, and the day after the last. */
  from: IsoDate;
  until: IsoDate;
  year: number;
  /** The ISO week number or the month (1–12). */
  number: number;
}

const WEEK = /^(\d{4})-W(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const pad = (n: number) => String(n).padStart(2, '0');

// date-fns counts ISO weeks in the process's own zone: a calendar date is read as that zone's
// midnight and written back with its local fields, so no zone ever shifts it by a day.
const local = (date: IsoDate) => parseISO(date);
const isoDate = (date: Date): IsoDate => format(date, 'yyyy-MM-dd');

/** The ISO week a date is in (the week of the year's first Thursday is week 1). */
export function weekOf(date: IsoDate): Period {
  const day = local(date);
  const year = getISOWeekYear(day);
  const number = getISOWeek(day);
  const from = isoDate(startOfISOWeek(day));
  return { id: `${year}-W${pad(number)}`, kind: 'week', from, until: addDays(from, 7), year, number };
}

export function monthOf(date: IsoDate): Period {
  const year = Number(date.slice(0, 4));
  const number = Number(date.slice(5, 7));
  const next = number === 12 ? `${year + 1}-01-01` : `${year}-${pad(number + 1)}-01`;
  return { id: `${year}-${pad(number)}`, kind: 'month', from: `${year}-${pad(number)}-01`, until: next, year, number };
}

/** The period an id names, or undefined for anything else (a week 53 the year has not got, month 13). */
export function parsePeriod(id: string): Period | undefined {
  const week = WEEK.exec(id);
  if (week) {
    // A week the year has not got (53 in most years, 00) lands in another year's: refused.
    const period = weekOf(isoDate(setISOWeek(startOfISOWeekYear(new Date(Number(week[1]), 0, 4)), Number(week[2]))));
    return period.id === id ? period : undefined;
  }
  const month = MONTH.exec(id);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) return monthOf(`${month[1]}-${month[2]}-01`);
  return undefined;
}

/** The periods offered: the last twelve weeks and the next four, the last twelve months and the next; the newest first. */
export function periodOptions(today: IsoDate): { weeks: Period[]; months: Period[] } {
  const weeks = Array.from({ length: 17 }, (_, i) => weekOf(addDays(today, (4 - i) * 7)));
  const months: Period[] = [];
  for (let month = monthOf(monthOf(today).until); months.length < 14; month = monthOf(addDays(month.from, -1))) months.push(month);
  return { weeks, months };
}

export interface OverviewRow extends OutcomeCounts {
  /** Seats taken by bookings still standing, and seats the schedule offered. */
  seatsUsed: number;
  capacity: number;
}

/** One row per meeting type the centre offers, with the seats its sessions offered over the period (as the schedule's exceptions left them: none in a closed one). */
export function overviewRows(location: Location, period: Period, counts: readonly OutcomeCounts[], exceptions: readonly ScheduleException[]): OverviewRow[] {
  const capacity = new Map<string, number>();
  for (let date = period.from; date < period.until; date = addDays(date, 1)) {
    for (const slot of scheduledDay(location, date, exceptions)) if (!slot.closed) capacity.set(slot.type, (capacity.get(slot.type) ?? 0) + slot.capacity);
  }
  return location.meetingTypes.map((type) => {
    const c = counts.find((x) => x.type === type) ?? { type, bookings: 0, cancelled: 0, attended: 0, noShow: 0, lateCancel: 0 };
    return { ...c, seatsUsed: c.bookings - c.cancelled, capacity: capacity.get(type) ?? 0 };
  });
}

/** The counts of an overview row without its meeting type. */
export type OverviewCounts = Omit<OverviewRow, 'type'>;

const ZERO: OverviewCounts = { bookings: 0, cancelled: 0, attended: 0, noShow: 0, lateCancel: 0, seatsUsed: 0, capacity: 0 };

/** The sum of some rows' counts. */
function totalOf(rows: readonly OverviewCounts[]): OverviewCounts {
  const sum = { ...ZERO };
  for (const row of rows) for (const key of Object.keys(ZERO) as (keyof OverviewCounts)[]) sum[key] += row[key];
  return sum;
}

/**
 * Several centres' rows together: per meeting type (in the order the types
 * first come) and per centre, for an overview of all of a person's centres.
 */
export function combinedRows(centres: readonly { centre: string; rows: readonly OverviewRow[] }[]): { byType: OverviewRow[]; byCentre: ({ centre: string } & OverviewCounts)[] } {
  const types = [...new Set(centres.flatMap((c) => c.rows.map((r) => r.type)))];
  return {
    byType: types.map((type) => ({ type, ...totalOf(centres.flatMap((c) => c.rows.filter((r) => r.type === type))) })),
    byCentre: centres.map((c) => ({ centre: c.centre, ...totalOf(c.rows) })),
  };
}

/** The instants a period spans, for the store's count. */
export const periodInstants = (period: Period) => ({ from: stockholmInstant(period.from, '00:00'), to: stockholmInstant(period.until, '00:00') });
