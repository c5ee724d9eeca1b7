// zod/mini: the same schema runs in the booking island, where the full zod would be most of the page's JavaScript.
import * as z from 'zod/mini';
import { localeIds } from '../i18n/locales.ts';
import { asciiDigits } from '../i18n/digits.ts';

/**
 * The booking request: one schema for the booking island and the server.
 * Error messages are codes, not prose; the page says them in the reader's
 * language (issue: booking UI).
 */
export const fieldErrorCodes = [
  'required',
  'too_long',
  'invalid',
  'invalid_email',
  'invalid_phone',
  'contact_required',
  'consent_required',
  'control_characters',
  'unknown_field',
] as const;
export type FieldErrorCode = (typeof fieldErrorCodes)[number];

// Control characters have no place in a name or an address; a textarea may keep line breaks and tabs.
const LINE_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const TEXT_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

const line = (max: number) =>
  z.string({ error: 'required' }).check(
    z.trim(),
    z.maxLength(max, { error: 'too_long' }),
    z.refine((v) => !LINE_CONTROL.test(v), { error: 'control_characters' }),
  );

/** Empty means not given. */
const blankToUndefined = (schema: z.ZodMiniString<string>) =>
  z.pipe(z.optional(schema), z.transform((v: string | undefined) => (v ? v : undefined)));

const optionalLine = (max: number) => blankToUndefined(line(max));

/** Swedish numbers as people write them (070-123 45 67) or international (+46 70 123 45 67, +251 …). */
export function normalisePhone(raw: string): string | undefined {
  const compact = asciiDigits(raw).replace(/[\s\-().]/g, '');
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  if (/^\+[1-9]\d{6,14}$/.test(international)) return international;
  if (/^0\d{6,11}$/.test(compact)) return `+46${compact.slice(1)}`;
  return undefined;
}

/** An e-mail or phone as look-ups match it: e-mail trimmed and lower-cased, phone in international form. */
export function contactKey(kind: 'email' | 'phone', value: string): string {
  if (kind === 'email') return value.trim().toLowerCase();
  return normalisePhone(value) ?? value.replace(/\s/g, '');
}

const fields = {
  slotId: z.string({ error: 'required' }).check(z.minLength(1, { error: 'required' }), z.maxLength(80, { error: 'invalid' })),
  name: line(100).check(z.refine((v) => v.length > 0, { error: 'required' })),
  email: optionalLine(254).check(z.refine((v) => v === undefined || z.email().safeParse(v).success, { error: 'invalid_email' })),
  phone: optionalLine(40).check(z.refine((v) => v === undefined || normalisePhone(v) !== undefined, { error: 'invalid_phone' })),
  /** The resident's preferred language for the meeting. */
  language: z.enum(localeIds, { error: 'invalid' }),
  interpreter: z._default(z.boolean({ error: 'invalid' }), false),
  /** Any language an interpreter can be booked for, as the resident names it. */
  interpreterLanguage: optionalLine(60),
  /** Adjustments or a companion; free text, line breaks allowed. */
  needs: blankToUndefined(
    z.string({ error: 'invalid' }).check(
      z.trim(),
      z.maxLength(500, { error: 'too_long' }),
      z.refine((v) => !TEXT_CONTROL.test(v), { error: 'control_characters' }),
    ),
  ),
  /** Send the confirmation, reminder and changes by e-mail or SMS: each only with the contact it needs. */
  notifyEmail: z._default(z.boolean({ error: 'invalid' }), false),
  notifySms: z._default(z.boolean({ error: 'invalid' }), false),
  /** The locale of the pages the resident booked in: their messages are written in it. */
  locale: z._default(z.enum(localeIds, { error: 'invalid' }), 'sv'),
  consent: z.literal(true, { error: 'consent_required' }),
  /** Honeypot: people never see it, so it stays empty; bots fill it. */
  website: z.optional(z.literal('', { error: 'invalid' })),
};

interface ContactFields {
  email?: string | undefined;
  phone?: string | undefined;
  interpreter: boolean;
  interpreterLanguage?: string | undefined;
}

const contactAndInterpreter = z.superRefine((b: ContactFields, ctx) => {
  if (!b.email && !b.phone) ctx.addIssue({ code: 'custom', path: ['email'], message: 'contact_required' });
  if (b.interpreter && !b.interpreterLanguage) ctx.addIssue({ code: 'custom', path: ['interpreterLanguage'], message: 'required' });
});

export const bookingRequest = z.pipe(
  z.strictObject(fields).check(contactAndInterpreter),
  z.transform(({ website: _honeypot, ...b }) => ({
    ...b,
    phone: b.phone === undefined ? undefined : normalisePhone(b.phone),
    interpreterLanguage: b.interpreter ? b.interpreterLanguage : undefined,
    // No message without a contact the resident gave for it.
    notifyEmail: b.notifyEmail && b.email !== undefined,
    notifySms: b.notifySms && b.phone !== undefined,
  })),
);

/** The "your details" step on its own: the same rules, checked before the resident sees the summary. */
export const bookingDetails = z.omit(z.object(fields), { slotId: true, consent: true, website: true, locale: true }).check(contactAndInterpreter);

export type BookingRequest = z.output<typeof bookingRequest>;
export type FieldErrors = Partial<Record<string, FieldErrorCode>>;

/** Field → error code, the first problem per field; unknown fields are named as such. */
export function fieldErrors(error: z.core.$ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[key] ??= 'unknown_field';
      continue;
    }
    const field = String(issue.path[0] ?? 'form');
    const code = (fieldErrorCodes as readonly string[]).includes(issue.message) ? (issue.message as FieldErrorCode) : 'invalid';
    fields[field] ??= code;
  }
  return fields;
}
