import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { RATE_LIMIT_TABLE } from './rate-limit.ts';

/**
 * The schema's migrations, one ordered list for both databases, applied at
 * start-up by Kysely's Migrator (recorded in kysely_migration). Never edit a
 * released migration: add the next one, named so it sorts last.
 *
 * Adopting a database made before Kysely: those builds applied the same two
 * steps with a runner of their own (recorded as versions 1 and 2 in
 * schema_migrations). So the first two migrations here create only what does
 * not exist yet, with the same columns, keys and checks: on such a database
 * they change nothing, keep every row, and are recorded as applied; every
 * later migration runs as usual. schema_migrations is left as it was.
 */
/** Seals one booking's details (store.ts's sealDetails, the one place that does). */
export type SealDetails = (
  reference: string,
  details: { name: string; email: string | null; phone: string | null; interpreterLanguage: string | null; needs: string | null },
) => Record<'name' | 'email' | 'phone' | 'interpreterLanguage' | 'needs' | 'emailLookup' | 'phoneLookup', string | null>;

export function migrations(kind: 'sqlite' | 'postgres', sealDetails: SealDetails, storedRequestHash: (hash: string) => string): Record<string, Migration> {
  // Instants are UTC: timestamptz in PostgreSQL, ISO text in SQLite.
  const instant = kind === 'postgres' ? 'timestamptz' : 'text';
  const flag = kind === 'postgres' ? 'boolean' : 'integer';
  return {
    '001-bookings-and-slot-seats': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('slot_seats')
          .ifNotExists()
          .addColumn('slot_id', 'text', (c) => c.primaryKey())
          .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity > 0`))
          .addColumn('booked', 'integer', (c) => c.notNull().defaultTo(0))
          .addCheckConstraint('slot_seats_check', sql`booked >= 0 AND booked <= capacity`)
          .execute();
        await db.schema
          .createTable('bookings')
          .ifNotExists()
          .addColumn('reference', 'text', (c) => c.primaryKey())
          .addColumn('slot_id', 'text', (c) => c.notNull().references('slot_seats.slot_id'))
          .addColumn('location', 'text', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('starts_at', instant, (c) => c.notNull())
          .addColumn('ends_at', instant, (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('email', 'text')
          .addColumn('phone', 'text')
          .addColumn('language', 'text', (c) => c.notNull())
          .addColumn('interpreter', flag, (c) => c.notNull())
          .addColumn('interpreter_language', 'text')
          .addColumn('needs', 'text')
          .addColumn('cancel_token_hash', 'text', (c) => c.notNull())
          .addColumn('idempotency_key', 'text', (c) => c.unique())
          .addColumn('request_hash', 'text', (c) => c.notNull())
          .addColumn('created_at', instant, (c) => c.notNull())
          .addColumn('cancelled_at', instant)
          .execute();
        await db.schema.createIndex('bookings_location_start').ifNotExists().on('bookings').columns(['location', 'starts_at']).execute();
        await db.schema.createIndex('bookings_ends').ifNotExists().on('bookings').column('ends_at').execute();
      },
    },
    '002-server-secrets': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('intake_secrets')
          .ifNotExists()
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '003-staff-workspace': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('staff_accounts')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('email', 'text', (c) => c.notNull().unique())
          .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('caseworker', 'reception', 'admin')`))
          .addColumn('centres', 'text', (c) => c.notNull())
          .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('local', 'oidc')`))
          .addColumn('password_hash', 'text')
          .addColumn('totp_secret', 'text')
          .addColumn('totp_last_step', 'bigint')
          .addColumn('setup_token_hash', 'text', (c) => c.unique())
          .addColumn('setup_expires_at', instant)
          .addColumn('failed_sign_ins', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('locked_until', instant)
          .addColumn('disabled_at', instant)
          .addColumn('created_at', instant, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('staff_sessions')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('account_id', 'text', (c) => c.notNull().references('staff_accounts.id').onDelete('cascade'))
          .addColumn('csrf_token', 'text', (c) => c.notNull())
          .addColumn('created_at', instant, (c) => c.notNull())
          .addColumn('last_seen_at', instant, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('staff_sessions_account').on('staff_sessions').column('account_id').execute();
        await db.schema
          .createTable('staff_keys')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('centres', 'text', (c) => c.notNull())
          .addColumn('key_hash', 'text', (c) => c.notNull().unique())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', instant, (c) => c.notNull())
          .addColumn('revoked_at', instant)
          .execute();
        await db.schema
          .createTable('staff_audit')
          .addColumn('id', kind === 'postgres' ? 'bigserial' : 'integer', (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('at', instant, (c) => c.notNull())
          .addColumn('actor_kind', 'text', (c) => c.notNull())
          .addColumn('actor_id', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('booking_refs', 'text', (c) => c.notNull())
          .addColumn('location', 'text')
          .addColumn('detail', 'text')
          .addColumn('request_id', 'text')
          .execute();
        await db.schema.createIndex('staff_audit_at').on('staff_audit').column('at').execute();
        // Append-only in the database itself, not only in the code: nobody edits or deletes the trail.
        if (kind === 'postgres') {
          await sql`CREATE FUNCTION staff_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'staff_audit is append-only'; END $$`.execute(db);
          await sql`CREATE TRIGGER staff_audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON staff_audit
            FOR EACH STATEMENT EXECUTE FUNCTION staff_audit_append_only()`.execute(db);
        } else {
          await sql`CREATE TRIGGER staff_audit_no_update BEFORE UPDATE ON staff_audit BEGIN SELECT RAISE(ABORT, 'staff_audit is append-only'); END`.execute(db);
          await sql`CREATE TRIGGER staff_audit_no_delete BEFORE DELETE ON staff_audit BEGIN SELECT RAISE(ABORT, 'staff_audit is append-only'); END`.execute(db);
        }
      },
    },
    '004-messages-outbox': {
      async up(db: Kysely<unknown>) {
        const no = kind === 'postgres' ? sql`false` : sql`0`;
        // Bookings made before messages existed were made on the Swedish pages and asked for none.
        await db.schema.alterTable('bookings').addColumn('locale', 'text', (c) => c.notNull().defaultTo('sv')).execute();
        await db.schema.alterTable('bookings').addColumn('notify_email', flag, (c) => c.notNull().defaultTo(no)).execute();
        await db.schema.alterTable('bookings').addColumn('notify_sms', flag, (c) => c.notNull().defaultTo(no)).execute();
        await db.schema
          .createTable('messages')
          .addColumn('id', 'text', (c) => c.primaryKey())
          // The purge deletes a booking's messages with it.
          .addColumn('reference', 'text', (c) => c.notNull().references('bookings.reference').onDelete('cascade'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('locale', 'text', (c) => c.notNull())
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('reason', 'text')
          .addColumn('due_at', instant, (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull().check(sql`state IN ('queued', 'sent', 'failed', 'dead', 'dropped')`))
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('next_attempt_at', instant, (c) => c.notNull())
          .addColumn('error_code', 'text')
          .addColumn('sent_at', instant)
          .addColumn('created_at', instant, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('messages_due').on('messages').columns(['state', 'next_attempt_at']).execute();
        await db.schema.createIndex('messages_reference').on('messages').column('reference').execute();
      },
    },
    '005-sealed-personal-data': {
      // Seals the details of every booking an earlier build stored in plain text, adds the keyed
      // hashes that replace plain e-mail and phone look-ups, and the erasure mark. Runs in batches;
      // in PostgreSQL the whole migration is one transaction, in SQLite the migrator's lock holds.
      async up(db: Kysely<unknown>) {
        for (const column of ['email_lookup', 'phone_lookup']) {
          await db.schema.alterTable('bookings').addColumn(column, 'text').execute();
          await db.schema.createIndex(`bookings_${column}`).on('bookings').column(column).execute();
        }
        await db.schema.alterTable('bookings').addColumn('erased_at', instant).execute();
        // Result rows come back camelCased (the store's CamelCasePlugin), even from raw SQL.
        const plain = sql<{ reference: string; name: string; email: string | null; phone: string | null; interpreterLanguage: string | null; needs: string | null; requestHash: string }>;
        for (let after = ''; ; ) {
          const { rows } = await plain`
            SELECT reference, name, email, phone, interpreter_language, needs, request_hash FROM bookings
            WHERE reference > ${after} ORDER BY reference LIMIT 500`.execute(db);
          if (rows.length === 0) break;
          for (const row of rows) {
            const sealed = sealDetails(row.reference, { name: row.name, email: row.email, phone: row.phone, interpreterLanguage: row.interpreterLanguage, needs: row.needs });
            await sql`
              UPDATE bookings SET name = ${sealed.name}, email = ${sealed.email}, phone = ${sealed.phone},
                interpreter_language = ${sealed.interpreterLanguage}, needs = ${sealed.needs},
                email_lookup = ${sealed.emailLookup}, phone_lookup = ${sealed.phoneLookup}, request_hash = ${storedRequestHash(row.requestHash)}
              WHERE reference = ${row.reference}`.execute(db);
          }
          after = rows.at(-1)!.reference;
        }
      },
    },
    '005-shared-rate-limit': {
      // rate-limiter-flexible's table (its own layout) for the booking limit every instance shares.
      // SQLite runs one instance and counts in memory: nothing to make there.
      async up(db: Kysely<unknown>) {
        if (kind !== 'postgres') return;
        await db.schema
          .createTable(RATE_LIMIT_TABLE)
          .ifNotExists()
          .addColumn('key', 'varchar(255)', (c) => c.primaryKey())
          .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('expire', 'bigint')
          .execute();
      },
    },
    '006-booking-history': {
      // The changes a booking went through, for the staff's booking detail. Bookings made before
      // get their booking and, where it happened, their cancellation, as well as can be known.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('booking_events')
          .addColumn('id', kind === 'postgres' ? 'bigserial' : 'integer', (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('reference', 'text', (c) => c.notNull().references('bookings.reference').onDelete('cascade'))
          .addColumn('at', instant, (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('booked', 'moved', 'cancelled')`))
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('starts_at', instant)
          .addColumn('reason', 'text')
          .execute();
        await db.schema.createIndex('booking_events_reference').on('booking_events').column('reference').execute();
        await sql`INSERT INTO booking_events (reference, at, kind, actor, starts_at)
          SELECT reference, created_at, 'booked', 'resident', starts_at FROM bookings ORDER BY created_at`.execute(db);
        await sql`INSERT INTO booking_events (reference, at, kind, actor)
          SELECT reference, cancelled_at, 'cancelled', 'resident' FROM bookings WHERE cancelled_at IS NOT NULL ORDER BY cancelled_at`.execute(db);
      },
    },
    '007-staff-actions': {
      // Staff act on bookings (book for a caller, cancel, move, record attendance). A booking made
      // by staff names the account and how the resident reached us; attendance is kept on the
      // booking, and every change in its history with who, through which channel and why. The
      // history's kinds widen, which on SQLite means rebuilding the table (a CHECK cannot change).
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('bookings').addColumn('made_by', 'text').execute();
        await db.schema.alterTable('bookings').addColumn('channel', 'text').execute();
        await db.schema
          .alterTable('bookings')
          .addColumn('attendance', 'text', (c) => c.check(sql`attendance IN ('attended', 'no_show', 'late_cancel')`))
          .execute();
        const kinds = sql`kind IN ('booked', 'moved', 'cancelled', 'attendance')`;
        if (kind === 'postgres') {
          await sql`ALTER TABLE booking_events DROP CONSTRAINT booking_events_kind_check, ADD CONSTRAINT booking_events_kind_check CHECK (${kinds})`.execute(db);
        } else {
          await db.schema
            .createTable('booking_events_new')
            .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
            .addColumn('reference', 'text', (c) => c.notNull().references('bookings.reference').onDelete('cascade'))
            .addColumn('at', instant, (c) => c.notNull())
            .addColumn('kind', 'text', (c) => c.notNull().check(kinds))
            .addColumn('actor', 'text', (c) => c.notNull())
            .addColumn('starts_at', instant)
            .addColumn('reason', 'text')
            .execute();
          await sql`INSERT INTO booking_events_new (id, reference, at, kind, actor, starts_at, reason)
            SELECT id, reference, at, kind, actor, starts_at, reason FROM booking_events`.execute(db);
          await db.schema.dropTable('booking_events').execute();
          await sql`ALTER TABLE booking_events_new RENAME TO booking_events`.execute(db);
          await db.schema.createIndex('booking_events_reference').on('booking_events').column('reference').execute();
        }
        // The staff account that acted, how the resident reached us, the attendance recorded, and
        // staff's own words when the reason is "other": sealed like the booking's details.
        for (const column of ['actor_account', 'channel', 'attendance', 'note']) {
          await db.schema.alterTable('booking_events').addColumn(column, 'text').execute();
        }
      },
    },
    '008-schedule-exceptions': {
      // Admins' exceptions to the weekly schedules, and the seat row's guard: a closed session takes
      // no seat, and a capacity an exception set is not raised by a booking's upsert.
      async up(db: Kysely<unknown>) {
        const no = kind === 'postgres' ? sql`false` : sql`0`;
        await db.schema.alterTable('slot_seats').addColumn('closed', flag, (c) => c.notNull().defaultTo(no)).execute();
        await db.schema.alterTable('slot_seats').addColumn('capacity_fixed', flag, (c) => c.notNull().defaultTo(no)).execute();
        await db.schema
          .createTable('schedule_exceptions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('location', 'text', (c) => c.notNull())
          .addColumn('date', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('closed_day', 'closed_session', 'capacity', 'extra')`))
          .addColumn('type', 'text')
          .addColumn('time', 'text')
          .addColumn('minutes', 'integer')
          .addColumn('capacity', 'integer', (c) => c.check(sql`capacity > 0`))
          .addColumn('reason', 'text')
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', instant, (c) => c.notNull())
          .execute();
        // Every read is one centre (or all) over a date range.
        await db.schema.createIndex('schedule_exceptions_location_date').on('schedule_exceptions').columns(['location', 'date']).execute();
      },
    },
  };
}
