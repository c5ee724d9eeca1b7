import type { BookingRequest } from '../intake/booking-schema.ts';
import { book, type BookingOutcome } from '../intake/booking.ts';
import { config, locations, nudgeOutbox, store } from '../intake/runtime.ts';
import { moveTarget } from '../intake/services.ts';
import { cancelMessage, type Attendance, type CancelReason, type ChangeChannel, type ContactChannel } from '../intake/staff-acts.ts';
import type { AttendanceResult, Booking, CancelResult, MoveResult } from '../intake/store.ts';
import type { Person } from './access.ts';
import { record } from './audit.ts';

/**
 * What staff do to bookings, one service each for the pages: the change
 * (through the store, in its own transaction with the booking's history and
 * the resident's messages), then one audit row naming the booking, the codes
 * and the channel, never staff's own words. A failed audit row throws
 * AuditUnavailable after the change: the history already names the account.
 * Who may act is the page's check (access.ts), made before any of these.
 */
interface Context {
  person: Person;
  requestId: string | undefined;
}

const audit = (c: Context, action: string, booking: Pick<Booking, 'reference' | 'location'>, detail: string) =>
  record({ actorKind: 'staff', actorId: c.person.id, action, bookingRefs: [booking.reference], location: booking.location, detail, requestId: c.requestId });

/** Books for a caller by the resident's rules (booking.ts), marked as this account's with the channel. */
export async function bookForCaller(c: Context, request: BookingRequest, channel: ContactChannel, key: string): Promise<BookingOutcome> {
  const outcome = await book(await store(), locations, request, key, new Date(), config, { account: c.person.id, channel });
  if (outcome.kind === 'created') {
    nudgeOutbox();
    await audit(c, 'booking.create', outcome.booking, channel);
  }
  return outcome;
}

/** Cancels for the resident with a reason; staff's words for "other" go sealed into the history only. */
export async function cancelForResident(c: Context, booking: Booking, reason: CancelReason, channel: ChangeChannel, note: string | undefined): Promise<CancelResult> {
  const result = await (await store()).cancel(booking.reference, new Date(), { kind: 'cancelled', ...cancelMessage(reason) }, config, { account: c.person.id, channel, reason, note });
  if (result === 'cancelled') {
    nudgeOutbox();
    await audit(c, 'booking.cancel', booking, `${reason} ${channel}`);
  }
  return result;
}

/** Moves to another free time of the same meeting and centre, or says the time was taken. */
export async function moveForResident(c: Context, booking: Booking, slotId: string, channel: ChangeChannel): Promise<MoveResult> {
  const now = new Date();
  const slot = moveTarget(booking, slotId, now);
  if (!slot) return { kind: 'slot_full' };
  const result = await (await store()).move(booking.reference, slot, now, { kind: 'moved', actor: 'staff' }, config, { account: c.person.id, channel });
  if (result.kind === 'moved') {
    nudgeOutbox();
    await audit(c, 'booking.move', booking, `${slot.id} ${channel}`);
  }
  return result;
}

/** Records attendance once the meeting has started (the store refuses it before). */
export async function recordAttendance(c: Context, booking: Booking, attendance: Attendance): Promise<AttendanceResult> {
  const result = await (await store()).setAttendance(booking.reference, attendance, new Date(), { account: c.person.id });
  if (result === 'recorded') await audit(c, 'booking.attendance', booking, attendance);
  return result;
}
