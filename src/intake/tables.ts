import type { ColumnType, Generated, Selectable } from 'kysely';

/**
 * The intake database as the code sees it, one interface for SQLite and
 * PostgreSQL. Columns are snake_case in the database and camelCase here
 * (Kysely's CamelCasePlugin maps them). The DDL is in migrations.ts.
 */

/** An instant: written as a Date; read back as a Date (PostgreSQL timestamptz) or ISO text (SQLite). */
type Instant = ColumnType<Date | string, Date, Date>;
/** A yes/no: PostgreSQL boolean, SQLite 0/1. */
type Flag = ColumnType<boolean | number, boolean, boolean>;

/** Seats taken per slot: slots are computed from the schedule, only their seat count is stored. */
export interface SlotSeatsTable {
  slotId: string;
  capacity: number;
  booked: Generated<number>;
}

export interface BookingsTable {
  /** "JT-" and six characters, read aloud on the phone. */
  reference: string;
  slotId: string;
  location: string;
  type: string;
  startsAt: Instant;
  endsAt: Instant;
  // The resident's details, as the booking schema (booking-schema.ts) leaves them, each sealed
  // (keyring.ts: AES-256-GCM under a key kept outside the database). store.ts seals and opens them.
  name: string;
  email: string | null;
  phone: string | null;
  language: string;
  interpreter: Flag;
  interpreterLanguage: string | null;
  needs: string | null;
  /** HMAC-SHA-256 (lookup key) of the normalised e-mail and phone, for exact-match look-ups; null when not given or erased. */
  emailLookup: string | null;
  phoneLookup: string | null;
  /** SHA-256 of the cancel token: the token itself is only ever in the resident's link. */
  cancelTokenHash: string;
  idempotencyKey: string | null;
  /** SHA-256 of the normalised request, to tell a replay from a different body under the same key. */
  requestHash: string;
  createdAt: Instant;
  cancelledAt: ColumnType<Date | string | null, Date | null | undefined, Date | null>;
  /** When the resident's details were erased on request; the booking (seat, times, place) stays. */
  erasedAt: ColumnType<Date | string | null, Date | null | undefined, Date | null>;
}

/** Secrets every API instance shares (the key that derives cancel tokens). */
export interface IntakeSecretsTable {
  name: string;
  value: string;
}

export interface Database {
  slotSeats: SlotSeatsTable;
  bookings: BookingsTable;
  intakeSecrets: IntakeSecretsTable;
}

export type BookingRow = Selectable<BookingsTable>;
