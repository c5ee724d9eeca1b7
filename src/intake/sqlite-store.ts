import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrations } from './migrations.ts';
import { newSecret, TOKEN_SECRET, type Booking, type BookResult, type CancelResult, type NewBooking, type Store } from './store.ts';

type Row = Record<string, string | number | null>;

function toBooking(row: Row): Booking & { cancelTokenHash: string } {
  const date = (v: unknown) => (v === null ? null : new Date(String(v)));
  return {
    reference: String(row.reference),
    slotId: String(row.slot_id),
    location: String(row.location),
    type: String(row.type),
    start: new Date(String(row.starts_at)),
    end: new Date(String(row.ends_at)),
    name: String(row.name),
    email: (row.email as string | null) ?? null,
    phone: (row.phone as string | null) ?? null,
    language: String(row.language),
    interpreter: row.interpreter === 1,
    interpreterLanguage: (row.interpreter_language as string | null) ?? null,
    needs: (row.needs as string | null) ?? null,
    createdAt: new Date(String(row.created_at)),
    cancelledAt: date(row.cancelled_at),
    cancelTokenHash: String(row.cancel_token_hash),
  };
}

/** The embedded store: one file, WAL, every write in an IMMEDIATE transaction. */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  private readonly db: DatabaseSync;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new DatabaseSync(file);
    this.db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = FULL;
      PRAGMA foreign_keys = ON;
      PRAGMA busy_timeout = 5000;
    `);
  }

  private transaction<T>(work: () => T): T {
    // IMMEDIATE takes the write lock up front, so two processes on one file cannot both pass the seat check.
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  async migrate(): Promise<void> {
    this.transaction(() => {
      this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
      const applied = new Set(
        (this.db.prepare('SELECT version FROM schema_migrations').all() as Row[]).map((r) => Number(r.version)),
      );
      for (const m of migrations) {
        if (applied.has(m.version)) continue;
        this.db.exec(m.sqlite);
        this.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
      }
      this.db.prepare('INSERT INTO intake_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING').run(TOKEN_SECRET, newSecret());
    });
  }

  async tokenSecret(): Promise<string> {
    const row = this.db.prepare('SELECT value FROM intake_secrets WHERE name = ?').get(TOKEN_SECRET) as Row | undefined;
    if (!row) throw new Error('intake secret missing: migrate() has not run');
    return String(row.value);
  }

  async book(b: NewBooking): Promise<BookResult> {
    return this.transaction((): BookResult => {
      if (b.idempotencyKey) {
        const previous = this.db.prepare('SELECT * FROM bookings WHERE idempotency_key = ?').get(b.idempotencyKey) as Row | undefined;
        if (previous) return previous.request_hash === b.requestHash ? { kind: 'replayed', booking: toBooking(previous) } : { kind: 'key_reused' };
      }
      if (this.db.prepare('SELECT 1 FROM bookings WHERE reference = ?').get(b.reference)) return { kind: 'reference_taken' };
      this.db
        .prepare('INSERT INTO slot_seats (slot_id, capacity, booked) VALUES (?, ?, 0) ON CONFLICT (slot_id) DO UPDATE SET capacity = max(excluded.capacity, slot_seats.booked)')
        .run(b.slot.id, b.slot.capacity);
      const seat = this.db.prepare('UPDATE slot_seats SET booked = booked + 1 WHERE slot_id = ? AND booked < capacity').run(b.slot.id);
      if (seat.changes === 0) return { kind: 'slot_full' };
      const r = b.request;
      this.db
        .prepare(
          `INSERT INTO bookings (reference, slot_id, location, type, starts_at, ends_at, name, email, phone, language, interpreter,
             interpreter_language, needs, cancel_token_hash, idempotency_key, request_hash, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          b.reference, b.slot.id, b.slot.location, b.slot.type, b.slot.start.toISOString(), b.slot.end.toISOString(),
          r.name, r.email ?? null, r.phone ?? null, r.language, r.interpreter ? 1 : 0, r.interpreterLanguage ?? null, r.needs ?? null,
          b.cancelTokenHash, b.idempotencyKey ?? null, b.requestHash, b.now.toISOString(),
        );
      const row = this.db.prepare('SELECT * FROM bookings WHERE reference = ?').get(b.reference) as Row;
      return { kind: 'created', booking: toBooking(row) };
    });
  }

  async taken(slotIds: readonly string[]): Promise<Map<string, number>> {
    const taken = new Map<string, number>();
    if (slotIds.length === 0) return taken;
    const rows = this.db
      .prepare(`SELECT slot_id, booked FROM slot_seats WHERE slot_id IN (${slotIds.map(() => '?').join(',')})`)
      .all(...slotIds) as Row[];
    for (const row of rows) taken.set(String(row.slot_id), Number(row.booked));
    return taken;
  }

  async find(reference: string) {
    const row = this.db.prepare('SELECT * FROM bookings WHERE reference = ?').get(reference) as Row | undefined;
    return row && toBooking(row);
  }

  async cancel(reference: string, tokenHash: string, now: Date): Promise<CancelResult> {
    return this.transaction((): CancelResult => {
      const row = this.db.prepare('SELECT slot_id, cancel_token_hash, cancelled_at FROM bookings WHERE reference = ?').get(reference) as Row | undefined;
      if (!row) return 'not_found';
      if (row.cancel_token_hash !== tokenHash) return 'wrong_token';
      if (row.cancelled_at !== null) return 'already_cancelled';
      this.db.prepare('UPDATE bookings SET cancelled_at = ? WHERE reference = ?').run(now.toISOString(), reference);
      this.db.prepare('UPDATE slot_seats SET booked = booked - 1 WHERE slot_id = ?').run(String(row.slot_id));
      return 'cancelled';
    });
  }

  async list(location: string, from: Date, to: Date): Promise<Booking[]> {
    const rows = this.db
      .prepare('SELECT * FROM bookings WHERE location = ? AND starts_at >= ? AND starts_at < ? ORDER BY starts_at, created_at')
      .all(location, from.toISOString(), to.toISOString()) as Row[];
    return rows.map((row) => {
      const { cancelTokenHash: _secret, ...booking } = toBooking(row);
      return booking;
    });
  }

  async purge(cutoff: Date): Promise<number> {
    return this.transaction(() => {
      const result = this.db.prepare('DELETE FROM bookings WHERE ends_at < ?').run(cutoff.toISOString());
      this.db.prepare('DELETE FROM slot_seats WHERE slot_id NOT IN (SELECT slot_id FROM bookings)').run();
      return Number(result.changes);
    });
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
