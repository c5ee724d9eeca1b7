import { createEvent } from 'ics';
import type { Booking } from './store.ts';

export interface IcsText {
  /** The meeting's name in the booking's language. */
  title: string;
  /** Where: the job centre's name and address. */
  place: string;
  /** The page the resident can open to see or cancel the booking. */
  url: string;
  /** Set while the address and the rest are example configuration: the file says so, as the pages do. */
  note?: string;
}

/** One VEVENT in UTC (unambiguous in every calendar app), with a stable UID so re-importing updates it. */
export function bookingIcs(booking: Booking, text: IcsText, host: string): string {
  const { error, value } = createEvent({
    uid: `${booking.reference}@${host}`,
    productId: 'jobbtorg-stockholm/intake',
    start: booking.start.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: booking.end.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: text.title,
    description: [booking.reference, text.note, text.url].filter(Boolean).join('\n'),
    location: text.place,
    url: text.url,
    status: booking.cancelledAt ? 'CANCELLED' : 'CONFIRMED',
    busyStatus: 'BUSY',
  });
  if (error || !value) throw error ?? new Error('ics produced no calendar');
  return value;
}
