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
  /**
   * Set by a schedule exception, in the same transaction as the closure
   * (schedule-store.ts): a closed session takes no seat, whatever a request
   * resolved before the closure committed.
   */
  closed: ColumnType<boolean | number, boolean | undefined, boolean>;
  /** The capacity is an exception's (a changed capacity, an extra session): a booking's upsert leaves it as it is. */
  capacityFixed: ColumnType<boolean | number, boolean | undefined, boolean>;
}

/** An exception to a centre's weekly schedule (exceptions.ts); holds no resident's data. */
export interface ScheduleExceptionsTable {
  /** exceptions.ts exceptionId: one exception of each kind per session or day. */
  id: string;
  location: string;
  /** The Stockholm date, YYYY-MM-DD. */
  date: string;
  kind: string;
  type: string | null;
  /** HH:MM, Stockholm time. */
  time: string | null;
  minutes: number | null;
  capacity: number | null;
  /** A reason code (exceptions.ts closureReasons), never free text. */
  reason: string | null;
  createdBy: string;
  createdAt: Instant;
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
  /** When the resident's details were erased on request; the booking (seat, times, place) stays. */
  erasedAt: ColumnType<Date | string | null, Date | null | undefined, Date | null>;
  /** The staff account that booked for the resident; null when the resident booked online. */
  madeBy: ColumnType<string | null, string | null | undefined, string | null>;
  /** How the resident reached the staff who booked (staff-actions.ts's channels); null online. */
  channel: ColumnType<string | null, string | null | undefined, string | null>;
  /** Whether the resident came, as staff recorded it; null until recorded. */
  attendance: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Secrets every API instance shares (the key that derives cancel tokens). */
export interface IntakeSecretsTable {
  name: string;
  value: string;
}

/** Nullable instant: written as a Date or null. */
type MaybeInstant = ColumnType<Date | string | null, Date | null | undefined, Date | null>;

/**
 * A staff member who may sign in (staff workspace, src/staff/). Holds no
 * resident's data. Local accounts have a password and a TOTP secret; accounts
 * signed in through OpenID Connect have neither.
 */
export interface StaffAccountsTable {
  id: string;
  /** Lower-cased; the sign-in name. */
  email: string;
  role: string;
  /** Job centre ids, comma-separated ('' for an admin, who sees every centre). */
  centres: string;
  /** 'local' (password + TOTP) or 'oidc'. */
  source: string;
  /** scrypt, self-describing (src/staff/password.ts); null until the person sets it. */
  passwordHash: string | null;
  /** Base32 TOTP secret, made with the set-up link. */
  totpSecret: string | null;
  /** The last TOTP time step accepted, so a code works once. */
  totpLastStep: ColumnType<number | null, number | null | undefined, number | null>;
  /** SHA-256 of the one-time set-up link's token, and when it expires. */
  setupTokenHash: string | null;
  setupExpiresAt: MaybeInstant;
  failedSignIns: Generated<number>;
  lockedUntil: MaybeInstant;
  disabledAt: MaybeInstant;
  createdAt: Instant;
}

/** A signed-in session: the cookie holds a random token, the table its SHA-256. */
export interface StaffSessionsTable {
  tokenHash: string;
  accountId: string;
  csrfToken: string;
  createdAt: Instant;
  lastSeenAt: Instant;
}

/**
 * The audit trail: append-only (triggers refuse UPDATE and DELETE). Who, what,
 * which bookings, when, and the request id; never a resident's details.
 */
export interface StaffAuditTable {
  id: Generated<number>;
  at: Instant;
  /** 'staff' (an account id) or 'key' (an integration key id) or 'system'. */
  actorKind: string;
  actorId: string;
  action: string;
  /** Booking references, comma-separated. */
  bookingRefs: string;
  /** The job centre asked for, if any. */
  location: string | null;
  /** What was asked, without personal data: a date, the kind of search, a filter. */
  detail: string | null;
  requestId: string | null;
}

/** Integration keys for the JSON/CSV read-out: shown once, stored as a SHA-256. */
export interface StaffKeysTable {
  id: string;
  name: string;
  centres: string;
  keyHash: string;
  createdBy: string;
  createdAt: Instant;
  revokedAt: MaybeInstant;
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

/**
 * A booking's history: one row per change (booked, moved, cancelled), written
 * in the same transaction as the change. Who acted and when; no personal data.
 */
export interface BookingEventsTable {
  id: Generated<number>;
  reference: string;
  at: Instant;
  kind: 'booked' | 'moved' | 'cancelled' | 'attendance';
  /** 'resident' or 'staff', as the outbox's Actor. */
  actor: string;
  /** When the meeting starts after the change (booked, moved); null for a cancellation or attendance. */
  startsAt: ColumnType<Date | string | null, Date | null, Date | null>;
  /** A reason code; never free text. */
  reason: string | null;
  /** The staff account that acted; null when the resident did. */
  actorAccount: ColumnType<string | null, string | null | undefined, string | null>;
  /** How the resident reached staff for this change, when staff acted. */
  channel: ColumnType<string | null, string | null | undefined, string | null>;
  /** The attendance recorded (kind 'attendance'). */
  attendance: ColumnType<string | null, string | null | undefined, string | null>;
  /** Staff's own words for a reason "other", sealed (store.ts): may name a person. */
  note: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface Database {
  slotSeats: SlotSeatsTable;
  bookings: BookingsTable;
  intakeSecrets: IntakeSecretsTable;
  staffAccounts: StaffAccountsTable;
  staffSessions: StaffSessionsTable;
  staffAudit: StaffAuditTable;
  staffKeys: StaffKeysTable;
  messages: MessagesTable;
  bookingEvents: BookingEventsTable;
  scheduleExceptions: ScheduleExceptionsTable;
}

export type BookingRow = Selectable<BookingsTable>;
export type MessageRow = Selectable<MessagesTable>;
