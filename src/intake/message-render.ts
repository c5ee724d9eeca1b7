import site from '../../content/site.json' with { type: 'json' };
import { bring } from '../booking/bring.ts';
import { addressLine, catalog } from '../catalog/index.ts';
import { formatClock, formatDay, localDigits } from '../i18n/format.ts';
import { defaultLocale, isLocale, localeConfig, type Locale } from '../i18n/locales.ts';
import { stockholmDate, stockholmIso } from './calendar.ts';
import { bookingIcs } from './ics.ts';
import { bookingLinks } from './links.ts';
import { messageString, type MessageKey } from './message-strings.ts';
import type { Actor, MessageKind } from './outbox.ts';
import type { Booking } from './store.ts';

/**
 * A message in words, rendered when it is sent from the booking as it is
 * then (so a moved booking's reminder says the new time). Only what the
 * resident gave or the portal states: no name, no tracking (no images, no
 * link decorations), every string from the locale files.
 */

/** What a message reports, as the outbox row says it. */
export interface MessageSpec {
  kind: MessageKind;
  locale: string;
  actor: string;
  reason: string | null;
}

export interface RenderContext {
  /** Public address of the portal: links in messages are absolute. */
  siteUrl: string;
  /** The token of the resident's links; undefined for a booking whose links predate derived tokens. */
  token: string | undefined;
}

export interface Email {
  subject: string;
  text: string;
  html: string;
  /** The meeting as a calendar file, on the messages that give a time. */
  ics: string | undefined;
}

/** Reason codes staff give when they cancel or move a booking (issue: staff workspace); unknown codes read as "other". */
export const reasonCodes = ['closed', 'staff', 'other'] as const;

const localeOf = (spec: MessageSpec): Locale => (isLocale(spec.locale) ? spec.locale : defaultLocale);
const isRtl = (locale: Locale) => localeConfig(locale).dir === 'rtl';
/** Text that reads left to right (a reference, a phone number) kept whole inside right-to-left text. */
const isolate = (locale: Locale, text: string) => (isRtl(locale) ? `\u2066${text}\u2069` : text);

function facts(spec: MessageSpec, booking: Booking) {
  const locale = localeOf(spec);
  const say = (key: MessageKey, values?: Record<string, string>) => messageString(locale, key, values);
  const hhmm = stockholmIso(booking.start).slice(11, 16);
  const when = say('booking:time.when', { date: formatDay(locale, stockholmDate(booking.start)), time: formatClock(locale, hhmm) });
  const location = catalog.locations.find((l) => l.id === booking.location);
  const place = location ? `${location.name}, ${addressLine(location.exampleConfiguration.address)}` : booking.location;
  const actor: Actor = spec.actor === 'staff' ? 'staff' : 'resident';
  const reasonCode = (reasonCodes as readonly string[]).includes(spec.reason ?? '') ? spec.reason! : 'other';
  const reason = actor === 'staff' && spec.kind === 'cancelled' ? say(`reason.${reasonCode}` as MessageKey) : undefined;
  return { locale, say, when, place, placeName: location?.name ?? booking.location, example: location?.exampleConfiguration.example ?? false, actor, reason };
}

/** The SMS text: short enough for two segments in every language (tests/unit/message-render.test.ts). */
export function renderSms(spec: MessageSpec, booking: Booking): string {
  const { locale, say, when, placeName, actor, reason } = facts(spec, booking);
  const values = { when, place: placeName, reference: isolate(locale, booking.reference), reason: reason ?? '' };
  const key: MessageKey = spec.kind === 'cancelled' ? `sms.cancelled.${actor}` : `sms.${spec.kind}`;
  return say(key, values).replace(/\s+/g, ' ').trim();
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => entities[c]!);

export function renderEmail(spec: MessageSpec, booking: Booking, context: RenderContext, host: string): Email {
  const { locale, say, when, place, example, actor, reason } = facts(spec, booking);
  const dir = localeConfig(locale).dir;
  const lead = spec.kind === 'changed' || spec.kind === 'cancelled' ? say(`email.lead.${spec.kind}.${actor}`) : say(`email.lead.${spec.kind}`);
  const subject = say(`email.subject.${spec.kind}`, { when });
  const meeting = say(`content:meeting.${booking.type}` as MessageKey);
  const rows: [string, string][] = [
    [say('email.reference'), booking.reference],
    [say('email.meeting'), meeting],
    [say('email.time'), when],
    [say('email.place'), place],
  ];
  const active = spec.kind !== 'cancelled';
  const items = active ? (bring.bring[booking.type as keyof typeof bring.bring] ?? []).map((item) => say(`booking:bring.${item}` as MessageKey)) : [];
  const links =
    context.token === undefined ? undefined : bookingLinks(booking.reference, locale, context.token);
  const absolute = (path: string) => new URL(path, context.siteUrl).href;
  const actions: [string, string][] = active
    ? links
      ? [
          [say('email.see'), absolute(links.confirmationUrl)],
          [say('email.move'), absolute(links.moveUrl)],
          [say('email.cancel'), absolute(links.cancelUrl)],
        ]
      : []
    : [[say('email.bookAgain'), absolute(`/${locale}/boka/`)]];
  const ics =
    active && spec.kind !== 'reminder' && links
      ? bookingIcs(
          booking,
          {
            title: meeting,
            place,
            url: absolute(links.confirmationUrl),
            ...(example ? { note: say('content:locations.exampleNotice') } : {}),
          },
          host,
        )
      : undefined;
  const notes = [
    ...(example && active ? [say('content:locations.exampleNotice')] : []),
    ...(ics ? [say('email.calendar')] : []),
  ];
  const help = say('email.help', { phone: isolate(locale, localDigits(locale, site.contact.phone)) });
  const why = say('email.why');

  const text = [
    lead,
    ...(reason ? [say('email.reason', { reason })] : []),
    '',
    ...rows.map(([label, value]) => `${label}: ${value}`),
    ...(items.length ? ['', `${say('email.bring')}:`, ...items.map((i) => `- ${i}`)] : []),
    ...(notes.length ? ['', ...notes] : []),
    ...(actions.length ? ['', ...actions.map(([label, url]) => `${label}: ${url}`)] : []),
    '',
    '--',
    help,
    why,
  ].join('\n');

  const html = `<!doctype html>
<html lang="${localeConfig(locale).lang}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(subject)}</title></head>
<body style="font-family: system-ui, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; background: #ffffff">
<p>${escape(lead)}</p>
${reason ? `<p>${escape(say('email.reason', { reason }))}</p>\n` : ''}<table role="presentation" style="border-collapse: collapse">
${rows.map(([label, value], i) => `<tr><th scope="row" style="text-align: start; padding-inline-end: 1em; vertical-align: top">${escape(label)}</th><td>${i === 0 ? `<strong dir="ltr">${escape(value)}</strong>` : escape(value)}</td></tr>`).join('\n')}
</table>
${items.length ? `<h2 style="font-size: 1.1em">${escape(say('email.bring'))}</h2>\n<ul>\n${items.map((i) => `<li>${escape(i)}</li>`).join('\n')}\n</ul>\n` : ''}${notes.map((n) => `<p>${escape(n)}</p>`).join('\n')}
${actions.map(([label, url]) => `<p><a href="${escape(url)}">${escape(label)}</a></p>`).join('\n')}
<hr>
<p>${escape(help)}</p>
<p>${escape(why)}</p>
</body>
</html>
`;
  return { subject, text, html, ics };
}
