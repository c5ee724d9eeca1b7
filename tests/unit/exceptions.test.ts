import { describe, expect, it } from 'vitest';
import { catalog, findLocation } from '../../src/catalog';
import { exceptionAudit, exceptionId, sessionState, type NewException, type ScheduleException } from '../../src/intake/exceptions';
import { touchedBy } from '../../src/intake/schedule-store';
import { resolveSlot, scheduledDay, slotId, slotsBetween } from '../../src/intake/slots';

const kista = findLocation('kista')!;
const locations = catalog.locations;
const now = new Date('2026-11-23T10:00:00Z'); // Monday 11:00 in Stockholm
const made = (e: NewException): ScheduleException => ({ ...e, id: exceptionId(e, slotId) }) as ScheduleException;
// Wednesday 25 November 2026: Kista holds intro meetings at 09:00, 10:00, 11:00, 13:30 and 14:30, one seat each.
const day = '2026-11-25';

describe('schedule exceptions', () => {
  it('takes a closed session out of the slot list and refuses its id, leaving the rest of the day', () => {
    const closed = [made({ kind: 'closed_session', location: 'kista', date: day, type: 'intro', time: '10:00', reason: 'illness' })];
    const ids = slotsBetween(kista, 'intro', day, day, now, closed).map((s) => s.id);
    expect(ids).toEqual(['kista.intro.20261125T0900', 'kista.intro.20261125T1100', 'kista.intro.20261125T1330', 'kista.intro.20261125T1430']);
    expect(resolveSlot('kista.intro.20261125T1000', locations, now, closed)).toBeUndefined();
    expect(resolveSlot('kista.intro.20261125T0900', locations, now, closed)?.id).toBe('kista.intro.20261125T0900');
  });

  it('closes every session of a closed day, extra ones too, and says why on the staff day', () => {
    const exceptions = [
      made({ kind: 'extra', location: 'kista', date: day, type: 'intro', time: '16:00', minutes: 30, capacity: 4 }),
      made({ kind: 'closed_day', location: 'kista', date: day, reason: 'training' }),
    ];
    expect(slotsBetween(kista, 'intro', day, day, now, exceptions)).toEqual([]);
    expect(resolveSlot('kista.intro.20261125T1600', locations, now, exceptions)).toBeUndefined();
    const sessions = scheduledDay(kista, day, exceptions);
    expect(sessions).toHaveLength(6);
    expect(new Set(sessions.map((s) => s.closed))).toEqual(new Set(['training']));
    // Another centre's closure of the same day changes nothing here.
    const elsewhere = [made({ kind: 'closed_day', location: 'vallingby', date: day, reason: 'illness' })];
    expect(slotsBetween(kista, 'intro', day, day, now, elsewhere)).toHaveLength(5);
  });

  it('offers an extra session with its own length and capacity, bookable by its slot id', () => {
    const extra = [made({ kind: 'extra', location: 'kista', date: day, type: 'intro', time: '16:00', minutes: 30, capacity: 4 })];
    const slot = resolveSlot('kista.intro.20261125T1600', locations, now, extra)!;
    expect(slot.capacity).toBe(4);
    expect(slot.end.getTime() - slot.start.getTime()).toBe(30 * 60_000);
    expect(slotsBetween(kista, 'intro', day, day, now, extra).map((s) => s.id)).toContain('kista.intro.20261125T1600');
    expect(scheduledDay(kista, day, extra).find((s) => s.id === slot.id)?.extra).toBe(true);
  });

  it('replaces one session’s capacity and marks it changed', () => {
    const exceptions = [made({ kind: 'capacity', location: 'kista', date: day, type: 'intro', time: '09:00', capacity: 3 })];
    expect(resolveSlot('kista.intro.20261125T0900', locations, now, exceptions)?.capacity).toBe(3);
    expect(resolveSlot('kista.intro.20261125T1000', locations, now, exceptions)?.capacity).toBe(1);
    const session = scheduledDay(kista, day, exceptions).find((s) => s.id === 'kista.intro.20261125T0900')!;
    expect(session.changed).toBe(true);
    expect(session.closed).toBeNull();
  });

  it('names a session’s own closure before its day’s', () => {
    const exceptions = [
      made({ kind: 'closed_day', location: 'kista', date: day, reason: 'training' }),
      made({ kind: 'closed_session', location: 'kista', date: day, type: 'intro', time: '09:00', reason: 'illness' }),
    ];
    expect(sessionState('kista.intro.20261125T0900', 'kista', day, exceptions).closed).toBe('illness');
    expect(sessionState('kista.intro.20261125T1000', 'kista', day, exceptions).closed).toBe('training');
  });

  it('says which sessions an exception touches, and refuses one for a session the day does not have', () => {
    const sessions = scheduledDay(kista, day, []);
    expect(touchedBy(made({ kind: 'closed_day', location: 'kista', date: day, reason: 'other' }), sessions)).toHaveLength(5);
    expect(touchedBy(made({ kind: 'closed_session', location: 'kista', date: day, type: 'intro', time: '09:00', reason: 'other' }), sessions)).toEqual(['kista.intro.20261125T0900']);
    expect(touchedBy(made({ kind: 'capacity', location: 'kista', date: day, type: 'intro', time: '09:30', capacity: 2 }), sessions)).toEqual({ kind: 'no_session' });
    expect(touchedBy(made({ kind: 'extra', location: 'kista', date: day, type: 'intro', time: '09:00', minutes: 45, capacity: 2 }), sessions)).toEqual({ kind: 'session_exists' });
  });
});

describe('the audit row of an exception', () => {
  it('names the exception, its reason code or capacity, and for a closure the bookings it affects: codes and numbers only', () => {
    const closedDay: ScheduleException = { id: 'kista.20261208.closed_day', kind: 'closed_day', location: 'kista', date: '2026-12-08', reason: 'illness' };
    const closedSession: ScheduleException = { id: 'kista.intro.20261208T0900.closed_session', kind: 'closed_session', location: 'kista', date: '2026-12-08', type: 'intro', time: '09:00', reason: 'training' };
    const capacity: ScheduleException = { id: 'kista.intro.20261208T0900.capacity', kind: 'capacity', location: 'kista', date: '2026-12-08', type: 'intro', time: '09:00', capacity: 3 };
    const extra: ScheduleException = { id: 'kista.intro.20261208T1615.extra', kind: 'extra', location: 'kista', date: '2026-12-08', type: 'intro', time: '16:15', minutes: 30, capacity: 2 };
    expect([closedDay, closedSession, capacity, extra].map((e) => exceptionAudit(e, 2))).toEqual([
      { action: 'schedule.close', detail: 'kista.20261208.closed_day illness affected=2' },
      { action: 'schedule.close', detail: 'kista.intro.20261208T0900.closed_session training affected=2' },
      { action: 'schedule.capacity', detail: 'kista.intro.20261208T0900.capacity capacity=3' },
      { action: 'schedule.extra', detail: 'kista.intro.20261208T1615.extra capacity=2' },
    ]);
    expect(exceptionAudit(closedDay, 0).detail).toBe('kista.20261208.closed_day illness affected=0');
  });
});
