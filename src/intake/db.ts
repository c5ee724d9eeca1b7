import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { CamelCasePlugin, Kysely, PostgresDialect, type Dialect } from 'kysely';
import pg from 'pg';
import type { IntakeConfig } from './config.ts';
import { openKeyring, type Keyring } from './keyring.ts';
import { NodeSqliteDialect } from './node-sqlite.ts';
import { IntakeStore } from './store.ts';
import type { Database } from './tables.ts';

const kysely = (dialect: Dialect) => new Kysely<Database>({ dialect, plugins: [new CamelCasePlugin()] });

type Where = Pick<IntakeConfig, 'databaseUrl' | 'databaseSchema' | 'dataDir'>;

/** PostgreSQL when DATABASE_URL is set (several instances), else the embedded SQLite file in DATA_DIR. */
export function openStore(config: Where, keyring: Keyring): IntakeStore {
  return openDatabase(config, keyring).store;
}

/** The store, and on PostgreSQL its pool (the shared rate limit counts there too). */
export function openDatabase(config: Where, keyring: Keyring): { store: IntakeStore; pool: pg.Pool | undefined } {
  if (config.databaseUrl) {
    const schema = config.databaseSchema;
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: 10,
      connectionTimeoutMillis: 5_000,
      // A test run or a second deployment can live in its own schema.
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', () => {});
    return { store: new IntakeStore('postgres', kysely(new PostgresDialect({ pool })), keyring, schema ?? 'public'), pool };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const file = new DatabaseSync(join(config.dataDir, 'intake.db'));
  file.exec(`
    PRAGMA journal_mode = WAL;
    PRAGMA synchronous = FULL;
    PRAGMA foreign_keys = ON;
    PRAGMA busy_timeout = 5000;
    PRAGMA secure_delete = ON;
  `);
  // secure_delete: a value overwritten (sealed by a migration, erased on request, purged) is zeroed
  // in the file, not left in a free page where a copy of the file would still show it.
  return { store: new IntakeStore('sqlite', kysely(new NodeSqliteDialect(file)), keyring), pool: undefined };
}

let shared: ReturnType<typeof openDatabase> | undefined;
let ready: Promise<IntakeStore> | undefined;

/** The process's database (opened once; the pool reconnects by itself after an outage). */
export function sharedDatabase(config: IntakeConfig): ReturnType<typeof openDatabase> {
  shared ??= openDatabase(config, openKeyring(config));
  return shared;
}

/** The process's store, migrated once; a failed migration is retried on the next request. */
export function sharedStore(config: IntakeConfig): Promise<IntakeStore> {
  ready ??= (async () => {
    const { store } = sharedDatabase(config);
    try {
      await store.migrate();
      return store;
    } catch (error) {
      ready = undefined;
      throw error;
    }
  })();
  return ready;
}

/** Closes the process's database if it was opened (graceful shutdown). */
export async function closeShared(): Promise<void> {
  const opened = shared;
  shared = undefined;
  ready = undefined;
  await opened?.store.close();
}
