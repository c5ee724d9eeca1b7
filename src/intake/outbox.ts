import { TZDate } from '@date-fns/tz';
import { TIME_ZONE } from './calendar.ts';

/**
 * What the outbox owes a resident after a change to their booking: pure
 * planning, no I/O. The store writes the plan in the same transaction as the
 * change (store.ts), the worker sends it (worker.ts).
 */
export const messageKinds = ['confirmation', 'reminder', 'changed', 'cancelled'] as const;
export type MessageKind = (typeof messageKinds)[number];

export const channels = ['email', 'sms'] as const;
export type Channel = (typeof channels)[number];

export const messageStates = ['queued', 'sent', 'failed', 'dead', 'dropped'] as const;
export type MessageState = (typeof messageStates)[number];

/** Who made the change a message reports: the resident through their link, or staff (with a reason code). */
export type Actor = 'resident' | 'staff';

/** A message as the store writes it: everything but its id and delivery state. */
export interface PlannedMessage {
  kind: MessageKind;
  channel: Channel;
  locale: string;
  actor: Actor;
  reason: string | null;
  dueAt: Date;
}

/** What the plan needs to know of a booking. */
export interface Recipient {
  start: Date;
  email: string | null;
  phone: string | null;
  locale: string;
  notifyEmail: boolean;
  notifySms: boolean;
}

/** The channels the resident chose and gave the contact for. */
export function channelsOf(b: Recipient): Channel[] {
  const chosen: Channel[] = [];
  if (b.notifyEmail && b.email) chosen.push('email');
  if (b.notifySms && b.phone) chosen.push('sms');
  return chosen;
}

/**
 * When the reminder goes: `hours` before the meeting, whole days counted on
 * the Stockholm calendar, so a reminder "24 hours before" a 09:00 meeting goes
 * at 09:00 the day before, on both sides of a daylight-saving change (when
 * 24 elapsed hours would land at 08:00 or 10:00). Hours beyond whole days are
 * elapsed time.
 */
export function reminderDue(start: Date, hours: number): Date {
  const days = Math.floor(hours / 24);
  const local = new TZDate(start.getTime(), TIME_ZONE);
  local.setDate(local.getDate() - days);
  return new Date(local.getTime() - (hours - days * 24) * 3_600_000);
}

/** A booking change that owes the resident messages. */
export type Change =
  | { kind: 'booked' }
  | { kind: 'moved'; actor: Actor; reason?: string | undefined }
  | { kind: 'cancelled'; actor: Actor; reason?: string | undefined };

/**
 * The messages a change owes: the news itself at once, on every chosen
 * channel, and (when the booking is on) a reminder, unless the meeting is
 * already inside the reminder window.
 */
export function plan(change: Change, booking: Recipient, now: Date, reminderHours: number): PlannedMessage[] {
  const actor: Actor = change.kind === 'booked' ? 'resident' : change.actor;
  const reason = change.kind === 'booked' ? null : (change.reason ?? null);
  const news: MessageKind = change.kind === 'booked' ? 'confirmation' : change.kind === 'moved' ? 'changed' : 'cancelled';
  const reminder = reminderDue(booking.start, reminderHours);
  return channelsOf(booking).flatMap((channel) => {
    const base = { channel, locale: booking.locale, actor, reason };
    const messages: PlannedMessage[] = [{ ...base, kind: news, dueAt: now }];
    if (change.kind !== 'cancelled' && reminder > now) messages.push({ ...base, kind: 'reminder', reason: null, dueAt: reminder });
    return messages;
  });
}

/**
 * When a failed message is tried again: doubling from `base` seconds, at most
 * an hour apart. After `maxAttempts` tries it is dead.
 */
export function retryAt(attempts: number, now: Date, baseSeconds: number): Date {
  const seconds = Math.min(baseSeconds * 2 ** Math.max(0, attempts - 1), 3_600);
  return new Date(now.getTime() + seconds * 1000);
}
