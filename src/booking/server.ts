import { randomUUID } from 'node:crypto';
import { catalog } from '../catalog/index.ts';
import { meetingTypeIds, type MeetingType } from '../catalog/schema.ts';
import type { FieldErrors } from '../intake/booking-schema.ts';
import { addDays, isIsoDate, stockholmDate } from '../intake/calendar.ts';
import { clientAddress, readBody, sameOrigin } from '../intake/http.ts';
import { config, locations, store } from '../intake/runtime.ts';
import { bookingLinks, bookSlot, type Caller } from '../intake/services.ts';
import { resolveSlot, slotsBetween } from '../intake/slots.ts';
import {
  bookingBody,
  checkDetails,
  draftFields,
  isStep,
  PARAM,
  readChoices,
  readDraft,
  SLOT_DAYS,
  steps,
  stepToShow,
  type Choices,
  type Draft,
  type SlotOption,
} from './flow.ts';
import type { BookingState, FormProblem, StepErrors } from './view.ts';

const places = catalog.locations.map((l) => ({ id: l.id, meetingTypes: l.meetingTypes }));

/** Free slots of a meeting at a place, with the seats left in each. */
export async function freeSlots(type: MeetingType, placeId: string, now: Date): Promise<SlotOption[]> {
  const location = locations.find((l) => l.id === placeId);
  if (!location) return [];
  const today = stockholmDate(now);
  const slots = slotsBetween(location, type, today, addDays(today, SLOT_DAYS), now);
  const taken = await (await store()).taken(slots.map((s) => s.id));
  return slots.map((s) => ({ id: s.id, remaining: Math.max(0, s.capacity - (taken.get(s.id) ?? 0)) })).filter((s) => s.remaining > 0);
}

export type BookingPageResult =
  | { kind: 'page'; state: BookingState; status: number; language?: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'forbidden' };

const choiceField = { typ: 'type', plats: 'place', tid: 'time' } as const;

/**
 * One request to /{locale}/boka/, with or without JavaScript: the address (GET)
 * or a form post says what was chosen; the answer is the step to show, with
 * errors, or a redirect to the confirmation once the booking is made.
 */
export async function bookingPage(request: Request, url: URL, socket: string, locale: string): Promise<BookingPageResult> {
  let params = url.searchParams;
  if (request.method === 'POST') {
    if (!sameOrigin(request, url)) return { kind: 'forbidden' };
    const body = await readBody(request);
    if (body.kind !== 'form') return { kind: 'forbidden' };
    params = body.value;
  }
  const result = await respond(params, request, socket, locale, new Date());
  // ?sprak= (from the questionnaire and service pages) suggests the meeting language; the forms carry it on.
  const language = params.get(PARAM.language);
  return result.kind === 'page' && language ? { ...result, language } : result;
}

async function respond(params: URLSearchParams, request: Request, socket: string, locale: string, now: Date): Promise<BookingPageResult> {
  const choices = readChoices(params, meetingTypeIds, places);
  const typed = request.method === 'POST' ? readDraft(params) : undefined;
  const wanted = params.has(PARAM.from) ? 'tid' : params.get(PARAM.step);
  if (wanted === 'skicka' && typed && choices.time) {
    const caller = { client: clientAddress(request, socket, config.trustProxy), requestId: request.headers.get('x-request-id') ?? undefined };
    return submit(params, { ...choices, time: choices.time }, typed, locale, caller, now);
  }

  const detailErrors = typed ? checkDetails(typed) : {};
  const detailsOk = typed !== undefined && Object.keys(detailErrors).length === 0;
  // Details sent with errors: show them again, as typed, with the errors.
  if (typed && !detailsOk && wanted === 'granska' && stepToShow('uppgifter', choices, false).step === 'uppgifter') {
    return page({ step: 'uppgifter', choices, values: typed, errors: detailErrors });
  }
  const { step, missing } = stepToShow(isStep(wanted) ? wanted : undefined, choices, detailsOk);
  const errors: StepErrors = {};
  if (missing) errors[choiceField[step as keyof typeof choiceField]] = 'required';
  const from = params.get(PARAM.from) ?? '';
  return show({ step, choices, errors, ...(detailsOk ? { draft: typed } : {}), ...(isIsoDate(from) ? { from } : {}) }, now);
}

/** Renders a state, checking first that a chosen time can still be had, and loading the slots the time step lists. */
async function show(state: BookingState, now: Date, status = 200): Promise<BookingPageResult> {
  const { choices } = state;
  if (choices.time && steps.indexOf(state.step) >= steps.indexOf('tid')) {
    const slot = resolveSlot(choices.time, locations, now);
    let free = false;
    if (slot) {
      try {
        free = ((await (await store()).taken([slot.id])).get(slot.id) ?? 0) < slot.capacity;
      } catch {
        free = true; // Cannot tell now; the booking itself checks the seat.
      }
    }
    if (!free) {
      const { time: taken, ...rest } = choices;
      state = { ...state, step: 'tid', choices: rest, taken, errors: { ...state.errors, time: 'taken' } };
    }
  }
  if (state.step === 'tid' && state.choices.type && state.choices.place) {
    try {
      state.slots = { type: state.choices.type, place: state.choices.place, list: await freeSlots(state.choices.type, state.choices.place, now) };
    } catch {
      state.slotsFailed = true;
    }
  }
  if (state.step === 'granska') state.key ??= randomUUID();
  return page(state, status);
}

function page(state: BookingState, status = 200): BookingPageResult {
  return { kind: 'page', state, status };
}

async function submit(
  params: URLSearchParams,
  choices: Choices & { time: string },
  draft: Draft,
  locale: string,
  caller: Caller,
  now: Date,
): Promise<BookingPageResult> {
  const review = (problem: FormProblem | undefined, errors: FieldErrors = {}, status = 200) =>
    show({ step: 'granska', choices, draft, errors, key: randomUUID(), ...(problem ? { problem } : {}) }, now, status);

  const consent = params.get('consent') === 'true';
  const outcome = await bookSlot(bookingBody(choices.time, draft, consent), params.get(PARAM.key) ?? '', caller);
  switch (outcome.kind) {
    case 'invalid': {
      const { fields } = outcome;
      if (draftFields.some((f) => fields[f])) return page({ step: 'uppgifter', choices, values: draft, errors: fields }, 400);
      return review(undefined, fields.consent ? { consent: fields.consent } : {}, 400);
    }
    case 'bad_key':
      return review('resubmit', {}, 400);
    case 'rate_limited':
      return review('rateLimited', {}, 429);
    case 'unavailable':
      return review('unavailable', {}, 503);
    case 'key_reused':
      return review('resubmit', {}, 422);
    case 'slot_full':
    case 'slot_unavailable':
      // The details stay; the time step offers the free times nearest the one that was lost.
      return show({ step: 'tid', choices, draft, errors: {} }, now, 409);
    case 'created':
    case 'replayed':
      // POST-redirect-GET: a reload or a second click lands on the same confirmation.
      return { kind: 'redirect', location: bookingLinks(outcome.booking.reference, locale, outcome.cancelToken).confirmationUrl };
  }
}
