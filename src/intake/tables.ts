import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Actor, Channel, MessageKind, MessageState } from './outbox.ts';

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
  // The resident's details, as the booking schema (booking-schema.ts) leaves them.
  name: string;
  email: string | null;
  phone: string | null;
  language: string;
  interpreter: Flag;
  interpreterLanguage: string | null;
  needs: string | null;
  /** The locale of the pages the resident booked in: their messages are written in it. */
  locale: string;
  /** Messages by e-mail or SMS, as the resident chose; only ever set with the contact it needs. */
  notifyEmail: Flag;
  notifySms: Flag;
  /** SHA-256 of the cancel token: the token itself is only ever in the resident's link. */
  cancelTokenHash: string;
  idempotencyKey: string | null;
  /** SHA-256 of the normalised request, to tell a replay from a different body under the same key. */
  requestHash: string;
  createdAt: Instant;
  cancelledAt: ColumnType<Date | string | null, Date | null | undefined, Date | null>;
}

/** Secrets every API instance shares (the key that derives cancel tokens). */
export interface IntakeSecretsTable {
  name: string;
  value: string;
}

/**
 * The outbox: one row per message a booking change owes the resident, written
 * in the same transaction as the change. No personal data: the message is
 * rendered from the booking when it is sent.
 */
export interface MessagesTable {
  id: string;
  reference: string;
  kind: MessageKind;
  channel: Channel;
  /** The locale the message is written in. */
  locale: string;
  /** Who made the change it reports. */
  actor: Actor;
  /** A reason code when staff cancel or move a booking; never free text. */
  reason: string | null;
  /** When it should go (a reminder: before the meeting). */
  dueAt: Instant;
  /** queued, sent, failed (will be retried), dead (gave up), dropped (no longer owed). */
  state: MessageState;
  attempts: Generated<number>;
  /** Not before this instant: the due time, then the lease of a claim or the backoff after a failure. */
  nextAttemptAt: Instant;
  /** The last failure as a code (an SMTP status, a provider code), never an address or a name. */
  errorCode: string | null;
  sentAt: ColumnType<Date | string | null, Date | null | undefined, Date | null>;
  createdAt: Instant;
}

export interface Database {
  slotSeats: SlotSeatsTable;
  bookings: BookingsTable;
  intakeSecrets: IntakeSecretsTable;
  messages: MessagesTable;
}

export type BookingRow = Selectable<BookingsTable>;
export type MessageRow = Selectable<MessagesTable>;
