import { book, type BookingOutcome } from './booking.ts';
import type { BookingRequest } from './booking-schema.ts';
import { log } from './log.ts';
import { locations, store } from './runtime.ts';

/**
 * Books through the shared store and logs the outcome, for the API and for
 * the booking page's form post alike. The log holds ids and outcomes only.
 */
export async function submitBooking(
  request: BookingRequest,
  idempotencyKey: string | undefined,
  requestId: string | undefined,
): Promise<BookingOutcome | { kind: 'unavailable' }> {
  let outcome: BookingOutcome;
  try {
    outcome = await book(await store(), locations, request, idempotencyKey, new Date());
  } catch {
    log('booking.db_error', { requestId });
    return { kind: 'unavailable' };
  }
  if (outcome.kind === 'created' || outcome.kind === 'replayed') {
    log(`booking.${outcome.kind}`, { requestId, reference: outcome.booking.reference, location: outcome.booking.location, type: outcome.booking.type });
  } else {
    log(`booking.${outcome.kind}`, { requestId });
  }
  return outcome;
}

/** The resident's links for a booking: the reference and the cancel token, nothing personal. */
export function bookingLinks(reference: string, locale: string, token: string) {
  const query = `?ref=${reference}&token=${token}`;
  return {
    icsUrl: `/api/bookings/${reference}.ics?token=${token}`,
    cancelUrl: `/${locale}/boka/avboka/${query}`,
    confirmationUrl: `/${locale}/boka/bekraftelse/${query}`,
  };
}
