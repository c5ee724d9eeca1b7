import { randomUUID } from 'node:crypto';
import { bookableTypes, catalog } from '../catalog/index.ts';
import type { MeetingType } from '../catalog/schema.ts';
import { addDays, stockholmDate } from '../intake/calendar.ts';
import { clientAddress } from '../intake/client-address.ts';
import { readBody, sameOrigin } from '../intake/http.ts';
import { locations, store, trust } from '../intake/runtime.ts';
import { bookingLinks, bookSlot, type BookOutcome } from '../intake/services.ts';
import { resolveSlot, slotsBetween } from '../intake/slots.ts';
import { bookingBody, isChoiceStep, isStep, PARAM, rawChoices, readDraft, steps } from './flow.ts';
import { SLOT_DAYS, type SlotOption } from './slot-list.ts';
import { initialState, next, type BookingEvent, type BookingState, type Outcome, type Rules } from './machine.ts';

const rules: Rules = {
  types: bookableTypes,
  places: catalog.locations.map((l) => ({ id: l.id, meetingTypes: l.meetingTypes })),
  newKey: randomUUID,
};

/** Free slots of a meeting at a place, with the seats left in each. */
export async function freeSlots(type: MeetingType, placeId: string, now: Date): Promise<SlotOption[]> {
  const location = locations.find((l) => l.id === placeId);
  if (!location) return [];
  const today = stockholmDate(now);
  const intake = await store();
  const last = addDays(today, SLOT_DAYS);
  const slots = slotsBetween(location, type, today, last, now, await intake.schedule().between([location.id], today, last));
  const taken = await intake.taken(slots.map((s) => s.id));
  return slots.map((s) => ({ id: s.id, remaining: Math.max(0, s.capacity - (taken.get(s.id) ?? 0)) })).filter((s) => s.remaining > 0);
}

export type BookingPageResult =
  | { kind: 'page'; state: BookingState; status: number; language?: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'forbidden' };

/**
 * What a request to /{locale}/boka/ says happened, as the flow's events: an
 * address (GET), or a form post without JavaScript, which carries the choices,
 * the details once given, and which form was sent.
 */
function requestEvents(params: URLSearchParams, method: string): BookingEvent[] {
  const choices = rawChoices(params);
  const draft = method === 'POST' ? readDraft(params) : undefined;
  const wanted = params.get(PARAM.step);
  const answered = params.get(PARAM.answer);
  if (wanted === 'skicka') {
    return [
      { type: 'open', step: 'granska', choices, draft },
      { type: 'confirm', consent: params.get('consent') === 'true', key: params.get(PARAM.key) ?? '' },
    ];
  }
  if (params.has(PARAM.from)) return [{ type: 'open', step: 'tid', choices, draft }, { type: 'page', from: params.get(PARAM.from) }];
  if (isChoiceStep(answered)) return [{ type: 'open', step: answered, choices, draft }, { type: 'choose', step: answered, choices }];
  if (draft && wanted === 'granska') return [{ type: 'open', step: 'uppgifter', choices }, { type: 'details', draft }];
  return [{ type: 'open', step: isStep(wanted) ? wanted : undefined, choices, draft }];
}

/** The page's answer to each outcome of booking. */
const status: Record<BookOutcome['kind'], number> = {
  created: 303,
  replayed: 303,
  invalid: 400,
  bad_key: 400,
  key_reused: 422,
  rate_limited: 429,
  slot_full: 409,
  slot_unavailable: 409,
  unavailable: 503,
};

function outcomeOf(outcome: BookOutcome, locale: string): Outcome {
  switch (outcome.kind) {
    case 'created':
    case 'replayed':
      return { kind: outcome.kind, confirmation: bookingLinks(outcome.booking.reference, locale, outcome.cancelToken).confirmationUrl };
    case 'invalid':
      return { kind: 'invalid', fields: outcome.fields };
    default:
      return { kind: outcome.kind };
  }
}

/**
 * One request to /{locale}/boka/, with or without JavaScript: the flow's rules
 * (machine.ts) say what to show; this does the I/O they ask for (book, check
 * that a chosen time is still free, list the times) and reports back.
 */
export async function bookingPage(request: Request, url: URL, socket: string, locale: string): Promise<BookingPageResult> {
  let params = url.searchParams;
  if (request.method === 'POST') {
    if (!sameOrigin(request, url)) return { kind: 'forbidden' };
    const body = await readBody(request);
    if (body.kind !== 'form') return { kind: 'forbidden' };
    params = body.value;
  }
  let state = requestEvents(params, request.method).reduce((s, event) => next(s, event, rules), initialState());
  let code = 200;
  if (state.sending && state.draft && state.choices.time) {
    const caller = { client: clientAddress(request, socket, trust), requestId: request.headers.get('x-request-id') ?? undefined };
    const outcome = await bookSlot(bookingBody(state.choices.time, state.draft, true, locale), state.key, caller);
    code = status[outcome.kind];
    state = next(state, { type: 'outcome', outcome: outcomeOf(outcome, locale) }, rules);
    // POST-redirect-GET: a reload or a second click lands on the same confirmation.
    if (state.done) return { kind: 'redirect', location: state.done };
  }
  state = await withSlots(state, new Date());
  // ?sprak= (from the questionnaire and service pages) suggests the meeting language; the forms carry it on.
  const language = params.get(PARAM.language);
  return { kind: 'page', state, status: code, ...(language ? { language } : {}) };
}

/** A chosen time someone else has since taken is lost; the time step gets its list. */
async function withSlots(state: BookingState, now: Date): Promise<BookingState> {
  const { time, type, place } = state.choices;
  if (time && steps.indexOf(state.step) >= steps.indexOf('tid') && !(await stillFree(time, now))) {
    state = next(state, { type: 'outcome', outcome: { kind: 'slot_full' } }, rules);
  }
  if (state.step === 'tid' && type && place && !state.slots) {
    try {
      state = next(state, { type: 'slots', slots: { type, place, list: await freeSlots(type, place, now) } }, rules);
    } catch {
      state = next(state, { type: 'slotsFailed' }, rules);
    }
  }
  return state;
}

async function stillFree(time: string, now: Date): Promise<boolean> {
  try {
    const intake = await store();
    const slot = resolveSlot(time, locations, now, await intake.schedule().forSlot(time));
    if (!slot) return false;
    return ((await intake.taken([slot.id])).get(slot.id) ?? 0) < slot.capacity;
  } catch {
    return true; // Cannot tell now; the booking itself checks the seat.
  }
}
