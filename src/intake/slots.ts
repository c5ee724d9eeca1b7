import type { Location, MeetingType } from '../catalog/schema.ts';
import { addDays, daysBetween, isClosed, isoWeekday, stockholmDate, stockholmInstant, type IsoDate } from './calendar.ts';

/**
 * Bookable slots, computed from a location's weekly schedule. Slots are not
 * stored: a slot id names its location, type and Stockholm start time, so the
 * server can check any id against the schedule it has today.
 */
export interface Slot {
  id: string;
  location: string;
  type: MeetingType;
  start: Date;
  end: Date;
  capacity: number;
}

const SLOT_ID = /^([a-z0-9-]+)\.([a-z-]+)\.(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})$/;

export function slotId(location: string, type: MeetingType, date: IsoDate, hhmm: string): string {
  return `${location}.${type}.${date.replaceAll('-', '')}T${hhmm.replace(':', '')}`;
}

type ScheduleRow = Location['exampleConfiguration']['booking']['schedule'][number];

function slotAt(location: Location, type: MeetingType, date: IsoDate, row: ScheduleRow, hhmm: string): Slot {
  const start = stockholmInstant(date, hhmm);
  return {
    id: slotId(location.id, type, date, hhmm),
    location: location.id,
    type,
    start,
    end: new Date(start.getTime() + row.minutes * 60_000),
    capacity: row.capacity,
  };
}

/** The schedule's rows for a type at a location on one Stockholm date, before booking rules apply. */
function rowsOn(location: Location, type: MeetingType, date: IsoDate): ScheduleRow[] {
  if (isClosed(date)) return [];
  const weekday = isoWeekday(date);
  return location.exampleConfiguration.booking.schedule.filter((row) => row.type === type && row.weekdays.includes(weekday));
}

/** Every scheduled slot of a type at a location on one Stockholm date, before booking rules apply. */
function scheduledOn(location: Location, type: MeetingType, date: IsoDate): Slot[] {
  return rowsOn(location, type, date).flatMap((row) => row.times.map((hhmm) => slotAt(location, type, date, row, hhmm)));
}

/** Every scheduled slot at a location on one date, all meeting types, in time order: the staff's day. */
export function scheduledDay(location: Location, date: IsoDate): Slot[] {
  return location.meetingTypes.flatMap((type) => scheduledOn(location, type, date)).sort((a, b) => a.start.getTime() - b.start.getTime() || a.type.localeCompare(b.type));
}

/** Whether a slot may be booked now: after the lead time and within the booking horizon. */
export function isBookable(location: Location, slot: Slot, now: Date): boolean {
  const { leadHours, horizonWeeks } = location.exampleConfiguration.booking;
  if (slot.start.getTime() < now.getTime() + leadHours * 3_600_000) return false;
  return daysBetween(stockholmDate(now), stockholmDate(slot.start)) <= horizonWeeks * 7;
}

/** Bookable slots in a date range (inclusive), in time order. */
export function slotsBetween(location: Location, type: MeetingType, from: IsoDate, to: IsoDate, now: Date): Slot[] {
  const slots: Slot[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    slots.push(...scheduledOn(location, type, date).filter((slot) => isBookable(location, slot, now)));
  }
  return slots.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/**
 * The slot an id names, if the schedule has it and it can be booked now;
 * anything else (unknown, a holiday, past, inside the lead time) is unavailable.
 */
export function resolveSlot(id: string, locations: readonly Location[], now: Date): Slot | undefined {
  const match = SLOT_ID.exec(id);
  if (!match) return undefined;
  const [, locationId, type, y, m, d, hh, mm] = match as unknown as string[];
  const location = locations.find((l) => l.id === locationId);
  if (!location || !location.meetingTypes.includes(type as MeetingType)) return undefined;
  const date = `${y}-${m}-${d}`;
  const hhmm = `${hh}:${mm}`;
  // Only the slot the id names is computed (a time zone conversion each): a booking checks one, not the day's.
  const row = rowsOn(location, type as MeetingType, date).find((r) => r.times.includes(hhmm));
  const slot = row && slotAt(location, type as MeetingType, date, row, hhmm);
  // The id must round-trip: 02:30 on the spring DST day does not exist in Stockholm.
  return slot && stockholmDate(slot.start) === date && isBookable(location, slot, now) ? slot : undefined;
}
