import { randomUUID } from 'node:crypto';
import pg from 'pg';

export const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Creates a schema of its own for this run; undefined when PostgreSQL does not answer. */
export async function freshSchema(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    const schema = `test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    await client.query(`CREATE SCHEMA ${schema}`);
    return schema;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => {});
  }
}
