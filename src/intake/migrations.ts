import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

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
export function migrations(kind: 'sqlite' | 'postgres'): Record<string, Migration> {
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
  };
}
