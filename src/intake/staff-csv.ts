import { stringify } from 'csv-stringify/sync';
import { stockholmIso } from './calendar.ts';
import type { Booking } from './store.ts';

// New columns go at the end, so a reader that takes columns by position keeps working.
export const staffColumns = [
  'reference', 'start', 'end', 'location', 'type', 'name', 'email', 'phone', 'language',
  'interpreter', 'interpreterLanguage', 'needs', 'createdAt', 'cancelledAt',
  'bookedBy', 'channel', 'attendance',
] as const;

/**
 * Staff's view of a booking: every field, times in Stockholm time with
 * offset; who booked (the resident online, or staff for a caller, with how
 * the caller reached them) and the attendance recorded, as codes. Which staff
 * account booked stays in the workspace.
 */
export function staffRow(b: Booking) {
  return {
    reference: b.reference,
    start: stockholmIso(b.start),
    end: stockholmIso(b.end),
    location: b.location,
    type: b.type,
    name: b.name,
    email: b.email,
    phone: b.phone,
    language: b.language,
    interpreter: b.interpreter,
    interpreterLanguage: b.interpreterLanguage,
    needs: b.needs,
    createdAt: stockholmIso(b.createdAt),
    cancelledAt: b.cancelledAt ? stockholmIso(b.cancelledAt) : null,
    bookedBy: b.madeBy ? 'staff' : 'online',
    channel: b.channel,
    attendance: b.attendance,
  };
}

// A cell starting with = + - @ is a formula in Excel; staff open these files there, and residents type these fields.
const typedByResident = new Set<string>(['name', 'email', 'interpreterLanguage', 'needs']);
const neutralise = (column: string, v: unknown) => (typedByResident.has(column) && typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

export function staffCsv(bookings: readonly Booking[]): string {
  const rows = bookings.map((b) => {
    const row = staffRow(b);
    return staffColumns.map((c) => {
      const v = row[c];
      return typeof v === 'boolean' ? (v ? 'yes' : 'no') : neutralise(c, v ?? '');
    });
  });
  // The BOM makes Excel read å, ä, ö and Arabic script as UTF-8.
  return `\uFEFF${stringify([staffColumns as unknown as string[], ...rows])}`;
}
