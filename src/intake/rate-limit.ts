import type pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Keyring } from './keyring.ts';

/** The table of the shared limit (made by the migrations, PostgreSQL only). */
export const RATE_LIMIT_TABLE = 'booking_rate_limit';
const WINDOW_SECONDS = 10 * 60;

/** Attempts per client in ten minutes (bookings, staff sign-ins), counted where every instance sees them. */
export interface ClientLimiter {
  /** Seconds to wait, or 0 when the client may go ahead (every attempt counts). */
  retryAfter(client: string): Promise<number>;
}

/**
 * rate-limiter-flexible over PostgreSQL when the portal runs there (one count
 * for every instance), in this process's memory on SQLite (one instance).
 * While PostgreSQL does not answer, each instance counts in memory (the
 * insurance limiter), so a database outage neither lifts the limit nor
 * refuses everyone. The key is a keyed hash of the address: an address is
 * personal data, and the table needs only to tell clients apart.
 */
export function clientLimiter(
  kind: 'booking' | 'sign-in',
  limit: number,
  keyring: Keyring,
  pool: pg.Pool | undefined,
  schema: string | undefined,
): ClientLimiter {
  // One table for every kind: the prefix keeps their counts apart.
  const options = { points: limit, duration: WINDOW_SECONDS, keyPrefix: kind };
  const limiter: RateLimiterAbstract = pool
    ? new RateLimiterPostgres({
        ...options,
        storeClient: pool,
        storeType: 'pool',
        tableName: RATE_LIMIT_TABLE,
        ...(schema ? { schemaName: schema } : {}),
        tableCreated: true,
        clearExpiredByTimeout: true,
        insuranceLimiter: new RateLimiterMemory(options),
      })
    : new RateLimiterMemory(options);
  return {
    async retryAfter(client) {
      try {
        await limiter.consume(keyring.lookup('client', client));
        return 0;
      } catch (refused) {
        if (refused instanceof RateLimiterRes) return Math.max(1, Math.ceil(refused.msBeforeNext / 1000));
        throw refused;
      }
    },
  };
}
