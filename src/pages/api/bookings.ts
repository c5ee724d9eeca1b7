import type { APIRoute } from 'astro';
import { stockholmIso } from '../../intake/calendar';
import { clientAddress } from '../../intake/client-address';
import { apiError, json, readBody, sameOrigin } from '../../intake/http';
import { trust } from '../../intake/runtime';
import { bookingLinks, bookSlot } from '../../intake/services';

export const prerender = false;

/** JSON only: without JavaScript, residents book through the booking page (/{locale}/boka/), which calls the same service. */
export const POST: APIRoute = async ({ request, url, clientAddress: socket }) => {
  if (!sameOrigin(request, url)) return apiError(403, 'cross_site');
  const body = await readBody(request);
  if (body.kind === 'error') return body.response;
  if (body.kind !== 'json') return apiError(415, 'unsupported_media_type');

  const outcome = await bookSlot(body.value, request.headers.get('idempotency-key') ?? undefined, {
    client: clientAddress(request, socket, trust),
    requestId: request.headers.get('x-request-id') ?? undefined,
  });
  switch (outcome.kind) {
    case 'rate_limited':
      return apiError(429, 'rate_limited', {}, { 'retry-after': String(outcome.retryAfter) });
    case 'bad_key':
      return apiError(400, 'invalid', { fields: { 'Idempotency-Key': 'invalid' } });
    case 'invalid':
      return apiError(400, 'invalid', { fields: outcome.fields });
    case 'unavailable':
      return apiError(503, 'unavailable', {}, { 'retry-after': '30' });
    case 'slot_unavailable':
    case 'slot_full':
      return apiError(409, outcome.kind);
    case 'key_reused':
      return apiError(422, 'idempotency_key_reused');
    case 'replayed':
    case 'created': {
      const { booking, cancelToken } = outcome;
      return json(outcome.kind === 'created' ? 201 : 200, {
        reference: booking.reference,
        slot: { id: booking.slotId, start: stockholmIso(booking.start), end: stockholmIso(booking.end), location: booking.location, type: booking.type },
        ...bookingLinks(booking.reference, booking.language, cancelToken),
      });
    }
  }
};
