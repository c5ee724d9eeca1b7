import type { BookingRequest } from '../intake/booking-schema.ts';
import type { Location } from '../catalog/schema.ts';
import { book, type BookingOutcome } from '../intake/booking.ts';
import { REFERENCE } from '../intake/booking.ts';
import { log } from '../intake/log.ts';
import { config, locations, nudgeOutbox, store } from '../intake/runtime.ts';
import { moveTarget } from '../intake/services.ts';
import { exceptionAction, type NewException } from '../intake/exceptions.ts';
import type { AddResult, RemoveResult } from '../intake/schedule-store.ts';
import { AuditRowRefused } from '../intake/staff-store.ts';
import { cancelMessage, type Attendance, type CancelReason, type ChangeChannel, type ContactChannel, type StaffAct } from '../intake/staff-acts.ts';
import type { AttendanceResult, Booking, CancelResult, MoveResult } from '../intake/store.ts';
import { mayActOnBookings, type Person } from './access.ts';
import { AuditUnavailable } from './audit.ts';
import { createKey } from './keys.ts';
import { staffStore } from './runtime.ts';

/**
 * What staff do to bookings, schedules and integration keys, one service each for the pages.
 * The store makes the change, the booking's history, the resident's messages
 * and the audit row (who, what, which booking, the codes and the channel,
 * never staff's own words) in one transaction: if the audit row cannot be
 * written, nothing changes and the page says the change was not saved as the
 * log does not answer (notLogged); if the change fails otherwise (the
 * database gone), nothing changes either and the page says only that it was
 * not saved (notSaved). Who may act is the page's check (access.ts), made first.
 */

/** A staff change failed for another reason than its audit row (the database gone): nothing was stored. */
export class ChangeNotSaved extends Error {}
/**
 * The booking an action page names, if this person may act on it. Which
 * centre it belongs to decides, before anything of it is shown or changed.
 */
export async function bookingToActOn(person: Person, reference: string): Promise<{ booking: Booking } | { problem: 'notFound' | 'forbidden' }> {
  const found = REFERENCE.test(reference) ? await (await store()).find(reference) : undefined;
  if (!found) return { problem: 'notFound' };
  if (!mayActOnBookings(person, found.location)) return { problem: 'forbidden' };
  const { cancelTokenHash: _secret, ...booking } = found;
  return { booking };
}

interface Context {
  person: Person;
  requestId: string | undefined;
}

/**
 * Runs a change whose transaction carries its audit row. A failed transaction
 * stored nothing; the page hears which way it failed (AuditUnavailable or
 * ChangeNotSaved), the log the same and the error's code, never a value.
 */
async function failsAs<T>(c: Context, action: string, change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    const trail = error instanceof AuditRowRefused;
    // The driver's code (SQLITE_CONSTRAINT_TRIGGER, 23514…) is on the error, or on the refusal's cause.
    const code = ((trail ? error.cause : error) as { code?: unknown } | null | undefined)?.code;
    log(trail ? 'staff.audit_failed' : 'staff.action_failed', { requestId: c.requestId, action, ...(typeof code === 'string' ? { code } : {}) });
    throw trail ? new AuditUnavailable() : new ChangeNotSaved();
  }
}

/** Runs a change with the account, the channel and the audit row it carries into its transaction. */
function staffChange<T>(c: Context, action: string, detail: string, more: Omit<StaffAct, 'account' | 'audit'>, change: (by: StaffAct) => Promise<T>): Promise<T> {
  return failsAs(c, action, () => change({ account: c.person.id, ...more, audit: { action, detail, requestId: c.requestId } }));
}

/** Books for a caller by the resident's rules (booking.ts), marked as this account's with the channel. */
export async function bookForCaller(c: Context, request: BookingRequest, channel: ContactChannel, key: string): Promise<BookingOutcome> {
  const outcome = await staffChange(c, 'booking.create', channel, { channel }, async (by) => book(await store(), locations, request, key, new Date(), config, by));
  if (outcome.kind === 'created') nudgeOutbox();
  return outcome;
}

/** Cancels for the resident with a reason; staff's words for "other" go sealed into the history only. */
export async function cancelForResident(c: Context, booking: Booking, reason: CancelReason, channel: ChangeChannel, note: string | undefined): Promise<CancelResult> {
  const change = { kind: 'cancelled', ...cancelMessage(reason) } as const;
  const result = await staffChange(c, 'booking.cancel', `${reason} ${channel}`, { channel, reason, note }, async (by) => (await store()).cancel(booking.reference, new Date(), change, config, by));
  if (result === 'cancelled') nudgeOutbox();
  return result;
}

/** Moves to another free time of the same meeting and centre, or says the time was taken, or is not bookable (closed, past, another meeting's). */
export async function moveForResident(c: Context, booking: Booking, slotId: string, channel: ChangeChannel): Promise<MoveResult | { kind: 'slot_unavailable' }> {
  const result = await staffChange(c, 'booking.move', `${slotId} ${channel}`, { channel }, async (by): Promise<MoveResult | { kind: 'slot_unavailable' }> => {
    const now = new Date();
    const slot = await moveTarget(booking, slotId, now);
    return slot ? (await store()).move(booking.reference, slot, now, { kind: 'moved', actor: 'staff' }, config, by) : { kind: 'slot_unavailable' };
  });
  if (result.kind === 'moved') nudgeOutbox();
  return result;
}

/** Records attendance once the meeting has started (the store refuses it before). */
export function recordAttendance(c: Context, booking: Booking, attendance: Attendance): Promise<AttendanceResult> {
  return staffChange(c, 'booking.attendance', attendance, {}, async (by) => (await store()).setAttendance(booking.reference, attendance, new Date(), by));
}

/** Adds a schedule exception (a closure, a capacity, an extra session) with the admin's audit row in its transaction. */
export function addException(c: Context, exception: NewException, location: Location): Promise<AddResult> {
  return failsAs(c, exceptionAction(exception), async () => (await store()).schedule().add(exception, location, { account: c.person.id, requestId: c.requestId }, new Date()));
}

/** Removes a schedule exception, likewise. */
export function removeException(c: Context, id: string, location: Location): Promise<RemoveResult> {
  return failsAs(c, 'schedule.remove', async () => (await store()).schedule().remove(id, location, { account: c.person.id, requestId: c.requestId }, new Date()));
}

/** Makes an integration key for some centres, its audit row in its transaction; the key is shown once, by the page. */
export function createIntegrationKey(c: Context, input: { name: string; centres: readonly string[] }): Promise<{ id: string; key: string }> {
  const now = new Date();
  return failsAs(c, 'key.create', async () =>
    (await staffStore()).changeWithAudit(
      (staff) => createKey(staff, { ...input, createdBy: c.person.id }, now),
      (made) => ({ actorKind: 'staff', actorId: c.person.id, action: 'key.create', bookingRefs: [], detail: made.id, requestId: c.requestId }),
      now,
    ),
  );
}

/** Revokes an integration key, likewise; false when there was no live key of that id. */
export function revokeIntegrationKey(c: Context, id: string): Promise<boolean> {
  const now = new Date();
  return failsAs(c, 'key.revoke', async () =>
    (await staffStore()).changeWithAudit(
      (staff) => staff.revokeKey(id, now),
      (revoked) => (revoked ? { actorKind: 'staff', actorId: c.person.id, action: 'key.revoke', bookingRefs: [], detail: id, requestId: c.requestId } : undefined),
      now,
    ),
  );
}
