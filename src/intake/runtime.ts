import { catalog } from '../catalog/index.ts';
import { readConfig } from './config.ts';
import { sharedStore } from './db.ts';
import { RateLimiter } from './http.ts';
import type { IntakeStore } from './store.ts';
import { OutboxWorker } from './worker.ts';

/** What the API routes share within one server process. */
export const config = readConfig();
export const locations = catalog.locations;
export const bookingLimiter = new RateLimiter(config.bookingRateLimit);

let worker: OutboxWorker | undefined;

/** The process's store; the first one ready starts the outbox worker in this process unless OUTBOX_WORKER=off. */
export const store = async (): Promise<IntakeStore> => {
  const ready = await sharedStore(config);
  if (config.worker) worker ??= new OutboxWorker(ready, config).start();
  return ready;
};

/** A change has just queued messages: send them now rather than at the next look. */
export const nudgeOutbox = () => worker?.nudge();
