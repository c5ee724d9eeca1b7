import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { GROUP_LIMITS, NodeSqliteDialect } from '../../src/intake/node-sqlite';

interface Db {
  t: { id: number; flag: boolean | number; at: Date | string };
  parent: { id: number };
  child: { id: number; parent_id: number };
}

/** A database file in WAL mode, as the intake opens it, and a second connection to read it as another process would. */
function onDisk(limits = GROUP_LIMITS) {
  const file = join(mkdtempSync(join(tmpdir(), 'jobbtorg-')), 'group.db');
  const connection = new DatabaseSync(file);
  connection.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;');
  const db = new Kysely<Db>({ dialect: new NodeSqliteDialect(connection, limits) });
  const other = new DatabaseSync(file);
  const seen = () => (other.prepare('select id from t order by id').all() as { id: number }[]).map((r) => r.id);
  return { db, other, seen };
}

const createT = (db: Kysely<Db>) => sql`create table t (id integer primary key, flag integer not null, at text not null)`.execute(db);
const insert = (db: Kysely<Db>, id: number) => db.insertInto('t').values({ id, flag: true, at: new Date(0) }).execute();

describe('Kysely over node:sqlite', () => {
  it('binds yes/no as 0/1 and instants as ISO text, and reads back what RETURNING gives', async () => {
    const db = new Kysely<Db>({ dialect: new NodeSqliteDialect(new DatabaseSync(':memory:')) });
    await createT(db);
    const row = await db.insertInto('t').values({ id: 1, flag: true, at: new Date(0) }).returningAll().executeTakeFirstOrThrow();
    expect(row).toEqual({ id: 1, flag: 1, at: '1970-01-01T00:00:00.000Z' });
    const changed = await db.updateTable('t').set({ flag: false }).where('id', '=', 1).executeTakeFirst();
    expect(changed.numUpdatedRows).toBe(1n);
    expect(await db.selectFrom('t').select('flag').where('at', '<', new Date(1)).execute()).toEqual([{ flag: 0 }]);
    await db.destroy();
  });

  it('takes the write lock when a transaction begins, so another process waits at BEGIN', async () => {
    const { db, other } = onDisk();
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

describe('group commit', () => {
  it('runs concurrent transactions one at a time in arrival order, each seeing the ones before it', async () => {
    const { db, other } = onDisk();
    await createT(db);
    const ids = await Promise.all(
      Array.from({ length: 20 }, () =>
        db.transaction().execute(async (trx) => {
          const { n } = await trx.selectFrom('t').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
          await insert(trx, Number(n) + 1);
          return Number(n) + 1;
        }),
      ),
    );
    expect(ids).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    other.close();
    await db.destroy();
  });

  it('answers a commit only once another connection can read what it wrote, not when its savepoint is released', async () => {
    const { db, other, seen } = onDisk();
    await createT(db);
    const visibleWhenAnswered: number[][] = [];
    const visibleWhileRunning: number[][] = [];
    await Promise.all(
      [1, 2, 3, 4, 5].map((id) =>
        db
          .transaction()
          .execute(async (trx) => {
            // The members before this one have released their savepoints and are waiting for the COMMIT.
            visibleWhileRunning.push(seen());
            await insert(trx, id);
          })
          .then(() => visibleWhenAnswered.push(seen())),
      ),
    );
    expect(visibleWhileRunning).toEqual([[], [], [], [], []]);
    expect(visibleWhenAnswered).toEqual(Array.from({ length: 5 }, () => [1, 2, 3, 4, 5]));
    other.close();
    await db.destroy();
  });

  it('rolls back only the member that failed; the others commit', async () => {
    const { db, other, seen } = onDisk();
    await createT(db);
    const outcomes = await Promise.allSettled(
      [1, 2, 3].map((id) =>
        db.transaction().execute(async (trx) => {
          await insert(trx, id);
          if (id === 2) throw new Error('member 2 changed its mind');
        }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason.message).toBe('member 2 changed its mind');
    expect(seen()).toEqual([1, 3]);
    other.close();
    await db.destroy();
  });

  it('fails every member when the group COMMIT fails, and leaves nothing behind', async () => {
    const { db, other, seen } = onDisk();
    await createT(db);
    await sql`create table parent (id integer primary key)`.execute(db);
    // Checked at COMMIT, not when the member's savepoint is released: so the real COMMIT fails.
    await sql`create table child (id integer primary key, parent_id integer not null references parent (id) deferrable initially deferred)`.execute(db);
    const outcomes = await Promise.allSettled([
      db.transaction().execute((trx) => insert(trx, 1)),
      db.transaction().execute((trx) => trx.insertInto('child').values({ id: 1, parent_id: 99 }).execute()),
      db.transaction().execute((trx) => insert(trx, 3)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(outcomes.map((o) => (o as PromiseRejectedResult).reason.message)).toEqual(Array(3).fill('FOREIGN KEY constraint failed'));
    expect(seen()).toEqual([]);
    // The connection is usable again afterwards.
    await db.transaction().execute((trx) => insert(trx, 4));
    expect(seen()).toEqual([4]);
    other.close();
    await db.destroy();
  });

  it('fails the members before one whose error made SQLite roll back the whole transaction', async () => {
    const { db, other, seen } = onDisk();
    await createT(db);
    const outcomes = await Promise.allSettled([
      db.transaction().execute((trx) => insert(trx, 1)),
      // OR ROLLBACK: a conflict ends the whole transaction, not only this statement.
      db.transaction().execute(async (trx) => {
        await insert(trx, 2);
        await sql`insert or rollback into t (id, flag, at) values (2, 1, '')`.execute(trx);
      }),
      db.transaction().execute((trx) => insert(trx, 3)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect(seen()).toEqual([3]);
    other.close();
    await db.destroy();
  });

  it("keeps Kysely's own savepoints working inside a member", async () => {
    const { db, other, seen } = onDisk();
    await createT(db);
    const trx = await db.startTransaction().execute();
    await insert(trx, 1);
    const inner = await trx.savepoint('second_thoughts').execute();
    await insert(inner, 2);
    await inner.rollbackToSavepoint('second_thoughts').execute();
    await trx.commit().execute();
    expect(seen()).toEqual([1]);
    other.close();
    await db.destroy();
  });

  it('commits a group once it has as many members as allowed, and starts another', async () => {
    const { db, other, seen } = onDisk({ members: 2, milliseconds: 60_000 });
    await createT(db);
    const visibleWhileRunning: number[][] = [];
    await Promise.all(
      [1, 2, 3, 4, 5].map((id) =>
        db.transaction().execute(async (trx) => {
          visibleWhileRunning.push(seen());
          await insert(trx, id);
        }),
      ),
    );
    expect(visibleWhileRunning).toEqual([[], [], [1, 2], [1, 2], [1, 2, 3, 4]]);
    expect(seen()).toEqual([1, 2, 3, 4, 5]);
    other.close();
    await db.destroy();
  });

  it('commits the open group before a statement outside any transaction runs', async () => {
    const { db, other, seen } = onDisk();
    await createT(db);
    let committed = false;
    const member = db.transaction().execute((trx) => insert(trx, 1)).then(() => (committed = true));
    // Queued behind the member: by the time it runs, the member has released its savepoint but not committed.
    const outside = db.selectFrom('t').select('id').execute().then((rows) => ({ rows, visible: seen() }));
    expect(await outside).toEqual({ rows: [{ id: 1 }], visible: [1] });
    await member;
    expect(committed).toBe(true);
    other.close();
    await db.destroy();
  });
});
