import type { APIRoute } from 'astro';
import { addDays, isIsoDate, stockholmInstant } from '../../../intake/calendar';
import { apiError, json } from '../../../intake/http';
import { log } from '../../../intake/log';
import { locations, store } from '../../../intake/runtime';
import { staffCsv, staffRow } from '../../../intake/staff-csv';
import { audited, AuditUnavailable } from '../../../staff/audit';
import { keyFor } from '../../../staff/keys';

export const prerender = false;

/**
 * A day's bookings for an integration, under its own key (made by an admin in
 * the staff workspace, scoped to centres, revocable); every read is audited.
 */
export const GET: APIRoute = async ({ request, url }) => {
  const requestId = request.headers.get('x-request-id') ?? undefined;
  const bearer = /^Bearer (.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  let intake;
  let key;
  try {
    intake = await store();
    key = await keyFor(intake.staff(), bearer);
  } catch {
    log('staff.db_error', { requestId });
    return apiError(503, 'unavailable');
  }
  if (!key) {
    log('staff.unauthorised', { requestId });
    return apiError(401, 'unauthorised', {}, { 'www-authenticate': 'Bearer' });
  }
  const location = url.searchParams.get('location') ?? '';
  const date = url.searchParams.get('date') ?? '';
  if (!locations.some((l) => l.id === location) || !isIsoDate(date)) return apiError(400, 'invalid_query');
  if (!key.centres.includes(location)) {
    log('staff.forbidden', { requestId, key: key.id, location });
    return apiError(403, 'forbidden');
  }
  const csv = (request.headers.get('accept') ?? '').includes('text/csv');
  let bookings;
  try {
    bookings = await audited(
      { actorKind: 'key', actorId: key.id, action: 'api.read', location, detail: `${date}${csv ? ' csv' : ''}`, requestId },
      () => intake.list(location, stockholmInstant(date, '00:00'), stockholmInstant(addDays(date, 1), '00:00')),
      (list) => list.map((b) => b.reference),
    );
  } catch (error) {
    log(error instanceof AuditUnavailable ? 'staff.audit_unavailable' : 'staff.db_error', { requestId });
    return apiError(503, 'unavailable');
  }
  log('staff.read', { requestId, key: key.id, location, date, count: bookings.length });
  if (csv) {
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
