import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { CamelCasePlugin, Kysely, PostgresDialect, type Dialect } from 'kysely';
import pg from 'pg';
import type { IntakeConfig } from './config.ts';
import { NodeSqliteDialect } from './node-sqlite.ts';
import { IntakeStore } from './store.ts';
import type { Database } from './tables.ts';

const kysely = (dialect: Dialect) => new Kysely<Database>({ dialect, plugins: [new CamelCasePlugin()] });

/** PostgreSQL when DATABASE_URL is set (several instances), else the embedded SQLite file in DATA_DIR. */
export function openStore(config: Pick<IntakeConfig, 'databaseUrl' | 'databaseSchema' | 'dataDir'>): IntakeStore {
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
    return new IntakeStore('postgres', kysely(new PostgresDialect({ pool })), schema ?? 'public');
  }
  mkdirSync(config.dataDir, { recursive: true });
  const file = new DatabaseSync(join(config.dataDir, 'intake.db'));
  file.exec(`
    PRAGMA journal_mode = WAL;
    PRAGMA synchronous = FULL;
    PRAGMA foreign_keys = ON;
    PRAGMA busy_timeout = 5000;
  `);
  return new IntakeStore('sqlite', kysely(new NodeSqliteDialect(file)));
}

let ready: Promise<IntakeStore> | undefined;

/** The process's store, migrated once; a failed start is retried on the next request. */
export function sharedStore(config: IntakeConfig): Promise<IntakeStore> {
  ready ??= (async () => {
    const store = openStore(config);
    try {
      await store.migrate();
      return store;
    } catch (error) {
      ready = undefined;
      await store.close().catch(() => {});
      throw error;
    }
  })();
  return ready;
}
