/** Runtime settings, read from the environment when the server starts (README lists them). */
export interface IntakeConfig {
  databaseUrl: string | undefined;
  /** PostgreSQL schema to use instead of public (tests use a fresh one per run). */
  databaseSchema: string | undefined;
  dataDir: string;
  bookingRateLimit: number;
  trustProxy: boolean;
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
    bookingRateLimit: positive(env.BOOKING_RATE_LIMIT, 20),
    trustProxy: ['1', 'true', 'yes'].includes((env.TRUST_PROXY ?? '').toLowerCase()),
    retentionDays: positive(env.RETENTION_DAYS, 30),
  };
}
