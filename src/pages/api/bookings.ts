import type { APIRoute } from 'astro';
import type { BookingOutcome } from '../../intake/booking';
import { bookingRequest, fieldErrors, fromForm } from '../../intake/booking-schema';
import { stockholmIso } from '../../intake/calendar';
import { apiError, clientAddress, json, readBody, sameOrigin, UUID } from '../../intake/http';
import { log } from '../../intake/log';
import { bookingLimiter, config } from '../../intake/runtime';
import { bookingLinks, submitBooking } from '../../intake/submit';
import type { Booking } from '../../intake/store';

export const prerender = false;

function created(outcome: Extract<BookingOutcome, { booking: Booking }>) {
  const { booking, cancelToken } = outcome;
  return {
    reference: booking.reference,
    slot: {
      id: booking.slotId,
      start: stockholmIso(booking.start),
      end: stockholmIso(booking.end),
      location: booking.location,
      type: booking.type,
    },
    ...bookingLinks(booking.reference, booking.language, cancelToken),
  };
}

export const POST: APIRoute = async ({ request, url, clientAddress: socket }) => {
  const requestId = request.headers.get('x-request-id') ?? undefined;
  if (!sameOrigin(request, url)) return apiError(403, 'cross_site');

  const key = request.headers.get('idempotency-key') ?? undefined;
  if (key !== undefined && !UUID.test(key)) return apiError(400, 'invalid', { fields: { 'Idempotency-Key': 'invalid' } });

  const wait = bookingLimiter.retryAfter(clientAddress(request, socket, config.trustProxy));
  if (wait > 0) {
    log('booking.rate_limited', { requestId });
    return apiError(429, 'rate_limited', {}, { 'retry-after': String(wait) });
  }

  const body = await readBody(request);
  if (body.kind === 'error') return body.response;
  const parsed = bookingRequest.safeParse(body.kind === 'form' ? fromForm(body.value) : body.value);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    log('booking.invalid', { requestId, fields: Object.keys(fields).join(',') });
    return apiError(400, 'invalid', { fields });
  }

  const outcome = await submitBooking(parsed.data, key, requestId);
  switch (outcome.kind) {
    case 'unavailable':
      return apiError(503, 'unavailable', {}, { 'retry-after': '30' });
    case 'slot_unavailable':
    case 'slot_full':
      return apiError(409, outcome.kind);
    case 'key_reused':
      return apiError(422, 'idempotency_key_reused');
    case 'replayed':
    case 'created': {
      const result = created(outcome);
      // A form post (no JavaScript) goes on to the confirmation page; POST-redirect-GET keeps reloads harmless.
      if (body.kind === 'form') {
        return new Response(null, { status: 303, headers: { location: result.confirmationUrl, 'cache-control': 'no-store' } });
      }
      return json(outcome.kind === 'created' ? 201 : 200, result);
    }
  }
};
