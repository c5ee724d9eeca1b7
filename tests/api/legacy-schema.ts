import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import pg from 'pg';

/**
 * The tables as builds before Kysely made them (their own runner, recorded in
 * schema_migrations, versions 1 and 2), with one booking in them: the
 * database a deployment already has, which the Kysely migrator must adopt.
 */
const ddl = {
  sqlite: `
      CREATE TABLE slot_seats (
        slot_id TEXT PRIMARY KEY,
        capacity INTEGER NOT NULL CHECK (capacity > 0),
        booked INTEGER NOT NULL DEFAULT 0,
        CHECK (booked >= 0 AND booked <= capacity)
      );
      CREATE TABLE bookings (
        reference TEXT PRIMARY KEY,
        slot_id TEXT NOT NULL REFERENCES slot_seats (slot_id),
        location TEXT NOT NULL,
        type TEXT NOT NULL,
        starts_at TEXT NOT NULL,
        ends_at TEXT NOT NULL,
        name TEXT NOT NULL,
        email TEXT,
        phone TEXT,
        language TEXT NOT NULL,
        interpreter INTEGER NOT NULL,
        interpreter_language TEXT,
        needs TEXT,
        cancel_token_hash TEXT NOT NULL,
        idempotency_key TEXT UNIQUE,
        request_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        cancelled_at TEXT
      );
      CREATE INDEX bookings_location_start ON bookings (location, starts_at);
      CREATE INDEX bookings_ends ON bookings (ends_at);
      CREATE TABLE intake_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
      INSERT INTO schema_migrations VALUES (1, 'bookings and slot seats', '2026-11-20T10:00:00.000Z'), (2, 'server secrets', '2026-11-20T10:00:00.000Z');
      INSERT INTO intake_secrets VALUES ('cancel-token', 'legacy-secret');
      INSERT INTO slot_seats VALUES ('kista.intro.20261125T0900', 1, 1);
      INSERT INTO bookings VALUES ('JT-AB2345', 'kista.intro.20261125T0900', 'kista', 'intro', '2026-11-25T08:00:00.000Z', '2026-11-25T08:45:00.000Z',
        'Legacy Person', 'legacy@example.se', NULL, 'sv', 1, 'arabiska', NULL, 'hash', NULL, 'request', '2026-11-20T10:00:00.000Z', NULL);
    `,
  postgres: `
      CREATE TABLE slot_seats (
        slot_id TEXT PRIMARY KEY,
        capacity INTEGER NOT NULL CHECK (capacity > 0),
        booked INTEGER NOT NULL DEFAULT 0,
        CHECK (booked >= 0 AND booked <= capacity)
      );
      CREATE TABLE bookings (
        reference TEXT PRIMARY KEY,
        slot_id TEXT NOT NULL REFERENCES slot_seats (slot_id),
        location TEXT NOT NULL,
        type TEXT NOT NULL,
        starts_at TIMESTAMPTZ NOT NULL,
        ends_at TIMESTAMPTZ NOT NULL,
        name TEXT NOT NULL,
        email TEXT,
        phone TEXT,
        language TEXT NOT NULL,
        interpreter BOOLEAN NOT NULL,
        interpreter_language TEXT,
        needs TEXT,
        cancel_token_hash TEXT NOT NULL,
        idempotency_key TEXT UNIQUE,
        request_hash TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        cancelled_at TIMESTAMPTZ
      );
      CREATE INDEX bookings_location_start ON bookings (location, starts_at);
      CREATE INDEX bookings_ends ON bookings (ends_at);
      CREATE TABLE intake_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL);
      INSERT INTO schema_migrations VALUES (1, 'bookings and slot seats', now()), (2, 'server secrets', now());
      INSERT INTO intake_secrets VALUES ('cancel-token', 'legacy-secret');
      INSERT INTO slot_seats VALUES ('kista.intro.20261125T0900', 1, 1);
      INSERT INTO bookings VALUES ('JT-AB2345', 'kista.intro.20261125T0900', 'kista', 'intro', '2026-11-25T08:00:00.000Z', '2026-11-25T08:45:00.000Z',
        'Legacy Person', 'legacy@example.se', NULL, 'sv', true, 'arabiska', NULL, 'hash', NULL, 'request', '2026-11-20T10:00:00.000Z', NULL);
    `,
};

export function legacySqlite(dataDir: string): void {
  const db = new DatabaseSync(join(dataDir, 'intake.db'));
  db.exec(ddl.sqlite);
  db.close();
}

export async function legacyPostgres(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    await client.query(ddl.postgres);
  } finally {
    await client.end();
  }
}
