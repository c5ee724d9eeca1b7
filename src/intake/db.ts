import { join } from 'node:path';
import type { IntakeConfig } from './config.ts';
import { PostgresStore } from './postgres-store.ts';
import { SqliteStore } from './sqlite-store.ts';
import type { Store } from './store.ts';

/** PostgreSQL when DATABASE_URL is set (several instances), else the embedded SQLite file. */
export function openStore(config: IntakeConfig): Store {
  if (config.databaseUrl) {
    return new PostgresStore(config.databaseUrl, config.databaseSchema ? { schema: config.databaseSchema } : {});
  }
  return new SqliteStore(join(config.dataDir, 'intake.db'));
}

let ready: Promise<Store> | undefined;

/** The process's store, migrated once; a failed start is retried on the next request. */
export function sharedStore(config: IntakeConfig): Promise<Store> {
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
