import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import type { BookingRequest } from './booking-schema.ts';
import { migrations } from './migrations.ts';
import type { Slot } from './slots.ts';
import { StaffStore } from './staff-store.ts';
import type { BookingRow, Database } from './tables.ts';

/** A booking as staff read it. Times are UTC instants. */
export type Booking = Omit<BookingRow, 'startsAt' | 'endsAt' | 'createdAt' | 'cancelledAt' | 'interpreter' | 'cancelTokenHash' | 'idempotencyKey' | 'requestHash'> & {
  start: Date;
  end: Date;
  interpreter: boolean;
  createdAt: Date;
  cancelledAt: Date | null;
};

export interface NewBooking {
  reference: string;
  /** SHA-256 of the cancel token. */
  cancelTokenHash: string;
  request: BookingRequest;
  slot: Slot;
  idempotencyKey: string | undefined;
  /** SHA-256 of the normalised request, to tell a replay from a different body under the same key. */
  requestHash: string;
  now: Date;
}

export type BookResult =
  | { kind: 'created'; booking: Booking }
  | { kind: 'replayed'; booking: Booking }
  | { kind: 'key_reused' }
  | { kind: 'slot_full' }
  /** The reference, or the key, was taken by a booking committed meanwhile: try again with a new reference. */
  | { kind: 'conflict' };

export type CancelResult = 'cancelled' | 'already_cancelled' | 'not_found';

/** The intake_secrets row whose value keys the cancel tokens derived from idempotency keys. */
export const TOKEN_SECRET = 'cancel-token';
const newSecret = () => randomBytes(32).toString('base64url');

/** The one row mapping: instants and flags as the two databases return them, everything else as stored. */
function toBooking(row: BookingRow): Booking & { cancelTokenHash: string } {
  const { startsAt, endsAt, createdAt, cancelledAt, interpreter, idempotencyKey: _key, requestHash: _hash, ...rest } = row;
  return {
    ...rest,
    start: new Date(startsAt),
    end: new Date(endsAt),
    interpreter: Boolean(interpreter),
    createdAt: new Date(createdAt),
    cancelledAt: cancelledAt === null ? null : new Date(cancelledAt),
  };
}

/** Thrown inside a transaction to roll it back. */
class Conflict extends Error {}

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
  #secret: Promise<string> | undefined;

  // Plain fields, not parameter properties: `npm run intake:purge` runs this file with Node's type stripping.
  constructor(kind: 'sqlite' | 'postgres', db: Kysely<Database>, schema?: string) {
    this.kind = kind;
    this.db = db;
    this.schema = schema;
  }

  /** Applies pending migrations; safe to call from several instances at once (PostgreSQL: an advisory lock; SQLite: an IMMEDIATE transaction). */
  async migrate(): Promise<void> {
    const migrator = new Migrator({
      db: this.db,
      provider: { getMigrations: async () => migrations(this.kind) },
      // Without a schema, Kysely looks for its tables in every schema of the database.
      ...(this.schema ? { migrationTableSchema: this.schema } : {}),
    });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error;
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
    const { slotId: _slot, consent: _consent, ...details } = b.request;
    try {
      return await this.db.transaction().execute(async (trx): Promise<BookResult> => {
        await trx
          .insertInto('slotSeats')
          .values({ slotId: b.slot.id, capacity: b.slot.capacity, booked: 0 })
          .onConflict((oc) =>
            oc.column('slotId').doUpdateSet((eb) => ({
              // The schedule may have changed; never below the seats already booked.
              capacity: eb
                .case()
                .when('excluded.capacity', '>', eb.ref('slotSeats.booked'))
                .then(eb.ref('excluded.capacity'))
                .else(eb.ref('slotSeats.booked'))
                .end(),
            })),
          )
          .execute();
        if (b.idempotencyKey) {
          const previous = await trx.selectFrom('bookings').selectAll().where('idempotencyKey', '=', b.idempotencyKey).executeTakeFirst();
          if (previous) return previous.requestHash === b.requestHash ? { kind: 'replayed', booking: toBooking(previous) } : { kind: 'key_reused' };
        }
        const seat = await trx
          .updateTable('slotSeats')
          .set((eb) => ({ booked: eb('booked', '+', 1) }))
          .where('slotId', '=', b.slot.id)
          .where((eb) => eb('booked', '<', eb.ref('capacity')))
          .executeTakeFirst();
        if (seat.numUpdatedRows === 0n) return { kind: 'slot_full' };
        const row = await trx
          .insertInto('bookings')
          .values({
            ...details,
            reference: b.reference,
            slotId: b.slot.id,
            location: b.slot.location,
            type: b.slot.type,
            startsAt: b.slot.start,
            endsAt: b.slot.end,
            cancelTokenHash: b.cancelTokenHash,
            idempotencyKey: b.idempotencyKey ?? null,
            requestHash: b.requestHash,
            createdAt: b.now,
          })
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .executeTakeFirst();
        if (!row) throw new Conflict();
        return { kind: 'created', booking: toBooking(row) };
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
    return row && toBooking(row);
  }

  /** Cancels a booking (the caller has checked the token) and frees its seat; once only, however many ask at once. */
  async cancel(reference: string, now: Date): Promise<CancelResult> {
    return this.db.transaction().execute(async (trx): Promise<CancelResult> => {
      const cancelled = await trx
        .updateTable('bookings')
        .set({ cancelledAt: now })
        .where('reference', '=', reference)
        .where('cancelledAt', 'is', null)
        .returning('slotId')
        .executeTakeFirst();
      if (!cancelled) {
        const exists = await trx.selectFrom('bookings').select('reference').where('reference', '=', reference).executeTakeFirst();
        return exists ? 'already_cancelled' : 'not_found';
      }
      await trx
        .updateTable('slotSeats')
        .set((eb) => ({ booked: eb('booked', '-', 1) }))
        .where('slotId', '=', cancelled.slotId)
        .execute();
      return 'cancelled';
    });
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
      const { cancelTokenHash: _secret, ...booking } = toBooking(row);
      return booking;
    });
  }

  /**
   * Bookings whose e-mail (any case) or phone (as normalised by the booking
   * schema) is exactly the one given, newest meeting first: the staff search.
   */
  async bookingsByContact(contact: { email: string } | { phone: string }): Promise<Booking[]> {
    let q = this.db.selectFrom('bookings').selectAll();
    q = 'email' in contact ? q.where((eb) => eb(eb.fn('lower', ['email']), '=', contact.email.toLowerCase())) : q.where('phone', '=', contact.phone);
    const rows = await q.orderBy('startsAt', 'desc').limit(100).execute();
    return rows.map((row) => {
      const { cancelTokenHash: _secret, ...booking } = toBooking(row);
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
      await trx
        .deleteFrom('slotSeats')
        .where((eb) => eb.not(eb.exists(eb.selectFrom('bookings').select('reference').whereRef('bookings.slotId', '=', 'slotSeats.slotId'))))
        .execute();
      return Number(deleted.numDeletedRows);
    });
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
