import type { APIRoute } from 'astro';
import { REFERENCE, sha256 } from '../../../../intake/booking';
import { apiError, json, readBody, sameOrigin } from '../../../../intake/http';
import { log } from '../../../../intake/log';
import { store } from '../../../../intake/runtime';

export const prerender = false;

export const POST: APIRoute = async ({ params, request, url }) => {
  const requestId = request.headers.get('x-request-id') ?? undefined;
  if (!sameOrigin(request, url)) return apiError(403, 'cross_site');
  const reference = params.reference ?? '';
  if (!REFERENCE.test(reference)) return apiError(404, 'not_found');
  const body = await readBody(request);
  if (body.kind === 'error') return body.response;
  const token = body.kind === 'form' ? body.value.get('token') : (body.value as { token?: unknown } | null)?.token;
  if (typeof token !== 'string' || token.length === 0) return apiError(403, 'wrong_token');

  let result;
  try {
    result = await (await store()).cancel(reference, sha256(token), new Date());
  } catch {
    log('cancel.db_error', { requestId });
    return apiError(503, 'unavailable', {}, { 'retry-after': '30' });
  }
  log(`cancel.${result}`, { requestId, reference });
  if (result === 'not_found') return apiError(404, 'not_found');
  if (result === 'wrong_token') return apiError(403, 'wrong_token');
  return json(200, { reference, status: 'cancelled' });
};
