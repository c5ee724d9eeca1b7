import { describe, expect, it } from 'vitest';
import { examples, exampleDraft, exampleTime, type ExampleName } from '../../src/booking/examples';
import { isStep, PARAM, rawChoices } from '../../src/booking/flow';
import { initialState, next, type BookingEvent, type BookingState, type Rules } from '../../src/booking/machine';
import { meetingTypeIds } from '../../src/catalog';

const rules: Rules = {
  types: meetingTypeIds,
  places: [
    { id: 'kista', meetingTypes: ['intro', 'guidance', 'sfi-test'] },
    { id: 'vantor', meetingTypes: ['intro', 'guidance'] },
    { id: 'jobbstart', meetingTypes: ['jobbstart'] },
  ],
  newKey: () => 'key-new',
};
const ex = (name: ExampleName): BookingState => structuredClone(examples[name].state) as BookingState;
const all = { type: 'intro', place: 'kista', time: exampleTime } as const;
const vantorTime = 'vantor.intro.20261126T1000';

/** [what happens, from which state, the event, what the resident then meets (the fields that matter)]. */
const table: [string, BookingState, BookingEvent, Partial<BookingState>][] = [
  // Addresses
  ['a plain address starts at the meeting type', initialState(), { type: 'open', step: undefined, choices: {} }, { step: 'typ', errors: {} }],
  ['an address past a missing choice shows that choice, marked', initialState(), { type: 'open', step: 'plats', choices: {} }, ex('type, none chosen')],
  ['an address with the details step but no time shows the times', initialState(), { type: 'open', step: 'uppgifter', choices: { type: 'intro', place: 'kista' } }, { step: 'tid', errors: { time: 'required' } }],
  ['the summary is out of reach until the details are in', initialState(), { type: 'open', step: 'granska', choices: all }, { step: 'uppgifter', errors: {} }],
  ['a post carrying good details reaches the summary, with a new key', initialState(), { type: 'open', step: 'granska', choices: all, draft: exampleDraft }, { step: 'granska', draft: exampleDraft, key: 'key-new' }],
  ['a post carrying bad details shows them again with their errors', initialState(), { type: 'open', step: 'granska', choices: all, draft: { ...exampleDraft, email: '', phone: '' } }, { step: 'uppgifter', draft: undefined, errors: { email: 'contact_required' } }],
  ['a place that does not hold the meeting is dropped from an address', initialState(), { type: 'open', step: 'tid', choices: { type: 'jobbstart', place: 'kista' } }, { step: 'plats', choices: { type: 'jobbstart' } }],
  ['the back button keeps the details', ex('check, ready'), { type: 'open', step: 'tid', choices: all }, { step: 'tid', draft: exampleDraft, errors: {} }],
  // Choices
  ['a meeting type chosen leads to the places', ex('type, first visit'), { type: 'choose', step: 'typ', choices: { type: 'intro' } }, { step: 'plats', choices: { type: 'intro' }, errors: {} }],
  ['no meeting type chosen says so', ex('type, first visit'), { type: 'choose', step: 'typ', choices: {} }, ex('type, none chosen')],
  ['an unknown meeting type counts as none', ex('type, first visit'), { type: 'choose', step: 'typ', choices: { type: 'fika' } }, { step: 'typ', errors: { type: 'required' } }],
  ['no place chosen says so', ex('place, from a service page'), { type: 'choose', step: 'plats', choices: { type: 'intro' } }, ex('place, none chosen')],
  ['a place chosen leads to the times', ex('place, from a service page'), { type: 'choose', step: 'plats', choices: { type: 'intro', place: 'kista' } }, { step: 'tid', choices: { type: 'intro', place: 'kista' } }],
  ['no time chosen says so', ex('time, list'), { type: 'choose', step: 'tid', choices: { type: 'intro', place: 'kista' } }, ex('time, none chosen')],
  ['a time chosen leads to the details', ex('time, list'), { type: 'choose', step: 'tid', choices: all }, { step: 'uppgifter', choices: all, errors: {} }],
  ['a time from another place counts as none', ex('time, list'), { type: 'choose', step: 'tid', choices: { ...all, time: vantorTime } }, { step: 'tid', errors: { time: 'required' } }],
  // What survives a changed answer
  ['a new meeting type the place holds keeps the place, not the time, and asks for a time', ex('check, ready'), { type: 'choose', step: 'typ', choices: { ...all, type: 'guidance' } }, { step: 'tid', choices: { type: 'guidance', place: 'kista' }, draft: exampleDraft, errors: { time: 'required' } }],
  ['a new meeting type the place does not hold asks for a place', ex('check, ready'), { type: 'choose', step: 'typ', choices: { ...all, type: 'jobbstart' } }, { step: 'plats', choices: { type: 'jobbstart' }, errors: { place: 'required' } }],
  ['the same meeting type again keeps everything and returns to the summary', ex('check, ready'), { type: 'choose', step: 'typ', choices: all }, { step: 'granska', choices: all, draft: exampleDraft, key: 'key-1' }],
  ['a new place drops the time', ex('check, ready'), { type: 'choose', step: 'plats', choices: { ...all, place: 'vantor' } }, { step: 'tid', choices: { type: 'intro', place: 'vantor' }, errors: { time: 'required' } }],
  ['a new time, once the details are in, returns to the summary with a new key', { ...ex('check, ready'), step: 'tid' }, { type: 'choose', step: 'tid', choices: { ...all, time: 'kista.intro.20261125T1000' } }, { step: 'granska', key: 'key-new', draft: exampleDraft }],
  // Slot paging
  ['later times', ex('time, list'), { type: 'page', from: '2026-12-01' }, { step: 'tid', from: '2026-12-01', errors: {} }],
  ['back to the first times', { ...ex('time, list'), from: '2026-12-01' }, { type: 'page', from: '' }, { step: 'tid', from: undefined }],
  ['all times instead of the nearest few', ex('time, taken before confirming'), { type: 'page', from: '' }, { step: 'tid', taken: undefined, errors: {}, draft: exampleDraft }],
  ['a first date that is no date is ignored', ex('time, list'), { type: 'page', from: '<script>' }, { step: 'tid', from: undefined }],
  ['slots arrive', ex('time, list'), { type: 'slots', slots: { type: 'intro', place: 'kista', list: [{ id: exampleTime, remaining: 1 }] } }, { slots: { type: 'intro', place: 'kista', list: [{ id: exampleTime, remaining: 1 }] } }],
  ['slots cannot be had', ex('time, list'), { type: 'slotsFailed' }, { slotsFailed: true, step: 'tid' }],
  // Details
  ['details with problems stay, as typed', ex('details, empty'), { type: 'details', draft: { ...exampleDraft, name: '', email: 'amina@', interpreterLanguage: '' } }, ex('details, with errors')],
  ['good details lead to the summary with a key', ex('details, empty'), { type: 'details', draft: exampleDraft }, { step: 'granska', draft: exampleDraft, key: 'key-new', errors: {} }],
  // Confirming and every outcome
  ['no consent, nothing sent', ex('check, ready'), { type: 'confirm', consent: false }, ex('check, no consent')],
  ['consent given: on its way', ex('check, no consent'), { type: 'confirm', consent: true }, { sending: true, errors: {} }],
  ['a form post brings its own key back', ex('check, ready'), { type: 'confirm', consent: true, key: 'key-from-form' }, { sending: true, key: 'key-from-form' }],
  ['created: to the confirmation', { ...ex('check, ready'), sending: true }, { type: 'outcome', outcome: { kind: 'created', confirmation: '/sv/boka/bekraftelse/?ref=JT-AB2345&token=t' } }, { done: '/sv/boka/bekraftelse/?ref=JT-AB2345&token=t', sending: false }],
  ['replayed: to the same confirmation', { ...ex('check, ready'), sending: true }, { type: 'outcome', outcome: { kind: 'replayed', confirmation: '/sv/boka/bekraftelse/?ref=JT-AB2345&token=t' } }, { done: '/sv/boka/bekraftelse/?ref=JT-AB2345&token=t' }],
  ['slot full: back to the times, nearest first, details kept', { ...ex('check, ready'), sending: true }, { type: 'outcome', outcome: { kind: 'slot_full' } }, { ...ex('time, taken before confirming'), key: 'key-1', sending: false }],
  ['slot gone: the same', { ...ex('check, ready'), sending: true }, { type: 'outcome', outcome: { kind: 'slot_unavailable' } }, { step: 'tid', taken: exampleTime, errors: { time: 'taken' } }],
  ['rate limited: said on the summary, same key', ex('check, ready'), { type: 'outcome', outcome: { kind: 'rate_limited' } }, { step: 'granska', problem: 'rateLimited', key: 'key-1' }],
  ['database down: said on the summary, same key (a retry cannot book twice)', ex('check, ready'), { type: 'outcome', outcome: { kind: 'unavailable' } }, ex('check, service down')],
  ['network lost: the same key on retry', ex('check, ready'), { type: 'outcome', outcome: { kind: 'network' } }, { problem: 'network', key: 'key-1' }],
  ['invalid details: back to them, as they were', ex('check, ready'), { type: 'outcome', outcome: { kind: 'invalid', fields: { phone: 'invalid_phone' } } }, { step: 'uppgifter', draft: undefined, values: exampleDraft, errors: { phone: 'invalid_phone' } }],
  ['invalid consent: on the summary', ex('check, ready'), { type: 'outcome', outcome: { kind: 'invalid', fields: { consent: 'consent_required' } } }, ex('check, no consent')],
  ['invalid otherwise (the slot id): send again, new key', ex('check, ready'), { type: 'outcome', outcome: { kind: 'invalid', fields: { slotId: 'invalid' } } }, { step: 'granska', problem: 'resubmit', key: 'key-new', errors: {} }],
  ['a key used for other answers: send again, new key', ex('check, ready'), { type: 'outcome', outcome: { kind: 'key_reused' } }, { problem: 'resubmit', key: 'key-new' }],
  ['no usable key: send again, new key', ex('check, ready'), { type: 'outcome', outcome: { kind: 'bad_key' } }, { problem: 'resubmit', key: 'key-new' }],
];

describe('the booking rules, next(state, event)', () => {
  it.each(table)('%s', (_what, state, event, expected) => {
    expect(next(state, event, rules)).toMatchObject(expected);
  });
  it('drops a slot list that arrives after the place has changed again', () => {
    const late = next(ex('time, list'), { type: 'slots', slots: { type: 'intro', place: 'vantor', list: [{ id: vantorTime, remaining: 1 }] } }, rules);
    expect(late.slots).toBeUndefined();
  });
  it('never changes the state it was given', () => {
    for (const [, state, event] of table) {
      const before = structuredClone(state);
      next(state, event, rules);
      expect(state).toEqual(before);
    }
  });
});

describe('named example states', () => {
  it.each(Object.entries(examples).filter(([, e]) => 'address' in e))('%s is what its address shows', (_name, example) => {
    const params = new URLSearchParams((example as { address: string }).address);
    const answered = params.get(PARAM.answer);
    const wanted = params.get(PARAM.step);
    let state = next(initialState(), { type: 'open', step: answered && isStep(answered) ? answered : isStep(wanted) ? wanted : undefined, choices: rawChoices(params) }, rules);
    if (answered === 'typ' || answered === 'plats' || answered === 'tid') state = next(state, { type: 'choose', step: answered, choices: rawChoices(params) }, rules);
    expect(state).toMatchObject(example.state);
  });
});
