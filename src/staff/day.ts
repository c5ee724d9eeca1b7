import type { Location } from '../catalog/schema.ts';
import { addDays, isoWeekday, stockholmInstant, type IsoDate } from '../intake/calendar.ts';
import { scheduledDay, type Session } from '../intake/slots.ts';
import type { Booking, IntakeStore } from '../intake/store.ts';

/**
 * A job centre's day for staff: its sessions (as the schedule's exceptions
 * leave them: closed ones with their reason, extra ones, changed capacities)
 * with seats left, and a week's free seats. Nothing personal here: the bookings themselves are read
 * by the page through the audit service.
 */
export interface DaySession {
  slot: Session;
  /** Seats left; none in a closed session. */
  left: number;
  /** Seats taken (in a closed session: the bookings that need review). */
  taken: number;
}

export async function daySessions(store: IntakeStore, location: Location, date: IsoDate): Promise<DaySession[]> {
  const slots = scheduledDay(location, date, await store.schedule().between([location.id], date, date));
  const taken = await store.taken(slots.map((s) => s.id));
  return slots.map((slot) => {
    const booked = taken.get(slot.id) ?? 0;
    return { slot, taken: booked, left: slot.closed ? 0 : Math.max(0, slot.capacity - booked) };
  });
}

/** Monday to Friday of the date's week, each with its free and total seats. */
export async function weekSeats(store: IntakeStore, location: Location, date: IsoDate): Promise<{ date: IsoDate; left: number; capacity: number }[]> {
  const monday = addDays(date, 1 - isoWeekday(date));
  const days = [0, 1, 2, 3, 4].map((n) => addDays(monday, n));
  const exceptions = await store.schedule().between([location.id], monday, days.at(-1)!);
  const slots = days.map((d) => scheduledDay(location, d, exceptions).filter((s) => !s.closed));
  const taken = await store.taken(slots.flat().map((s) => s.id));
  return days.map((d, i) => ({
    date: d,
    capacity: slots[i]!.reduce((sum, s) => sum + s.capacity, 0),
    left: slots[i]!.reduce((sum, s) => sum + Math.max(0, s.capacity - (taken.get(s.id) ?? 0)), 0),
  }));
}

/** Every booking of the day (cancelled ones too, marked), in time order. */
export function dayBookings(store: IntakeStore, location: string, date: IsoDate): Promise<Booking[]> {
  return store.list(location, stockholmInstant(date, '00:00'), stockholmInstant(addDays(date, 1), '00:00'));
}
