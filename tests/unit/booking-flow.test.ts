import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bring } from '../../src/booking/bring';
import { byDay, dayPage, DAYS_PER_PAGE, nearestFree } from '../../src/booking/slot-list';
import {
  checkDetails,
  draftEntries,
  emptyDraft,
  nextStep,
  fit,
  rawChoices,
  readDraft,
  stepQuery,
  stepToShow,
  type Draft,
} from '../../src/booking/flow';
import { meetingTypeIds } from '../../src/catalog';

const places = [
  { id: 'kista', meetingTypes: ['intro', 'guidance', 'sfi-test'] },
  { id: 'jobbstart', meetingTypes: ['jobbstart'] },
];
const choices = (query: string) => fit(rawChoices(new URLSearchParams(query)), meetingTypeIds, places);

describe('choices from an address or a form', () => {
  it('keeps a consistent chain of type, place and time', () => {
    expect(choices('typ=intro&plats=kista&tid=kista.intro.20261125T0900')).toEqual({ type: 'intro', place: 'kista', time: 'kista.intro.20261125T0900' });
  });
  it('drops a place that does not offer the meeting, and everything after it', () => {
    expect(choices('typ=jobbstart&plats=kista&tid=kista.intro.20261125T0900')).toEqual({ type: 'jobbstart' });
  });
  it('drops a time at another place or of another meeting, and anything not a slot id', () => {
    expect(choices('typ=intro&plats=kista&tid=vantor.intro.20261125T0900')).toEqual({ type: 'intro', place: 'kista' });
    expect(choices('typ=intro&plats=kista&tid=kista.guidance.20261125T0900')).toEqual({ type: 'intro', place: 'kista' });
    expect(choices('typ=intro&plats=kista&tid=kista.intro.<script>')).toEqual({ type: 'intro', place: 'kista' });
  });
  it('ignores an unknown meeting type', () => {
    expect(choices('typ=fika&plats=kista')).toEqual({});
  });
  it('writes only choices and the step into an address', () => {
    expect(stepQuery({ type: 'intro', place: 'kista' }, 'tid')).toBe('?typ=intro&plats=kista&steg=tid');
  });
});

describe('which step to show', () => {
  const all = { type: 'intro' as const, place: 'kista', time: 'kista.intro.20261125T0900' };
  it('starts at the meeting type', () => {
    expect(stepToShow(undefined, {}, false)).toEqual({ step: 'typ', missing: false });
  });
  it('never skips a missing choice, and says that it is missing', () => {
    expect(stepToShow('plats', {}, false)).toEqual({ step: 'typ', missing: true });
    expect(stepToShow('uppgifter', { type: 'intro', place: 'kista' }, false)).toEqual({ step: 'tid', missing: true });
  });
  it('shows the details step, not the summary, when the details are not in (they never travel in the address)', () => {
    expect(stepToShow('granska', all, false)).toEqual({ step: 'uppgifter', missing: false });
    expect(stepToShow('granska', all, true)).toEqual({ step: 'granska', missing: false });
  });
  it('lets the resident go back to any earlier step', () => {
    expect(stepToShow('typ', all, true)).toEqual({ step: 'typ', missing: false });
  });
  it('returns to the summary after a change once the details are in', () => {
    expect(nextStep('typ', false)).toBe('plats');
    expect(nextStep('tid', false)).toBe('uppgifter');
    expect(nextStep('typ', true)).toBe('granska');
  });
});

describe('the slot list', () => {
  const slot = (day: number, hhmm: string, remaining = 1) => ({ id: `kista.intro.202611${String(day).padStart(2, '0')}T${hhmm}`, remaining });
  const slots = [slot(25, '1000'), slot(24, '0900'), slot(24, '1300', 0), slot(26, '0900'), slot(27, '0900'), slot(30, '0900'), slot(30, '1000')];

  it('groups free slots by day in time order and leaves out full ones', () => {
    expect(byDay(slots).map((d) => [d.date, d.slots.map((s) => s.id.slice(-4))])).toEqual([
      ['2026-11-24', ['0900']],
      ['2026-11-25', ['1000']],
      ['2026-11-26', ['0900']],
      ['2026-11-27', ['0900']],
      ['2026-11-30', ['0900', '1000']],
    ]);
  });
  it('pages by days and names the first day of the next page', () => {
    const days = [...Array(DAYS_PER_PAGE + 2).keys()].map((i) => ({ date: `2026-12-${String(i + 1).padStart(2, '0')}`, slots: [] }));
    const first = dayPage(days, undefined);
    expect(first.days).toHaveLength(DAYS_PER_PAGE);
    expect(first.later).toBe(`2026-12-0${DAYS_PER_PAGE + 1}`);
    const second = dayPage(days, first.later);
    expect(second.days.map((d) => d.date)).toEqual(['2026-12-06', '2026-12-07']);
    expect(second.later).toBeUndefined();
  });
  it('offers the free times nearest a taken one, in time order, never the taken one', () => {
    const near = nearestFree(slots, 'kista.intro.20261125T1000', 3).map((s) => s.id.slice(-13));
    expect(near).toEqual(['20261124T0900', '20261126T0900', '20261127T0900']);
    expect(nearestFree([slot(25, '1000')], 'kista.intro.20261125T1000')).toEqual([]);
  });
});

describe('the details step', () => {
  const draft = (extra: Partial<Draft>): Draft => ({ ...emptyDraft('ar'), name: 'Amina', ...extra });
  it('asks for an email address or a phone number', () => {
    expect(checkDetails(draft({}))).toEqual({ email: 'contact_required' });
    expect(checkDetails(draft({ phone: '070-123 45 67' }))).toEqual({});
  });
  it('asks which language the interpreter should speak', () => {
    expect(checkDetails(draft({ email: 'a@example.se', interpreter: true }))).toEqual({ interpreterLanguage: 'required' });
  });
  it('names each field with a problem', () => {
    expect(checkDetails(draft({ name: '', email: 'a@', phone: '12', needs: 'x'.repeat(501) }))).toEqual({
      name: 'required',
      email: 'invalid_email',
      phone: 'invalid_phone',
      needs: 'too_long',
    });
  });
  it('carries the details between pages unchanged, as typed', () => {
    const typed = draft({ email: ' a@example.se ', interpreter: true, interpreterLanguage: 'tigrinja', needs: 'Rullstol\nOch en vän' });
    expect(readDraft(new URLSearchParams(draftEntries(typed)))).toEqual(typed);
    expect(readDraft(new URLSearchParams('typ=intro'))).toBeUndefined();
  });
});

describe('what to bring', () => {
  const sv = JSON.parse(readFileSync('locales/sv/booking.json', 'utf8')) as Record<string, string>;
  it('lists something for every meeting type, each item with its words', () => {
    for (const type of meetingTypeIds) {
      const items = bring.bring[type] ?? [];
      expect(items.length, type).toBeGreaterThan(0);
      for (const item of items) expect(sv[`bring.${item}`], item).toBeTruthy();
    }
  });
});
