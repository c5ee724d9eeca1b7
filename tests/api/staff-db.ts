import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import pg from 'pg';

/**
 * Direct SQL on the server's database, for what a test must arrange or check
 * behind the API's back: the audit rows themselves, a session left idle, a
 * broken audit table. Placeholders are `?`; PostgreSQL gets `$n`.
 */
export interface TestDb {
  query: (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
  close: () => Promise<void>;
}

export function testDb(env: Record<string, string>): TestDb {
  if (env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: env.DATABASE_URL, options: `-c search_path=${env.DATABASE_SCHEMA}` });
    const connected = client.connect();
    return {
      async query(text, params = []) {
        await connected;
        let n = 0;
        return (await client.query(text.replace(/\?/g, () => `$${++n}`), params)).rows;
      },
      close: () => client.end(),
    };
  }
  const file = new DatabaseSync(join(env.DATA_DIR!, 'intake.db'));
  file.exec('PRAGMA busy_timeout = 5000');
  return {
    async query(text, params = []) {
      const statement = file.prepare(text);
      const values = params as (string | number | null)[];
      return /^\s*select/i.test(text) ? (statement.all(...values) as Record<string, unknown>[]) : (statement.run(...values), []);
    },
    close: async () => file.close(),
  };
}
