import { randomBytes } from 'node:crypto';
import type { BookingRequest } from './booking-schema.ts';
import type { Slot } from './slots.ts';

/** A booking row as staff read it. Times are UTC instants. */
export interface Booking {
  reference: string;
  slotId: string;
  location: string;
  type: string;
  start: Date;
  end: Date;
  name: string;
  email: string | null;
  phone: string | null;
  language: string;
  interpreter: boolean;
  interpreterLanguage: string | null;
  needs: string | null;
  createdAt: Date;
  cancelledAt: Date | null;
}

export interface NewBooking {
  reference: string;
  /** SHA-256 of the cancel token: the token itself is only ever in the resident's link. */
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
  | { kind: 'reference_taken' };

/** The intake_secrets row whose value keys the cancel tokens derived from idempotency keys. */
export const TOKEN_SECRET = 'cancel-token';
export const newSecret = () => randomBytes(32).toString('base64url');

export type CancelResult = 'cancelled' | 'already_cancelled' | 'wrong_token' | 'not_found';

/**
 * The intake store. Capacity is enforced inside the database transaction
 * (a conditional increment on the slot's seat row), so concurrent bookings
 * from any number of API instances never overfill a slot.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies pending migrations; safe to call from several instances at once. */
  migrate(): Promise<void>;
  /** The secret every instance shares for deriving cancel tokens; created by migrate(). */
  tokenSecret(): Promise<string>;
  book(booking: NewBooking): Promise<BookResult>;
  /** Seats taken per slot id, for the slot list. */
  taken(slotIds: readonly string[]): Promise<Map<string, number>>;
  find(reference: string): Promise<(Booking & { cancelTokenHash: string }) | undefined>;
  cancel(reference: string, tokenHash: string, now: Date): Promise<CancelResult>;
  /** Every booking (active and cancelled) at a location whose meeting starts within [from, to). */
  list(location: string, from: Date, to: Date): Promise<Booking[]>;
  /** Deletes bookings whose meeting ended before `cutoff`; returns how many. */
  purge(cutoff: Date): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
