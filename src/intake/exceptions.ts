import type { MeetingType } from '../catalog/schema.ts';
import type { IsoDate } from './calendar.ts';

/**
 * Exceptions to a job centre's weekly schedule, made by admins in the staff
 * workspace: a day or one session closed, one session's capacity changed, an
 * extra session added. The weekly schedule (content/catalog/locations.json)
 * stays the default; slots.ts applies these on top. Pure: the rows are read
 * by schedule-store.ts and passed in.
 */

/** Why a day or session is closed: codes only, so no free text can carry a resident's details. */
export const closureReasons = ['illness', 'training', 'other'] as const;
export type ClosureReason = (typeof closureReasons)[number];
export const isClosureReason = (v: string): v is ClosureReason => (closureReasons as readonly string[]).includes(v);

export const exceptionKinds = ['closed_day', 'closed_session', 'capacity', 'extra'] as const;
export type ExceptionKind = (typeof exceptionKinds)[number];
export const isExceptionKind = (v: string): v is ExceptionKind => (exceptionKinds as readonly string[]).includes(v);

/** A day's or a session's closure: the kinds that carry a reason, and that bookings can be caught in. */
const closureKinds: readonly string[] = ['closed_day', 'closed_session'] satisfies ExceptionKind[];
export const isClosure = <E extends { kind: string }>(e: E): e is Extract<E, { kind: 'closed_day' | 'closed_session' }> => closureKinds.includes(e.kind);

interface Common {
  /** Names what it changes (see exceptionId), so one session has at most one exception of each kind. */
  id: string;
  location: string;
  date: IsoDate;
}

/** One session: a meeting type at a Stockholm start time (HH:MM) on the exception's date. */
interface Session {
  type: MeetingType;
  time: string;
}

export type ScheduleException =
  | (Common & { kind: 'closed_day'; reason: ClosureReason })
  | (Common & Session & { kind: 'closed_session'; reason: ClosureReason })
  | (Common & Session & { kind: 'capacity'; capacity: number })
  | (Common & Session & { kind: 'extra'; minutes: number; capacity: number });

/** An exception as a person asks for it, before it has its id. */
export type NewException = ScheduleException extends infer E ? (E extends ScheduleException ? Omit<E, 'id'> : never) : never;

/** A session exception's slot id has the slot's own form (slots.ts slotId), so an extra session is booked like any other. */
export function exceptionId(e: NewException, slotId: (location: string, type: MeetingType, date: IsoDate, hhmm: string) => string): string {
  return e.kind === 'closed_day' ? `${e.location}.${e.date.replaceAll('-', '')}.closed_day` : `${slotId(e.location, e.type, e.date, e.time)}.${e.kind}`;
}

/** The slot id a session exception is about; none for a whole day. */
export function exceptionSlot(e: ScheduleException): string | undefined {
  return e.kind === 'closed_day' ? undefined : e.id.slice(0, e.id.lastIndexOf('.'));
}

/** The audit action of adding an exception of a kind: a day's or a session's closure is one. */
export const exceptionAction = (e: { kind: ExceptionKind }) => (isClosure(e) ? 'schedule.close' : `schedule.${e.kind}`);

/**
 * The audit row's action and detail for an exception saved: its id, the
 * reason code or the capacity, and for a closure how many bookings it
 * affects. Codes and numbers only: nothing anyone typed.
 */
export function exceptionAudit(e: ScheduleException, affected: number): { action: string; detail: string } {
  const detail = isClosure(e) ? [e.id, e.reason, `affected=${affected}`] : [e.id, `capacity=${e.capacity}`];
  return { action: exceptionAction(e), detail: detail.join(' ') };
}

/** What the exceptions make of one session of a day. */
export interface SessionState {
  /** Closed, and why (a session's own closure before its day's). */
  closed: ClosureReason | null;
  /** The capacity an exception sets (a changed capacity, or an extra session's), if one does. */
  capacity: number | null;
}

/** The state of one session (by its slot id) on its day under the given exceptions (any others are ignored). */
export function sessionState(slotId: string, location: string, date: IsoDate, exceptions: readonly ScheduleException[]): SessionState {
  let closed: ClosureReason | null = null;
  let capacity: number | null = null;
  let dayClosed: ClosureReason | null = null;
  for (const e of exceptions) {
    if (e.location !== location || e.date !== date) continue;
    if (e.kind === 'closed_day') dayClosed = e.reason;
    else if (exceptionSlot(e) !== slotId) continue;
    else if (e.kind === 'closed_session') closed = e.reason;
    else capacity = e.capacity;
  }
  return { closed: closed ?? dayClosed, capacity };
}

/** The extra sessions the exceptions add at a location on a date, of one meeting type. */
export function extrasOn(location: string, type: MeetingType, date: IsoDate, exceptions: readonly ScheduleException[]): Extract<ScheduleException, { kind: 'extra' }>[] {
  return exceptions.filter((e): e is Extract<ScheduleException, { kind: 'extra' }> => e.kind === 'extra' && e.location === location && e.date === date && e.type === type);
}
