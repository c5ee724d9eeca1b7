import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import {
  createQueryId,
  IdentifierNode,
  RawNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';

/**
 * Kysely over Node's built-in `node:sqlite`, with group commit.
 *
 * A durable commit (WAL, synchronous = FULL) waits for the disk once per
 * COMMIT, and node:sqlite is synchronous, so the whole process waits with it.
 * One COMMIT per booking caps the intake at the disk's fsync rate. Instead,
 * the transactions that arrive while one is running share one real
 * transaction: each runs as a SAVEPOINT inside one BEGIN IMMEDIATE … COMMIT,
 * in arrival order, one at a time, each seeing the ones before it as if they
 * had committed. A caller's commit releases its savepoint and then waits for
 * the group's COMMIT, so nobody is told "committed" before the data is on
 * disk; a rollback undoes only that caller's savepoint; a failed COMMIT fails
 * every member. The group commits as soon as nobody holds or waits for the
 * connection (on the next turn of the event loop), or when it reaches
 * GROUP_LIMITS, so a steady stream cannot keep it open.
 *
 * (Kysely's own SQLite dialect is written for better-sqlite3 and holds its
 * connection mutex until a commit returns, which would leave every group a
 * group of one; kysely-sqlite on npm, 0.2.0, is a one-maintainer copy of it
 * that begins its transactions deferred.)
 */

/** A group takes no new members once it has this many, or once it has been open this long. */
export const GROUP_LIMITS = { members: 256, milliseconds: 20 };

/** How many prepared statements the connection keeps: the intake's queries, with room to spare. */
const STATEMENT_CACHE = 200;

/** node:sqlite binds numbers, strings, bigints, bytes and null: instants are stored as ISO text, flags as 0/1. */
function bind(value: unknown): SQLInputValue {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value as SQLInputValue;
}

const savepointCommand = (command: string, name: string) =>
  RawNode.createWithChildren([RawNode.createWithSql(`${command} `), IdentifierNode.create(name)]);

/** One real transaction and the promise its members wait on. */
interface Group {
  members: number;
  openedAt: number;
  durable: Promise<void>;
  settle: (error?: unknown) => void;
}

function openGroup(): Group {
  let settle!: Group['settle'];
  const durable = new Promise<void>((resolve, reject) => {
    settle = (error) => (error === undefined ? resolve() : reject(error));
  });
  // A group whose members all rolled back has nobody waiting on it.
  durable.catch(() => {});
  return { members: 0, openedAt: performance.now(), durable, settle };
}

/** One caller's turn on the connection, from acquireConnection to releaseConnection (or to its commit). */
class Turn implements DatabaseConnection {
  holdsConnection = true;
  /** The savepoint of this caller's transaction, and the group it belongs to, while it runs. */
  member: { savepoint: string; group: Group } | undefined;
  readonly #driver: GroupCommitDriver;

  constructor(driver: GroupCommitDriver) {
    this.#driver = driver;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.#driver.execute<R>(this, query);
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    for (const row of this.#driver.iterate(this, query)) yield { rows: [row as R] };
  }
}

class GroupCommitDriver implements Driver {
  readonly #db: DatabaseSync;
  readonly #limits: typeof GROUP_LIMITS;
  /** Whether a turn holds the connection, and the callers waiting for it, first come first served. */
  #held = false;
  readonly #queue: Array<() => void> = [];
  #group: Group | undefined;
  #commitScheduled = false;
  #savepoints = 0;
  /** Prepared statements by their SQL, least recently used first: Kysely writes the same SQL for the same query, and preparing it again cost as much as running it. */
  readonly #statements = new Map<string, { statement: StatementSync; reader: boolean }>();

  constructor(db: DatabaseSync, limits: typeof GROUP_LIMITS) {
    this.#db = db;
    this.#limits = limits;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#held) await new Promise<void>((resolve) => this.#queue.push(resolve));
    this.#held = true;
    return new Turn(this);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.#hand(connection as Turn);
  }

  /**
   * Every transaction takes the write lock when it begins (its group's BEGIN
   * IMMEDIATE), so two processes on one file (the server and `intake:purge`)
   * queue at BEGIN, within busy_timeout, rather than one failing when it
   * upgrades a read lock to write.
   */
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const turn = connection as Turn;
    const open = this.#group;
    if (open && (open.members >= this.#limits.members || performance.now() - open.openedAt >= this.#limits.milliseconds)) this.#commit();
    if (!this.#group) {
      this.#db.exec('BEGIN IMMEDIATE');
      this.#group = openGroup();
    }
    const savepoint = `group_member_${(this.#savepoints += 1)}`;
    this.#db.exec(`SAVEPOINT ${savepoint}`);
    this.#group.members += 1;
    turn.member = { savepoint, group: this.#group };
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const turn = connection as Turn;
    const { savepoint, group } = turn.member!;
    this.#db.exec(`RELEASE ${savepoint}`);
    turn.member = undefined;
    // The next caller may run while this one waits for the disk: that is the point.
    this.#hand(turn);
    await group.durable;
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const turn = connection as Turn;
    // Nothing to undo when the commit itself failed: its group has rolled back already.
    if (!turn.member) return;
    const { savepoint, group } = turn.member;
    turn.member = undefined;
    if (this.#db.isTransaction) {
      this.#db.exec(`ROLLBACK TO ${savepoint}`);
      this.#db.exec(`RELEASE ${savepoint}`);
      return;
    }
    // SQLite rolled the whole transaction back (a full disk, an I/O error): the members before this one are lost too.
    if (this.#group === group) this.#group = undefined;
    group.settle(new Error('SQLite rolled back the transaction this one was grouped with'));
  }

  async destroy(): Promise<void> {
    if (this.#group) this.#commit();
    this.#db.close();
  }

  // Kysely's own savepoints, inside a caller's transaction (its name quoted as Kysely's SQLite driver does).
  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await connection.executeQuery(compile(savepointCommand('savepoint', name), createQueryId()));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await connection.executeQuery(compile(savepointCommand('rollback to', name), createQueryId()));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await connection.executeQuery(compile(savepointCommand('release', name), createQueryId()));
  }

  execute<R>(turn: Turn, query: CompiledQuery): QueryResult<R> {
    this.#outsideGroup(turn);
    const { statement, reader } = this.#prepared(query.sql);
    const parameters = query.parameters.map(bind);
    if (reader) return { rows: statement.all(...parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(...parameters);
    return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
  }

  #prepared(sql: string): { statement: StatementSync; reader: boolean } {
    let entry = this.#statements.get(sql);
    if (entry) {
      this.#statements.delete(sql);
    } else {
      const statement = this.#db.prepare(sql);
      // A statement that yields columns (a SELECT, or a change with RETURNING) is read with all().
      entry = { statement, reader: statement.columns().length > 0 };
      if (this.#statements.size >= STATEMENT_CACHE) this.#statements.delete(this.#statements.keys().next().value!);
    }
    this.#statements.set(sql, entry);
    return entry;
  }

  iterate(turn: Turn, query: CompiledQuery): Iterable<unknown> {
    this.#outsideGroup(turn);
    // A statement of its own: a cached one could be run again while this iteration is open.
    return this.#db.prepare(query.sql).iterate(...query.parameters.map(bind));
  }

  /**
   * A statement outside a transaction would otherwise run inside the open
   * group: a write would answer before it is durable, a read would see the
   * group's members before they are. The group commits first.
   */
  #outsideGroup(turn: Turn): void {
    if (!turn.holdsConnection) throw new Error('this connection was already handed on');
    if (!turn.member && this.#group) this.#commit();
  }

  /** Hands the connection to the next caller in line, or, with nobody waiting, lets the group commit. */
  #hand(turn: Turn): void {
    if (!turn.holdsConnection) return;
    turn.holdsConnection = false;
    const next = this.#queue.shift();
    if (next) {
      next();
      return;
    }
    this.#held = false;
    if (this.#group && !this.#commitScheduled) {
      this.#commitScheduled = true;
      // After the callbacks already due (requests already read) have had their turn and joined.
      setImmediate(() => {
        this.#commitScheduled = false;
        if (!this.#held && this.#group) this.#commit();
      });
    }
  }

  /** The real COMMIT (the fsync), run while no member is between its statements. */
  #commit(): void {
    const group = this.#group!;
    this.#group = undefined;
    try {
      this.#db.exec('COMMIT');
      group.settle();
    } catch (error) {
      // A COMMIT that fails (a deferred constraint, an I/O error) may leave the transaction open.
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      group.settle(error);
    }
  }
}

/** SQLite does roll DDL back; saying so makes Kysely's Migrator apply each run in one (IMMEDIATE) transaction. */
class GroupCommitAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }

  /**
   * The driver queues callers for its one connection itself. Kysely's own
   * queue (for adapters without several connections) would hold the
   * connection until a commit returns, that is until its group's COMMIT.
   */
  override get supportsMultipleConnections(): boolean {
    return true;
  }
}

export class NodeSqliteDialect implements Dialect {
  readonly #db: DatabaseSync;
  readonly #limits: typeof GROUP_LIMITS;

  constructor(db: DatabaseSync, limits: typeof GROUP_LIMITS = GROUP_LIMITS) {
    this.#db = db;
    this.#limits = limits;
  }

  createDriver(): Driver {
    return new GroupCommitDriver(this.#db, this.#limits);
  }

  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }

  createAdapter() {
    return new GroupCommitAdapter();
  }

  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db);
  }
}
