import { describe, expect, it } from 'vitest';
import { stockholmInstant, stockholmIso } from '../../src/intake/calendar';
import { channelsOf, plan, reminderDue, retryAt } from '../../src/intake/outbox';

const booking = {
  start: stockholmInstant('2026-11-25', '09:00'),
  email: 'a@example.se',
  phone: '+46701234567',
  locale: 'ar',
  notifyEmail: true,
  notifySms: true,
};

describe('reminder due time (Europe/Stockholm)', () => {
  it('goes at the same wall-clock time the day before, on an ordinary day', () => {
    expect(stockholmIso(reminderDue(stockholmInstant('2026-11-25', '09:00'), 24))).toBe('2026-11-24T09:00:00+01:00');
    expect(stockholmIso(reminderDue(stockholmInstant('2026-11-25', '09:00'), 26))).toBe('2026-11-24T07:00:00+01:00');
  });
  it('stays at 09:00 across the spring change (clocks forward, 29 March 2026)', () => {
    expect(stockholmIso(reminderDue(stockholmInstant('2026-03-29', '09:00'), 24))).toBe('2026-03-28T09:00:00+01:00');
    expect(stockholmIso(reminderDue(stockholmInstant('2026-03-30', '09:00'), 48))).toBe('2026-03-28T09:00:00+01:00');
    // 23 elapsed hours: the night was an hour short.
    expect(stockholmInstant('2026-03-29', '09:00').getTime() - reminderDue(stockholmInstant('2026-03-29', '09:00'), 24).getTime()).toBe(23 * 3_600_000);
  });
  it('stays at 09:00 across the autumn change (clocks back, 25 October 2026)', () => {
    expect(stockholmIso(reminderDue(stockholmInstant('2026-10-25', '09:00'), 24))).toBe('2026-10-24T09:00:00+02:00');
    expect(stockholmIso(reminderDue(stockholmInstant('2026-10-26', '13:30'), 48))).toBe('2026-10-24T13:30:00+02:00');
  });
});

describe('the messages a change owes', () => {
  const now = new Date('2026-11-20T10:00:00Z');
  it('a booking: a confirmation now and a reminder before the meeting, on each chosen channel, in the pages’ locale', () => {
    const messages = plan({ kind: 'booked' }, booking, now, 24);
    expect(messages).toEqual([
      { kind: 'confirmation', channel: 'email', locale: 'ar', actor: 'resident', reason: null, dueAt: now },
      { kind: 'reminder', channel: 'email', locale: 'ar', actor: 'resident', reason: null, dueAt: stockholmInstant('2026-11-24', '09:00') },
      { kind: 'confirmation', channel: 'sms', locale: 'ar', actor: 'resident', reason: null, dueAt: now },
      { kind: 'reminder', channel: 'sms', locale: 'ar', actor: 'resident', reason: null, dueAt: stockholmInstant('2026-11-24', '09:00') },
    ]);
  });
  it('no reminder for a booking made inside the reminder window', () => {
    const late = stockholmInstant('2026-11-24', '15:00');
    expect(plan({ kind: 'booked' }, booking, late, 24).map((m) => m.kind)).toEqual(['confirmation', 'confirmation']);
  });
  it('a cancellation: a receipt and no reminder; staff give a reason code', () => {
    expect(plan({ kind: 'cancelled', actor: 'resident' }, booking, now, 24).map((m) => [m.kind, m.channel])).toEqual([
      ['cancelled', 'email'],
      ['cancelled', 'sms'],
    ]);
    expect(plan({ kind: 'cancelled', actor: 'staff', reason: 'centre_closed' }, { ...booking, notifySms: false }, now, 24)).toEqual([
      { kind: 'cancelled', channel: 'email', locale: 'ar', actor: 'staff', reason: 'centre_closed', dueAt: now },
    ]);
  });
  it('a move: a changed message and a new reminder', () => {
    expect(plan({ kind: 'moved', actor: 'resident' }, { ...booking, notifySms: false }, now, 24).map((m) => m.kind)).toEqual(['changed', 'reminder']);
  });
  it('nothing without a channel the resident chose and gave the contact for', () => {
    expect(channelsOf({ ...booking, notifyEmail: false })).toEqual(['sms']);
    expect(channelsOf({ ...booking, phone: null })).toEqual(['email']);
    expect(plan({ kind: 'booked' }, { ...booking, notifyEmail: false, notifySms: false }, now, 24)).toEqual([]);
  });
  it('retries back off, doubling, at most an hour apart', () => {
    expect(retryAt(1, now, 60).getTime() - now.getTime()).toBe(60_000);
    expect(retryAt(3, now, 60).getTime() - now.getTime()).toBe(240_000);
    expect(retryAt(20, now, 60).getTime() - now.getTime()).toBe(3_600_000);
  });
});
