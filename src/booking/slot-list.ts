/**
 * The time step's list: free slots by day, a few days a page, and the
 * nearest free ones when a chosen time was lost. Slot ids name their
 * Stockholm wall-clock time, so this needs no time zone data in the browser.
 */
export const SLOT_ID = /^([a-z0-9-]+)\.([a-z-]+)\.(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})$/;

/** A free slot as the page lists it. */
export interface SlotOption {
  id: string;
  remaining: number;
}

/** The Stockholm date and wall-clock time a slot id names. */
export function slotParts(id: string): { date: string; hhmm: string } {
  const m = SLOT_ID.exec(id);
  if (!m) throw new Error(`not a slot id: ${id}`);
  return { date: `${m[3]}-${m[4]}-${m[5]}`, hhmm: `${m[6]}:${m[7]}` };
}

const wallMinutes = (id: string) => {
  const m = SLOT_ID.exec(id)!;
  return Date.UTC(Number(m[3]), Number(m[4]) - 1, Number(m[5]), Number(m[6]), Number(m[7])) / 60_000;
};

export interface Day {
  date: string;
  slots: SlotOption[];
}

/** Free slots by day, in time order. */
export function byDay(slots: readonly SlotOption[]): Day[] {
  const days: Day[] = [];
  for (const slot of [...slots].sort((a, b) => wallMinutes(a.id) - wallMinutes(b.id))) {
    if (slot.remaining <= 0) continue;
    const { date } = slotParts(slot.id);
    const day = days.at(-1);
    if (day?.date === date) day.slots.push(slot);
    else days.push({ date, slots: [slot] });
  }
  return days;
}

export const DAYS_PER_PAGE = 5;

/** How far ahead slots are listed: every centre's booking horizon (4 weeks in the example configuration), with room to spare. */
export const SLOT_DAYS = 42;

/** A page of days from `from` on, and the first date of the next page if there is one. */
export function dayPage(days: readonly Day[], from: string | undefined): { days: Day[]; later?: string } {
  const start = from ? days.findIndex((d) => d.date >= from) : 0;
  if (start < 0) return { days: [] };
  const shown = days.slice(start, start + DAYS_PER_PAGE);
  const later = days[start + DAYS_PER_PAGE]?.date;
  return later ? { days: shown, later } : { days: shown };
}

/** The free slots closest in time to one that was taken, soonest first on a tie. */
export function nearestFree(slots: readonly SlotOption[], taken: string, count = 3): SlotOption[] {
  const target = wallMinutes(taken);
  return slots
    .filter((s) => s.remaining > 0 && s.id !== taken)
    .map((s) => ({ s, distance: Math.abs(wallMinutes(s.id) - target), at: wallMinutes(s.id) }))
    .sort((a, b) => a.distance - b.distance || a.at - b.at)
    .slice(0, count)
    .sort((a, b) => a.at - b.at)
    .map(({ s }) => s);
}
