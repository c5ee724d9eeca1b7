import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { NodeSqliteDialect } from '../../src/intake/node-sqlite';

interface Db {
  t: { id: number; flag: boolean | number; at: Date | string };
}

describe('Kysely over node:sqlite', () => {
  it('binds yes/no as 0/1 and instants as ISO text, and reads back what RETURNING gives', async () => {
    const db = new Kysely<Db>({ dialect: new NodeSqliteDialect(new DatabaseSync(':memory:')) });
    await sql`create table t (id integer primary key, flag integer not null, at text not null)`.execute(db);
    const row = await db.insertInto('t').values({ id: 1, flag: true, at: new Date(0) }).returningAll().executeTakeFirstOrThrow();
    expect(row).toEqual({ id: 1, flag: 1, at: '1970-01-01T00:00:00.000Z' });
    const changed = await db.updateTable('t').set({ flag: false }).where('id', '=', 1).executeTakeFirst();
    expect(changed.numUpdatedRows).toBe(1n);
    expect(await db.selectFrom('t').select('flag').where('at', '<', new Date(1)).execute()).toEqual([{ flag: 0 }]);
    await db.destroy();
  });

  it('takes the write lock when a transaction begins, so another process waits at BEGIN', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'jobbtorg-')), 'lock.db');
    const db = new Kysely<Db>({ dialect: new NodeSqliteDialect(new DatabaseSync(file)) });
    const other = new DatabaseSync(file);
    other.exec('PRAGMA busy_timeout = 0');
    await db.transaction().execute(async () => {
      // Nothing read or written yet: a deferred BEGIN would hold no lock here.
      expect(() => other.exec('BEGIN IMMEDIATE')).toThrow(/locked/);
    });
    other.exec('BEGIN IMMEDIATE');
    other.exec('ROLLBACK');
    other.close();
    await db.destroy();
  });
});
