import type { KeySettings } from './keyring.ts';

/** Runtime settings, read from the environment when the server starts (README lists them). */
export interface IntakeConfig extends KeySettings {
  databaseUrl: string | undefined;
  /** PostgreSQL schema to use instead of public (tests use a fresh one per run). */
  databaseSchema: string | undefined;
  bookingRateLimit: number;
  /** TRUST_PROXY as written: a hop count or a list of proxy addresses and CIDR ranges (see clientAddress). */
  trustProxy: string | undefined;
  retentionDays: number;
}

const positive = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): IntakeConfig {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    databaseSchema: env.DATABASE_SCHEMA || undefined,
    dataDir: env.DATA_DIR || './data',
    dataKey: env.DATA_KEY || undefined,
    dataKeyFile: env.DATA_KEY_FILE || undefined,
    production: env.NODE_ENV === 'production',
    bookingRateLimit: positive(env.BOOKING_RATE_LIMIT, 20),
    trustProxy: env.TRUST_PROXY?.trim() || undefined,
    retentionDays: positive(env.RETENTION_DAYS, 30),
  };
}
