import type { APIRoute } from 'astro';
import { apiError, json, readBody, sameOrigin } from '../../../../intake/http';
import { cancelByLink } from '../../../../intake/services';

export const prerender = false;

export const POST: APIRoute = async ({ params, request, url }) => {
  if (!sameOrigin(request, url)) return apiError(403, 'cross_site');
  const body = await readBody(request);
  if (body.kind === 'error') return body.response;
  const token = body.kind === 'form' ? body.value.get('token') : (body.value as { token?: unknown } | null)?.token;
  const result = await cancelByLink(params.reference, typeof token === 'string' ? token : undefined, request.headers.get('x-request-id') ?? undefined);
  switch (result.kind) {
    case 'unavailable':
      return apiError(503, 'unavailable', {}, { 'retry-after': '30' });
    case 'not_found':
      return apiError(404, 'not_found');
    case 'wrong_token':
      return apiError(403, 'wrong_token');
    default:
      return json(200, { reference: result.booking.reference, status: 'cancelled' });
  }
};
