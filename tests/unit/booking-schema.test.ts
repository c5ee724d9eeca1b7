import { describe, expect, it } from 'vitest';
import { bookingBody, readDraft } from '../../src/booking/flow';
import { bookingRequest, fieldErrors, normalisePhone } from '../../src/intake/booking-schema';

const valid = { slotId: 'kista.intro.20261125T0900', name: 'Amina Yusuf', phone: '070-123 45 67', language: 'so', consent: true, website: '' };
const errors = (input: unknown) => {
  const r = bookingRequest.safeParse(input);
  return r.success ? {} : fieldErrors(r.error);
};

describe('booking request', () => {
  it('accepts a resident with a phone number only and normalises it', () => {
    const r = bookingRequest.parse(valid);
    expect(r.phone).toBe('+46701234567');
    expect(r.interpreter).toBe(false);
    expect(r).not.toHaveProperty('website');
  });
  it.each([
    ['070-123 45 67', '+46701234567'],
    ['+46 8 508 000 00', '+46850800000'],
    ['0046 70 123 45 67', '+46701234567'],
    ['+251 91 123 4567', '+251911234567'],
    ['(08) 508 000 00', '+46850800000'],
    ['۰۷۰-۱۲۳ ۴۵ ۶۷', '+46701234567'],
    ['٠٧٠-١٢٣ ٤٥ ٦٧', '+46701234567'],
  ])('reads the phone number %s', (raw, expected) => expect(normalisePhone(raw)).toBe(expected));
  it.each(['123', 'abc', '+0 123 456', '070-123-45-67-89-00-11'])('rejects the phone number %s', (raw) => expect(normalisePhone(raw)).toBeUndefined());

  it('needs an email address or a phone number', () => {
    expect(errors({ ...valid, phone: undefined })).toEqual({ email: 'contact_required' });
    expect(errors({ ...valid, phone: '', email: '' })).toEqual({ email: 'contact_required' });
    expect(errors({ ...valid, phone: undefined, email: 'amina@example.se' })).toEqual({});
  });
  it('says which field is wrong, with a code the page can translate', () => {
    expect(errors({ ...valid, name: '  ', email: 'not-an-address', consent: false, language: 'de' })).toEqual({
      name: 'required',
      email: 'invalid_email',
      consent: 'consent_required',
      language: 'invalid',
    });
    expect(errors({ ...valid, needs: 'x'.repeat(501) })).toEqual({ needs: 'too_long' });
    expect(errors({ ...valid, phone: '12' })).toEqual({ phone: 'invalid_phone' });
  });
  it('asks which language when an interpreter is wanted, and drops it when not', () => {
    expect(errors({ ...valid, interpreter: true })).toEqual({ interpreterLanguage: 'required' });
    expect(bookingRequest.parse({ ...valid, interpreter: false, interpreterLanguage: 'tigrinja' }).interpreterLanguage).toBeUndefined();
  });
  it('rejects unknown fields, a filled honeypot and control characters', () => {
    expect(errors({ ...valid, personnummer: '19900101-1234' })).toEqual({ personnummer: 'unknown_field' });
    expect(errors({ ...valid, website: 'http://spam.example' })).toEqual({ website: 'invalid' });
    expect(errors({ ...valid, name: 'Amina\u0000Yusuf' })).toEqual({ name: 'control_characters' });
    expect(errors({ ...valid, name: 'Amina\nYusuf' })).toEqual({ name: 'control_characters' });
    expect(bookingRequest.parse({ ...valid, needs: 'Rullstol.\nJag tar med min syster.' }).needs).toContain('\n');
  });
  it('reads the booking page’s form post: a ticked interpreter box is "true" (or "on"), an unticked one is absent', () => {
    const form = new URLSearchParams({ name: 'Amina', email: 'a@example.se', phone: '', language: 'ar', interpreter: 'true', interpreterLanguage: 'arabiska', needs: '' });
    expect(bookingRequest.parse(bookingBody(valid.slotId, readDraft(form)!, true, 'ar'))).toMatchObject({ interpreter: true, interpreterLanguage: 'arabiska' });
    form.set('interpreter', 'on');
    expect(readDraft(form)!.interpreter).toBe(true);
    form.delete('interpreter');
    expect(bookingRequest.parse(bookingBody(valid.slotId, readDraft(form)!, true, 'ar'))).toMatchObject({ interpreter: false });
    expect(errors(bookingBody(valid.slotId, readDraft(form)!, false, 'ar'))).toEqual({ consent: 'consent_required' });
  });
  it('keeps the pages’ locale and a message channel only with the contact it needs', () => {
    const form = new URLSearchParams({ name: 'Amina', email: 'a@example.se', notifyEmail: 'true', phone: '', notifySms: 'true', language: 'so', needs: '' });
    expect(bookingRequest.parse(bookingBody(valid.slotId, readDraft(form)!, true, 'ar'))).toMatchObject({ locale: 'ar', language: 'so', notifyEmail: true, notifySms: false });
    form.delete('notifyEmail');
    form.set('phone', '070-123 45 67');
    expect(bookingRequest.parse(bookingBody(valid.slotId, readDraft(form)!, true, 'fa'))).toMatchObject({ locale: 'fa', notifyEmail: false, notifySms: true });
    // An API client that says nothing gets no messages, and Swedish.
    expect(bookingRequest.parse(valid)).toMatchObject({ locale: 'sv', notifyEmail: false, notifySms: false });
    expect(errors({ ...valid, locale: 'xx' })).toEqual({ locale: 'invalid' });
  });
});
