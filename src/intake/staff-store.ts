import type { Kysely, Selectable } from 'kysely';
import type { Database, StaffAccountsTable, StaffAuditTable, StaffKeysTable } from './tables.ts';

/**
 * The staff workspace's tables (accounts, sessions, integration keys, audit
 * trail), on the same Kysely instance as the intake store. Nothing here reads
 * a booking: staff pages read bookings only through IntakeStore, whose one
 * row mapping is where personal columns are handled.
 */

export type Role = 'caseworker' | 'reception' | 'admin';

export interface StaffAccount {
  id: string;
  email: string;
  role: Role;
  centres: string[];
  source: 'local' | 'oidc';
  passwordHash: string | null;
  totpSecret: string | null;
  totpLastStep: number | null;
  setupExpiresAt: Date | null;
  failedSignIns: number;
  lockedUntil: Date | null;
  disabledAt: Date | null;
  createdAt: Date;
}

export interface StaffKey {
  id: string;
  name: string;
  centres: string[];
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface AuditEntry {
  actorKind: 'staff' | 'key' | 'system';
  actorId: string;
  action: string;
  bookingRefs: readonly string[];
  location?: string | null | undefined;
  detail?: string | null | undefined;
  requestId?: string | null | undefined;
}

/** A staff change's audit row could not be written (the trail is down): the change rolls back with it. */
export class AuditRowRefused extends Error {}

/**
 * Appends a staff change's audit row inside the change's own transaction, so
 * the two are stored together or not at all. A refusal is AuditRowRefused,
 * told apart from the change itself failing (the database gone, a fault).
 */
export async function appendInChange(trx: Kysely<Database>, entry: AuditEntry, at: Date): Promise<void> {
  try {
    await new StaffStore(trx).appendAudit(entry, at);
  } catch (error) {
    throw new AuditRowRefused('the audit row was refused', { cause: error });
  }
}

export interface AuditRow extends Omit<AuditEntry, 'bookingRefs'> {
  id: number;
  at: Date;
  bookingRefs: string[];
}

export interface AuditFilter {
  from?: Date | undefined;
  to?: Date | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  reference?: string | undefined;
  limit?: number | undefined;
}

const date = (v: Date | string) => new Date(v);
const maybeDate = (v: Date | string | null) => (v === null ? null : new Date(v));
const list = (v: string) => (v === '' ? [] : v.split(','));

function toAccount(row: Selectable<StaffAccountsTable>): StaffAccount {
  return {
    id: row.id,
    email: row.email,
    role: row.role as Role,
    centres: list(row.centres),
    source: row.source as 'local' | 'oidc',
    passwordHash: row.passwordHash,
    totpSecret: row.totpSecret,
    totpLastStep: row.totpLastStep === null ? null : Number(row.totpLastStep),
    setupExpiresAt: maybeDate(row.setupExpiresAt),
    failedSignIns: Number(row.failedSignIns),
    lockedUntil: maybeDate(row.lockedUntil),
    disabledAt: maybeDate(row.disabledAt),
    createdAt: date(row.createdAt),
  };
}

function toKey(row: Selectable<StaffKeysTable>): StaffKey {
  return { id: row.id, name: row.name, centres: list(row.centres), createdBy: row.createdBy, createdAt: date(row.createdAt), revokedAt: maybeDate(row.revokedAt) };
}

function toAudit(row: Selectable<StaffAuditTable>): AuditRow {
  return {
    id: Number(row.id),
    at: date(row.at),
    actorKind: row.actorKind as AuditEntry['actorKind'],
    actorId: row.actorId,
    action: row.action,
    bookingRefs: list(row.bookingRefs),
    location: row.location,
    detail: row.detail,
    requestId: row.requestId,
  };
}

export class StaffStore {
  private readonly db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  // Accounts

  async addAccount(a: { id: string; email: string; role: Role; centres: readonly string[]; source: 'local' | 'oidc'; totpSecret: string | null; setupTokenHash: string | null; setupExpiresAt: Date | null; now: Date }): Promise<boolean> {
    const row = await this.db
      .insertInto('staffAccounts')
      .values({
        id: a.id,
        email: a.email,
        role: a.role,
        centres: a.centres.join(','),
        source: a.source,
        passwordHash: null,
        totpSecret: a.totpSecret,
        setupTokenHash: a.setupTokenHash,
        setupExpiresAt: a.setupExpiresAt,
        lockedUntil: null,
        disabledAt: null,
        createdAt: a.now,
      })
      .onConflict((oc) => oc.column('email').doNothing())
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  async accounts(): Promise<StaffAccount[]> {
    return (await this.db.selectFrom('staffAccounts').selectAll().orderBy('email').execute()).map(toAccount);
  }

  async accountByEmail(email: string): Promise<StaffAccount | undefined> {
    const row = await this.db.selectFrom('staffAccounts').selectAll().where('email', '=', email).executeTakeFirst();
    return row && toAccount(row);
  }

  async accountById(id: string): Promise<StaffAccount | undefined> {
    const row = await this.db.selectFrom('staffAccounts').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toAccount(row);
  }

  async accountBySetupToken(tokenHash: string): Promise<StaffAccount | undefined> {
    const row = await this.db.selectFrom('staffAccounts').selectAll().where('setupTokenHash', '=', tokenHash).executeTakeFirst();
    return row && toAccount(row);
  }

  /** Sets the password once: only while the link is still the one presented, which it then stops being. */
  async completeSetup(id: string, tokenHash: string, passwordHash: string, totpStep: number): Promise<boolean> {
    const done = await this.db
      .updateTable('staffAccounts')
      .set({ passwordHash, setupTokenHash: null, setupExpiresAt: null, totpLastStep: totpStep, failedSignIns: 0, lockedUntil: null })
      .where('id', '=', id)
      .where('setupTokenHash', '=', tokenHash)
      .executeTakeFirst();
    return done.numUpdatedRows > 0n;
  }

  async setDisabled(id: string, at: Date | null): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('staffAccounts').set({ disabledAt: at }).where('id', '=', id).execute();
      if (at) await trx.deleteFrom('staffSessions').where('accountId', '=', id).execute();
    });
  }

  /** A new set-up link and second factor; the old password and every session end. */
  async resetAccount(id: string, totpSecret: string, setupTokenHash: string, setupExpiresAt: Date): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('staffAccounts')
        .set({ passwordHash: null, totpSecret, totpLastStep: null, setupTokenHash, setupExpiresAt, failedSignIns: 0, lockedUntil: null })
        .where('id', '=', id)
        .execute();
      await trx.deleteFrom('staffSessions').where('accountId', '=', id).execute();
    });
  }

  /** Counts a failed sign-in; from the `limit`th in a row the account is locked until `lockUntil`. */
  async recordFailure(id: string, limit: number, lockUntil: Date): Promise<void> {
    await this.db
      .updateTable('staffAccounts')
      .set((eb) => ({
        failedSignIns: eb('failedSignIns', '+', 1),
        lockedUntil: eb.case().when('failedSignIns', '>=', limit - 1).then(lockUntil).else(eb.ref('lockedUntil')).end().$castTo<Date | null>(),
      }))
      .where('id', '=', id)
      .execute();
  }

  /**
   * A successful sign-in: the failure count starts again, and the TOTP step
   * is taken, once; a second use of the same code (or an older one) loses.
   */
  async acceptSignIn(id: string, totpStep: number | null): Promise<boolean> {
    let q = this.db.updateTable('staffAccounts').set({ failedSignIns: 0, lockedUntil: null, totpLastStep: totpStep }).where('id', '=', id);
    if (totpStep !== null) q = q.where((eb) => eb.or([eb('totpLastStep', 'is', null), eb('totpLastStep', '<', totpStep)]));
    return (await q.executeTakeFirst()).numUpdatedRows > 0n;
  }

  /** Accounts signed in through OpenID Connect: made on first sign-in, their role and centres from the latest claims. */
  async upsertOidcAccount(a: { id: string; email: string; role: Role; centres: readonly string[]; now: Date }): Promise<StaffAccount | undefined> {
    await this.db
      .insertInto('staffAccounts')
      .values({ id: a.id, email: a.email, role: a.role, centres: a.centres.join(','), source: 'oidc', passwordHash: null, totpSecret: null, setupTokenHash: null, setupExpiresAt: null, lockedUntil: null, disabledAt: null, createdAt: a.now })
      .onConflict((oc) => oc.column('email').doUpdateSet({ role: a.role, centres: a.centres.join(',') }).where('staffAccounts.source', '=', 'oidc'))
      .execute();
    const account = await this.accountByEmail(a.email);
    return account?.source === 'oidc' ? account : undefined;
  }

  // Sessions

  async createSession(s: { tokenHash: string; accountId: string; csrfToken: string; now: Date }): Promise<void> {
    await this.db.insertInto('staffSessions').values({ tokenHash: s.tokenHash, accountId: s.accountId, csrfToken: s.csrfToken, createdAt: s.now, lastSeenAt: s.now }).execute();
  }

  async session(tokenHash: string): Promise<{ accountId: string; csrfToken: string; createdAt: Date; lastSeenAt: Date } | undefined> {
    const row = await this.db.selectFrom('staffSessions').select(['accountId', 'csrfToken', 'createdAt', 'lastSeenAt']).where('tokenHash', '=', tokenHash).executeTakeFirst();
    return row && { ...row, createdAt: date(row.createdAt), lastSeenAt: date(row.lastSeenAt) };
  }

  async touchSession(tokenHash: string, now: Date): Promise<void> {
    await this.db.updateTable('staffSessions').set({ lastSeenAt: now }).where('tokenHash', '=', tokenHash).execute();
  }

  async endSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('staffSessions').where('tokenHash', '=', tokenHash).execute();
  }

  async endSessionsOf(accountId: string): Promise<void> {
    await this.db.deleteFrom('staffSessions').where('accountId', '=', accountId).execute();
  }

  // Integration keys

  async addKey(k: { id: string; name: string; centres: readonly string[]; keyHash: string; createdBy: string; now: Date }): Promise<void> {
    await this.db.insertInto('staffKeys').values({ id: k.id, name: k.name, centres: k.centres.join(','), keyHash: k.keyHash, createdBy: k.createdBy, createdAt: k.now, revokedAt: null }).execute();
  }

  async keys(): Promise<StaffKey[]> {
    return (await this.db.selectFrom('staffKeys').selectAll().orderBy('createdAt', 'desc').execute()).map(toKey);
  }

  async keyByHash(keyHash: string): Promise<StaffKey | undefined> {
    const row = await this.db.selectFrom('staffKeys').selectAll().where('keyHash', '=', keyHash).executeTakeFirst();
    return row && toKey(row);
  }

  /**
   * Runs a change of the workspace's own rows (an integration key) with its
   * audit row, in one transaction (appendInChange); no row when `entry` gives
   * none (nothing changed).
   */
  async changeWithAudit<T>(change: (staff: StaffStore) => Promise<T>, entry: (result: T) => AuditEntry | undefined, at: Date): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      const result = await change(new StaffStore(trx));
      const row = entry(result);
      if (row) await appendInChange(trx, row, at);
      return result;
    });
  }

  async revokeKey(id: string, now: Date): Promise<boolean> {
    const done = await this.db.updateTable('staffKeys').set({ revokedAt: now }).where('id', '=', id).where('revokedAt', 'is', null).executeTakeFirst();
    return done.numUpdatedRows > 0n;
  }

  // Audit trail

  async appendAudit(e: AuditEntry, at: Date): Promise<void> {
    await this.db
      .insertInto('staffAudit')
      .values({
        at,
        actorKind: e.actorKind,
        actorId: e.actorId,
        action: e.action,
        bookingRefs: e.bookingRefs.join(','),
        location: e.location ?? null,
        detail: e.detail ?? null,
        requestId: e.requestId ?? null,
      })
      .execute();
  }

  /** The newest entries first, filtered. */
  async audit(f: AuditFilter = {}): Promise<AuditRow[]> {
    let q = this.db.selectFrom('staffAudit').selectAll();
    if (f.from) q = q.where('at', '>=', f.from);
    if (f.to) q = q.where('at', '<', f.to);
    if (f.actorId) q = q.where('actorId', '=', f.actorId);
    if (f.action) q = q.where('action', '=', f.action);
    // References are fixed-length (JT- and six characters), so a LIKE on the joined list cannot match a part of another.
    if (f.reference) q = q.where('bookingRefs', 'like', `%${f.reference}%`);
    const rows = await q.orderBy('id', 'desc').limit(f.limit ?? 500).execute();
    return rows.map(toAudit);
  }
}
