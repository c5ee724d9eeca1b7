import { REFERENCE } from '../intake/booking.ts';
import { normalisePhone } from '../intake/booking-schema.ts';
import type { Subject } from '../intake/subject.ts';

/**
 * The staff's look-up form (find a booking, a resident's copy of their data):
 * a reference, with or without its "JT-", or an exact e-mail or phone. Pure:
 * the pages decide who may look up what, and read through the audit service.
 */
export interface Lookup {
  /** What was typed, to show again in the form. */
  asked: { reference: string; contact: string };
  result:
    | { kind: 'subject'; subject: Subject }
    /** The field to mark; its message is `search.error.<field>`. */
    | { kind: 'error'; field: 'reference' | 'contact' }
    /** Neither of the two forms was sent. */
    | { kind: 'unknown' };
}

export function readLookup(form: URLSearchParams): Lookup {
  const asked = { reference: (form.get('reference') ?? '').trim().toUpperCase(), contact: (form.get('contact') ?? '').trim() };
  const kind = form.get('kind');
  if (kind === 'reference') {
    const reference = asked.reference.startsWith('JT-') ? asked.reference : `JT-${asked.reference}`;
    return { asked, result: REFERENCE.test(reference) ? { kind: 'subject', subject: { kind: 'reference', value: reference } } : { kind: 'error', field: 'reference' } };
  }
  if (kind === 'contact') {
    // An address has an @; anything else is read as a phone number, in any of its written forms.
    if (asked.contact.includes('@')) return { asked, result: { kind: 'subject', subject: { kind: 'email', value: asked.contact } } };
    const phone = normalisePhone(asked.contact);
    return { asked, result: phone ? { kind: 'subject', subject: { kind: 'phone', value: phone } } : { kind: 'error', field: 'contact' } };
  }
  return { asked, result: { kind: 'unknown' } };
}
