import type { Draft } from './flow.ts';
import type { BookingState } from './machine.ts';

/**
 * Named example states of the booking form, one or more per step, as GOV.UK
 * Frontend names its component examples. The unit tests start the rules from
 * them, and the e2e and accessibility tests open each at its address (the
 * states an address can reach; the details never travel in one).
 */

/** A time in the example configuration's schedule (Kista, introductory meeting, a Wednesday morning). */
export const exampleTime = 'kista.intro.20261125T0900';

export const exampleDraft: Draft = {
  name: 'Amina Yusuf',
  email: 'amina@example.se',
  notifyEmail: true,
  phone: '',
  notifySms: false,
  language: 'ar',
  interpreter: true,
  interpreterLanguage: 'arabiska',
  needs: '',
};

interface Example {
  state: BookingState;
  /** The page's address that shows this state, when one can. */
  address?: string;
}

export const examples = {
  'type, first visit': { state: { step: 'typ', choices: {}, errors: {} }, address: '' },
  'type, none chosen': { state: { step: 'typ', choices: {}, errors: { type: 'required' } }, address: '?steg=plats' },
  'place, from a service page': { state: { step: 'plats', choices: { type: 'intro' }, errors: {} }, address: '?typ=intro&steg=plats' },
  'place, none chosen': { state: { step: 'plats', choices: { type: 'intro' }, errors: { place: 'required' } }, address: '?svar=plats&typ=intro&steg=tid' },
  'time, list': { state: { step: 'tid', choices: { type: 'intro', place: 'kista' }, errors: {} }, address: '?typ=intro&plats=kista&steg=tid' },
  'time, none chosen': {
    state: { step: 'tid', choices: { type: 'intro', place: 'kista' }, errors: { time: 'required' } },
    address: '?svar=tid&typ=intro&plats=kista&steg=uppgifter',
  },
  'time, taken before confirming': {
    state: { step: 'tid', choices: { type: 'intro', place: 'kista' }, taken: exampleTime, draft: exampleDraft, errors: { time: 'taken' } },
  },
  'details, empty': { state: { step: 'uppgifter', choices: { type: 'intro', place: 'kista', time: exampleTime }, errors: {} } },
  'details, with errors': {
    state: {
      step: 'uppgifter',
      choices: { type: 'intro', place: 'kista', time: exampleTime },
      values: { ...exampleDraft, name: '', email: 'amina@', interpreterLanguage: '' },
      errors: { name: 'required', email: 'invalid_email', interpreterLanguage: 'required' },
    },
  },
  'check, ready': {
    state: { step: 'granska', choices: { type: 'intro', place: 'kista', time: exampleTime }, draft: exampleDraft, key: 'key-1', errors: {} },
  },
  'check, no consent': {
    state: { step: 'granska', choices: { type: 'intro', place: 'kista', time: exampleTime }, draft: exampleDraft, key: 'key-1', errors: { consent: 'consent_required' } },
  },
  'check, service down': {
    state: { step: 'granska', choices: { type: 'intro', place: 'kista', time: exampleTime }, draft: exampleDraft, key: 'key-1', errors: {}, problem: 'unavailable' },
  },
} satisfies Record<string, Example>;

export type ExampleName = keyof typeof examples;
