import type { Role, StaffAccount } from '../intake/staff-store.ts';

/**
 * Who may see what: the one place for the roles' rules.
 * - caseworker (handläggare): every booking detail at their own centres;
 * - reception: today's list at their centres, names and times only;
 * - admin: every centre, accounts, keys and the audit trail.
 */
export const roles = ['caseworker', 'reception', 'admin'] as const satisfies readonly Role[];
export const isRole = (v: string): v is Role => (roles as readonly string[]).includes(v);

export type Person = Pick<StaffAccount, 'id' | 'role' | 'centres'>;

export function centresOf(person: Person, all: readonly string[]): string[] {
  return person.role === 'admin' ? [...all] : person.centres.filter((c) => all.includes(c));
}

export function mayOpenCentre(person: Person, centre: string): boolean {
  return person.role === 'admin' || person.centres.includes(centre);
}

/** Reception sees only today's list; the others any day. */
export function mayOpenDay(person: Person, centre: string, date: string, today: string): boolean {
  return mayOpenCentre(person, centre) && (person.role !== 'reception' || date === today);
}

/**
 * Booking for a caller, cancelling, moving and recording attendance: staff
 * who work with the bookings of a centre (caseworkers there, admins), not
 * reception, who see only today's names and times.
 */
export const mayActOnBookings = (person: Person, centre: string) => person.role !== 'reception' && mayOpenCentre(person, centre);

/** The overview's counts (nothing personal) per centre: as for acting on its bookings. */
export const mayOpenOverview = mayActOnBookings;

/** Contact, language, interpreter and needs: not for reception. */
export const seesDetails = (person: Person) => person.role !== 'reception';
export const isAdmin = (person: Person) => person.role === 'admin';

/**
 * A resident's copy of their data and the erasure of a booking's details:
 * admins only. Erasure cannot be undone and both are decided on a request
 * whose identity check and legal exceptions the city assesses centrally, so a
 * caseworker passes the request on rather than acting on it.
 */
export const mayActOnRights = isAdmin;
