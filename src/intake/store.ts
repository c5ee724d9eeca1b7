import { randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { Migrator } from 'kysely/migration';
import { contactKey, type BookingRequest } from './booking-schema.ts';
import { ENVELOPE, type Keyring } from './keyring.ts';
import { migrations } from './migrations.ts';
import { plan, type Actor, type Change, type MessageState, type PlannedMessage } from './outbox.ts';
import type { ScheduleException } from './exceptions.ts';
import type { Slot } from './slots.ts';
import { ScheduleStore } from './schedule-store.ts';
import type { Attendance, StaffAct } from './staff-acts.ts';
import { appendInChange, StaffStore } from './staff-store.ts';
import type { BookingRow, BookingsTable, Database, MessageRow } from './tables.ts';

/** A booking as staff read it: details opened, times UTC instants. */
export type Booking = Omit<
  BookingRow,
  'startsAt' | 'endsAt' | 'createdAt' | 'cancelledAt' | 'erasedAt' | 'interpreter' | 'notifyEmail' | 'notifySms' | 'cancelTokenHash' | 'idempotencyKey' | 'requestHash' | 'emailLookup' | 'phoneLookup'
> & {
  start: Date;
  end: Date;
  interpreter: boolean;
  notifyEmail: boolean;
  notifySms: boolean;
  createdAt: Date;
  cancelledAt: Date | null;
  /** Set when the resident's details were erased on request: name is then empty and the rest null. */
  erasedAt: Date | null;
};

/** An outbox row as the worker and staff read it. */
export type Message = Omit<MessageRow, 'dueAt' | 'nextAttemptAt' | 'sentAt' | 'createdAt' | 'attempts'> & {
  dueAt: Date;
  nextAttemptAt: Date;
  sentAt: Date | null;
  createdAt: Date;
  attempts: number;
};

/** How the outbox plans messages: hours before a meeting its reminder goes. */
export interface OutboxPolicy {
  reminderHours: number;
}

export interface NewBooking {
  reference: string;
  /** SHA-256 of the cancel token. */
  cancelTokenHash: string;
  request: BookingRequest;
  /**
   * How to resolve the slot from the schedule's exceptions on its day, which
   * are read inside the booking's own transaction. On SQLite that matters for
   * speed: a read outside a transaction makes the driver commit the open
   * group first (node-sqlite.ts), one fsync per booking.
   */
  slot: (exceptions: ScheduleException[]) => Slot | undefined;
  idempotencyKey: string | undefined;
  /** SHA-256 of the normalised request, to tell a replay from a different body under the same key. */
  requestHash: string;
  now: Date;
  outbox: OutboxPolicy;
  /** Set when staff book for a resident: the account and how the resident reached them. */
  by?: Omit<StaffAct, 'reason' | 'note'> | undefined;
}

export type BookResult =
  | { kind: 'created'; booking: Booking }
  | { kind: 'replayed'; booking: Booking }
  | { kind: 'key_reused' }
  | { kind: 'slot_full' }
  /** A schedule exception closed the session (its seat row) after the request resolved its slot. */
  | { kind: 'slot_closed' }
  /** The slot resolved inside the transaction is not (or no longer) one the schedule offers now. */
  | { kind: 'slot_unavailable' }
  /** The reference, or the key, was taken by a booking committed meanwhile: try again with a new reference. */
  | { kind: 'conflict' };

export type CancelResult = 'cancelled' | 'already_cancelled' | 'not_found';

export type MoveResult = { kind: 'moved'; booking: Booking } | { kind: 'unchanged' } | { kind: 'slot_full' | 'cancelled' | 'not_found' };

export type AttendanceResult = 'recorded' | 'unchanged' | 'not_started' | 'not_found';

/** One meeting type's bookings at a centre over a period, counted: nothing personal. */
export interface OutcomeCounts {
  type: string;
  /** Every booking of a meeting in the period, cancelled ones included. */
  bookings: number;
  cancelled: number;
  attended: number;
  noShow: number;
  lateCancel: number;
}

/** The intake_secrets row whose value keys the cancel tokens derived from idempotency keys. */
export const TOKEN_SECRET = 'cancel-token';
const newSecret = () => randomBytes(32).toString('base64url');

/** The resident's details: the columns sealed at rest. */
export const personalColumns = ['name', 'email', 'phone', 'interpreterLanguage', 'needs'] as const;
type Details = Pick<BookingsTable, (typeof personalColumns)[number]>;
type SealedDetails = Details & Pick<BookingsTable, 'emailLookup' | 'phoneLookup'>;

/** Associated data of a sealed field: its column and its booking, so a value moved elsewhere does not open. */
const context = (column: string, reference: string) => `bookings.${column}.${reference}`;

/**
 * Seals a booking's details for storage, with the keyed hashes of its e-mail
 * and phone. With open() below, the only place details cross the line
 * between plain and sealed: every reader gets plain values from toBooking.
 */
export function sealDetails(keyring: Keyring, reference: string, details: { [K in keyof Details]: Details[K] | undefined }): SealedDetails {
  const seal = (column: keyof Details, value: string | null | undefined) => (value == null ? null : keyring.seal(value, context(column, reference)));
  return {
    name: keyring.seal(details.name ?? '', context('name', reference)),
    email: seal('email', details.email),
    phone: seal('phone', details.phone),
    interpreterLanguage: seal('interpreterLanguage', details.interpreterLanguage),
    needs: seal('needs', details.needs),
    emailLookup: details.email ? keyring.lookup('email', contactKey('email', details.email)) : null,
    phoneLookup: details.phone ? keyring.lookup('phone', contactKey('phone', details.phone)) : null,
  };
}

function openDetails(keyring: Keyring, row: Pick<BookingRow, 'reference'> & Details): Details {
  const open = (column: keyof Details, value: string | null) => (value === null ? null : keyring.open(value, context(column, row.reference)));
  return {
    name: open('name', row.name) ?? '',
    email: open('email', row.email),
    phone: open('phone', row.phone),
    interpreterLanguage: open('interpreterLanguage', row.interpreterLanguage),
    needs: open('needs', row.needs),
  };
}

/** The stored form of a request's hash: keyed, since the request it hashes holds the details. */
const storedRequestHash = (keyring: Keyring, hash: string) => keyring.lookup('request', hash);

/** The one row mapping: details opened, instants and flags as the two databases return them, the rest as stored. */
function toBooking(keyring: Keyring, row: BookingRow): Booking & { cancelTokenHash: string } {
  const { startsAt, endsAt, createdAt, cancelledAt, erasedAt, interpreter, notifyEmail, notifySms, idempotencyKey: _key, requestHash: _hash, emailLookup: _e, phoneLookup: _p, ...rest } = row;
  return {
    ...rest,
    ...openDetails(keyring, row),
    start: new Date(startsAt),
    end: new Date(endsAt),
    interpreter: Boolean(interpreter),
    notifyEmail: Boolean(notifyEmail),
    notifySms: Boolean(notifySms),
    createdAt: new Date(createdAt),
    cancelledAt: cancelledAt === null ? null : new Date(cancelledAt),
    erasedAt: erasedAt === null ? null : new Date(erasedAt),
  };
}

function toMessage(row: MessageRow): Message {
  const { dueAt, nextAttemptAt, sentAt, createdAt, attempts, ...rest } = row;
  return {
    ...rest,
    attempts: Number(attempts),
    dueAt: new Date(dueAt),
    nextAttemptAt: new Date(nextAttemptAt),
    sentAt: sentAt === null ? null : new Date(sentAt),
    createdAt: new Date(createdAt),
  };
}

/** Reminders not yet sent are no longer owed once the booking moves or is cancelled. */
const PENDING: MessageState[] = ['queued', 'failed'];

/** Writes planned messages as queued outbox rows, inside the caller's transaction. */
async function enqueue(trx: Transaction<Database>, reference: string, messages: PlannedMessage[], now: Date): Promise<void> {
  if (messages.length === 0) return;
  await trx
    .insertInto('messages')
    .values(messages.map((m) => ({ ...m, id: randomUUID(), reference, state: 'queued', nextAttemptAt: m.dueAt, createdAt: now })))
    .execute();
}

/** Marks a booking's messages of one kind that are not yet sent as no longer owed. */
async function dropPending(trx: Transaction<Database>, reference: string, kind: PlannedMessage['kind']): Promise<void> {
  await trx.updateTable('messages').set({ state: 'dropped' }).where('reference', '=', reference).where('kind', '=', kind).where('state', 'in', PENDING).execute();
}

/** One step of a booking's history, as staff read it. */
export interface BookingEvent {
  at: Date;
  kind: 'booked' | 'moved' | 'cancelled' | 'attendance';
  actor: Actor;
  /** When the meeting starts after the change; null for a cancellation or attendance. */
  startsAt: Date | null;
  reason: string | null;
  /** The staff account that acted, how the resident reached them, the attendance recorded. */
  actorAccount: string | null;
  channel: string | null;
  attendance: string | null;
  /** Staff's words for a reason "other", opened; null once the booking's details are erased. */
  note: string | null;
}

/** Associated data of a history note: its booking, so a note moved to another booking does not open. */
const noteContext = (reference: string) => `booking_events.note.${reference}`;

/**
 * Records a change in the booking's history, inside the caller's transaction.
 * When staff acted, the history names them (whoever the message speaks for:
 * a cancellation the resident asked for is told to them as their own), and
 * their audit row is written in the same transaction: the change and its row
 * are stored together or not at all.
 */
async function recordChange(
  trx: Transaction<Database>,
  keyring: Keyring,
  { reference, location }: { reference: string; location: string },
  event: Change | { kind: 'attendance'; attendance: Attendance },
  at: Date,
  startsAt: Date | null,
  by?: StaffAct,
): Promise<void> {
  const actor: Actor = by ? 'staff' : event.kind === 'moved' || event.kind === 'cancelled' ? event.actor : 'resident';
  const reason = by?.reason ?? (event.kind === 'moved' || event.kind === 'cancelled' ? (event.reason ?? null) : null);
  await trx
    .insertInto('bookingEvents')
    .values({
      reference,
      at,
      kind: event.kind,
      actor,
      startsAt,
      reason,
      actorAccount: by?.account ?? null,
      channel: by?.channel ?? null,
      attendance: event.kind === 'attendance' ? event.attendance : null,
      note: by?.note ? keyring.seal(by.note, noteContext(reference)) : null,
    })
    .execute();
  if (by?.audit) await appendInChange(trx, { ...by.audit, actorKind: 'staff', actorId: by.account, bookingRefs: [reference], location }, at);
}

/** Thrown inside a transaction to roll it back. */
class Conflict extends Error {}
/** Thrown when the seat a move wants is taken, to roll the move back. */
class Full extends Error {}

/**
 * The intake store, one implementation over Kysely for SQLite and PostgreSQL.
 * Capacity is enforced inside the transaction (a conditional increment of the
 * slot's seat row), so any number of API instances never overfill a slot.
 */
export class IntakeStore {
  readonly kind: 'sqlite' | 'postgres';
  private readonly db: Kysely<Database>;
  /** PostgreSQL: the schema the tables (and Kysely's migration tables) live in. */
  private readonly schema: string | undefined;
  /** The data and lookup keys (kept outside the database). */
  readonly keyring: Keyring;
  #secret: Promise<string> | undefined;

  // Plain fields, not parameter properties: `npm run intake:purge` runs this file with Node's type stripping.
  constructor(kind: 'sqlite' | 'postgres', db: Kysely<Database>, keyring: Keyring, schema?: string) {
    this.kind = kind;
    this.db = db;
    this.keyring = keyring;
    this.schema = schema;
  }

  /** Applies pending migrations; safe to call from several instances at once (PostgreSQL: an advisory lock; SQLite: an IMMEDIATE transaction). */
  async migrate(): Promise<void> {
    const migrator = new Migrator({
      db: this.db,
      provider: { getMigrations: async () => migrations(this.kind, (reference, details) => sealDetails(this.keyring, reference, details), (hash) => storedRequestHash(this.keyring, hash)) },
      // Without a schema, Kysely looks for its tables in every schema of the database.
      ...(this.schema ? { migrationTableSchema: this.schema } : {}),
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error) throw error;
    // A migration that sealed plain rows leaves the old pages in the SQLite file until a checkpoint
    // writes the new ones over them (secure_delete has zeroed the freed space in the new ones).
    if (this.kind === 'sqlite' && results?.some((r) => r.status === 'Success')) await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(this.db);
    await this.db
      .insertInto('intakeSecrets')
      .values({ name: TOKEN_SECRET, value: newSecret() })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  }

  /** The secret every instance shares for deriving cancel tokens; created by migrate(). */
  async tokenSecret(): Promise<string> {
    this.#secret ??= this.db
      .selectFrom('intakeSecrets')
      .select('value')
      .where('name', '=', TOKEN_SECRET)
      .executeTakeFirstOrThrow(() => new Error('intake secret missing: migrate() has not run'))
      .then((row) => row.value);
    return this.#secret.catch((error: unknown) => {
      this.#secret = undefined;
      throw error;
    });
  }

  /**
   * One strategy for races on both databases. The slot's seat row is the lock:
   * the upsert below holds it until commit (a row lock in PostgreSQL, the
   * write lock of the IMMEDIATE transaction in SQLite), so bookings of one
   * slot go one at a time from there, and a second request with the same key
   * (a double click) finds the first one's booking and replays it. The unique
   * reference and key are the backstop: a clash rolls the seat back and says
   * "conflict", and the caller tries again with a new reference.
   */
  async book(b: NewBooking): Promise<BookResult> {
    const { slotId: _slot, consent: _consent, name, email, phone, interpreterLanguage, needs, ...plain } = b.request;
    const requestHash = storedRequestHash(this.keyring, b.requestHash);
    try {
      return await this.db.transaction().execute(async (trx): Promise<BookResult> => {
        const slot = b.slot(await this.schedule().forSlot(b.request.slotId, trx));
        if (!slot) return { kind: 'slot_unavailable' };
        await trx
          .insertInto('slotSeats')
          .values({ slotId: slot.id, capacity: slot.capacity, booked: 0 })
          .onConflict((oc) =>
            oc.column('slotId').doUpdateSet((eb) => ({
              // The schedule may have changed; never below the seats already booked, and never over
              // a capacity an exception set (the request may have resolved its slot before it).
              capacity: eb
                .case()
                .when('slotSeats.capacityFixed', '=', true)
                .then(eb.ref('slotSeats.capacity'))
                .when('excluded.capacity', '>', eb.ref('slotSeats.booked'))
                .then(eb.ref('excluded.capacity'))
                .else(eb.ref('slotSeats.booked'))
                .end(),
            })),
          )
          .execute();
        if (b.idempotencyKey) {
          const previous = await trx.selectFrom('bookings').selectAll().where('idempotencyKey', '=', b.idempotencyKey).executeTakeFirst();
          if (previous) return previous.requestHash === requestHash ? { kind: 'replayed', booking: toBooking(this.keyring, previous) } : { kind: 'key_reused' };
        }
        const seat = await trx
          .updateTable('slotSeats')
          .set((eb) => ({ booked: eb('booked', '+', 1) }))
          .where('slotId', '=', slot.id)
          .where((eb) => eb('booked', '<', eb.ref('capacity')))
          .where('closed', '=', false)
          .executeTakeFirst();
        if (seat.numUpdatedRows === 0n) {
          const held = await trx.selectFrom('slotSeats').select('closed').where('slotId', '=', slot.id).executeTakeFirstOrThrow();
          return { kind: held.closed ? 'slot_closed' : 'slot_full' };
        }
        const row = await trx
          .insertInto('bookings')
          .values({
            ...plain,
            ...sealDetails(this.keyring, b.reference, { name, email, phone, interpreterLanguage, needs }),
            reference: b.reference,
            slotId: slot.id,
            location: slot.location,
            type: slot.type,
            startsAt: slot.start,
            endsAt: slot.end,
            cancelTokenHash: b.cancelTokenHash,
            idempotencyKey: b.idempotencyKey ?? null,
            requestHash,
            createdAt: b.now,
            madeBy: b.by?.account ?? null,
            channel: b.by?.channel ?? null,
          })
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .executeTakeFirst();
        if (!row) throw new Conflict();
        const booking = toBooking(this.keyring, row);
        await recordChange(trx, this.keyring, booking, { kind: 'booked' }, b.now, booking.start, b.by);
        await enqueue(trx, booking.reference, plan({ kind: 'booked' }, booking, b.now, b.outbox.reminderHours), b.now);
        return { kind: 'created', booking };
      });
    } catch (error) {
      if (error instanceof Conflict) return { kind: 'conflict' };
      throw error;
    }
  }

  /** Seats taken per slot id, for the slot list. */
  async taken(slotIds: readonly string[]): Promise<Map<string, number>> {
    if (slotIds.length === 0) return new Map();
    const rows = await this.db.selectFrom('slotSeats').select(['slotId', 'booked']).where('slotId', 'in', slotIds).execute();
    return new Map(rows.map((r) => [r.slotId, Number(r.booked)]));
  }

  async find(reference: string): Promise<(Booking & { cancelTokenHash: string }) | undefined> {
    const row = await this.db.selectFrom('bookings').selectAll().where('reference', '=', reference).executeTakeFirst();
    return row && toBooking(this.keyring, row);
  }

  /**
   * Cancels a booking (the caller has checked the token) and frees its seat;
   * once only, however many ask at once. In the same transaction the reminders
   * not yet sent are dropped and the cancellation message is queued.
   */
  async cancel(reference: string, now: Date, change: Extract<Change, { kind: 'cancelled' }>, outbox: OutboxPolicy, by?: StaffAct): Promise<CancelResult> {
    return this.db.transaction().execute(async (trx): Promise<CancelResult> => {
      const row = await trx
        .updateTable('bookings')
        .set({ cancelledAt: now })
        .where('reference', '=', reference)
        .where('cancelledAt', 'is', null)
        .returningAll()
        .executeTakeFirst();
      const cancelled = row && toBooking(this.keyring, row);
      if (!cancelled) {
        const exists = await trx.selectFrom('bookings').select('reference').where('reference', '=', reference).executeTakeFirst();
        return exists ? 'already_cancelled' : 'not_found';
      }
      await trx
        .updateTable('slotSeats')
        .set((eb) => ({ booked: eb('booked', '-', 1) }))
        .where('slotId', '=', cancelled.slotId)
        .execute();
      await dropPending(trx, reference, 'reminder');
      await recordChange(trx, this.keyring, cancelled, change, now, null, by);
      await enqueue(trx, reference, plan(change, cancelled, now, outbox.reminderHours), now);
      return 'cancelled';
    });
  }

  /**
   * Moves a booking to another slot in one transaction: the new seat taken
   * (or nothing, when it is full), the old one freed, the reminders not yet
   * sent dropped and the change's messages queued. The booking row is locked
   * first (PostgreSQL: FOR UPDATE; SQLite: the IMMEDIATE transaction), so two
   * moves of one booking go one after the other; seat rows are then taken in
   * id order, so two moves across the same slots cannot deadlock.
   */
  async move(reference: string, slot: Slot, now: Date, change: Extract<Change, { kind: 'moved' }>, outbox: OutboxPolicy, by?: StaffAct): Promise<MoveResult> {
    try {
      return await this.db.transaction().execute(async (trx): Promise<MoveResult> => {
        const row = await trx
          .selectFrom('bookings')
          .selectAll()
          .where('reference', '=', reference)
          .$if(this.kind === 'postgres', (q) => q.forUpdate())
          .executeTakeFirst();
        if (!row) return { kind: 'not_found' };
        if (row.cancelledAt !== null) return { kind: 'cancelled' };
        if (row.slotId === slot.id) return { kind: 'unchanged' };
        await trx
          .insertInto('slotSeats')
          .values({ slotId: slot.id, capacity: slot.capacity, booked: 0 })
          .onConflict((oc) => oc.column('slotId').doNothing())
          .execute();
        for (const id of [row.slotId, slot.id].sort()) {
          if (id === row.slotId) {
            await trx.updateTable('slotSeats').set((eb) => ({ booked: eb('booked', '-', 1) })).where('slotId', '=', id).execute();
            continue;
          }
          const seat = await trx
            .updateTable('slotSeats')
            .set((eb) => ({ booked: eb('booked', '+', 1) }))
            .where('slotId', '=', id)
            .where((eb) => eb('booked', '<', eb.ref('capacity')))
            .where('closed', '=', false)
            .executeTakeFirst();
          if (seat.numUpdatedRows === 0n) throw new Full();
        }
        const moved = await trx
          .updateTable('bookings')
          .set({ slotId: slot.id, startsAt: slot.start, endsAt: slot.end })
          .where('reference', '=', reference)
          .returningAll()
          .executeTakeFirstOrThrow();
        const booking = toBooking(this.keyring, moved);
        await dropPending(trx, reference, 'reminder');
        await recordChange(trx, this.keyring, booking, change, now, booking.start, by);
        await enqueue(trx, reference, plan(change, booking, now, outbox.reminderHours), now);
        const { cancelTokenHash: _hash, ...rest } = booking;
        return { kind: 'moved', booking: rest };
      });
    } catch (error) {
      if (error instanceof Full) return { kind: 'slot_full' };
      throw error;
    }
  }

  /**
   * Records whether the resident came, once the meeting has started (checked
   * here too: the booking may have moved to a later time since the page was
   * shown). A correction is a new history row; the history keeps both.
   */
  async setAttendance(reference: string, attendance: Attendance, now: Date, by: StaffAct): Promise<AttendanceResult> {
    return this.db.transaction().execute(async (trx): Promise<AttendanceResult> => {
      const row = await trx
        .selectFrom('bookings')
        .select(['reference', 'location', 'startsAt', 'attendance'])
        .where('reference', '=', reference)
        .$if(this.kind === 'postgres', (q) => q.forUpdate())
        .executeTakeFirst();
      if (!row) return 'not_found';
      if (new Date(row.startsAt).getTime() > now.getTime()) return 'not_started';
      if (row.attendance === attendance) return 'unchanged';
      await trx.updateTable('bookings').set({ attendance }).where('reference', '=', reference).execute();
      await recordChange(trx, this.keyring, row, { kind: 'attendance', attendance }, now, null, by);
      return 'recorded';
    });
  }

  /** Bookings of meetings starting within [from, to) at a location, counted per meeting type and outcome. */
  async outcomes(location: string, from: Date, to: Date): Promise<OutcomeCounts[]> {
    const rows = await this.db
      .selectFrom('bookings')
      .select((eb) => [
        'type',
        eb.fn.countAll<string | number>().as('bookings'),
        eb.fn.countAll<string | number>().filterWhere('cancelledAt', 'is not', null).as('cancelled'),
        eb.fn.countAll<string | number>().filterWhere('attendance', '=', 'attended').as('attended'),
        eb.fn.countAll<string | number>().filterWhere('attendance', '=', 'no_show').as('noShow'),
        eb.fn.countAll<string | number>().filterWhere('attendance', '=', 'late_cancel').as('lateCancel'),
      ])
      .where('location', '=', location)
      .where('startsAt', '>=', from)
      .where('startsAt', '<', to)
      .groupBy('type')
      .execute();
    return rows.map((r) => ({
      type: r.type,
      bookings: Number(r.bookings),
      cancelled: Number(r.cancelled),
      attended: Number(r.attended),
      noShow: Number(r.noShow),
      lateCancel: Number(r.lateCancel),
    }));
  }

  /** Every booking (active and cancelled) at a location whose meeting starts within [from, to). */
  async list(location: string, from: Date, to: Date): Promise<Booking[]> {
    const rows = await this.db
      .selectFrom('bookings')
      .selectAll()
      .where('location', '=', location)
      .where('startsAt', '>=', from)
      .where('startsAt', '<', to)
      .orderBy('startsAt')
      .orderBy('createdAt')
      .execute();
    return rows.map((row) => {
      const { cancelTokenHash: _secret, ...booking } = toBooking(this.keyring, row);
      return booking;
    });
  }

  /** A booking's history, oldest first. */
  async history(reference: string): Promise<BookingEvent[]> {
    const rows = await this.db.selectFrom('bookingEvents').selectAll().where('reference', '=', reference).orderBy('id').execute();
    return rows.map((row) => ({
      at: new Date(row.at),
      kind: row.kind,
      actor: row.actor as Actor,
      startsAt: row.startsAt === null ? null : new Date(row.startsAt),
      reason: row.reason,
      actorAccount: row.actorAccount,
      channel: row.channel,
      attendance: row.attendance,
      note: row.note === null ? null : this.keyring.open(row.note, noteContext(reference)),
    }));
  }

  /** The schedule's exceptions and the needs-review list, on the same connection and row mapping. */
  schedule(): ScheduleStore {
    return new ScheduleStore(this.kind, this.db, (row) => {
      const { cancelTokenHash: _secret, ...booking } = toBooking(this.keyring, row);
      return booking;
    });
  }

  /** The staff workspace's tables, on the same connection. */
  staff(): StaffStore {
    return new StaffStore(this.db);
  }

  /** Deletes bookings whose meeting ended before `cutoff`, and the seat rows left unused; returns how many bookings went. */
  async purge(cutoff: Date): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const deleted = await trx.deleteFrom('bookings').where('endsAt', '<', cutoff).executeTakeFirst();
      // A seat row an exception wrote (closed, or its capacity) is its guard: it stays.
      await trx
        .deleteFrom('slotSeats')
        .where('closed', '=', false)
        .where('capacityFixed', '=', false)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('bookings').select('reference').whereRef('bookings.slotId', '=', 'slotSeats.slotId'))))
        .execute();
      return Number(deleted.numDeletedRows);
    });
  }

  /** Every booking (active, cancelled or past) whose e-mail or phone is exactly this one, once normalised; the newest meeting first (the staff search shows them in this order). */
  async bookingsByContact(kind: 'email' | 'phone', value: string): Promise<Booking[]> {
    const hash = this.keyring.lookup(kind, contactKey(kind, value));
    const rows = await this.db
      .selectFrom('bookings')
      .selectAll()
      .where(kind === 'email' ? 'emailLookup' : 'phoneLookup', '=', hash)
      .orderBy('startsAt', 'desc')
      .execute();
    return rows.map((row) => {
      const { cancelTokenHash: _secret, ...booking } = toBooking(this.keyring, row);
      return booking;
      });
    }

  /**
   * Claims up to `limit` messages due at `now` for one worker: each is leased
   * until `leaseUntil` (its attempt counted), so another worker skips it, and
   * a worker that dies mid-send leaves it to be claimed again once the lease
   * ends. PostgreSQL: rows another worker is claiming are skipped (FOR UPDATE
   * SKIP LOCKED); SQLite: the IMMEDIATE transaction lets one claim at a time.
   */
  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<Message[]> {
    return this.db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('messages')
        .select('id')
        .where('state', 'in', PENDING)
        .where('nextAttemptAt', '<=', now)
        .orderBy('nextAttemptAt')
        .limit(limit)
        .$if(this.kind === 'postgres', (q) => q.forUpdate().skipLocked())
        .execute();
      if (due.length === 0) return [];
      const rows = await trx
        .updateTable('messages')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), nextAttemptAt: leaseUntil }))
        .where(
          'id',
          'in',
          due.map((d) => d.id),
        )
        .returningAll()
        .execute();
      return rows.map(toMessage);
    });
  }

  /**
   * Erases a booking's details on the resident's request: name, contact,
   * interpreter language, needs and their hashes. The booking itself stays
   * (its seat, place, times, language and interpreter flag), so seat counts
   * and statistics do not change. Returns false when no such booking exists.
   */
  async erase(reference: string, now: Date): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const erased = await trx
        .updateTable('bookings')
        .set({ ...sealDetails(this.keyring, reference, { name: '', email: null, phone: null, interpreterLanguage: null, needs: null }), requestHash: 'erased', erasedAt: now })
        .where('reference', '=', reference)
        .executeTakeFirst();
      // Staff's words about it may name the resident too.
      await trx.updateTable('bookingEvents').set({ note: null }).where('reference', '=', reference).where('note', 'is not', null).execute();
      // Its contact is gone: nothing still queued for it may go out.
      await trx.updateTable('messages').set({ state: 'dropped', errorCode: 'booking_erased' }).where('reference', '=', reference).where('state', 'in', PENDING).execute();
      return erased.numUpdatedRows > 0n;
    });
  }

  /** Bookings stored now, by state: nothing personal, for the metrics. */
  async countByState(): Promise<{ active: number; cancelled: number; erased: number }> {
    const row = await this.db
      .selectFrom('bookings')
      .select((eb) => [
        eb.fn.countAll<string | number>().filterWhere('cancelledAt', 'is', null).as('active'),
        eb.fn.countAll<string | number>().filterWhere('cancelledAt', 'is not', null).as('cancelled'),
        eb.fn.countAll<string | number>().filterWhere('erasedAt', 'is not', null).as('erased'),
      ])
      .executeTakeFirstOrThrow();
    return { active: Number(row.active), cancelled: Number(row.cancelled), erased: Number(row.erased) };
  }

  /** How many bookings hold details, and history rows a note, sealed under each data key (erased ones included): a key in use cannot be retired. */
  async keyUse(): Promise<Map<string, number>> {
    const rows = await this.db.selectFrom('bookings').select('name').execute();
    const notes = await this.db.selectFrom('bookingEvents').select('note').where('note', 'is not', null).execute();
    const use = new Map<string, number>();
    for (const sealed of [...rows.map((r) => r.name), ...notes.map((n) => n.note!)]) {
      const id = sealed.split('.')[1] ?? 'plain';
      use.set(id, (use.get(id) ?? 0) + 1);
    }
    return use;
  }

  /**
   * Re-seals up to `batch` bookings (and history notes) whose details are under another key than
   * the current one; returns how many it found (0: none left). Each row is
   * written only if it has not changed since it was read, so it runs safely
   * beside live traffic; a row changed meanwhile is picked up by the next batch.
   */
  async reseal(batch: number): Promise<number> {
    const current = this.keyring.current;
    const rows = await this.db
      .selectFrom('bookings')
      .select(['reference', ...personalColumns])
      .where('name', 'not like', `${ENVELOPE}.${current}.%`)
      .limit(batch)
      .execute();
    for (const row of rows) {
      const { emailLookup: _e, phoneLookup: _p, ...sealed } = sealDetails(this.keyring, row.reference, openDetails(this.keyring, row));
      await this.db.updateTable('bookings').set(sealed).where('reference', '=', row.reference).where('name', '=', row.name).execute();
    }
    // Staff's notes in the history are sealed under the same keys.
    const notes = await this.db
      .selectFrom('bookingEvents')
      .select(['id', 'reference', 'note'])
      .where('note', 'is not', null)
      .where('note', 'not like', `${ENVELOPE}.${current}.%`)
      .limit(batch)
      .execute();
    for (const row of notes) {
      const note = this.keyring.seal(this.keyring.open(row.note!, noteContext(row.reference)), noteContext(row.reference));
      await this.db.updateTable('bookingEvents').set({ note }).where('id', '=', row.id).where('note', '=', row.note).execute();
    }
    return rows.length + notes.length;
  }

  /**
   * Records how a claimed attempt ended. Only the claim that is still current
   * (same attempt count, still pending) may record it, so a worker whose
   * lease ran out never overwrites the one that took over.
   */
  async settle(
    message: Pick<Message, 'id' | 'attempts'>,
    outcome: { state: 'sent'; at: Date } | { state: 'failed'; errorCode: string; retryAt: Date } | { state: 'dead' | 'dropped'; errorCode: string | null },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('messages')
      .set(
        outcome.state === 'sent'
          ? { state: 'sent', sentAt: outcome.at, errorCode: null }
          : outcome.state === 'failed'
            ? { state: 'failed', errorCode: outcome.errorCode, nextAttemptAt: outcome.retryAt }
            : { state: outcome.state, errorCode: outcome.errorCode },
      )
      .where('id', '=', message.id)
      .where('attempts', '=', message.attempts)
      .where('state', 'in', PENDING)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** A booking's messages, oldest first: their kinds and delivery states, for staff. */
  async messagesOf(reference: string): Promise<Message[]> {
    const rows = await this.db.selectFrom('messages').selectAll().where('reference', '=', reference).orderBy('createdAt').orderBy('dueAt').execute();
    return rows.map(toMessage);
  }

  /** How many messages are in each state, for the operators' health detail. */
  async messageCounts(): Promise<Record<MessageState, number>> {
    const rows = await this.db
      .selectFrom('messages')
      .select((eb) => ['state', eb.fn.countAll<number | string | bigint>().as('count')])
      .groupBy('state')
      .execute();
    const counts: Record<MessageState, number> = { queued: 0, sent: 0, failed: 0, dead: 0, dropped: 0 };
    for (const row of rows) counts[row.state] = Number(row.count);
    return counts;
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
