import type { KeySettings } from './keyring.ts';
import { readSmsConfig, type SmsConfig } from './sms.ts';

/** Runtime settings, read from the environment when the server starts (README lists them). */
export interface IntakeConfig extends KeySettings {
  databaseUrl: string | undefined;
  /** PostgreSQL schema to use instead of public (tests use a fresh one per run). */
  databaseSchema: string | undefined;
  bookingRateLimit: number;
  /** TRUST_PROXY as written: a hop count or a list of proxy addresses and CIDR ranges (see clientAddress). */
  trustProxy: string | undefined;
  retentionDays: number;
  /** Public address of the portal, for the links in messages. */
  siteUrl: string;
  /** Hours before a meeting its reminder goes (whole days on the Stockholm calendar). */
  reminderHours: number;
  /** SMTP server for e-mail; unset, each e-mail is written as an .eml file under DATA_DIR/outbox/. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The outbox worker: off in this process when false (a separate `npm run worker` sends). */
  worker: boolean;
  /** Seconds between looks for due messages. */
  workerPollSeconds: number;
  /** Seconds a claimed message is leased to the worker sending it. */
  workerLeaseSeconds: number;
  /** Seconds before the first retry; doubling after that, at most an hour. */
  retrySeconds: number;
  /** Tries before a message is dead. */
  maxAttempts: number;
  sms: SmsConfig;
}

const positive = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};
/** A positive number of seconds, fractions allowed (the tests poll fast). */
const seconds = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return value && Number.isFinite(n) && n > 0 ? n : fallback;
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
    siteUrl: env.SITE_URL || `http://localhost:${env.PORT || 4321}`,
    reminderHours: positive(env.REMINDER_HOURS, 24),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'Jobbtorg Stockholm <no-reply@jobbtorg.localhost>',
    worker: !['0', 'false', 'no', 'off'].includes((env.OUTBOX_WORKER ?? '').toLowerCase()),
    workerPollSeconds: seconds(env.OUTBOX_POLL_SECONDS, 5),
    workerLeaseSeconds: seconds(env.OUTBOX_LEASE_SECONDS, 300),
    retrySeconds: seconds(env.OUTBOX_RETRY_SECONDS, 60),
    maxAttempts: positive(env.OUTBOX_MAX_ATTEMPTS, 8),
    sms: readSmsConfig(env),
  };
}
