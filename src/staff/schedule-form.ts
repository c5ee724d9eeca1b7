import type { Location, MeetingType } from '../catalog/schema.ts';
import { isIsoDate, stockholmInstant, stockholmIso, type IsoDate } from '../intake/calendar.ts';
import { isClosure, isClosureReason, isExceptionKind, type NewException } from '../intake/exceptions.ts';

/**
 * The schedule page's form (/personal/schema/): what an admin typed, read
 * back as strings so the page can show it again, and checked into an
 * exception. The checks that need the day's sessions (is there such a
 * session, are seats taken) are the store's.
 */
export const draftFields = ['date', 'kind', 'type', 'time', 'capacity', 'minutes', 'reason'] as const;
export type DraftField = (typeof draftFields)[number];
export type ScheduleDraft = Record<DraftField, string>;

/** The form's field names (Swedish, as the workspace's addresses are) for each part of the draft. */
export const fieldName: Record<DraftField, string> = {
  date: 'datum',
  kind: 'andring',
  type: 'typ',
  time: 'tid',
  capacity: 'platser',
  minutes: 'minuter',
  reason: 'orsak',
};

export function readDraft(form: URLSearchParams): ScheduleDraft {
  return Object.fromEntries(draftFields.map((f) => [f, (form.get(fieldName[f]) ?? '').trim().slice(0, 20)])) as ScheduleDraft;
}

export type DraftError = { field: DraftField; key: `schedule.error.${'date' | 'kind' | 'type' | 'time' | 'capacity' | 'minutes' | 'reason'}` };

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A whole number within bounds, or undefined. */
function count(value: string, min: number, max: number): number | undefined {
  if (!/^\d{1,3}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= min && n <= max ? n : undefined;
}

/** The exception a draft asks for at a centre, or what is wrong with it (in the form's order). */
export function checkDraft(draft: ScheduleDraft, location: Location, today: IsoDate): { exception: NewException } | { errors: DraftError[] } {
  const errors: DraftError[] = [];
  const date = draft.date;
  if (!isIsoDate(date) || date < today) errors.push({ field: 'date', key: 'schedule.error.date' });
  const kind = isExceptionKind(draft.kind) ? draft.kind : undefined;
  if (!kind) errors.push({ field: 'kind', key: 'schedule.error.kind' });
  const session = kind !== undefined && kind !== 'closed_day';
  const type = location.meetingTypes.find((t) => t === draft.type);
  const time = draft.time;
  if (session && !type) errors.push({ field: 'type', key: 'schedule.error.type' });
  // The time must exist on that day in Stockholm (02:30 on the spring daylight-saving day does not).
  if (session && (!TIME.test(time) || (isIsoDate(date) && stockholmIso(stockholmInstant(date, time)).slice(11, 16) !== time))) {
    errors.push({ field: 'time', key: 'schedule.error.time' });
  }
  const capacity = count(draft.capacity, 1, 50);
  if ((kind === 'capacity' || kind === 'extra') && capacity === undefined) errors.push({ field: 'capacity', key: 'schedule.error.capacity' });
  const minutes = count(draft.minutes, 15, 240);
  if (kind === 'extra' && minutes === undefined) errors.push({ field: 'minutes', key: 'schedule.error.minutes' });
  const reason = isClosureReason(draft.reason) ? draft.reason : undefined;
  if (kind && isClosure({ kind }) && !reason) errors.push({ field: 'reason', key: 'schedule.error.reason' });
  if (errors.length > 0 || !kind) return { errors };
  const at = { location: location.id, date };
  const where = { ...at, type: type as MeetingType, time };
  switch (kind) {
    case 'closed_day':
      return { exception: { ...at, kind, reason: reason! } };
    case 'closed_session':
      return { exception: { ...where, kind, reason: reason! } };
    case 'capacity':
      return { exception: { ...where, kind, capacity: capacity! } };
    case 'extra':
      return { exception: { ...where, kind, minutes: minutes!, capacity: capacity! } };
  }
}
