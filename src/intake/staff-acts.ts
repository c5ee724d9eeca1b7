import type { Actor } from './outbox.ts';

/**
 * What staff do to bookings, as words the store and the pages share: how the
 * resident reached us, why a booking was cancelled, whether they came. Pure:
 * the pages check forms with these, the store records them.
 */

/** How a resident reached the staff member who booked for them. */
export const contactChannels = ['phone', 'in_person', 'email'] as const;
export type ContactChannel = (typeof contactChannels)[number];

/** A cancellation or a move may also come from staff alone (the centre closed): no contact then. */
export const changeChannels = [...contactChannels, 'none'] as const;
export type ChangeChannel = (typeof changeChannels)[number];

/** Why staff cancelled: the resident asked, the centre closed, a duplicate, or something else (in words). */
export const cancelReasons = ['resident', 'closed', 'duplicate', 'other'] as const;
export type CancelReason = (typeof cancelReasons)[number];

export const attendanceValues = ['attended', 'no_show', 'late_cancel'] as const;
export type Attendance = (typeof attendanceValues)[number];

/** Who acted, when staff did: the account, and how the resident reached them. */
export interface StaffAct {
  account: string;
  /** How the resident reached us; none for what staff record on their own (attendance). */
  channel?: ChangeChannel | undefined;
  /** A reason code (cancelReasons); never free text. */
  reason?: string | undefined;
  /** Staff's own words for the reason "other": stored sealed, never in a message, a log or the audit. */
  note?: string | undefined;
  /** The staff audit row to write with the change, in its transaction (the store adds the booking and centre). */
  audit?: { action: string; detail: string; requestId?: string | undefined } | undefined;
}

/**
 * The message a staff cancellation sends, onto the templates residents already
 * get (locales/*\/messages.json): a resident who asked hears that they
 * cancelled, as when they cancel online; a closed centre says so; a duplicate
 * or anything else asks them to call, since the words staff wrote are not theirs to read.
 */
export function cancelMessage(reason: CancelReason): { actor: Actor; reason?: 'closed' | 'other' } {
  switch (reason) {
    case 'resident':
      return { actor: 'resident' };
    case 'closed':
      return { actor: 'staff', reason: 'closed' };
    default:
      return { actor: 'staff', reason: 'other' };
  }
}

/** Attendance is recorded once the meeting has started, never before. */
export const attendanceOpen = (start: Date, now: Date) => start.getTime() <= now.getTime();
