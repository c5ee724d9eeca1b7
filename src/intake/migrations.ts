/**
 * Versioned schema migrations, applied in order at start-up and recorded in
 * schema_migrations. Never edit a released migration: add the next one.
 * Instants are UTC: ISO text in SQLite, timestamptz in PostgreSQL.
 */
export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'bookings and slot seats',
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
    `,
  },
  {
    version: 2,
    name: 'server secrets',
    // Secrets shared by every API instance (the key that derives cancel tokens), created once by whichever instance migrates first.
    sqlite: 'CREATE TABLE intake_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);',
    postgres: 'CREATE TABLE intake_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);',
  },
];
