import type { APIRoute } from 'astro';
import { stockholmIso } from '../../../../intake/calendar';
import { apiError, json, readBody, sameOrigin } from '../../../../intake/http';
import { moveByLink } from '../../../../intake/services';

export const prerender = false;

/** Moves a booking to another time of the same meeting at the same job centre: `{token, slotId}`. */
export const POST: APIRoute = async ({ params, request, url }) => {
  if (!sameOrigin(request, url)) return apiError(403, 'cross_site');
  const body = await readBody(request);
  if (body.kind === 'error') return body.response;
  const field = (name: string) => {
    const value = body.kind === 'form' ? body.value.get(name) : (body.value as Record<string, unknown> | null)?.[name];
    return typeof value === 'string' ? value : undefined;
  };
  const result = await moveByLink(params.reference, field('token'), field('slotId') ?? '', request.headers.get('x-request-id') ?? undefined);
  switch (result.kind) {
    case 'unavailable':
      return apiError(503, 'unavailable', {}, { 'retry-after': '30' });
    case 'not_found':
      return apiError(404, 'not_found');
    case 'wrong_token':
      return apiError(403, 'wrong_token');
    case 'slot_unavailable':
    case 'slot_full':
    case 'cancelled':
      return apiError(409, result.kind);
    default:
      return json(200, { reference: result.booking.reference, slot: { id: result.booking.slotId, start: stockholmIso(result.booking.start), end: stockholmIso(result.booking.end) } });
  }
};
