import pg from 'pg';
import { migrations } from './migrations.ts';
import { newSecret, TOKEN_SECRET, type Booking, type BookResult, type CancelResult, type NewBooking, type Store } from './store.ts';

type Row = Record<string, unknown>;

function toBooking(row: Row): Booking & { cancelTokenHash: string } {
  return {
    reference: String(row.reference),
    slotId: String(row.slot_id),
    location: String(row.location),
    type: String(row.type),
    start: row.starts_at as Date,
    end: row.ends_at as Date,
    name: String(row.name),
    email: (row.email as string | null) ?? null,
    phone: (row.phone as string | null) ?? null,
    language: String(row.language),
    interpreter: row.interpreter === true,
    interpreterLanguage: (row.interpreter_language as string | null) ?? null,
    needs: (row.needs as string | null) ?? null,
    createdAt: row.created_at as Date,
    cancelledAt: (row.cancelled_at as Date | null) ?? null,
    cancelTokenHash: String(row.cancel_token_hash),
  };
}

const isUniqueViolation = (error: unknown, constraint: string) =>
  error instanceof Error && (error as { code?: string }).code === '23505' && (error as { constraint?: string }).constraint === constraint;

// Serialises migrations when several instances start at once.
const MIGRATION_LOCK = 4_171_208;
/** Class of the per-key advisory locks (the two-int form, apart from the migration lock). */
const IDEMPOTENCY_LOCK = 4_171_209;

/** PostgreSQL: the store for several API instances behind a load balancer. */
export class PostgresStore implements Store {
  readonly kind = 'postgres';
  private readonly pool: pg.Pool;
  private secret: Promise<string> | undefined;

  constructor(connectionString: string, options: { schema?: string; max?: number } = {}) {
    this.pool = new pg.Pool({
      connectionString,
      max: options.max ?? 10,
      connectionTimeoutMillis: 5_000,
      // A test run or a second deployment can live in its own schema.
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    this.pool.on('error', () => {});
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async migrate(): Promise<void> {
    await this.transaction(async (db) => {
      await db.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await db.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)');
      const { rows } = await db.query('SELECT version FROM schema_migrations');
      const applied = new Set(rows.map((r: Row) => Number(r.version)));
      for (const m of migrations) {
        if (applied.has(m.version)) continue;
        await db.query(m.postgres);
        await db.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())', [m.version, m.name]);
      }
      await db.query('INSERT INTO intake_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [TOKEN_SECRET, newSecret()]);
    });
  }

  async tokenSecret(): Promise<string> {
    this.secret ??= this.pool.query('SELECT value FROM intake_secrets WHERE name = $1', [TOKEN_SECRET]).then(({ rows }) => {
      if (!rows[0]) throw new Error('intake secret missing: migrate() has not run');
      return String((rows[0] as Row).value);
    });
    return this.secret.catch((error: unknown) => {
      this.secret = undefined;
      throw error;
    });
  }

  async book(b: NewBooking): Promise<BookResult> {
    try {
      return await this.transaction(async (db): Promise<BookResult> => {
        if (b.idempotencyKey) {
          // Two requests with one key (a double click) queue here, so the second sees the first's booking and
          // replays it, rather than both passing this check and the second finding the seat taken.
          await db.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [IDEMPOTENCY_LOCK, b.idempotencyKey]);
          const { rows } = await db.query('SELECT * FROM bookings WHERE idempotency_key = $1', [b.idempotencyKey]);
          const previous = rows[0] as Row | undefined;
          if (previous) return previous.request_hash === b.requestHash ? { kind: 'replayed', booking: toBooking(previous) } : { kind: 'key_reused' };
        }
        await db.query(
          'INSERT INTO slot_seats (slot_id, capacity, booked) VALUES ($1, $2, 0) ON CONFLICT (slot_id) DO UPDATE SET capacity = GREATEST(excluded.capacity, slot_seats.booked)',
          [b.slot.id, b.slot.capacity],
        );
        // The row lock this UPDATE takes makes concurrent bookings of one slot wait; each re-checks the seat count.
        const seat = await db.query('UPDATE slot_seats SET booked = booked + 1 WHERE slot_id = $1 AND booked < capacity', [b.slot.id]);
        if (seat.rowCount === 0) return { kind: 'slot_full' };
        const r = b.request;
        const { rows } = await db.query(
          `INSERT INTO bookings (reference, slot_id, location, type, starts_at, ends_at, name, email, phone, language, interpreter,
             interpreter_language, needs, cancel_token_hash, idempotency_key, request_hash, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING *`,
          [
            b.reference, b.slot.id, b.slot.location, b.slot.type, b.slot.start, b.slot.end, r.name, r.email ?? null, r.phone ?? null,
            r.language, r.interpreter, r.interpreterLanguage ?? null, r.needs ?? null, b.cancelTokenHash, b.idempotencyKey ?? null,
            b.requestHash, b.now,
          ],
        );
        return { kind: 'created', booking: toBooking(rows[0] as Row) };
      });
    } catch (error) {
      if (isUniqueViolation(error, 'bookings_pkey')) return { kind: 'reference_taken' };
      // Two requests with one key raced; the first committed, so answer as a replay would.
      if (isUniqueViolation(error, 'bookings_idempotency_key_key')) return this.book(b);
      throw error;
    }
  }

  async taken(slotIds: readonly string[]): Promise<Map<string, number>> {
    const { rows } = await this.pool.query('SELECT slot_id, booked FROM slot_seats WHERE slot_id = ANY($1)', [slotIds]);
    return new Map(rows.map((r: Row) => [String(r.slot_id), Number(r.booked)]));
  }

  async find(reference: string) {
    const { rows } = await this.pool.query('SELECT * FROM bookings WHERE reference = $1', [reference]);
    return rows[0] ? toBooking(rows[0] as Row) : undefined;
  }

  async cancel(reference: string, tokenHash: string, now: Date): Promise<CancelResult> {
    return this.transaction(async (db): Promise<CancelResult> => {
      const { rows } = await db.query('SELECT slot_id, cancel_token_hash, cancelled_at FROM bookings WHERE reference = $1 FOR UPDATE', [reference]);
      const row = rows[0] as Row | undefined;
      if (!row) return 'not_found';
      if (row.cancel_token_hash !== tokenHash) return 'wrong_token';
      if (row.cancelled_at !== null) return 'already_cancelled';
      await db.query('UPDATE bookings SET cancelled_at = $1 WHERE reference = $2', [now, reference]);
      await db.query('UPDATE slot_seats SET booked = booked - 1 WHERE slot_id = $1', [row.slot_id]);
      return 'cancelled';
    });
  }

  async list(location: string, from: Date, to: Date): Promise<Booking[]> {
    const { rows } = await this.pool.query(
      'SELECT * FROM bookings WHERE location = $1 AND starts_at >= $2 AND starts_at < $3 ORDER BY starts_at, created_at',
      [location, from, to],
    );
    return rows.map((row: Row) => {
      const { cancelTokenHash: _secret, ...booking } = toBooking(row);
      return booking;
    });
  }

  async purge(cutoff: Date): Promise<number> {
    return this.transaction(async (db) => {
      const result = await db.query('DELETE FROM bookings WHERE ends_at < $1', [cutoff]);
      await db.query('DELETE FROM slot_seats s WHERE NOT EXISTS (SELECT 1 FROM bookings b WHERE b.slot_id = s.slot_id)');
      return result.rowCount ?? 0;
    });
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
