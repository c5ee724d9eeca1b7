import type { Location, MeetingType } from '../catalog/schema.ts';
import { addDays, daysBetween, isClosed, isoWeekday, stockholmDate, stockholmInstant, type IsoDate } from './calendar.ts';
import { extrasOn, sessionState, type ClosureReason, type ScheduleException } from './exceptions.ts';

/**
 * Bookable slots, computed from a location's weekly schedule. Slots are not
 * stored: a slot id names its location, type and Stockholm start time, so the
 * server can check any id against the schedule it has today. Every function
 * here takes the schedule's exceptions (exceptions.ts) as read for the
 * request: closed sessions are not offered, extra ones are, and a changed
 * capacity replaces the schedule's.
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

/** What a slot id names (not yet checked against any schedule). */
export function slotParts(id: string): { location: string; type: string; date: IsoDate; time: string } | undefined {
  const match = SLOT_ID.exec(id);
  if (!match) return undefined;
  const [, location, type, y, m, d, hh, mm] = match as unknown as string[];
  return { location: location!, type: type!, date: `${y}-${m}-${d}`, time: `${hh}:${mm}` };
}

type ScheduleRow = Location['exampleConfiguration']['booking']['schedule'][number];

/** A session of a day as staff see it: open or closed (and why), extra, or with its capacity changed. */
export interface Session extends Slot {
  closed: ClosureReason | null;
  extra: boolean;
  /** An exception changed the schedule's capacity. */
  changed: boolean;
}

/** What a session is made from: a schedule row or an extra session. */
type Shape = Pick<ScheduleRow, 'minutes' | 'capacity'>;

function slotAt(location: Location, type: MeetingType, date: IsoDate, shape: Shape, hhmm: string): Slot {
  const start = stockholmInstant(date, hhmm);
  return {
    id: slotId(location.id, type, date, hhmm),
    location: location.id,
    type,
    start,
    end: new Date(start.getTime() + shape.minutes * 60_000),
    capacity: shape.capacity,
  };
}

/** A computed slot as the exceptions leave it. */
function withExceptions(slot: Slot, date: IsoDate, extra: boolean, exceptions: readonly ScheduleException[]): Session {
  const state = sessionState(slot.id, slot.location, date, exceptions);
  return { ...slot, capacity: state.capacity ?? slot.capacity, closed: state.closed, extra, changed: !extra && state.capacity !== null };
}

/** The schedule's rows for a type at a location on one Stockholm date, before booking rules apply. */
function rowsOn(location: Location, type: MeetingType, date: IsoDate): ScheduleRow[] {
  if (isClosed(date)) return [];
  const weekday = isoWeekday(date);
  return location.exampleConfiguration.booking.schedule.filter((row) => row.type === type && row.weekdays.includes(weekday));
}

/**
 * Every session of a type at a location on one Stockholm date, the schedule's
 * and the extra ones (closed ones too), before booking rules apply. An extra
 * session at a scheduled time is ignored: the schedule's session is there.
 */
function sessionsOn(location: Location, type: MeetingType, date: IsoDate, exceptions: readonly ScheduleException[]): Session[] {
  const rows = rowsOn(location, type, date);
  const scheduled = rows.flatMap((row) => row.times.map((hhmm) => withExceptions(slotAt(location, type, date, row, hhmm), date, false, exceptions)));
  const extras = extrasOn(location.id, type, date, exceptions)
    .filter((e) => !rows.some((row) => row.times.includes(e.time)))
    .map((e) => withExceptions(slotAt(location, type, date, e, e.time), date, true, exceptions));
  return [...scheduled, ...extras];
}

/** Every session at a location on one date, all meeting types, closed ones too, in time order: the staff's day. */
export function scheduledDay(location: Location, date: IsoDate, exceptions: readonly ScheduleException[]): Session[] {
  return location.meetingTypes
    .flatMap((type) => sessionsOn(location, type, date, exceptions))
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.type.localeCompare(b.type));
}

/** A session as a resident may book it: nothing about closures. */
const asSlot = ({ closed: _c, extra: _e, changed: _ch, ...slot }: Session): Slot => slot;

/** Whether a slot may be booked now: after the lead time and within the booking horizon. */
export function isBookable(location: Location, slot: Slot, now: Date): boolean {
  const { leadHours, horizonWeeks } = location.exampleConfiguration.booking;
  if (slot.start.getTime() < now.getTime() + leadHours * 3_600_000) return false;
  return daysBetween(stockholmDate(now), stockholmDate(slot.start)) <= horizonWeeks * 7;
}

/** Bookable slots in a date range (inclusive), in time order: open ones only. */
export function slotsBetween(location: Location, type: MeetingType, from: IsoDate, to: IsoDate, now: Date, exceptions: readonly ScheduleException[]): Slot[] {
  const slots: Slot[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    slots.push(...sessionsOn(location, type, date, exceptions).filter((s) => !s.closed && isBookable(location, s, now)).map(asSlot));
  }
  return slots.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/**
 * The slot an id names, if the schedule (or an extra session) has it, it is
 * not closed and it can be booked now; anything else (unknown, a holiday,
 * closed, past, inside the lead time) is unavailable.
 */
export function resolveSlot(id: string, locations: readonly Location[], now: Date, exceptions: readonly ScheduleException[]): Slot | undefined {
  const parts = slotParts(id);
  if (!parts) return undefined;
  const { location: locationId, type, date, time: hhmm } = parts;
  const location = locations.find((l) => l.id === locationId);
  if (!location || !location.meetingTypes.includes(type as MeetingType)) return undefined;
  // Only the slot the id names is computed (a time zone conversion each): a booking checks one, not the day's.
  const row = rowsOn(location, type as MeetingType, date).find((r) => r.times.includes(hhmm));
  const shape = row ?? extrasOn(location.id, type as MeetingType, date, exceptions).find((e) => e.time === hhmm);
  const session = shape && withExceptions(slotAt(location, type as MeetingType, date, shape, hhmm), date, !row, exceptions);
  // The id must round-trip: 02:30 on the spring DST day does not exist in Stockholm.
  return session && !session.closed && stockholmDate(session.start) === date && isBookable(location, session, now) ? asSlot(session) : undefined;
}
