import type { IntakeStore } from './store.ts';

/**
 * Deletes bookings whose meeting ended more than `retentionDays` ago, as the
 * personal-data page promises; returns how many went.
 */
export async function purgeExpired(store: IntakeStore, retentionDays: number, now: Date): Promise<number> {
  return store.purge(new Date(now.getTime() - retentionDays * 86_400_000));
}
