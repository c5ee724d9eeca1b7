import type { FieldErrorCode, FieldErrors } from '../intake/booking-schema.ts';
import {
  checkDetails,
  choiceOf,
  draftFields,
  fit,
  nextStep,
  stepToShow,
  type ChoiceStep,
  type Choices,
  type Draft,
  type PlaceOffer,
  type RawChoices,
  type StepId,
} from './flow.ts';
import type { SlotOption } from './slot-list.ts';

/**
 * The booking's one set of rules: `next(state, event)` gives the state after
 * anything that can happen, whether the island sees it in the browser or the
 * page controller reads it from a request. Neither holds a rule of its own.
 * Pure: no clock, no randomness (a fresh one-time key comes from `rules`),
 * no I/O (the callers load slots and book, then report what came back).
 */

/** Field → error code; "taken" is a chosen time that someone else booked first. */
export type StepErrors = Partial<Record<string, FieldErrorCode | 'taken'>>;

/** A problem with the whole submission rather than one field. */
export type FormProblem = 'unavailable' | 'rateLimited' | 'network' | 'resubmit';

export interface BookingState {
  step: StepId;
  choices: Choices;
  /** The details once they have passed the details step: from here on, every step returns to the summary. */
  draft?: Draft | undefined;
  /** The details as typed, when the details step is shown again with errors. */
  values?: Draft | undefined;
  /** Field → error code (fields: type, place, time, the draft's, consent). */
  errors: StepErrors;
  problem?: FormProblem | undefined;
  /** The slots could not be read (the database is down): the page says so and offers the phone. */
  slotsFailed?: boolean | undefined;
  /** Free slots for the chosen meeting and place, when known. */
  slots?: { type: string; place: string; list: SlotOption[] } | undefined;
  /** First day shown in the slot list ("show later times"). */
  from?: string | undefined;
  /** A slot that was chosen but is gone: the list offers the nearest free ones. */
  taken?: string | undefined;
  /** One-time key for the submission, so a second click or a resend books nothing twice. */
  key?: string | undefined;
  /** The booking is on its way. */
  sending?: boolean | undefined;
  /** Booked: the confirmation page to go to. */
  done?: string | undefined;
}

/** What came back from booking, whoever asked (the API by JSON, the page controller by the service). */
export type Outcome =
  | { kind: 'created' | 'replayed'; confirmation: string }
  | { kind: 'invalid'; fields: FieldErrors }
  | { kind: 'slot_full' | 'slot_unavailable' | 'key_reused' | 'bad_key' | 'rate_limited' | 'unavailable' | 'network' };

export type BookingEvent =
  /** An address (a link, a reload, the back button, a "change" on the summary); a form post may carry the details. */
  | { type: 'open'; step: StepId | undefined; choices: RawChoices; draft?: Draft | undefined }
  /** A choice step's form: the choice made (absent when none was) and the other choices the form carries. */
  | { type: 'choose'; step: ChoiceStep; choices: RawChoices }
  /** Another page of times: a first date, or none for the first page (and for all times after a lost one). */
  | { type: 'page'; from: string | null | undefined }
  | { type: 'details'; draft: Draft }
  | { type: 'slots'; slots: NonNullable<BookingState['slots']> }
  | { type: 'slotsFailed' }
  /** "Book the meeting", with the consent box, and the summary's key when a form post brings it back. */
  | { type: 'confirm'; consent: boolean; key?: string | undefined }
  | { type: 'outcome'; outcome: Outcome };

export interface Rules {
  types: readonly string[];
  places: readonly PlaceOffer[];
  newKey: () => string;
}

/** A first date for the slot list: only ever compared with the listed days, so its form is enough. */
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function initialState(): BookingState {
  return { step: 'typ', choices: {}, errors: {} };
}

/** The state on arriving at a step: nobody skips a missing choice, and the summary gets a new key on each visit. */
function arrive(state: BookingState, wanted: StepId | undefined, rules: Rules): BookingState {
  const { step, missing } = stepToShow(wanted, state.choices, state.draft !== undefined);
  const errors: StepErrors = missing ? { [choiceOf[step as ChoiceStep]]: 'required' } : {};
  const key = step !== 'granska' ? state.key : state.step === 'granska' && state.key ? state.key : rules.newKey();
  return { ...state, step, errors, problem: undefined, values: undefined, key };
}

/** The chosen time was taken by someone else: back to the times, the nearest free ones first; the details stay. */
function lost(state: BookingState): BookingState {
  const { time, ...choices } = state.choices;
  return { ...state, step: 'tid', choices, taken: time, from: undefined, slots: undefined, errors: { time: 'taken' }, problem: undefined };
}

export function next(state: BookingState, event: BookingEvent, rules: Rules): BookingState {
  const fitted = (raw: RawChoices) => fit(raw, rules.types, rules.places);
  switch (event.type) {
    case 'open': {
      const base = { ...state, choices: fitted(event.choices), taken: undefined, from: undefined };
      if (!event.draft) return arrive(base, event.step, rules);
      const errors = checkDetails(event.draft);
      // Details carried by a form are shown again with their problems, never dropped in silence.
      if (Object.keys(errors).length > 0) return { ...arrive({ ...base, draft: undefined }, 'uppgifter', rules), values: event.draft, errors };
      return arrive({ ...base, draft: event.draft }, event.step, rules);
    }
    case 'choose': {
      const field = choiceOf[event.step];
      const choices = fitted(event.choices);
      if (!event.choices[field] || choices[field] !== event.choices[field]) return { ...state, errors: { [field]: 'required' }, problem: undefined };
      const from = field === 'time' ? state.from : undefined;
      return arrive({ ...state, choices, taken: undefined, from }, nextStep(event.step, state.draft !== undefined), rules);
    }
    case 'page':
      return arrive({ ...state, from: event.from && DATE.test(event.from) ? event.from : undefined, taken: undefined }, 'tid', rules);
    case 'details': {
      const errors = checkDetails(event.draft);
      if (Object.keys(errors).length > 0) return { ...state, step: 'uppgifter', values: event.draft, errors, problem: undefined };
      return arrive({ ...state, draft: event.draft }, 'granska', rules);
    }
    case 'slots':
      // A list that arrives after the meeting or the place has changed again is of no use.
      if (event.slots.type !== state.choices.type || event.slots.place !== state.choices.place) return state;
      return { ...state, slots: event.slots, slotsFailed: false };
    case 'slotsFailed':
      return { ...state, slotsFailed: true };
    case 'confirm': {
      const ready = { ...state, ...(event.key !== undefined ? { key: event.key } : {}), problem: undefined };
      if (state.step !== 'granska' || !state.draft || !state.choices.time) return state;
      if (!event.consent) return { ...ready, errors: { consent: 'consent_required' } };
      return { ...ready, errors: {}, sending: true };
    }
    case 'outcome':
      return settle({ ...state, sending: false }, event.outcome, rules);
  }
}

/** Every outcome of a submission, as the resident meets it. */
function settle(state: BookingState, outcome: Outcome, rules: Rules): BookingState {
  const problem = (p: FormProblem, key = state.key): BookingState => ({ ...state, errors: {}, problem: p, key });
  switch (outcome.kind) {
    case 'created':
    case 'replayed':
      return { ...state, done: outcome.confirmation };
    case 'slot_full':
    case 'slot_unavailable':
      return lost(state);
    case 'invalid': {
      const { fields } = outcome;
      // A problem in the details goes back to them, as typed; consent stays on the summary; anything else is a form to send again.
      if (draftFields.some((f) => fields[f])) return { ...state, step: 'uppgifter', draft: undefined, values: state.draft, errors: fields, problem: undefined };
      if (fields.consent) return { ...state, errors: { consent: fields.consent }, problem: undefined };
      return problem('resubmit', rules.newKey());
    }
    case 'key_reused':
    case 'bad_key':
      // The key stood for other answers: a new one for these.
      return problem('resubmit', rules.newKey());
    case 'rate_limited':
      return problem('rateLimited');
    case 'unavailable':
      return problem('unavailable');
    case 'network':
      // The same key on retry: if the first request did arrive, the retry shows that booking.
      return problem('network');
  }
}

/** The state has something to put in the error summary. */
export const hasProblems = (state: BookingState) => Object.keys(state.errors).length > 0 || state.problem !== undefined;
