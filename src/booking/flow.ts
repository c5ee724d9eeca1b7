import type { MeetingType } from '../catalog/schema.ts';
import { bookingDetails, fieldErrors, type FieldErrors } from '../intake/booking-schema.ts';

/**
 * The booking flow's steps and the state that moves through them. The same
 * rules run on the server (a page per step without JavaScript) and in the
 * island, so both agree on which step an address may show.
 */
export const steps = ['typ', 'plats', 'tid', 'uppgifter', 'granska'] as const;
export type StepId = (typeof steps)[number];

/** Names in the address and the forms. The page's path is Swedish (/boka/), so are they. */
export const PARAM = { type: 'typ', place: 'plats', time: 'tid', step: 'steg', from: 'fran', language: 'sprak', key: 'nyckel' } as const;

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

const SLOT_ID = /^([a-z0-9-]+)\.([a-z-]+)\.(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})$/;

/**
 * Choices from an address or a form, each kept only if it fits the ones before
 * it: a place that does not offer the meeting, or a time at another place, is dropped.
 */
export function readChoices(params: URLSearchParams, types: readonly string[], places: readonly PlaceOffer[]): Choices {
  const choices: Choices = {};
  const type = params.get(PARAM.type);
  if (!type || !types.includes(type)) return choices;
  choices.type = type as MeetingType;
  const place = places.find((p) => p.id === params.get(PARAM.place));
  if (!place || !place.meetingTypes.includes(type)) return choices;
  choices.place = place.id;
  const time = params.get(PARAM.time);
  if (time && SLOT_ID.test(time) && time.startsWith(`${place.id}.${type}.`)) choices.time = time;
  return choices;
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

/** A free slot as the page lists it. */
export interface SlotOption {
  id: string;
  remaining: number;
}

/** The Stockholm date and wall-clock time a slot id names. */
export function slotParts(id: string): { date: string; hhmm: string } {
  const m = SLOT_ID.exec(id);
  if (!m) throw new Error(`not a slot id: ${id}`);
  return { date: `${m[3]}-${m[4]}-${m[5]}`, hhmm: `${m[6]}:${m[7]}` };
}

const wallMinutes = (id: string) => {
  const m = SLOT_ID.exec(id)!;
  return Date.UTC(Number(m[3]), Number(m[4]) - 1, Number(m[5]), Number(m[6]), Number(m[7])) / 60_000;
};

export interface Day {
  date: string;
  slots: SlotOption[];
}

/** Free slots by day, in time order. */
export function byDay(slots: readonly SlotOption[]): Day[] {
  const days: Day[] = [];
  for (const slot of [...slots].sort((a, b) => wallMinutes(a.id) - wallMinutes(b.id))) {
    if (slot.remaining <= 0) continue;
    const { date } = slotParts(slot.id);
    const day = days.at(-1);
    if (day?.date === date) day.slots.push(slot);
    else days.push({ date, slots: [slot] });
  }
  return days;
}

export const DAYS_PER_PAGE = 5;

/** How far ahead slots are listed: every centre's booking horizon (4 weeks in the example configuration), with room to spare. */
export const SLOT_DAYS = 42;

/** A page of days from `from` on, and the first date of the next page if there is one. */
export function dayPage(days: readonly Day[], from: string | undefined): { days: Day[]; later?: string } {
  const start = from ? days.findIndex((d) => d.date >= from) : 0;
  if (start < 0) return { days: [] };
  const shown = days.slice(start, start + DAYS_PER_PAGE);
  const later = days[start + DAYS_PER_PAGE]?.date;
  return later ? { days: shown, later } : { days: shown };
}

/** The free slots closest in time to one that was taken, soonest first on a tie. */
export function nearestFree(slots: readonly SlotOption[], taken: string, count = 3): SlotOption[] {
  const target = wallMinutes(taken);
  return slots
    .filter((s) => s.remaining > 0 && s.id !== taken)
    .map((s) => ({ s, distance: Math.abs(wallMinutes(s.id) - target), at: wallMinutes(s.id) }))
    .sort((a, b) => a.distance - b.distance || a.at - b.at)
    .slice(0, count)
    .sort((a, b) => a.at - b.at)
    .map(({ s }) => s);
}

/** The details as typed: kept verbatim so an error never changes what the resident wrote. */
export interface Draft {
  name: string;
  email: string;
  phone: string;
  language: string;
  interpreter: boolean;
  interpreterLanguage: string;
  needs: string;
}

export const draftFields = ['name', 'email', 'phone', 'language', 'interpreter', 'interpreterLanguage', 'needs'] as const;

export function emptyDraft(language: string): Draft {
  return { name: '', email: '', phone: '', language, interpreter: false, interpreterLanguage: '', needs: '' };
}

/** The details carried in a form post, or undefined when the post has none (a choice step sent without them). */
export function readDraft(form: URLSearchParams): Draft | undefined {
  if (!form.has('name')) return undefined;
  const text = (key: string) => form.get(key) ?? '';
  return {
    name: text('name'),
    email: text('email'),
    phone: text('phone'),
    language: text('language'),
    interpreter: ['true', 'on'].includes(text('interpreter')),
    interpreterLanguage: text('interpreterLanguage'),
    needs: text('needs'),
  };
}

/** The draft as form fields, for the hidden inputs that carry it between pages without JavaScript. */
export function draftEntries(draft: Draft): [string, string][] {
  return draftFields.map((field) => [field, field === 'interpreter' ? (draft.interpreter ? 'true' : '') : draft[field]]);
}

/** The details step's errors, by the same rules the server books by. */
export function checkDetails(draft: Draft): FieldErrors {
  const result = bookingDetails.safeParse(draft);
  return result.success ? {} : fieldErrors(result.error);
}

/** The booking request the API takes, from the choices, the draft and the consent box. */
export function bookingBody(time: string, draft: Draft, consent: boolean) {
  return { slotId: time, ...draft, consent, website: '' };
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
