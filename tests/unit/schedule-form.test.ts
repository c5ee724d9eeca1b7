import { describe, expect, it } from 'vitest';
import { findLocation } from '../../src/catalog';
import { checkDraft, fieldName, readDraft, type ScheduleDraft } from '../../src/staff/schedule-form';

const kista = findLocation('kista')!;
const today = '2026-11-23';
const draft = (fields: Partial<ScheduleDraft>): ScheduleDraft => ({ date: '', kind: '', type: '', time: '', capacity: '', minutes: '', reason: '', ...fields });
const errorsOf = (d: ScheduleDraft) => {
  const checked = checkDraft(d, kista, today);
  return 'errors' in checked ? checked.errors.map((e) => e.field) : [];
};

describe('the schedule form', () => {
  it('reads the form by its field names, trimmed', () => {
    const form = new URLSearchParams({ [fieldName.date]: ' 2026-11-25 ', [fieldName.kind]: 'closed_day', [fieldName.reason]: 'illness' });
    expect(readDraft(form)).toEqual(draft({ date: '2026-11-25', kind: 'closed_day', reason: 'illness' }));
  });

  it('asks for what each kind of change needs, and nothing more', () => {
    expect(errorsOf(draft({}))).toEqual(['date', 'kind']);
    expect(errorsOf(draft({ date: '2026-11-25', kind: 'closed_day' }))).toEqual(['reason']);
    expect(errorsOf(draft({ date: '2026-11-25', kind: 'closed_session', reason: 'other' }))).toEqual(['type', 'time']);
    expect(errorsOf(draft({ date: '2026-11-25', kind: 'capacity', type: 'intro', time: '09:00' }))).toEqual(['capacity']);
    expect(errorsOf(draft({ date: '2026-11-25', kind: 'extra', type: 'intro', time: '16:00', capacity: '2' }))).toEqual(['minutes']);
  });

  it('refuses a past date, a type the centre does not offer, seats out of range and a time that does not exist', () => {
    expect(errorsOf(draft({ date: '2026-11-22', kind: 'closed_day', reason: 'illness' }))).toEqual(['date']);
    expect(errorsOf(draft({ date: '2026-02-30', kind: 'closed_day', reason: 'illness' }))).toEqual(['date']);
    expect(errorsOf(draft({ date: '2026-11-25', kind: 'capacity', type: 'youth', time: '09:00', capacity: '2' }))).toEqual(['type']);
    expect(errorsOf(draft({ date: '2026-11-25', kind: 'capacity', type: 'intro', time: '09:00', capacity: '0' }))).toEqual(['capacity']);
    expect(errorsOf(draft({ date: '2026-11-25', kind: 'capacity', type: 'intro', time: '09:00', capacity: '51' }))).toEqual(['capacity']);
    expect(errorsOf(draft({ date: '2026-11-25', kind: 'extra', type: 'intro', time: '9.00', capacity: '2', minutes: '30' }))).toEqual(['time']);
    // 02:30 on the spring daylight-saving day does not exist in Stockholm.
    expect(errorsOf(draft({ date: '2027-03-28', kind: 'extra', type: 'intro', time: '02:30', capacity: '2', minutes: '30' }))).toEqual(['time']);
    expect(errorsOf(draft({ date: '2026-11-25', kind: 'extra', type: 'intro', time: '16:00', capacity: '2', minutes: '300' }))).toEqual(['minutes']);
  });

  it('makes the exception a valid draft asks for', () => {
    expect(checkDraft(draft({ date: '2026-11-25', kind: 'extra', type: 'intro', time: '16:00', capacity: '2', minutes: '30', reason: 'illness' }), kista, today)).toEqual({
      exception: { location: 'kista', date: '2026-11-25', kind: 'extra', type: 'intro', time: '16:00', minutes: 30, capacity: 2 },
    });
    expect(checkDraft(draft({ date: '2026-11-25', kind: 'closed_day', reason: 'training', type: 'intro', time: '09:00' }), kista, today)).toEqual({
      exception: { location: 'kista', date: '2026-11-25', kind: 'closed_day', reason: 'training' },
    });
  });
});
