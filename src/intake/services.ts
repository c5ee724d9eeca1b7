import { book, REFERENCE, sha256, type BookingOutcome } from './booking.ts';
import { bookingRequest, fieldErrors, type FieldErrors } from './booking-schema.ts';
import { secretMatches, UUID } from './http.ts';
import { resolveSlot, type Slot } from './slots.ts';
import { log } from './log.ts';
import { config, limiterOf, locations, nudgeOutbox, store } from './runtime.ts';
import type { Booking, Message } from './store.ts';

/**
 * The booking operations, one service each, for every caller: the API routes
 * and the booking pages (with and without JavaScript) alike. Each logs its
 * outcome with ids only, never a resident's details.
 */

/** Who is asking: the client (for the rate limit) and the request id (for the log). */
export interface Caller {
  client: string;
  requestId: string | undefined;
}

export type BookOutcome =
  | BookingOutcome
  | { kind: 'rate_limited'; retryAfter: number }
  | { kind: 'bad_key' }
  | { kind: 'invalid'; fields: FieldErrors }
  /** The database did not answer. */
  | { kind: 'unavailable' };

/**
 * Books a request as it arrived (a JSON body, or the page's form as an
 * object). The checks run in one order for everyone: the rate limit (every
 * attempt counts), the idempotency key, the request, then the seat.
 */
export async function bookSlot(input: unknown, key: string | undefined, caller: Caller): Promise<BookOutcome> {
  const { requestId } = caller;
  const retryAfter = await limiterOf('booking', config.bookingRateLimit).retryAfter(caller.client);
  if (retryAfter > 0) {
    log('booking.rate_limited', { requestId });
    return { kind: 'rate_limited', retryAfter };
  }
  if (key !== undefined && !UUID.test(key)) return { kind: 'bad_key' };
  const parsed = bookingRequest.safeParse(input);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    log('booking.invalid', { requestId, fields: Object.keys(fields).join(',') });
    return { kind: 'invalid', fields };
  }
  let outcome: BookingOutcome;
  try {
    outcome = await book(await store(), locations, parsed.data, key, new Date(), config);
  } catch {
    log('booking.db_error', { requestId });
    return { kind: 'unavailable' };
  }
  if (outcome.kind === 'created') nudgeOutbox();
  if (outcome.kind === 'created' || outcome.kind === 'replayed') {
    log(`booking.${outcome.kind}`, { requestId, reference: outcome.booking.reference, location: outcome.booking.location, type: outcome.booking.type });
  } else {
    log(`booking.${outcome.kind}`, { requestId });
  }
  return outcome;
}

export type Access = { kind: 'found'; booking: Booking } | { kind: 'not_found' | 'wrong_token' | 'unavailable' };

/** The one check of a resident's link: the token's hash against the stored one, in constant time. */
function opens(token: string, cancelTokenHash: string): boolean {
  return secretMatches(sha256(token), cancelTokenHash);
}

/** A booking from the resident's link: its reference and cancel token. */
export async function bookingByLink(reference: string | null | undefined, token: string | null | undefined, requestId?: string): Promise<Access> {
  if (!reference || !REFERENCE.test(reference)) return { kind: 'not_found' };
  let found;
  try {
    found = await (await store()).find(reference);
  } catch {
    log('lookup.db_error', { requestId });
    return { kind: 'unavailable' };
  }
  if (!found) return { kind: 'not_found' };
  const { cancelTokenHash, ...booking } = found;
  if (!token || !opens(token, cancelTokenHash)) return { kind: 'wrong_token' };
  return { kind: 'found', booking };
}

export type CancelOutcome = { kind: 'cancelled' | 'already_cancelled'; booking: Booking } | { kind: 'not_found' | 'wrong_token' | 'unavailable' };

/** Cancels the booking a link names and frees its seat; a second cancel is harmless. */
export async function cancelByLink(reference: string | null | undefined, token: string | null | undefined, requestId?: string): Promise<CancelOutcome> {
  const access = await bookingByLink(reference, token, requestId);
  if (access.kind !== 'found') {
    if (access.kind !== 'unavailable') log(`cancel.${access.kind}`, { requestId });
    return access;
  }
  const { booking } = access;
  let result;
  try {
    result = await (await store()).cancel(booking.reference, new Date(), { kind: 'cancelled', actor: 'resident' }, config);
  } catch {
    log('cancel.db_error', { requestId });
    return { kind: 'unavailable' };
  }
  log(`cancel.${result}`, { requestId, reference: booking.reference });
  if (result === 'cancelled') nudgeOutbox();
  // Deleted in between (the retention purge): as if it had never been.
  if (result === 'not_found') return { kind: 'not_found' };
  return { kind: result, booking: result === 'cancelled' ? { ...booking, cancelledAt: new Date() } : booking };
}

/** The slot a booking may move to: one the schedule has and that can be booked now, of the same meeting at the same job centre. */
export async function moveTarget(booking: Pick<Booking, 'location' | 'type'>, slotId: string, now: Date): Promise<Slot | undefined> {
  const slot = resolveSlot(slotId, locations, now, await (await store()).schedule().forSlot(slotId));
  return slot && slot.location === booking.location && slot.type === booking.type ? slot : undefined;
}

export type MoveOutcome =
  | { kind: 'moved' | 'unchanged'; booking: Booking }
  | { kind: 'not_found' | 'wrong_token' | 'unavailable' | 'slot_unavailable' | 'slot_full' | 'cancelled' };

/**
 * Moves the booking a link names to another time of the same meeting at the
 * same job centre, in one transaction (store.move); the old links keep
 * working and show the booking as it is now.
 */
export async function moveByLink(reference: string | null | undefined, token: string | null | undefined, slotId: string, requestId?: string): Promise<MoveOutcome> {
  const access = await bookingByLink(reference, token, requestId);
  if (access.kind !== 'found') {
    if (access.kind !== 'unavailable') log(`move.${access.kind}`, { requestId });
    return access;
  }
  const { booking } = access;
  const now = new Date();
  let slot;
  try {
    slot = await moveTarget(booking, slotId, now);
  } catch {
    log('move.db_error', { requestId });
    return { kind: 'unavailable' };
  }
  if (!slot) {
    log('move.slot_unavailable', { requestId, reference: booking.reference });
    return { kind: 'slot_unavailable' };
  }
  let result;
  try {
    result = await (await store()).move(booking.reference, slot, now, { kind: 'moved', actor: 'resident' }, config);
  } catch {
    log('move.db_error', { requestId });
    return { kind: 'unavailable' };
  }
  log(`move.${result.kind}`, { requestId, reference: booking.reference });
  if (result.kind === 'moved') nudgeOutbox();
  if (result.kind === 'unchanged') return { kind: 'unchanged', booking };
  return result;
}

/** A booking's messages and their delivery states (queued, sent, failed, dead, dropped), for the staff booking detail. */
export async function messagesOf(reference: string): Promise<Message[]> {
  return (await store()).messagesOf(reference);
}

export { bookingLinks } from './links.ts';
