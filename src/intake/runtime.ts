import { catalog } from '../catalog/index.ts';
import { readConfig } from './config.ts';
import { closeShared, sharedDatabase, sharedStore } from './db.ts';
import { trustedProxies } from './client-address.ts';
import { seatsLeft } from './occupancy.ts';
import { clientLimiter, type ClientLimiter } from './rate-limit.ts';
import type { IntakeStore } from './store.ts';
import { OutboxWorker } from './worker.ts';

/** What the API routes share within one server process. */
export const config = readConfig();
export const locations = catalog.locations;
let worker: OutboxWorker | undefined;

/** The process's store; the first one ready starts the outbox worker in this process unless OUTBOX_WORKER=off. */
export const store = async (): Promise<IntakeStore> => {
  const ready = await sharedStore(config);
  if (config.worker) worker ??= new OutboxWorker(ready, config).start();
  return ready;
};

/** A change has just queued messages: send them now rather than at the next look. */
export const nudgeOutbox = () => worker?.nudge();
/** TRUST_PROXY, compiled once: which X-Forwarded-For hops are our proxies. */
export const trust = trustedProxies(config.trustProxy);
const limiters = new Map<string, ClientLimiter>();
/** A per-client rate limit (bookings, staff sign-ins): shared by every instance on PostgreSQL, this process's on SQLite. */
export function limiterOf(kind: 'booking' | 'sign-in', limit: number): ClientLimiter {
  let limiter = limiters.get(kind);
  if (!limiter) {
    const { store: opened, pool } = sharedDatabase(config);
    limiter = clientLimiter(kind, limit, opened.keyring, pool, config.databaseUrl ? (config.databaseSchema ?? 'public') : undefined);
    limiters.set(kind, limiter);
  }
  return limiter;
}

/**
 * What the server process (scripts/server.mjs: readiness, metrics, graceful
 * shutdown) needs from this bundle's database, reached through one global
 * name because the server loads the bundle, not these modules.
 */
export const operations = {
  ping: async () => (await store()).ping(),
  bookings: async () => (await store()).countByState(),
  messages: async () => (await store()).messageCounts(),
  seatsLeft: async () => seatsLeft(await store(), locations, new Date()),
  // The sends under way finish first; a send that outlives the shutdown is left to its lease.
  close: async () => {
    await worker?.stop();
    await closeShared();
  },
};
(globalThis as Record<symbol, unknown>)[Symbol.for('jobbtorg.intake.operations')] = operations;
