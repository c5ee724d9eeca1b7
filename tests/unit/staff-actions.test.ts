import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/catalog/index';
import { attendanceOpen, cancelMessage } from '../../src/intake/staff-acts';
import { mayActOnBookings, mayOpenOverview } from '../../src/staff/access';
import { bookingErrorKey, readCancel, readMove, readStaffBooking } from '../../src/staff/action-forms';
import { combinedRows, monthOf, overviewRows, parsePeriod, periodOptions, weekOf } from '../../src/staff/overview';

const form = (fields: Record<string, string>) => new URLSearchParams(fields);
const caller = {
  tid: 'kista.intro.20261208T0900',
  channel: 'phone',
  name: ' Amina Yusuf ',
  email: '',
  phone: '070-123 45 67',
  notifySms: 'true',
  locale: 'so',
  language: 'so',
  consent: 'yes',
};

describe('booking for a caller', () => {
  it('reads the form through the resident’s own schema, adding the channel and the message locale', () => {
    const read = readStaffBooking(form(caller));
    expect(read).toMatchObject({ kind: 'ok', channel: 'phone', request: { slotId: caller.tid, name: 'Amina Yusuf', phone: '+46701234567', notifySms: true, notifyEmail: false, locale: 'so', consent: true } });
  });

  it('names each problem by the schema’s codes, with the channel, locale and consent staff must give', () => {
    const read = readStaffBooking(form({ ...caller, phone: '', channel: 'fax', locale: 'xx', consent: '' }));
    expect(read).toEqual({ kind: 'invalid', errors: { email: 'contact_required', locale: 'required', channel: 'required', consent: 'consent_required' } });
  });

  it('says a problem per code where the code says it all, and per field otherwise', () => {
    expect(bookingErrorKey('email', 'invalid_email')).toBe('book.error.invalid_email');
    expect(bookingErrorKey('name', 'required')).toBe('book.error.name');
    expect(bookingErrorKey('slotId', 'taken')).toBe('book.error.taken');
    expect(bookingErrorKey('slotId', 'unavailable')).toBe('book.error.unavailable');
    expect(bookingErrorKey('needs', 'too_long')).toBe('book.error.needs');
  });
});

describe('cancelling and moving for a resident', () => {
  it('needs a reason and a channel, and words only for “other”', () => {
    expect(readCancel(form({ channel: 'phone' }))).toEqual({ kind: 'invalid', errors: { reason: 'required' } });
    expect(readCancel(form({ reason: 'other', channel: 'none', note: ' ' }))).toEqual({ kind: 'invalid', errors: { note: 'required' } });
    expect(readCancel(form({ reason: 'other', channel: 'none', note: 'x'.repeat(501) }))).toEqual({ kind: 'invalid', errors: { note: 'too_long' } });
    expect(readCancel(form({ reason: 'other', channel: 'email', note: ' Flyttat ' }))).toEqual({ kind: 'ok', reason: 'other', channel: 'email', note: 'Flyttat' });
    // Words typed before another reason was chosen are not kept.
    expect(readCancel(form({ reason: 'closed', channel: 'none', note: 'ignored' }))).toEqual({ kind: 'ok', reason: 'closed', channel: 'none', note: undefined });
  });

  it('tells the resident in the existing templates: as their own cancellation when they asked, else with a staff reason code', () => {
    expect(cancelMessage('resident')).toEqual({ actor: 'resident' });
    expect(cancelMessage('closed')).toEqual({ actor: 'staff', reason: 'closed' });
    expect(cancelMessage('duplicate')).toEqual({ actor: 'staff', reason: 'other' });
    expect(cancelMessage('other')).toEqual({ actor: 'staff', reason: 'other' });
  });

  it('needs a time and a channel to move', () => {
    expect(readMove(form({}))).toEqual({ kind: 'invalid', errors: { slotId: 'required', channel: 'required' } });
    expect(readMove(form({ tid: 'kista.intro.20261208T0900', channel: 'in_person' }))).toEqual({ kind: 'ok', slotId: 'kista.intro.20261208T0900', channel: 'in_person' });
  });

  it('opens attendance when the meeting starts, not a moment before', () => {
    const start = new Date('2026-12-08T08:00:00Z');
    expect(attendanceOpen(start, new Date('2026-12-08T07:59:59Z'))).toBe(false);
    expect(attendanceOpen(start, start)).toBe(true);
  });
});

describe('the overview’s periods', () => {
  it('finds ISO weeks across a year’s turn', () => {
    expect(weekOf('2026-12-06')).toMatchObject({ id: '2026-W49', from: '2026-11-30', until: '2026-12-07' });
    // 1 January 2027 is a Friday: it belongs to 2026's week 53.
    expect(weekOf('2027-01-01')).toMatchObject({ id: '2026-W53', from: '2026-12-28' });
    expect(weekOf('2025-12-29')).toMatchObject({ id: '2026-W01', from: '2025-12-29' });
  });

  it('reads a week or a month and refuses what does not exist', () => {
    expect(parsePeriod('2026-W10')).toMatchObject({ kind: 'week', from: '2026-03-02', until: '2026-03-09' });
    expect(parsePeriod('2026-12')).toMatchObject({ kind: 'month', from: '2026-12-01', until: '2027-01-01' });
    expect(parsePeriod('2026-W53')).toMatchObject({ kind: 'week', from: '2026-12-28', until: '2027-01-04' });
    expect(parsePeriod('2025-W53')).toBeUndefined();
    expect(parsePeriod('2026-13')).toBeUndefined();
    expect(parsePeriod('2026-W00')).toBeUndefined();
    expect(monthOf('2026-02-14')).toMatchObject({ id: '2026-02', until: '2026-03-01' });
  });

  it('offers recent weeks and months, the current ones among them', () => {
    const { weeks, months } = periodOptions('2026-12-06');
    expect(weeks.map((w) => w.id)).toContain('2026-W49');
    expect(weeks[0]!.id).toBe('2026-W53');
    expect(months[0]!.id).toBe('2027-01');
    expect(months.map((m) => m.id)).toContain('2025-12');
  });

  it('adds the seats the schedule offered and the seats used to each meeting type’s counts', () => {
    const vantor = catalog.locations.find((l) => l.id === 'vantor')!;
    const rows = overviewRows(vantor, parsePeriod('2026-W10')!, [{ type: 'intro', bookings: 5, cancelled: 2, attended: 2, noShow: 1, lateCancel: 0 }], []);
    expect(rows).toEqual([
      { type: 'intro', bookings: 5, cancelled: 2, attended: 2, noShow: 1, lateCancel: 0, seatsUsed: 3, capacity: 20 },
      { type: 'guidance', bookings: 0, cancelled: 0, attended: 0, noShow: 0, lateCancel: 0, seatsUsed: 0, capacity: 6 },
    ]);
  });
});

describe('who may act on bookings', () => {
  const person = (role: 'caseworker' | 'reception' | 'admin', centres: string[] = []) => ({ id: 'x', role, centres });
  it('lets a caseworker act at their own centres only, an admin anywhere, and reception nowhere', () => {
    expect(mayActOnBookings(person('caseworker', ['kista']), 'kista')).toBe(true);
    expect(mayActOnBookings(person('caseworker', ['kista']), 'vallingby')).toBe(false);
    expect(mayActOnBookings(person('admin'), 'vallingby')).toBe(true);
    expect(mayActOnBookings(person('reception', ['kista']), 'kista')).toBe(false);
    expect(mayOpenOverview(person('reception', ['kista']), 'kista')).toBe(false);
  });
});

describe('the overview of all of a person’s centres', () => {
  it('sums the centres’ rows per meeting type, in the order the types first come, and per centre', () => {
    const row = (type: string, n: number) => ({ type, bookings: n, cancelled: 1, attended: n - 1, noShow: 0, lateCancel: 0, seatsUsed: n - 1, capacity: 10 });
    const { byType, byCentre } = combinedRows([
      { centre: 'kista', rows: [row('intro', 3), row('guidance', 2)] },
      { centre: 'vantor', rows: [row('intro', 5)] },
      { centre: 'jobbstart', rows: [row('jobbstart', 4)] },
    ]);
    expect(byType).toEqual([
      { type: 'intro', bookings: 8, cancelled: 2, attended: 6, noShow: 0, lateCancel: 0, seatsUsed: 6, capacity: 20 },
      { type: 'guidance', bookings: 2, cancelled: 1, attended: 1, noShow: 0, lateCancel: 0, seatsUsed: 1, capacity: 10 },
      { type: 'jobbstart', bookings: 4, cancelled: 1, attended: 3, noShow: 0, lateCancel: 0, seatsUsed: 3, capacity: 10 },
    ]);
    expect(byCentre).toEqual([
      { centre: 'kista', bookings: 5, cancelled: 2, attended: 3, noShow: 0, lateCancel: 0, seatsUsed: 3, capacity: 20 },
      { centre: 'vantor', bookings: 5, cancelled: 1, attended: 4, noShow: 0, lateCancel: 0, seatsUsed: 4, capacity: 10 },
      { centre: 'jobbstart', bookings: 4, cancelled: 1, attended: 3, noShow: 0, lateCancel: 0, seatsUsed: 3, capacity: 10 },
    ]);
    expect(combinedRows([])).toEqual({ byType: [], byCentre: [] });
  });
});
