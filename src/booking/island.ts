import type { Ref } from 'preact';
import type { Say } from '../i18n/island-strings';
import type { Locale } from '../i18n/locales';
import type { FieldErrors } from '../intake/booking-schema';
import { bookingBody } from './flow';
import { SLOT_DAYS, slotParts, type SlotOption } from './slot-list';
import type { BookingEvent, BookingState, Outcome } from './machine';
import type { BookingProps } from './view';
import { formatClock, formatDay } from '../i18n/format';

/** What every step component gets from the island. */
export interface StepProps {
  props: BookingProps;
  state: BookingState;
  say: Say<'booking'>;
  dispatch: (event: BookingEvent) => void;
  heading: Ref<HTMLHeadingElement>;
  /** The island has run: without it, forms carry what JavaScript would keep in memory. */
  hydrated: boolean;
  /** The slot list is on its way, or could not be had. */
  loading: 'idle' | 'loading' | 'failed';
  retrySlots: () => void;
}

export const domId = (value: string) => value.replace(/[^a-zA-Z0-9-]/g, '-');

/** "onsdag 25 november kl. 09:00" in the page's language. */
export function when(say: Say<'booking'>, locale: Locale, slotId: string): string {
  const { date, hhmm } = slotParts(slotId);
  return say('time.when', { date: formatDay(locale, date), time: formatClock(locale, hhmm) });
}

/** A field's error in words: the field's own wording for the code, else the code's, else a general one. */
export function errorText(say: Say<'booking'>, locale: Locale, state: BookingState, field: string): string | undefined {
  const code = state.errors[field];
  if (!code) return undefined;
  if (field === 'time' && code === 'taken' && state.taken) return say('error.time.taken', { when: when(say, locale, state.taken) });
  return say.first([`error.${field}.${code}`, `error.${code}`], 'error.invalid');
}

const stockholmToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm' }).format(new Date());
const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The free slots of the chosen meeting and place, from the API. */
export async function fetchSlots(type: string, place: string): Promise<SlotOption[]> {
  const from = stockholmToday();
  const res = await fetch(`/api/slots?location=${place}&type=${type}&from=${from}&to=${plusDays(from, SLOT_DAYS)}`);
  if (!res.ok) throw new Error(String(res.status));
  const body = (await res.json()) as { slots: SlotOption[] };
  return body.slots.map(({ id, remaining }) => ({ id, remaining }));
}

/** Books through the API with the summary's key, and says what came back as the flow's outcome. */
export async function sendBooking(state: BookingState, confirmationPath: string, locale: string): Promise<Outcome> {
  if (!state.draft || !state.choices.time || !state.key) return { kind: 'bad_key' };
  let res: Response;
  try {
    res = await fetch('/api/bookings', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': state.key },
      body: JSON.stringify(bookingBody(state.choices.time, state.draft, true, locale)),
    });
  } catch {
    return { kind: 'network' };
  }
  const body = (await res.json().catch(() => ({}))) as { confirmationUrl?: string; error?: { code?: string; fields?: FieldErrors } };
  if ((res.status === 200 || res.status === 201) && body.confirmationUrl) {
    // The confirmation is shown in the page's language; the query holds only the reference and the cancel token.
    return { kind: res.status === 201 ? 'created' : 'replayed', confirmation: `${confirmationPath}${new URL(body.confirmationUrl, location.href).search}` };
  }
  const { code, fields = {} } = body.error ?? {};
  switch (code) {
    case 'slot_full':
    case 'slot_unavailable':
    case 'rate_limited':
      return { kind: code };
    case 'idempotency_key_reused':
      return { kind: 'key_reused' };
    case 'invalid':
      return fields['Idempotency-Key'] ? { kind: 'bad_key' } : { kind: 'invalid', fields };
    default:
      return { kind: 'unavailable' };
  }
}

/** A form's fields as the server would read them. */
export const formParams = (form: HTMLFormElement) => new URLSearchParams(new FormData(form) as unknown as Record<string, string>);
