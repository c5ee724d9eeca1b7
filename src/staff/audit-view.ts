import { stringify } from 'csv-stringify/sync';
import { addDays, isIsoDate, stockholmInstant, stockholmIso } from '../intake/calendar.ts';
import type { AuditFilter, AuditRow } from '../intake/staff-store.ts';
import { REFERENCE } from '../intake/booking.ts';

/** The actions the trail records, for the filter (their names are in the staff strings as action.*). */
export const auditActions = [
  'signin', 'signout', 'signout_everywhere', 'day.view', 'day.print', 'booking.view', 'search.reference', 'search.contact',
  'api.read', 'key.create', 'key.revoke', 'audit.view', 'audit.export', 'rights.export', 'rights.erase',
  'booking.create', 'booking.cancel', 'booking.move', 'booking.attendance',
  'schedule.close', 'schedule.capacity', 'schedule.extra', 'schedule.remove', 'review.view',
] as const;

/** The filter an admin's query asks for; anything malformed is left out rather than guessed. */
export function auditFilter(params: URLSearchParams): AuditFilter & { fromDate: string; toDate: string; referenceText: string } {
  const fromDate = params.get('fran') ?? '';
  const toDate = params.get('till') ?? '';
  const action = params.get('handelse') ?? '';
  const referenceText = (params.get('referens') ?? '').trim().toUpperCase();
  return {
    fromDate,
    toDate,
    referenceText,
    from: isIsoDate(fromDate) ? stockholmInstant(fromDate, '00:00') : undefined,
    to: isIsoDate(toDate) ? stockholmInstant(addDays(toDate, 1), '00:00') : undefined,
    action: (auditActions as readonly string[]).includes(action) ? action : undefined,
    reference: REFERENCE.test(referenceText) ? referenceText : undefined,
    limit: 1000,
  };
}

/** The trail for the data protection officer: one row per event, times in Stockholm time. */
export function auditCsv(rows: readonly AuditRow[], who: (row: AuditRow) => string): string {
  const header = ['id', 'at', 'actorKind', 'actor', 'action', 'bookings', 'location', 'detail', 'requestId'];
  const lines = rows.map((r) => [r.id, stockholmIso(r.at), r.actorKind, who(r), r.action, r.bookingRefs.join(' '), r.location ?? '', r.detail ?? '', r.requestId ?? '']);
  return `\uFEFF${stringify([header, ...lines])}`;
}
