import { bookingRequest, fieldErrors, type BookingRequest, type FieldErrors } from '../intake/booking-schema.ts';
import { localeIds } from '../i18n/locales.ts';
import { bookingBody, checkDetails, emptyDraft, readDraft } from '../booking/flow.ts';
import {
  attendanceValues,
  cancelReasons,
  changeChannels,
  contactChannels,
  type Attendance,
  type CancelReason,
  type ChangeChannel,
  type ContactChannel,
} from '../intake/staff-acts.ts';

/**
 * The staff action forms, read and checked: pure, so the pages only do I/O.
 * Booking for a caller runs the resident's own schema (booking-schema.ts) on
 * the same fields the resident's form sends (flow.ts), so there is one set of
 * rules; the channel and the message locale are staff's additions.
 */

/** A form's problems: field → code. The pages say each code in the staff language. */
export type FormErrors = Partial<Record<string, string>>;

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined => (values as readonly string[]).includes(value ?? '') ? (value as T) : undefined;

/** The free text for "other": one short paragraph, no control characters. */
export const NOTE_MAX = 500;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export type StaffBooking = { kind: 'ok'; request: BookingRequest; channel: ContactChannel } | { kind: 'invalid'; errors: FieldErrors & FormErrors };

/** Booking for a caller: the slot (`tid`), the resident's details, the message locale, the channel and the consent box. */
export function readStaffBooking(form: URLSearchParams): StaffBooking {
  const draft = readDraft(form) ?? emptyDraft('');
  const locale = form.get('locale') ?? '';
  const body = bookingBody(form.get('tid') ?? '', draft, form.get('consent') === 'yes', locale);
  const parsed = bookingRequest.safeParse(body);
  const channel = oneOf(contactChannels, form.get('channel'));
  // The details step's check as well: the whole request's contact rule only runs once every
  // field parses, and staff should see every problem at once, as the resident does step by step.
  const errors: FieldErrors & FormErrors = parsed.success ? {} : { ...checkDetails(draft), ...fieldErrors(parsed.error) };
  if (!oneOf(localeIds, locale)) errors.locale = 'required';
  if (!channel) errors.channel = 'required';
  if (!parsed.success || !channel || errors.locale) return { kind: 'invalid', errors };
  return { kind: 'ok', request: parsed.data, channel };
}

/** The staff booking form's fields in page order, for the error summary. */
export const bookingFieldOrder = ['slotId', 'channel', 'name', 'email', 'notifyEmail', 'phone', 'notifySms', 'locale', 'language', 'interpreter', 'interpreterLanguage', 'needs', 'consent'] as const;

export type StaffCancel = { kind: 'ok'; reason: CancelReason; channel: ChangeChannel; note: string | undefined } | { kind: 'invalid'; errors: FormErrors };

/** Cancelling: a reason, and for "other" staff's own words; how the resident reached us (or nobody did). */
export function readCancel(form: URLSearchParams): StaffCancel {
  const errors: FormErrors = {};
  const reason = oneOf(cancelReasons, form.get('reason'));
  const channel = oneOf(changeChannels, form.get('channel'));
  const note = (form.get('note') ?? '').trim();
  if (!reason) errors.reason = 'required';
  if (reason === 'other') {
    if (!note) errors.note = 'required';
    else if (note.length > NOTE_MAX) errors.note = 'too_long';
    else if (CONTROL.test(note)) errors.note = 'control_characters';
  }
  if (!channel) errors.channel = 'required';
  if (!reason || !channel || errors.note) return { kind: 'invalid', errors };
  return { kind: 'ok', reason, channel, note: reason === 'other' ? note : undefined };
}

export type StaffMove = { kind: 'ok'; slotId: string; channel: ChangeChannel } | { kind: 'invalid'; errors: FormErrors };

/** Moving: the new time (`tid`) and the channel. */
export function readMove(form: URLSearchParams): StaffMove {
  const errors: FormErrors = {};
  const slotId = form.get('tid') ?? '';
  const channel = oneOf(changeChannels, form.get('channel'));
  if (!slotId) errors.slotId = 'required';
  if (!channel) errors.channel = 'required';
  if (!slotId || !channel) return { kind: 'invalid', errors };
  return { kind: 'ok', slotId, channel };
}

/** The attendance a day view's row posts. */
export const readAttendance = (form: URLSearchParams): Attendance | undefined => oneOf(attendanceValues, form.get('attendance'));

/** Codes that say the same whatever the field; the others ("required", "invalid") are said per field. */
const sharedCodes = ['taken', 'unavailable', 'invalid_email', 'invalid_phone', 'contact_required', 'consent_required', 'too_long', 'control_characters'];

/** The staff string for a booking form's problem: per code where the code says it all, else per field. */
export function bookingErrorKey(field: string, code: string): string {
  if (field === 'needs') return 'book.error.needs';
  return `book.error.${sharedCodes.includes(code) ? code : field}`;
}
