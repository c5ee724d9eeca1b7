import type { Location } from '../catalog/schema.ts';
import { addDays, stockholmDate, type IsoDate } from './calendar.ts';
import { slotsBetween } from './slots.ts';
import type { IntakeStore } from './store.ts';

/** How far ahead the seats-left figures look (the metrics show them per job centre and day). */
export const OCCUPANCY_DAYS = 14;

export interface SeatsLeft {
  location: string;
  date: IsoDate;
  seats: number;
}

/** Bookable seats still free per job centre and day (every meeting type together), from today on. */
export async function seatsLeft(store: IntakeStore, locations: readonly Location[], now: Date): Promise<SeatsLeft[]> {
  const from = stockholmDate(now);
  const to = addDays(from, OCCUPANCY_DAYS - 1);
  const exceptions = await store.schedule().between(locations.map((l) => l.id), from, to);
  const slots = locations.flatMap((location) => location.meetingTypes.flatMap((type) => slotsBetween(location, type, from, to, now, exceptions)));
  const taken = await store.taken(slots.map((s) => s.id));
  const left = new Map<string, SeatsLeft>();
  for (const location of locations) {
    for (let date = from; date <= to; date = addDays(date, 1)) left.set(`${location.id} ${date}`, { location: location.id, date, seats: 0 });
  }
  for (const slot of slots) {
    const day = left.get(`${slot.location} ${stockholmDate(slot.start)}`);
    if (day) day.seats += Math.max(0, slot.capacity - (taken.get(slot.id) ?? 0));
  }
  return [...left.values()];
}
