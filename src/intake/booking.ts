import { createHash, createHmac, randomInt } from 'node:crypto';
import type { Location } from '../catalog/schema.ts';
import type { BookingRequest } from './booking-schema.ts';
import type { ScheduleException } from './exceptions.ts';
import { resolveSlot } from './slots.ts';
import type { Booking, IntakeStore, NewBooking, OutboxPolicy } from './store.ts';

// No 0/O, 1/I/L or U: a reference is read aloud on the phone and typed from paper.
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newReference(): string {
  let code = '';
  for (let i = 0; i < 6; i += 1) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `JT-${code}`;
}

export const REFERENCE = /^JT-[2-9A-HJKMNP-TV-Z]{6}$/;

/**
 * The token in a resident's links (128 bits), the only thing that lets
 * someone see, move or cancel a booking. Derived from the reference under the
 * secret every instance shares, so a replay (a double click, a resent form)
 * shows the same working links as the first answer, and the outbox worker can
 * put them in a message without the token ever being stored. Bookings made
 * before this keep the random tokens their links carry: only the hash is
 * checked.
 */
export function linkToken(secret: string, reference: string): string {
  return createHmac('sha256', secret).update(`link:${reference}`).digest().subarray(0, 16).toString('base64url');
}

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A stable hash of a request, so a replay with the same body is recognised whatever the key order. */
export function requestHash(request: BookingRequest): string {
  const sorted = Object.fromEntries(Object.entries(request).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)));
  return sha256(JSON.stringify(sorted));
}

export type BookingOutcome =
  | { kind: 'created' | 'replayed'; booking: Booking; cancelToken: string }
  | { kind: 'slot_unavailable' | 'slot_full' | 'key_reused' };

/** How often a booking is tried again after a clash of references or keys (one in 30^6 per try, or a race with a replay). */
const ATTEMPTS = 5;

/**
 * Books a validated request. Without an idempotency key a replay cannot be
 * recognised; with one, the replay gets the same reference and token. Staff
 * booking for a caller pass `by`: the same rules, the booking marked as theirs.
 */
export async function book(
  store: IntakeStore,
  locations: readonly Location[],
  request: BookingRequest,
  idempotencyKey: string | undefined,
  now: Date,
  outbox: OutboxPolicy,
  by?: NewBooking['by'],
): Promise<BookingOutcome> {
  // Resolved in the booking's transaction, with the exceptions on its day read there.
  const slot = (exceptions: ScheduleException[]) => resolveSlot(request.slotId, locations, now, exceptions);
  const secret = await store.tokenSecret();
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const reference = newReference();
    const result = await store.book({
      reference,
      cancelTokenHash: sha256(linkToken(secret, reference)),
      request,
      slot,
      idempotencyKey,
      requestHash: requestHash(request),
      now,
      outbox,
      by,
    });
    if (result.kind === 'conflict') continue;
    // A replay answers with the first booking's reference, and so its token.
    if (result.kind === 'created' || result.kind === 'replayed') return { kind: result.kind, booking: result.booking, cancelToken: linkToken(secret, result.booking.reference) };
    // Not offered now, or closed after the request resolved its slot: unavailable either way.
    return { kind: result.kind === 'slot_closed' || result.kind === 'slot_unavailable' ? 'slot_unavailable' : result.kind };
  }
  throw new Error('could not find a free booking reference');
}
