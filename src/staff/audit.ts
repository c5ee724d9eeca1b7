import { log } from '../intake/log.ts';
import type { AuditSink } from '../intake/subject.ts';
import type { AuditEntry } from '../intake/staff-store.ts';
import { staffStore } from './runtime.ts';

/** The audit row could not be written: whatever was read must not be shown. */
export class AuditUnavailable extends Error {}

/**
 * The one audit service. Every read or change of personal data goes through
 * here: the data is read, its row appended (who, what, which bookings, when,
 * the request id), and only then handed back. If the row cannot be written,
 * the caller gets AuditUnavailable instead of the data.
 */
export async function audited<T>(entry: Omit<AuditEntry, 'bookingRefs'>, read: () => Promise<T>, references: (value: T) => readonly string[]): Promise<T> {
  const value = await read();
  await record({ ...entry, bookingRefs: references(value) });
  return value;
}

/**
 * Appends one row for an action that changes no stored data of its own (a sign-in, a sign-out).
 * A change by staff (actions.ts: a booking, a schedule, an integration key) writes its row in
 * the change's own transaction instead, so the change and its row are stored together or not at all.
 */
export async function record(entry: AuditEntry): Promise<void> {
  try {
    await (await staffStore()).appendAudit(entry, new Date());
  } catch {
    log('staff.audit_failed', { requestId: entry.requestId ?? undefined, action: entry.action });
    throw new AuditUnavailable();
  }
}

/**
 * The resident-rights services' sink (intake/subject.ts) for the workspace:
 * each export or erasure becomes one row of this trail, naming the bookings
 * and the kind of look-up, never the value looked up.
 */
export function rightsAudit(actorId: string, requestId: string | undefined): AuditSink {
  return (event, { lookup, references }) =>
    record({ actorKind: 'staff', actorId, action: event === 'subject.exported' ? 'rights.export' : 'rights.erase', detail: lookup, bookingRefs: references, requestId });
}
