import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { CompiledQuery, SqliteAdapter, SqliteDialect, SqliteDriver, type DatabaseConnection, type SqliteDatabase } from 'kysely';

/**
 * Kysely over Node's built-in `node:sqlite`. Kysely's own SQLite dialect is
 * written for better-sqlite3, whose statements take their parameters as one
 * array and say whether they return rows; this gives a `DatabaseSync` that
 * shape. (kysely-sqlite on npm, 0.2.0, is a one-maintainer copy of Kysely's
 * driver that begins its transactions deferred; this keeps Kysely's driver.)
 */

/** node:sqlite binds numbers, strings, bigints, bytes and null: instants are stored as ISO text, flags as 0/1. */
function bind(value: unknown): SQLInputValue {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value as SQLInputValue;
}

function betterSqliteShape(db: DatabaseSync): SqliteDatabase {
  return {
    close: () => db.close(),
    prepare(sql) {
      const statement = db.prepare(sql);
      return {
        // A statement that yields columns (a SELECT, or a change with RETURNING) is read with all().
        reader: statement.columns().length > 0,
        all: (parameters) => statement.all(...parameters.map(bind)),
        run: (parameters) => statement.run(...parameters.map(bind)),
        iterate: (parameters) => statement.iterate(...parameters.map(bind)) as IterableIterator<unknown>,
      };
    },
  };
}

/**
 * Every transaction takes the write lock when it begins, so two processes on
 * one file (the server and `intake:purge`) queue at BEGIN, within busy_timeout,
 * rather than one failing when it upgrades a read lock to write.
 */
class ImmediateDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** SQLite does roll DDL back; saying so makes Kysely's Migrator apply each run in one (IMMEDIATE) transaction. */
class TransactionalDdlAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class NodeSqliteDialect extends SqliteDialect {
  readonly #database: SqliteDatabase;

  constructor(db: DatabaseSync) {
    const database = betterSqliteShape(db);
    super({ database });
    this.#database = database;
  }

  override createDriver() {
    return new ImmediateDriver({ database: this.#database });
  }

  override createAdapter() {
    return new TransactionalDdlAdapter();
  }
}
