import type { APIRoute } from 'astro';
import { addDays, isIsoDate, stockholmInstant } from '../../../intake/calendar';
import { apiError, json, secretMatches } from '../../../intake/http';
import { log } from '../../../intake/log';
import { config, locations, store } from '../../../intake/runtime';
import { staffCsv, staffRow } from '../../../intake/staff-csv';

export const prerender = false;

export const GET: APIRoute = async ({ request, url }) => {
  const requestId = request.headers.get('x-request-id') ?? undefined;
  // Without a configured token the staff API does not exist.
  if (!config.staffToken) return apiError(404, 'not_found');
  const bearer = /^Bearer (.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  if (!secretMatches(bearer, config.staffToken)) {
    log('staff.unauthorised', { requestId });
    return apiError(401, 'unauthorised', {}, { 'www-authenticate': 'Bearer' });
  }
  const location = url.searchParams.get('location') ?? '';
  const date = url.searchParams.get('date') ?? '';
  if (!locations.some((l) => l.id === location) || !isIsoDate(date)) return apiError(400, 'invalid_query');

  let bookings;
  try {
    bookings = await (await store()).list(location, stockholmInstant(date, '00:00'), stockholmInstant(addDays(date, 1), '00:00'));
  } catch {
    log('staff.db_error', { requestId });
    return apiError(503, 'unavailable');
  }
  log('staff.read', { requestId, location, date, count: bookings.length });
  if ((request.headers.get('accept') ?? '').includes('text/csv')) {
    return new Response(staffCsv(bookings), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="bookings-${location}-${date}.csv"`,
        'cache-control': 'no-store',
      },
    });
  }
  return json(200, { bookings: bookings.map(staffRow) });
};
