import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Location, MeetingType } from '../catalog/schema.ts';
import type { IsoDate } from './calendar.ts';
import { exceptionAudit, exceptionId, exceptionSlot, isClosure, type ClosureReason, type NewException, type ScheduleException } from './exceptions.ts';
import { scheduledDay, slotId, slotParts, type Session } from './slots.ts';
import { appendInChange } from './staff-store.ts';
import type { Booking } from './store.ts';
import type { BookingRow, Database, ScheduleExceptionsTable } from './tables.ts';

/**
 * The schedule's exceptions (exceptions.ts) and what follows from them in the
 * database, on the intake store's connection (IntakeStore.schedule()).
 *
 * The seat row (slot_seats) is the lock, as for bookings: an exception's
 * transaction writes the state it gives each session it touches (closed, and
 * the capacity) onto that session's seat row, in slot id order, and
 * store.book / store.move take a seat only from an open row. So a booking
 * that committed before a closure is in the closed session (and on the needs
 * review list), and one that comes after it is refused, whatever slot the
 * resident's request resolved before the closure.
 */

/** The admin who changes a schedule, and the request, for the audit row written with the change. */
export interface ScheduleActor {
  account: string;
  requestId: string | undefined;
}

const auditOf = (by: ScheduleActor, location: Location) =>
  ({ actorKind: 'staff', actorId: by.account, bookingRefs: [], location: location.id, requestId: by.requestId }) as const;

export type AddResult =
  | { kind: 'saved'; exception: ScheduleException; affected: number }
  /** A closure, a capacity change: no such session on that day. */
  | { kind: 'no_session' }
  /** An extra session at a time the schedule already has one of that meeting type. */
  | { kind: 'session_exists' }
  /** A capacity below the seats already taken (named). */
  | { kind: 'below_taken'; taken: number };

export type RemoveResult =
  | { kind: 'removed'; exception: ScheduleException }
  | { kind: 'not_found' }
  /** An extra session still holding bookings: they are moved or cancelled first. */
  | { kind: 'has_bookings'; taken: number };

type Row = Selectable<ScheduleExceptionsTable>;

function toException(row: Row): ScheduleException {
  const common = { id: row.id, location: row.location, date: row.date };
  const session = { type: row.type as MeetingType, time: row.time ?? '' };
  switch (row.kind) {
    case 'closed_day':
      return { ...common, kind: 'closed_day', reason: row.reason as ClosureReason };
    case 'closed_session':
      return { ...common, ...session, kind: 'closed_session', reason: row.reason as ClosureReason };
    case 'capacity':
      return { ...common, ...session, kind: 'capacity', capacity: Number(row.capacity) };
    default:
      return { ...common, ...session, kind: 'extra', minutes: Number(row.minutes), capacity: Number(row.capacity) };
  }
}

/**
 * The sessions (slot ids) an exception touches on its day, given the day's
 * sessions: all of them for a day's closure, else its own session, which
 * must exist (a closure, a capacity) or be new or extra (an extra session).
 */
export function touchedBy(exception: ScheduleException, day: readonly Session[]): string[] | { kind: 'no_session' | 'session_exists' } {
  const target = exceptionSlot(exception);
  if (target === undefined) return day.map((s) => s.id);
  const existing = day.find((s) => s.id === target);
  if (exception.kind === 'extra') return existing && !existing.extra ? { kind: 'session_exists' } : [target];
  return existing ? [target] : { kind: 'no_session' };
}

/** Thrown inside a transaction to roll it back with an answer for the caller. */
class Refused extends Error {
  readonly result: AddResult | RemoveResult;
  constructor(result: AddResult | RemoveResult) {
    super(result.kind);
    this.result = result;
  }
}

export class ScheduleStore {
  private readonly kind: 'sqlite' | 'postgres';
  private readonly db: Kysely<Database>;
  /** The intake store's one row mapping (details opened, the cancel token's hash left out). */
  private readonly opened: (row: BookingRow) => Booking;

  constructor(kind: 'sqlite' | 'postgres', db: Kysely<Database>, opened: (row: BookingRow) => Booking) {
    this.kind = kind;
    this.db = db;
    this.opened = opened;
  }

  /** The exceptions at some centres over a date range (inclusive), by date: one indexed query, read afresh for each request. */
  async between(locations: readonly string[], from: IsoDate, to: IsoDate, db: Kysely<Database> = this.db): Promise<ScheduleException[]> {
    if (locations.length === 0) return [];
    const rows = await db
      .selectFrom('scheduleExceptions')
      .selectAll()
      .where('location', 'in', locations)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .orderBy('date')
      .orderBy('time')
      .orderBy('id')
      .execute();
    return rows.map(toException);
  }

  /** The exceptions that can bear on one slot id: its centre's, on its date. */
  async forSlot(id: string, db: Kysely<Database> = this.db): Promise<ScheduleException[]> {
    const parts = slotParts(id);
    return parts ? this.between([parts.location], parts.date, parts.date, db) : [];
  }

  /** Active bookings in the given sessions: what a closure of them affects. */
  async activeIn(slotIds: readonly string[], db: Kysely<Database> = this.db): Promise<number> {
    if (slotIds.length === 0) return 0;
    const row = await db
      .selectFrom('bookings')
      .select((eb) => eb.fn.countAll<string | number>().as('count'))
      .where('slotId', 'in', slotIds)
      .where('cancelledAt', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /**
   * Adds an exception (or replaces the one of its kind for the same session
   * or day) and writes the sessions' new state onto their seat rows and the
   * admin's audit row, in one transaction; a capacity below the seats taken,
   * or an audit row refused, rolls it all back. `affected` is how many active
   * bookings the touched sessions hold.
   */
  async add(wanted: NewException, location: Location, by: ScheduleActor, now: Date): Promise<AddResult> {
    const id = exceptionId(wanted, slotId);
    const exception = { ...wanted, id } as ScheduleException;
    return this.change(location, wanted.date, async (trx, before) => {
      const fits = touchedBy(exception, scheduledDay(location, wanted.date, before));
      if (!Array.isArray(fits)) throw new Refused(fits);
      await trx.deleteFrom('scheduleExceptions').where('id', '=', id).execute();
      await trx
        .insertInto('scheduleExceptions')
        .values({
          id,
          location: wanted.location,
          date: wanted.date,
          kind: wanted.kind,
          type: wanted.kind === 'closed_day' ? null : wanted.type,
          time: wanted.kind === 'closed_day' ? null : wanted.time,
          minutes: wanted.kind === 'extra' ? wanted.minutes : null,
          capacity: wanted.kind === 'capacity' || wanted.kind === 'extra' ? wanted.capacity : null,
          reason: isClosure(wanted) ? wanted.reason : null,
          createdBy: by.account,
          createdAt: now,
        })
        .execute();
      const after = scheduledDay(location, wanted.date, [...before.filter((e) => e.id !== id), exception]);
      // A day's closure touches every session of it, the extra ones included.
      const touched = touchedBy(exception, after) as string[];
      const strict = wanted.kind === 'capacity' || wanted.kind === 'extra';
      for (const slot of [...touched].sort()) await this.settle(trx, slot, after.find((s) => s.id === slot), strict);
      const affected = await this.activeIn(touched, trx);
      await appendInChange(trx, { ...auditOf(by, location), ...exceptionAudit(exception, affected) }, now);
      return { kind: 'saved', exception, affected };
    });
  }

  /** What adding an exception would do, before it is confirmed: how many active bookings its sessions hold, or why it cannot be. */
  async preview(wanted: NewException, location: Location): Promise<Exclude<AddResult, { kind: 'saved' | 'below_taken' }> | { kind: 'ok'; affected: number }> {
    const exception = { ...wanted, id: exceptionId(wanted, slotId) } as ScheduleException;
    const fits = touchedBy(exception, scheduledDay(location, wanted.date, await this.between([location.id], wanted.date, wanted.date)));
    return Array.isArray(fits) ? { kind: 'ok', affected: await this.activeIn(fits) } : fits;
  }

  /**
   * Removes an exception: the sessions it touched go back to what the
   * schedule (and any other exception) says. A removed extra session must
   * hold no booking; its seat row is closed in the same transaction, so none
   * slips in meanwhile. The admin's audit row is written in it too.
   */
  async remove(id: string, location: Location, by: ScheduleActor, now: Date): Promise<RemoveResult> {
    const row = await this.db.selectFrom('scheduleExceptions').selectAll().where('id', '=', id).where('location', '=', location.id).executeTakeFirst();
    if (!row) return { kind: 'not_found' };
    const exception = toException(row);
    return this.change(location, exception.date, async (trx, before) => {
      if (!before.some((e) => e.id === id)) throw new Refused({ kind: 'not_found' });
      const target = exceptionSlot(exception);
      const touched = target === undefined ? scheduledDay(location, exception.date, before).map((s) => s.id) : [target];
      const after = scheduledDay(location, exception.date, before.filter((e) => e.id !== id));
      for (const slot of [...touched].sort()) await this.settle(trx, slot, after.find((s) => s.id === slot), false);
      await trx.deleteFrom('scheduleExceptions').where('id', '=', id).execute();
      await appendInChange(trx, { ...auditOf(by, location), action: 'schedule.remove', detail: id }, now);
      return { kind: 'removed', exception };
    });
  }

  /**
   * One change of a day's exceptions, one at a time per centre and day:
   * PostgreSQL takes an advisory lock for the transaction (two admins closing
   * a day and adding a session to it see each other's row); SQLite's
   * IMMEDIATE transaction already runs one writer at a time.
   */
  private async change<R extends AddResult | RemoveResult>(location: Location, date: IsoDate, body: (trx: Transaction<Database>, before: ScheduleException[]) => Promise<R>): Promise<R> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        if (this.kind === 'postgres') await sql`SELECT pg_advisory_xact_lock(hashtext(${`schedule:${location.id}:${date}`}))`.execute(trx);
        return body(trx, await this.between([location.id], date, date, trx));
      });
    } catch (error) {
      if (error instanceof Refused) return error.result as R;
      throw error;
    }
  }

  /**
   * Writes a session's state onto its seat row (made if the session has none
   * yet) while holding it. `session` undefined: the session is gone (a
   * removed extra one) and must be empty. `strict`: the capacity is what was
   * asked for, refused below the seats taken; otherwise (a closure, a
   * removal) it never drops below them.
   */
  private async settle(trx: Transaction<Database>, id: string, session: Session | undefined, strict: boolean): Promise<void> {
    await trx
      .insertInto('slotSeats')
      .values({ slotId: id, capacity: session?.capacity ?? 1, booked: 0 })
      .onConflict((oc) => oc.column('slotId').doNothing())
      .execute();
    const seat = await trx
      .selectFrom('slotSeats')
      .select('booked')
      .where('slotId', '=', id)
      .$if(this.kind === 'postgres', (q) => q.forUpdate())
      .executeTakeFirstOrThrow();
    const taken = Number(seat.booked);
    if (!session) {
      if (taken > 0) throw new Refused({ kind: 'has_bookings', taken });
      await trx.updateTable('slotSeats').set({ closed: true, capacityFixed: false }).where('slotId', '=', id).execute();
      return;
    }
    if (strict && session.capacity < taken) throw new Refused({ kind: 'below_taken', taken });
    await trx
      .updateTable('slotSeats')
      .set({ closed: session.closed !== null, capacity: Math.max(session.capacity, taken), capacityFixed: session.extra || session.changed })
      .where('slotId', '=', id)
      .execute();
  }


  /**
   * The needs-review list: active bookings at a centre, from `from` on, in a
   * session that is closed now. Derived from the seat rows the closures
   * wrote, so it holds exactly the bookings the closure did not refuse; a
   * booking leaves it once moved out of the session or cancelled.
   */
  async needsReview(location: string, from: Date): Promise<Booking[]> {
    const rows = await this.reviewQuery(location, from).selectAll('bookings').orderBy('bookings.startsAt').orderBy('bookings.createdAt').execute();
    return rows.map(this.opened);
  }

  /** How many bookings the needs-review list holds at a centre: a count, nothing personal. */
  async reviewCount(location: string, from: Date): Promise<number> {
    const row = await this.reviewQuery(location, from)
      .select((eb) => eb.fn.countAll<string | number>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  private reviewQuery(location: string, from: Date) {
    return this.db
      .selectFrom('bookings')
      .innerJoin('slotSeats', 'slotSeats.slotId', 'bookings.slotId')
      .where('bookings.location', '=', location)
      .where('bookings.startsAt', '>=', from)
      .where('bookings.cancelledAt', 'is', null)
      .where('slotSeats.closed', '=', true);
  }
}
