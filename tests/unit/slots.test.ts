import { describe, expect, it } from 'vitest';
import { catalog, findLocation } from '../../src/catalog';
import { closedDays, isClosed, stockholmInstant, stockholmIso } from '../../src/intake/calendar';
import { resolveSlot, slotId, slotsBetween } from '../../src/intake/slots';

const kista = findLocation('kista')!;
const locations = catalog.locations;
const at = (iso: string) => new Date(iso);

describe('closed days', () => {
  it('closes Swedish public holidays, Easter-based ones included, and the eves offices close on', () => {
    const days = closedDays(2027);
    for (const d of ['2027-01-01', '2027-01-06', '2027-03-26', '2027-03-29', '2027-05-06', '2027-06-06', '2027-06-25', '2027-12-24', '2027-12-31']) {
      expect(days, d).toContain(d);
    }
    expect(isClosed('2027-03-30')).toBe(false);
    expect(isClosed('2026-04-03')).toBe(true); // långfredagen 2026
  });
  it('offers no slots on a holiday that falls on a scheduled weekday', () => {
    // Annandag påsk 2027 is a Monday; Kista holds intro meetings on Mondays.
    const slots = slotsBetween(kista, 'intro', '2027-03-29', '2027-03-29', at('2027-03-10T08:00:00Z'), []);
    expect(slots).toEqual([]);
  });
});

describe('Stockholm time across daylight saving', () => {
  it('puts 09:00 at UTC+1 in winter and UTC+2 in summer', () => {
    expect(stockholmInstant('2027-03-26', '09:00').toISOString()).toBe('2027-03-26T08:00:00.000Z');
    expect(stockholmInstant('2027-03-30', '09:00').toISOString()).toBe('2027-03-30T07:00:00.000Z');
    expect(stockholmInstant('2026-10-26', '09:00').toISOString()).toBe('2026-10-26T08:00:00.000Z');
    expect(stockholmInstant('2026-10-23', '09:00').toISOString()).toBe('2026-10-23T07:00:00.000Z');
  });
  it('writes slot times with the offset of their own day, on both sides of the change', () => {
    const now = at('2027-03-15T08:00:00Z');
    const before = slotsBetween(kista, 'intro', '2027-03-25', '2027-03-25', now, [])[0]!;
    const after = slotsBetween(kista, 'intro', '2027-03-30', '2027-03-30', now, [])[0]!;
    expect(stockholmIso(before.start)).toBe('2027-03-25T09:00:00+01:00');
    expect(stockholmIso(after.start)).toBe('2027-03-30T09:00:00+02:00');
    expect(after.end.getTime() - after.start.getTime()).toBe(45 * 60_000);
  });
});

describe('booking rules', () => {
  const now = at('2026-11-23T10:00:00Z'); // Monday 11:00 in Stockholm
  it('follows the weekly schedule: days, times and capacity', () => {
    const slots = slotsBetween(kista, 'guidance', '2026-11-23', '2026-11-29', now, []);
    expect(slots.map((s) => s.id)).toEqual([
      'kista.guidance.20261124T1300',
      'kista.guidance.20261124T1430',
      'kista.guidance.20261126T0930',
      'kista.guidance.20261126T1300',
      'kista.guidance.20261126T1430',
    ]); // Tuesday 09:30 is inside the 24 h lead time
    const jobbstart = locations.find((l) => l.id === 'jobbstart')!;
    expect(slotsBetween(jobbstart, 'jobbstart', '2026-11-23', '2026-11-29', now, []).map((s) => s.capacity)).toEqual([12]); // Thursday; Tuesday 10:00 is inside the lead time
  });
  it('leaves out slots inside the lead time and beyond the horizon', () => {
    const slots = slotsBetween(kista, 'intro', '2026-11-23', '2027-01-31', now, []);
    expect(slots[0]!.id).toBe('kista.intro.20261124T1100'); // 24 h lead: 10:00 tomorrow is 23 h away
    expect(slots.at(-1)!.start.getTime()).toBeLessThanOrEqual(now.getTime() + 28 * 86_400_000 + 86_400_000);
  });
  it('resolves a bookable slot id and refuses every other', () => {
    expect(resolveSlot('kista.intro.20261125T0900', locations, now, [])?.capacity).toBe(1);
    expect(resolveSlot('kista.intro.20261123T0900', locations, now, []), 'past').toBeUndefined();
    expect(resolveSlot('kista.intro.20261124T1000', locations, now, []), 'inside lead time').toBeUndefined();
    expect(resolveSlot('kista.intro.20261125T0930', locations, now, []), 'not a scheduled time').toBeUndefined();
    expect(resolveSlot('kista.intro.20261128T0900', locations, now, []), 'Saturday').toBeUndefined();
    expect(resolveSlot('kungsholmen.youth.20261125T0930', locations, now, []), 'type not offered').toBeUndefined();
    expect(resolveSlot('kista.sfi-test.20261125T0900', locations, now, []), 'type no centre offers any longer').toBeUndefined();
    expect(resolveSlot('nowhere.intro.20261125T0900', locations, now, []), 'unknown location').toBeUndefined();
    expect(resolveSlot('kista.intro.20270308T0900', locations, now, []), 'beyond the horizon').toBeUndefined();
    expect(resolveSlot("kista.intro.20261125T0900' OR 1=1", locations, now, [])).toBeUndefined();
  });
  it('names slots by location, type and Stockholm start', () => {
    expect(slotId('jobbtorg-unga', 'youth', '2026-12-01', '09:30')).toBe('jobbtorg-unga.youth.20261201T0930');
  });
});
