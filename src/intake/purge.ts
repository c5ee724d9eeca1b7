import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { outboxFolder } from './mail.ts';
import type { IntakeStore } from './store.ts';

const DAY = 86_400_000;

/**
 * Deletes bookings whose meeting ended more than `retentionDays` ago, as the
 * personal-data page promises; returns how many went.
 */
export async function purgeExpired(store: IntakeStore, retentionDays: number, now: Date): Promise<number> {
  return store.purge(new Date(now.getTime() - retentionDays * DAY));
}

/**
 * Deletes the messages written under DATA_DIR/outbox/ (no SMTP or SMS
 * provider) once older than `retentionDays`: they hold the address in plain
 * text. A message is written no later than its meeting, so none outlives the
 * booking's own retention. Returns how many went.
 */
export async function purgeOutboxFiles(dataDir: string, retentionDays: number, now: Date): Promise<number> {
  const folder = outboxFolder(dataDir);
  const cutoff = now.getTime() - retentionDays * DAY;
  const names = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  let deleted = 0;
  for (const name of names) {
    const file = join(folder, name);
    const info = await stat(file);
    if (info.isFile() && info.mtimeMs < cutoff) {
      await rm(file);
      deleted += 1;
    }
  }
  return deleted;
}
