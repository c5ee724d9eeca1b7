import type { MeetingType } from '../catalog/schema.ts';
import { bookingDetails, fieldErrors, type FieldErrors } from '../intake/booking-schema.ts';
import { SLOT_ID } from './slot-list.ts';

/**
 * The booking flow's steps and the state that moves through them. The same
 * rules run on the server (a page per step without JavaScript) and in the
 * island, so both agree on which step an address may show.
 */
export const steps = ['typ', 'plats', 'tid', 'uppgifter', 'granska'] as const;
export type StepId = (typeof steps)[number];

/** Names in the address and the forms. The page's path is Swedish (/boka/), so are they. */
export const PARAM = { type: 'typ', place: 'plats', time: 'tid', step: 'steg', answer: 'svar', from: 'fran', language: 'sprak', key: 'nyckel' } as const;

/** The choices that carry no personal data, so they may sit in the address. */
export interface Choices {
  type?: MeetingType | undefined;
  place?: string | undefined;
  time?: string | undefined;
}

/** What the flow needs to know about a job centre to check a choice. */
export interface PlaceOffer {
  id: string;
  meetingTypes: readonly string[];
}


/** Choices as an address or a form holds them: anything, unchecked. */
export type RawChoices = { [K in keyof Choices]?: string | null | undefined };

/** The choice each choice step asks for, and the address parameter it travels in. */
export const choiceOf = { typ: 'type', plats: 'place', tid: 'time' } as const satisfies Partial<Record<StepId, keyof Choices>>;
export type ChoiceStep = keyof typeof choiceOf;
export const isChoiceStep = (step: string | null | undefined): step is ChoiceStep => step === 'typ' || step === 'plats' || step === 'tid';

/**
 * The choices that fit together, each kept only if it fits the ones before
 * it: a place that does not offer the meeting, or a time at another place or
 * of another meeting, is dropped. This is also what survives a changed answer.
 */
export function fit(raw: RawChoices, types: readonly string[], places: readonly PlaceOffer[]): Choices {
  const choices: Choices = {};
  const { type, time } = raw;
  if (!type || !types.includes(type)) return choices;
  choices.type = type as MeetingType;
  const place = places.find((p) => p.id === raw.place);
  if (!place || !place.meetingTypes.includes(type)) return choices;
  choices.place = place.id;
  if (time && SLOT_ID.test(time) && time.startsWith(`${place.id}.${type}.`)) choices.time = time;
  return choices;
}

/** The choices an address or a form carries, as they arrived. */
export function rawChoices(params: URLSearchParams): RawChoices {
  return { type: params.get(PARAM.type), place: params.get(PARAM.place), time: params.get(PARAM.time) };
}

/** The address of a step: the choices so far and the step's name, nothing personal. */
export function stepQuery(choices: Choices, step: StepId): string {
  const params = new URLSearchParams();
  if (choices.type) params.set(PARAM.type, choices.type);
  if (choices.place) params.set(PARAM.place, choices.place);
  if (choices.time) params.set(PARAM.time, choices.time);
  params.set(PARAM.step, step);
  return `?${params}`;
}

export function isStep(value: string | null | undefined): value is StepId {
  return (steps as readonly string[]).includes(value ?? '');
}

/** The earliest step still to answer: "granska" once the choices and details are all in. */
export function firstOpen(choices: Choices, detailsDone: boolean): StepId {
  if (!choices.type) return 'typ';
  if (!choices.place) return 'plats';
  if (!choices.time) return 'tid';
  return detailsDone ? 'granska' : 'uppgifter';
}

/**
 * The step to show for the one asked for. Nobody skips ahead: asking for a
 * later step with a choice missing shows that choice's step, flagged so the
 * page can say what is missing (a form sent without a choice lands here).
 */
export function stepToShow(wanted: StepId | undefined, choices: Choices, detailsDone: boolean): { step: StepId; missing: boolean } {
  const open = firstOpen(choices, detailsDone);
  if (!wanted) return { step: 'typ', missing: false };
  if (steps.indexOf(wanted) <= steps.indexOf(open)) return { step: wanted, missing: false };
  return { step: open, missing: open === 'typ' || open === 'plats' || open === 'tid' };
}

/** Where a step's "continue" leads: on to the next step, or back to the summary once the details are in. */
export function nextStep(step: StepId, detailsDone: boolean): StepId {
  if (detailsDone) return 'granska';
  return steps[Math.min(steps.indexOf(step) + 1, steps.length - 1)]!;
}

export function previousStep(step: StepId): StepId | undefined {
  return steps[steps.indexOf(step) - 1];
}

/** The details the resident types, in page order; the flags are yes/no, the rest are text. */
export const draftFields = ['name', 'email', 'notifyEmail', 'phone', 'notifySms', 'language', 'interpreter', 'interpreterLanguage', 'needs'] as const;
type DraftField = (typeof draftFields)[number];
const flags = ['interpreter', 'notifyEmail', 'notifySms'] as const;
type Flag = (typeof flags)[number];
const isFlag = (field: DraftField): field is Flag => (flags as readonly string[]).includes(field);

/** The details as typed: kept verbatim so an error never changes what the resident wrote. */
export type Draft = { [F in DraftField]: F extends Flag ? boolean : string };

const draftOf = (value: (field: DraftField) => string | boolean) => Object.fromEntries(draftFields.map((f) => [f, value(f)])) as Draft;

export function emptyDraft(language: string): Draft {
  return draftOf((f) => (isFlag(f) ? false : f === 'language' ? language : ''));
}

/** The details carried in a form post, or undefined when the post has none (a choice step sent without them). */
export function readDraft(form: URLSearchParams): Draft | undefined {
  if (!form.has('name')) return undefined;
  return draftOf((f) => (isFlag(f) ? ['true', 'on'].includes(form.get(f) ?? '') : (form.get(f) ?? '')));
}

/** The draft as form fields, for the hidden inputs that carry it between pages without JavaScript. */
export function draftEntries(draft: Draft): [string, string][] {
  return draftFields.map((f) => [f, isFlag(f) ? (draft[f] ? 'true' : '') : draft[f]]);
}

/** The details step's errors, by the same rules the server books by. */
export function checkDetails(draft: Draft): FieldErrors {
  const result = bookingDetails.safeParse(draft);
  return result.success ? {} : fieldErrors(result.error);
}

/** The booking request the API takes, from the choices, the draft, the consent box and the pages' locale. */
export function bookingBody(time: string, draft: Draft, consent: boolean, locale: string) {
  return { slotId: time, ...draft, locale, consent, website: '' };
}

/** Form fields in page order, for the error summary. */
export const fieldOrder = ['type', 'place', 'time', ...draftFields, 'consent'] as const;

/** Each step's heading (its h1, and the page title), as keys of booking.json. */
export const stepHeading = {
  typ: 'type.legend',
  plats: 'place.legend',
  tid: 'time.heading',
  uppgifter: 'details.heading',
  granska: 'check.heading',
} as const satisfies Record<StepId, string>;
