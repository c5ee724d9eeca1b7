import ICAL from 'ical.js';
import { SegmentedMessage } from 'sms-segments-calculator';
import { catalog } from '../../src/catalog/index';
import { describe, expect, it } from 'vitest';
import { localeIds } from '../../src/i18n/locales';
import { stockholmInstant } from '../../src/intake/calendar';
import { reasonCodes, renderEmail, renderSms, type MessageSpec } from '../../src/intake/message-render';
import { messageString } from '../../src/intake/message-strings';
import { messageKinds } from '../../src/intake/outbox';
import type { Booking } from '../../src/intake/store';

const booking: Booking = {
  reference: 'JT-AB2345',
  slotId: 'kista.intro.20261125T0900',
  location: 'kista',
  type: 'intro',
  start: stockholmInstant('2026-11-25', '09:00'),
  end: stockholmInstant('2026-11-25', '09:45'),
  name: 'Amina Yusuf',
  email: 'amina@example.se',
  phone: '+46701234567',
  language: 'ar',
  interpreter: true,
  interpreterLanguage: 'arabiska',
  needs: 'Rullstol',
  locale: 'ar',
  notifyEmail: true,
  notifySms: true,
  createdAt: new Date('2026-11-20T10:00:00Z'),
  cancelledAt: null,
  erasedAt: null,
  madeBy: null,
  channel: null,
  attendance: null,
};
const context = { siteUrl: 'https://jobbtorg.example', token: 'tok_en-123' };
const spec = (kind: MessageSpec['kind'], locale = 'ar', actor = 'resident', reason: string | null = null): MessageSpec => ({ kind, locale, actor, reason });

describe('e-mail', () => {
  it('an Arabic confirmation is in Arabic, right to left, with the links and a calendar file, and no name or tracking', () => {
    const mail = renderEmail(spec('confirmation'), booking, context, 'jobbtorg.example');
    expect(mail.subject).toContain('Jobbtorg Stockholm');
    expect(mail.subject).toContain('نوفمبر');
    expect(mail.html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(mail.html).toContain(messageString('ar', 'email.lead.confirmation'));
    expect(mail.html).toContain('https://jobbtorg.example/ar/boka/bekraftelse/?ref=JT-AB2345&amp;token=tok_en-123');
    expect(mail.text).toContain('https://jobbtorg.example/ar/boka/avboka/?ref=JT-AB2345&token=tok_en-123');
    expect(mail.text).toContain('https://jobbtorg.example/ar/boka/flytta/?ref=JT-AB2345&token=tok_en-123');
    expect(mail.text).toContain('Exempelgatan 1, 164 40 Kista');
    for (const part of [mail.html, mail.text]) {
      expect(part).not.toContain('Amina');
      expect(part).not.toContain('Rullstol');
    }
    expect(mail.html).not.toMatch(/<img|<script|utm_/i);
    const event = new ICAL.Component(ICAL.parse(mail.ics!)).getFirstSubcomponent('vevent')!;
    expect(event.getFirstPropertyValue('uid')).toBe('JT-AB2345@jobbtorg.example');
  });
  it('a left-to-right locale says ltr; a cancellation offers a new booking and no calendar file', () => {
    const mail = renderEmail(spec('cancelled', 'fi'), { ...booking, cancelledAt: new Date() }, context, 'jobbtorg.example');
    expect(mail.html).toMatch(/<html lang="fi" dir="ltr">/);
    expect(mail.ics).toBeUndefined();
    expect(mail.text).toContain('https://jobbtorg.example/fi/boka/');
    expect(mail.text).not.toContain('token=');
  });
  it('staff cancelling give the reason in words; an unknown code reads as "other"', () => {
    const mail = renderEmail(spec('cancelled', 'sv', 'staff', 'closed'), booking, context, 'h');
    expect(mail.text).toContain(messageString('sv', 'email.lead.cancelled.staff'));
    expect(mail.text).toContain(messageString('sv', 'reason.closed'));
    expect(renderEmail(spec('cancelled', 'sv', 'staff', 'nonsense'), booking, context, 'h').text).toContain(messageString('sv', 'reason.other'));
  });
  it('an unknown locale is written in Swedish, never as raw keys', () => {
    const mail = renderEmail(spec('reminder', 'xx'), booking, context, 'h');
    expect(mail.html).toMatch(/<html lang="sv" dir="ltr">/);
    expect(mail.text).not.toMatch(/email\.|reason\.|booking:/);
  });
  it.each(localeIds)('every kind renders in %s without a raw key or an empty placeholder', (locale) => {
    for (const kind of messageKinds) {
      const mail = renderEmail(spec(kind, locale, 'staff', 'staff'), booking, context, 'h');
      for (const part of [mail.subject, mail.text, mail.html, renderSms(spec(kind, locale, 'staff', 'staff'), booking)]) {
        expect(part).not.toMatch(/\{\{|email\.(subject|lead)|sms\.|reason\./);
      }
    }
  });
});

describe('SMS', () => {
  // Every month and weekday (the first week of each month of 2027), every job centre, every kind, staff's every reason.
  const starts = Array.from({ length: 12 * 7 }, (_, i) => stockholmInstant(`2027-${String(Math.floor(i / 7) + 1).padStart(2, '0')}-0${(i % 7) + 1}`, '14:30'));
  const places = catalog.locations.map((l) => l.id);
  it.each(localeIds)('every %s SMS fits in two segments (GSM-7 or UCS-2 as its letters need)', (locale) => {
    // The longest time in words and the longest job centre name in this language fill every template.
    const worst = <T>(options: T[], text: (o: T) => string) => options.reduce((a, b) => (text(b).length > text(a).length ? b : a));
    const start = worst(starts, (s) => renderSms(spec('confirmation', locale), { ...booking, start: s }));
    const location = worst(places, (l) => renderSms(spec('confirmation', locale), { ...booking, location: l }));
    for (const kind of messageKinds) {
      for (const reason of [...reasonCodes, null]) {
        const text = renderSms(spec(kind, locale, reason ? 'staff' : 'resident', reason), { ...booking, location, start });
        expect(new SegmentedMessage(text).segmentsCount, text).toBeLessThanOrEqual(2);
      }
    }
  });
  it('is in the resident’s language, with the reference kept whole in right-to-left text', () => {
    const text = renderSms(spec('reminder', 'ar'), booking);
    expect(text).toContain('\u2066JT-AB2345\u2069');
    expect(text).toContain('نوفمبر');
    expect(text).not.toContain('Amina');
  });
});
