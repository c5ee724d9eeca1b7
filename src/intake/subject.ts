import { stockholmIso } from './calendar.ts';
import { REFERENCE } from './booking.ts';
import { log } from './log.ts';
import type { Booking, BookingEvent, IntakeStore, Message } from './store.ts';

/**
 * A resident's rights over their data (GDPR art. 15 and 17): everything
 * stored about them, as a file, and the erasure of a booking's details. Pure
 * of any UI: the command (`npm run intake:subject`) calls them with the log
 * as its sink, the staff workspace with its audit trail (staff/audit.ts).
 * Either way the use is recorded before anything is handed out or erased:
 * a sink that throws stops both.
 */

/** Whom a request is about: a booking reference, or an exact e-mail address or phone number. */
export type Subject = { kind: 'reference' | 'email' | 'phone'; value: string };

/** Who acted (a member of staff's id, or the operator's name) and why; recorded with each use. */
export interface Actor {
  actor: string;
  reason?: string | undefined;
}

/**
 * Records each use, without personal data: the action, who, the kind of look-up and the
 * references concerned: a log line for the command, a row of the staff audit trail in the workspace.
 */
export type AuditSink = (event: 'subject.exported' | 'subject.erased', fields: { actor: string; reason?: string | undefined; lookup: Subject['kind']; references: string[] }) => Promise<void> | void;
export const logAudit: AuditSink = (event, { references, ...fields }) => log(event, { ...fields, references: references.join(','), count: references.length });

/** The file a resident receives: every booking, every stored field in plain words, and what is kept how long. */
export interface SubjectExport {
  format: 'jobbtorg-subject-export/1';
  generatedAt: string;
  lookup: Subject['kind'];
  retention: string;
  bookings: ReturnType<typeof exportedBooking>[];
}

function exportedBooking(b: Booking, messages: readonly Message[], history: readonly BookingEvent[]) {
  return {
    reference: b.reference,
    meeting: { start: stockholmIso(b.start), end: stockholmIso(b.end), location: b.location, type: b.type, language: b.language },
    name: b.name,
    email: b.email,
    phone: b.phone,
    interpreter: b.interpreter,
    interpreterLanguage: b.interpreterLanguage,
    needs: b.needs,
    bookedAt: stockholmIso(b.createdAt),
    cancelledAt: b.cancelledAt ? stockholmIso(b.cancelledAt) : null,
    detailsErasedAt: b.erasedAt ? stockholmIso(b.erasedAt) : null,
    // Booked online, or by staff for them (and how they reached staff); whether they came, as recorded.
    bookedBy: b.madeBy ? { by: 'staff', channel: b.channel } : { by: 'online' },
    attendance: b.attendance,
    // What staff wrote about a cancellation may be about them.
    staffNotes: history.filter((e) => e.note !== null).map((e) => ({ at: stockholmIso(e.at), kind: e.kind, note: e.note })),
    // The messages hold no address: each is written from the booking when it goes.
    messages: messages.map((m) => ({ kind: m.kind, channel: m.channel, language: m.locale, state: m.state, due: stockholmIso(m.dueAt), sentAt: m.sentAt ? stockholmIso(m.sentAt) : null })),
  };
}

async function bookingsOf(store: IntakeStore, subject: Subject): Promise<Booking[]> {
  if (subject.kind !== 'reference') return store.bookingsByContact(subject.kind, subject.value);
  const reference = subject.value.trim().toUpperCase();
  if (!REFERENCE.test(reference)) return [];
  const found = await store.find(reference);
  if (!found) return [];
  const { cancelTokenHash: _secret, ...booking } = found;
  return [booking];
}

/** Everything stored about a person, as one JSON-ready object (empty `bookings` when nothing is). */
export async function exportSubject(store: IntakeStore, subject: Subject, who: Actor, retentionDays: number, now: Date, audit: AuditSink = logAudit): Promise<SubjectExport> {
  const bookings = await bookingsOf(store, subject);
  const messages = await Promise.all(bookings.map((b) => store.messagesOf(b.reference)));
  const histories = await Promise.all(bookings.map((b) => store.history(b.reference)));
  await audit('subject.exported', { actor: who.actor, reason: who.reason, lookup: subject.kind, references: bookings.map((b) => b.reference) });
  return {
    format: 'jobbtorg-subject-export/1',
    generatedAt: stockholmIso(now),
    lookup: subject.kind,
    retention: `Each booking is deleted ${retentionDays} days after its meeting. Nothing else about you is stored: no account, no address, no browsing history.`,
    bookings: bookings.map((b, i) => exportedBooking(b, messages[i]!, histories[i]!)),
  };
}

/**
 * Erases a booking's details on request; the booking stays (its seat, time,
 * place and meeting type), so seat counts and statistics do not change, and
 * the retention purge deletes it in time as any other. Its messages not yet
 * sent are dropped with it (they would go to a contact no longer stored).
 * The use is recorded first: if that fails, nothing is erased.
 */
export async function eraseBooking(store: IntakeStore, reference: string, who: Actor, now: Date, audit: AuditSink = logAudit): Promise<'erased' | 'not_found'> {
  const normalised = reference.trim().toUpperCase();
  const exists = REFERENCE.test(normalised) && (await store.find(normalised)) !== undefined;
  await audit('subject.erased', { actor: who.actor, reason: who.reason, lookup: 'reference', references: exists ? [normalised] : [] });
  return exists && (await store.erase(normalised, now)) ? 'erased' : 'not_found';
}
