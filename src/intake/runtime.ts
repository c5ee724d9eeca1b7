import { catalog } from '../catalog/index.ts';
import { readConfig } from './config.ts';
import { sharedDatabase, sharedStore } from './db.ts';
import { trustedProxies } from './http.ts';
import { bookingLimiter, type BookingLimiter } from './rate-limit.ts';

/** What the API routes share within one server process. */
export const config = readConfig();
export const locations = catalog.locations;
export const store = () => sharedStore(config);
/** TRUST_PROXY, compiled once: which X-Forwarded-For hops are our proxies. */
export const trust = trustedProxies(config.trustProxy);
let limiter: BookingLimiter | undefined;
/** The booking rate limit: shared by every instance on PostgreSQL, this process's on SQLite. */
export function limiterOfBookings(): BookingLimiter {
  const { store: opened, pool } = sharedDatabase(config);
  limiter ??= bookingLimiter(config.bookingRateLimit, opened.keyring, pool, config.databaseUrl ? (config.databaseSchema ?? 'public') : undefined);
  return limiter;
}
